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

    _check_database(settings)
    import care_plans.referral_clocks  # noqa: F401  (a clock file that cannot be read stops here)
    named(settings.timezone)
    holiday_calendar(settings.review_holidays)
    convention(settings.corrected_age_convention)
    settings.proxy_networks()
    unknown = settings.roles_needing_two_factor() - {"caseworker", "therapist", "supervisor", "admin", "manager"}
    if unknown:
        raise ValueError(f"HAVEN_TWO_FACTOR_ROLES: {', '.join(sorted(unknown))} is not a role")


def _check_database(settings: Settings) -> None:
    url = settings.database_url
    if not url.startswith(("sqlite:///", "postgres://", "postgresql://")) or url == "sqlite:///":
        raise ValueError(f"HAVEN_DATABASE_URL: expected sqlite:///path/to/haven.db or "
                         f"postgresql://user@host:port/database, not {url!r}")
    if settings.is_postgres:
        asyncio.run(_reach_postgres(url))


async def _reach_postgres(url: str) -> None:
    """One short connection, so an unreachable server is a sentence naming the setting, not a
    traceback from deep inside the first query."""
    import asyncpg

    try:
        conn = await asyncpg.connect(url, timeout=10)
    except (OSError, asyncio.TimeoutError, asyncpg.PostgresError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ValueError(f"HAVEN_DATABASE_URL: cannot reach PostgreSQL at {_without_password(url)} ({reason})") from None
    await conn.close()


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("haven")
    except PackageNotFoundError:
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    settings_help = "\n".join(f"  {name:28} {text}" for name, _, text in documented())
    p = argparse.ArgumentParser(
        prog="haven", description="Haven: care and development tracking for child survivors.",
        epilog="configuration (environment):\n" + settings_help,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"haven {_version()}")
    sub = p.add_subparsers(required=True, metavar="command")
    sub.add_parser("init", help="create or migrate the database (safe to repeat)").set_defaults(run=cmd_init)
    s = sub.add_parser("serve", help="run the web service (and the alert scan)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
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
    a.add_argument("name", help="the username: lowercase letters, digits, dots, dashes, underscores")
    a.add_argument("--role", required=True, choices=["caseworker", "therapist", "supervisor", "admin", "manager"],
                   help="what the account may do")
    a.add_argument("--team", help="the team's name (required for caseworkers and supervisors)")
    a.add_argument("--email", default="", help="where alert emails go")
    a.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from the first line of standard input (never the command line)")
    a.set_defaults(run=cmd_user_add)
    u.add_parser("list", help="every account: username, role, team, active").set_defaults(run=cmd_user_list)
    a = u.add_parser("passwd", help="set an account's password from standard input; its sign-ins end")
    a.add_argument("name", help="the username")
    a.add_argument("--password-stdin", action="store_true", required=True,
                   help="read the password from the first line of standard input (never the command line)")
    a.set_defaults(run=cmd_user_passwd)
    a = u.add_parser("deactivate", help="stop an account from signing in; its sign-ins end now")
    a.add_argument("name", help="the username")
    a.set_defaults(run=cmd_user_deactivate)
    d = sub.add_parser("demo", help="fill an empty database with a lived-in demo")
    d.add_argument("--synthetic", type=_positive, metavar="N", default=None,
                   help="instead, write N generated children with years of history (bulk, fast)")
    d.add_argument("--seed", type=_not_negative, default=None,
                   help="with --synthetic: the same seed gives the same children (default 1)")
    d.set_defaults(run=cmd_demo)
    e = sub.add_parser("export", help="extracts of the data").add_subparsers(required=True, metavar="kind")
    x = e.add_parser("research", help="a de-identified extract for research: CSV files and a manifest")
    x.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True, metavar="DAY",
                   help="first day (YYYY-MM-DD)")
    x.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True, metavar="DAY",
                   help="last day (YYYY-MM-DD)")
    x.add_argument("--k", type=_positive, default=None, help="k-anonymity (default HAVEN_RESEARCH_K)")
    x.add_argument("path", help="a new or empty folder for the files")
    x.set_defaults(run=cmd_export_research)
    c = e.add_parser("caseload", help="a team's caseload with due dates and risk levels (no notes), "
                     "audited as one entry naming every child")
    c.add_argument("--team", required=True)
    c.add_argument("--format", choices=["csv"], default="csv")
    c.add_argument("--output", default="-", help="a file to write (default: standard output)")
    c.set_defaults(run=cmd_export_caseload)
    b = sub.add_parser("backup", help="copy the SQLite database consistently, even while serving")
    b.add_argument("path", help="the copy to write (its folder must exist)")
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
    from service import progress

    with progress.bar("Preparing the database", total=3) as advance:
        asyncio.run(_init(advance))
    print("Database is ready.")
    return 0


async def _init(advance=lambda step=None: None) -> None:
    await db.migrate()
    advance("migrated")
    from milestones import catalogue  # loaded idempotently, with its sources
    from scheduler import weights

    await db.start()
    try:
        await catalogue.load()
        advance("milestone catalogue loaded")
        await weights.load()
        advance("risk weights loaded")
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
    from service import progress

    async def go(advance):
        await db.start()
        try:
            return await scan.scan(args.at or _now(), Settings.from_env(), full=args.full,
                                   on_batch=lambda done, total: advance(total=total, completed=done))
        finally:
            await db.stop()

    asyncio.run(_init())
    with progress.bar("Scanning children") as advance:
        summary = asyncio.run(go(advance))
    print(json.dumps(summary, sort_keys=True, default=str))
    return 3 if "skipped" in summary else 0  # cron and drills see a skipped scan


def cmd_user_add(args) -> int:
    from service.accounts import services

    password = sys.stdin.readline().rstrip("\n")
    done = _account_work(lambda by: services.add_user(args.name, args.role, password, by, team=args.team,
                                                      email=args.email))
    if done == 0:
        print(f"Added {args.role} {args.name}" + (f" to team {args.team}" if args.team else "") + ".")
    return done


def cmd_user_passwd(args) -> int:
    from service.accounts import services

    password = sys.stdin.readline().rstrip("\n")
    done = _account_work(lambda by: services.set_password(args.name, password, by))
    if done == 0:
        print(f"Set a new password for {args.name}; their sign-ins have ended.")
    return done


def cmd_user_deactivate(args) -> int:
    from service.accounts import services

    done = _account_work(lambda by: services.set_active(args.name, False, by))
    if done == 0:
        print(f"Deactivated {args.name}; their sign-ins have ended.")
    return done


def cmd_user_list(args) -> int:
    from service.accounts import services

    async def go():
        await db.start()
        try:
            async with db.reading():
                return await services.list_users()
        finally:
            await db.stop()

    asyncio.run(_init())
    users = asyncio.run(go())
    width = max([len(u["username"]) for u in users] + [8])
    print(f"{'username':{width}}  {'role':11} {'team':12} active")
    for u in users:
        print(f"{u['username']:{width}}  {u['role']:11} {u['team'] or '-':12} {'yes' if u['active'] else 'no'}")
    return 0


def _account_work(change) -> int:
    """Run `change(by)` as the operator, in one audited write; a refusal is one line and exit 2."""
    from service.accounts import services
    from service.errors import Conflict, Invalid, NotFound

    async def go():
        await db.start()
        try:
            async with db.writing():
                await change(services.operator(_now()))
        finally:
            await db.stop()

    asyncio.run(_init())
    try:
        asyncio.run(go())
    except (Invalid, Conflict, NotFound) as exc:
        print(f"haven: {exc}", file=sys.stderr)
        return 2
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

    from service import progress

    try:
        with progress.bar("Writing children", total=count) as advance:
            done = asyncio.run(synthetic.generate(count, seed=seed, now=_now(),
                                                  on_children=lambda n: advance(amount=n)))
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


def cmd_export_research(args) -> int:
    from pathlib import Path

    from service import progress
    from service.reports import research, research_export

    folder, settings = Path(args.path), Settings.from_env()
    if args.end < args.start:
        print("haven: --to must not be before --from", file=sys.stderr)
        return 2
    if folder.exists() and any(folder.iterdir()):
        print(f"haven: {folder} is not empty; give a new or empty folder", file=sys.stderr)
        return 2

    async def go(tick):
        await db.start()
        try:
            return await research_export.export(folder, research.Period(args.start, args.end),
                                                args.k or settings.research_k, settings.resolved_research_key(),
                                                _now(), tick)
        finally:
            await db.stop()

    asyncio.run(_init())
    with progress.bar("Research extract", total=4) as advance:
        manifest = asyncio.run(go(advance))
    print(json.dumps({k: manifest[k] for k in ("children_in_period", "children_suppressed", "k_required",
                                                "k_reached", "generalised", "rows")}, sort_keys=True))
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
