"""The `haven` command."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys

from service import db
from service.settings import Settings, documented


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        _check(Settings.from_env())
    except ValueError as problem:
        print(f"haven: {problem}", file=sys.stderr)
        return 2
    return args.run(args) or 0


def _check(settings: Settings) -> None:
    """Settings that would otherwise fail on first use fail here, before anything starts."""
    from care_plans.cadence import holiday_calendar
    from milestones.ages import convention
    from service.clock import named

    named(settings.timezone)
    holiday_calendar(settings.review_holidays)
    convention(settings.corrected_age_convention)
    settings.proxy_networks()
    unknown = settings.roles_needing_two_factor() - {"caseworker", "therapist", "supervisor", "admin", "manager"}
    if unknown:
        raise ValueError(f"HAVEN_TWO_FACTOR_ROLES: {', '.join(sorted(unknown))} is not a role")


def _parser() -> argparse.ArgumentParser:
    settings_help = "\n".join(f"  {name:28} {text}" for name, _, text in documented())
    p = argparse.ArgumentParser(
        prog="haven", description="Haven: care and development tracking for child survivors.",
        epilog="configuration (environment):\n" + settings_help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(required=True, metavar="command")
    sub.add_parser("init", help="create or migrate the database (safe to repeat)").set_defaults(run=cmd_init)
    s = sub.add_parser("serve", help="run the web service (and the alert scan)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--demo", action="store_true", help="fill an empty database with a demo first")
    s.add_argument("--no-scheduler", action="store_true", help="serve only; scan elsewhere")
    s.set_defaults(run=cmd_serve)
    sub.add_parser("worker", help="run the alert scan schedule alone").set_defaults(run=cmd_worker)
    s = sub.add_parser("scan", help="evaluate every alert rule once and print a JSON summary")
    s.add_argument("--at", type=_instant, default=None, help="as of this instant (ISO 8601)")
    s.add_argument("--full", action="store_true",
                   help="evaluate every child, not only those changed or due (same alerts, more work)")
    s.set_defaults(run=cmd_scan)
    t = sub.add_parser("audit", help="the audit trail").add_subparsers(required=True, metavar="action")
    t.add_parser("verify", help="walk the trail's hash chain; exit 1 naming the first entry that "
                 "does not fit").set_defaults(run=cmd_audit_verify)
    u = sub.add_parser("user", help="manage staff accounts").add_subparsers(required=True, metavar="action")
    a = u.add_parser("add", help="add a staff account; the password is read from standard input")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=["caseworker", "therapist", "supervisor", "admin", "manager"])
    a.add_argument("--team")
    a.add_argument("--email", default="")
    a.add_argument("--password-stdin", action="store_true", required=True)
    a.set_defaults(run=cmd_user_add)
    d = sub.add_parser("demo", help="fill an empty database with a lived-in demo")
    d.add_argument("--synthetic", type=_positive, metavar="N", default=None,
                   help="instead, write N generated children with years of history (bulk, fast)")
    d.add_argument("--seed", type=_not_negative, default=None,
                   help="with --synthetic: the same seed gives the same children (default 1)")
    d.set_defaults(run=cmd_demo)
    e = sub.add_parser("export", help="take data out of Haven").add_subparsers(required=True, metavar="what")
    c = e.add_parser("caseload", help="a team's caseload with due dates and risk levels (no notes), "
                     "audited as one entry naming every child")
    c.add_argument("--team", required=True)
    c.add_argument("--format", choices=["csv"], default="csv")
    c.add_argument("--output", default="-", help="a file to write (default: standard output)")
    c.set_defaults(run=cmd_export_caseload)
    b = sub.add_parser("backup", help="copy the SQLite database consistently, even while serving")
    b.add_argument("path")
    b.set_defaults(run=cmd_backup)
    return p


def _instant(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2027-03-01T09:00:00Z")
    return value.astimezone(dt.timezone.utc)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _not_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def cmd_init(args) -> int:
    asyncio.run(_init())
    print("Database is ready.")
    return 0


async def _init() -> None:
    await db.migrate()
    from milestones import catalogue  # loaded idempotently, with its sources
    from scheduler import weights

    await db.start()
    try:
        await catalogue.load()
        await weights.load()
    finally:
        await db.stop()


def cmd_serve(args) -> int:
    import uvicorn

    from service.app import create_app

    asyncio.run(_init())
    if args.demo:
        asyncio.run(_demo(print_logins=True))
    app = create_app(run_scheduler=False if args.no_scheduler else None)
    # Haven reads X-Forwarded-For itself, and only from HAVEN_TRUSTED_PROXIES: uvicorn's own
    # trust (of 127.0.0.1 by default) would let anything on the host choose its address.
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", proxy_headers=False,
                timeout_keep_alive=Settings.from_env().keep_alive_seconds)
    return 0


def cmd_worker(args) -> int:
    from scheduler import wiring

    asyncio.run(_init())
    asyncio.run(wiring.run_forever(Settings.from_env()))
    return 0


def cmd_scan(args) -> int:
    from scheduler import scan

    async def go():
        await db.start()
        try:
            return await scan.scan(args.at or _now(), Settings.from_env(), full=args.full)
        finally:
            await db.stop()

    asyncio.run(_init())
    summary = asyncio.run(go())
    print(json.dumps(summary, sort_keys=True, default=str))
    return 3 if "skipped" in summary else 0  # cron and drills see a skipped scan


def cmd_user_add(args) -> int:
    from service.accounts import services
    from service.errors import Conflict, Invalid

    password = sys.stdin.readline().rstrip("\n")

    async def go():
        await db.start()
        try:
            async with db.writing():
                await services.add_user(args.name, args.role, password, services.operator(_now()), team=args.team,
                                        email=args.email)
        finally:
            await db.stop()

    asyncio.run(_init())
    try:
        asyncio.run(go())
    except (Invalid, Conflict) as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 2
    print(f"Added {args.role} {args.name}" + (f" to team {args.team}" if args.team else "") + ".")
    return 0


def cmd_demo(args) -> int:
    if args.seed is not None and args.synthetic is None:
        print("haven: --seed goes with --synthetic N", file=sys.stderr)
        return 2
    asyncio.run(_init())
    if args.synthetic is not None:
        return _synthetic(args.synthetic, 1 if args.seed is None else args.seed)
    asyncio.run(_demo(print_logins=True))
    return 0


def _synthetic(count: int, seed: int) -> int:
    from service import synthetic

    try:
        done = asyncio.run(synthetic.generate(count, seed=seed, now=_now()))
    except synthetic.Refused as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 1
    rows = done["tables"]
    print(f"Wrote {rows['child']:,} children in {done['seconds']} s: "
          + ", ".join(f"{n:,} {table}" for table, n in rows.items() if table != "child") + ".")
    print("Time: " + ", ".join(f"{phase} {seconds} s" for phase, seconds in done["phases"].items()))
    print(f"Logins: every account named {done['usernames']} (e.g. {done['supervisor']}), "
          f"password {done['password']}")
    return 0


async def _demo(print_logins: bool) -> None:
    from service.demo import fill

    await db.start()
    try:
        logins = await fill(_now())
    finally:
        await db.stop()
    if print_logins:
        _print_logins(logins)


def _print_logins(logins) -> None:
    if not logins:
        print("The database already holds data; the demo was not added.")
        return
    width = max(len(username) for username, *_ in logins)
    print("Demo logins (username, role, team, password):")
    for username, role, team, password in logins:
        print(f"  {username:{width}}  {role:11} {team or '-':6} {password}")


def cmd_audit_verify(args) -> int:
    from service.audit import chain

    async def go():
        async with db.reading():
            return await chain.verify()

    asyncio.run(_init())
    found = asyncio.run(go())
    print(json.dumps(found, sort_keys=True))
    return 0 if found["ok"] else 1


def cmd_export_caseload(args) -> int:
    from service.accounts import services
    from service.errors import Invalid
    from service.reports import caseload

    async def go():
        await db.start()
        try:
            return await caseload.export(args.team, services.operator(_now()))
        finally:
            await db.stop()

    asyncio.run(_init())
    try:
        text = asyncio.run(go())
    except Invalid as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 2
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    return 0


def cmd_backup(args) -> int:
    from service.backup import backup

    try:
        size = backup(Settings.from_env(), args.path)
    except ValueError as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 2
    print(f"Backed up {size} bytes to {args.path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
