"""Every setting in one typed registry, read once from HAVEN_* environment variables.

Each setting carries its help text at the point of definition; the README lists them all and
a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


def setting(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    timezone: str = setting(
        "UTC", "The deployment's time zone, an IANA name such as `Europe/London` or `America/Los_Angeles`: "
        "\"today\", due days, working days, the digest hour and every date and time on a page are in it "
        "(the API gives instants in ISO 8601 with offsets)."
    )
    database_url: str = setting(
        "sqlite:///haven.db",
        "Where the data lives: `sqlite:///path.db` (default, a file in the working directory) "
        "or `postgresql://user@host:port/db`.",
    )
    secret_key: str = setting(
        "",
        "Signs CSRF tokens. When unset, a random key is kept in `haven.secret` beside the "
        "SQLite file (or the working directory).",
    )
    cookie_secure: bool = setting(False, "Send the session cookie only over HTTPS (set behind TLS).")
    session_hours: int = setting(12, "How long a browser session lasts after signing in.")
    token_days: int = setting(90, "How long an API token lasts before it must be renewed.")
    two_factor_roles: str = setting(
        "", "Roles that must sign in with a one-time code from an authenticator app as well as a "
        "password, for example `supervisor,admin`: until they set it up, only the set-up page opens. "
        "Anyone may turn it on for themselves."
    )
    session_idle_minutes: int = setting(
        30, "A browser session unused for this long ends (the person signs in again)."
    )
    token_idle_days: int = setting(14, "An API token unused for this many days stops working.")
    scheduler: bool = setting(True, "Run the alert scan inside `haven serve`.")
    scan_minutes: int = setting(5, "Minutes between alert scans.")
    scan_processes: int = setting(
        0, "Processes a scan with thousands of children due (a first scan, `haven scan --full`) spreads "
        "them over. `0`: one per CPU core (on SQLite they take turns at the one writer, after any person's "
        "write under way); `1` keeps every scan in one process.")
    check_in_grace_days: int = setting(2, "Days after a check-in is due before it counts as missed.")
    check_in_days_critical: int = setting(3, "Days between check-ins for a child at critical risk.")
    check_in_days_high: int = setting(7, "Days between check-ins for a child at high risk.")
    check_in_days_medium: int = setting(14, "Days between check-ins for a child at medium risk.")
    check_in_days_low: int = setting(30, "Days between check-ins for a child at low risk.")
    placement_check_in_days: int = setting(
        7, "Days after a planned placement change within which the child must be seen."
    )
    unplanned_placement_check_in_hours: int = setting(
        72, "Hours after an unplanned placement change within which the child must be seen."
    )
    first_review_working_days: int = setting(
        20, "Working days (Monday to Friday) after registration by which the first review is due."
    )
    review_holidays: str = setting(
        "", "Public holidays that are not working days when counting to the first review, as a "
        "country code with an optional region: `GB-ENG` (England's bank holidays), `GB-WLS`, `US`. "
        "Empty counts weekdays only, which brings the date earlier, never later."
    )
    second_review_months: int = setting(3, "Months after the first review by which the second is due.")
    review_every_months: int = setting(
        6, "Calendar months between later reviews when a care plan sets no cadence of its own (31 Aug "
        "→ 28 or 29 Feb: never beyond the statutory 6 months)."
    )
    corrected_age_convention: str = setting(
        "aap", "How corrected age is worked out for a baby born early: `aap` (the American Academy "
        "of Pediatrics: a 40-week term, corrected when born more than 3 weeks early, so 36 weeks "
        "or less) or `asq` (the Ages and Stages Questionnaires: a 39-week term, corrected when "
        "born 3 or more weeks early)."
    )
    correct_until_months: int = setting(
        24, "Months of chronological age until which corrected age is used for a child born early."
    )
    check_every_months_after_five: int = setting(
        6, "Months between developmental checks once the CDC checklists end at 5 years."
    )
    settling_in_days: int = setting(
        30, "Days after registration before a child's first developmental check falls due, when "
        "the checkpoint for their age had already passed before they came into care."
    )
    missing_police_report_hours: int = setting(
        24, "Hours after a child goes missing by which the report to the police is due. US law asks for "
        "it immediately and no later than 24 hours (P.L. 113-183); set it lower to follow local practice."
    )
    missing_national_body: str = setting(
        "NCMEC", "The national missing-children body a missing child is reported to (US: the National "
        "Center for Missing & Exploited Children, P.L. 113-183). Empty where none applies: no such task is "
        "created."
    )
    missing_national_report_hours: int = setting(
        24, "Hours after a child goes missing by which the report to the national body is due "
        "(P.L. 113-183: immediately, no later than 24 hours)."
    )
    missing_supervisor_hours: int = setting(
        2, "Hours after a child goes missing by which the team's supervisor is to be told (our default, "
        "so the supervisor can see the 24-hour reports made)."
    )
    return_interview_hours: int = setting(
        72, "Hours after a child's return by which the return interview is due (England: DfE statutory "
        "guidance on children who run away or go missing from home or care, 2014)."
    )
    trafficking_screen_hours: int = setting(
        72, "Hours after a child's return by which the trafficking screen is due (P.L. 113-183 requires "
        "the screen on return and sets no deadline; ours, alongside the return interview)."
    )
    safety_plan_review_days: int = setting(
        7, "Days after a return from missing, or a placement move, by which the safety plan is reviewed "
        "with the child (ours, alongside the first visit within 7 days of a move: England's Care "
        "Planning Regulations 2010 reg 28)."
    )
    alert_ack_hours: int = setting(
        24, "Hours an open alert may wait for acknowledgement before it escalates one severity up."
    )
    critical_alert_ack_hours: int = setting(
        2, "Hours a critical alert may wait for acknowledgement before it is escalated again."
    )
    digest_hour: int = setting(7, "Hour of the day (local, `HAVEN_TIMEZONE`) from which supervisors get the daily digest email (sent once a day; retried later that day if the mail server is down).")
    base_url: str = setting("http://127.0.0.1:8000", "The address people use, for links in emails.")
    smtp_host: str = setting("", "SMTP server for alert emails; empty keeps alerts in-app only.")
    smtp_port: int = setting(25, "SMTP port.")
    smtp_user: str = setting("", "SMTP user name, if the server needs one.")
    smtp_password: str = setting("", "SMTP password, if the server needs one.")
    smtp_starttls: bool = setting(False, "Upgrade the SMTP connection with STARTTLS.")
    smtp_from: str = setting("haven@localhost", "The From address of alert emails.")
    db_pool_size: int = setting(
        10, "Database connections one server process keeps open: on PostgreSQL the pool's maximum "
        "(keep workers × this under the server's `max_connections`); on SQLite the connections in use "
        "at once (at most 7), kept open for reuse."
    )
    login_failures_per_account: int = setting(
        5, "Failed sign-ins in a row to one account before each further attempt must wait "
        "(`HAVEN_LOGIN_DELAY_SECONDS`, doubling after each failure, up to an hour); a success clears it."
    )
    login_failures_per_address: int = setting(
        20, "Failed sign-ins from one client address (any accounts) before it must wait in the same way."
    )
    login_delay_seconds: int = setting(30, "The first wait after too many failed sign-ins.")
    referral_clocks: str = setting(
        "", "A CSV file of referral clocks (days to send, to answer, to start) per kind of service, in "
        "the shape of `care_plans/referral_clocks.csv`, replacing the shipped defaults; it must clock "
        "every kind. Empty: the shipped clocks, each with its source."
    )
    keep_alive_seconds: int = setting(
        75, "Seconds `haven serve` keeps an idle HTTP connection open. Keep it longer than the idle "
        "timeout of whatever connects to it (a reverse proxy, a load balancer, a client library), so "
        "that the server never closes a connection just as a request is sent on it."
    )
    metrics_token: str = setting(
        "", "The bearer token Prometheus sends to read `GET /metrics` (`Authorization: Bearer …`). "
        "Empty: `/metrics` does not exist (404)."
    )
    research_key: str = setting(
        "", "The secret that turns child ids into pseudonyms in `haven export research` (HMAC-SHA256). "
        "When unset, a random key is kept in `haven.research-key` beside the SQLite file (or the "
        "working directory). Never written into an extract: keep it apart from them."
    )
    research_k: int = setting(
        5, "k for the research extract's k-anonymity: every combination of age band, sex, team and "
        "month of entry is shared by at least this many children (`--k` overrides it)."
    )
    template_reload: bool = setting(
        False, "Read a page's templates again whenever their files change: for editing templates while "
        "`haven serve` runs. Off, each template is read once, and a page costs less to make."
    )
    trusted_proxies: str = setting(
        "", "Addresses or networks of your reverse proxies (`10.0.0.5, 10.1.0.0/16`): only a request "
        "arriving from one of them has its client address taken from `X-Forwarded-For`. Empty: the "
        "header is ignored and the connecting address is the client's."
    )

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        values = {}
        for f in dataclasses.fields(cls):
            raw = env.get(env_name(f.name))
            if raw is not None:
                try:
                    values[f.name] = _parse(f.type, raw)
                except ValueError as expected:
                    raise ValueError(f"{env_name(f.name)}: expected {expected}, not {raw!r}") from None
        return cls(**values)

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def sqlite_path(self) -> Path:
        return Path(self.database_url.removeprefix("sqlite:///"))

    def roles_needing_two_factor(self) -> frozenset[str]:
        return frozenset(r.strip() for r in self.two_factor_roles.split(",") if r.strip())

    def proxy_networks(self) -> tuple:
        """`HAVEN_TRUSTED_PROXIES` as networks; a value that is not one is a ValueError."""
        return _networks(self.trusted_proxies)

    def resolved_secret(self) -> str:
        return self.secret_key or self._kept_secret("haven.secret")

    def resolved_research_key(self) -> bytes:
        return (self.research_key or self._kept_secret("haven.research-key")).encode()

    def _kept_secret(self, name: str) -> str:
        folder = Path(".") if self.is_postgres else self.sqlite_path.parent
        path = folder / name
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@functools.lru_cache(maxsize=8)
def _networks(text: str) -> tuple:
    found = []
    for part in text.replace(";", ",").split(","):
        if part.strip():
            try:
                found.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise ValueError(f"HAVEN_TRUSTED_PROXIES: {part.strip()!r} is not an address or network") from None
    return tuple(found)


def env_name(field_name: str) -> str:
    return "HAVEN_" + field_name.upper()


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _parse(type_name: str, raw: str):
    """A value of the setting's type; ValueError says what was expected. A misspelt boolean is
    refused rather than read as false: `ture` must not quietly switch a safeguard off."""
    if type_name == "bool":
        word = raw.strip().lower()
        if word not in TRUE | FALSE:
            raise ValueError("true or false (also yes/no, on/off, 1/0)")
        return word in TRUE
    if type_name == "int":
        try:
            return int(raw)
        except ValueError:
            raise ValueError("a whole number") from None
    return raw


def documented() -> list[tuple[str, object, str]]:
    """(variable, default, help) for every setting, for the README and `haven --help`."""
    return [(env_name(f.name), f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)]
