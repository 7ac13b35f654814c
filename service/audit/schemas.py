import msgspec


class AuditOut(msgspec.Struct):
    id: str
    at: str
    actor: str
    actor_role: str
    action: str
    record_type: str
    record_id: str
    child_id: str | None
    source: str
    reason: str | None


def audit_out(row: dict) -> AuditOut:
    return AuditOut(
        id=str(row["id"]), at=row["at"].isoformat(), actor=row["actor"],
        actor_role=row["actor_role"], action=row["action"], record_type=row["record_type"],
        record_id=row["record_id"], child_id=row["child_id"], source=row["source"],
        reason=row["reason"],
    )
