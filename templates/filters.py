"""Jinja filters: dates and times as people read them (on the deployment's clock,
`HAVEN_TIMEZONE`, in the reader's language), stored codes as words, and the gettext that
`{% trans %}` and `_()` use."""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, nodes, pass_context, pass_eval_context
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token
from markupsafe import Markup

from service import clock, i18n
from service.accounts import names
from service.i18n import N_

_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]")  # a letter: a figure alone (`85%`, `—`) has nothing to translate
WORDS = {
    "in_person": N_("in person"), "not_yet": N_("not yet"), "missed_check_in": N_("missed check-in"),
    "overdue_review": N_("overdue review"), "placement_change": N_("placement change"),
    "missing_from_care": N_("missing from care"), "assessment_due": N_("assessment due"),
    "developmental_concern": N_("developmental concern"), "risk_escalation": N_("risk rising"),
    "task_overdue": N_("task overdue"),
    "referral_stalled": N_("referral stalled"), "early_intervention": N_("early intervention"),
    "developmental_evaluation": N_("developmental evaluation"), "trauma_therapy": N_("trauma-focused therapy"),
    "legal_advice": N_("legal or immigration advice"),
    "anti_trafficking": N_("specialist anti-trafficking support"),
    # Codes shown as they are spelt in English: listed so that they are translated too.
    "caseworker": N_("caseworker"), "therapist": N_("therapist"), "supervisor": N_("supervisor"),
    "admin": N_("admin"), "manager": N_("manager"),
    "info": N_("info"), "warning": N_("warning"), "low": N_("low"), "medium": N_("medium"),
    "high": N_("high"), "critical": N_("critical"),
    "open": N_("open"), "acknowledged": N_("acknowledged"), "resolved": N_("resolved"),
    "drafted": N_("drafted"), "sent": N_("sent"), "accepted": N_("accepted"), "declined": N_("declined"),
    "started": N_("started"), "closed": N_("closed"), "revoked": N_("revoked"),
    "continue": N_("continue"), "revise": N_("revise"), "escalate": N_("escalate"),
    "active": N_("active"), "draft": N_("draft"), "submitted": N_("submitted"), "approved": N_("approved"),
    "returned": N_("returned"), "superseded": N_("superseded"),
    "achieved": N_("achieved"), "emerging": N_("emerging"),
    "phone": N_("phone"), "video": N_("video"),
    "female": N_("female"), "male": N_("male"), "intersex": N_("intersex"), "unknown": N_("unknown"),
    "foster": N_("foster"), "kinship": N_("kinship"), "residential": N_("residential"), "shelter": N_("shelter"),
    "hospital": N_("hospital"), "independent": N_("independent"), "other": N_("other"),
    "safety": N_("safety"), "health": N_("health"), "development": N_("development"),
    "education": N_("education"), "emotional_wellbeing": N_("emotional wellbeing"), "identity": N_("identity"),
    "family_and_relationships": N_("family and relationships"), "independence": N_("independence"),
    "display_name": N_("display name"), "birth_date": N_("birth date"),
    "birth_date_estimated": N_("birth date estimated"), "gestational_age_weeks": N_("gestational age weeks"),
    "sex": N_("sex"), "documentation_status": N_("documentation status"), "languages": N_("languages"),
}


def day(value) -> str:
    """3 May 2026 (an instant's local date); 3 may 2026 in Spanish."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = clock.today(value)
    return _day(value, i18n.current())


@functools.lru_cache(maxsize=4096)
def _day(value: dt.date, language: str) -> str:
    # A page shows the same few days many times over, and Babel takes microseconds a date.
    return format_date(value, "d MMM y", locale=language)


def when(value) -> str:
    """3 May 2026, 10:30 BST: local time, with the zone's abbreviation."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    value = clock.local(value)
    return f"{day(value.date())}, {value:%H:%M %Z}"


def relative(value, now: dt.datetime) -> str:
    """`in 3 days`, `today`, `2 days ago`, counted in whole calendar days."""
    if value is None:
        return ""
    target = clock.today(value) if isinstance(value, dt.datetime) else value
    days = (target - clock.today(now)).days
    named = {0: N_("today"), 1: N_("tomorrow"), -1: N_("yesterday")}
    if days in named:
        return i18n.gettext(named[days])
    if days > 0:
        return i18n.ngettext("in %(num)d day", "in %(num)d days", days) % {"num": days}
    return i18n.ngettext("%(num)d day ago", "%(num)d days ago", -days) % {"num": -days}


def words(value) -> str:
    """A stored code (`in_person`) as words (`in person`), in the reader's language."""
    if value is None:
        return "—"
    return i18n.gettext(WORDS.get(str(value), str(value).replace("_", " ")))


def said(text) -> str:
    """A message made in Python (a field's problem) in the reader's language when the catalogue
    has it (marked with N_ where it is made; a number in it as `%(num)s`; capitalised from a
    lower-case message; or filled in from one of `i18n.PHRASES`). Plain text, so autoescaping
    still applies."""
    text = str(text)
    translated = i18n.gettext(text)
    if translated != text or i18n.current() == i18n.DEFAULT or not _WORD.search(text):
        return translated
    return _numbered(text) or _capitalised(text) or _phrase(text) or text


def _numbered(text: str) -> str | None:
    number = _NUMBER.search(text)
    if number is None or "%" in text:
        return None
    pattern = f"{text[:number.start()]}%(num)s{text[number.end():]}"
    found = i18n.gettext(pattern)
    return None if found == pattern else found % {"num": number.group()}


def _capitalised(text: str) -> str | None:
    lower = text[:1].lower() + text[1:]
    found = i18n.gettext(lower) if lower != text else lower
    return None if found == lower else found[:1].upper() + found[1:]


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@functools.cache
def _matcher(message: str) -> re.Pattern:
    """`Flagged: %(indicator)s` as a pattern that finds the indicator in a filled-in text."""
    parts = _PLACEHOLDER.split(message)
    return re.compile("".join(re.escape(p) if n % 2 == 0 else f"(?P<{p}>.+?)" for n, p in enumerate(parts)) + r"\Z")


@functools.cache
def _most_specific_first(count: int) -> list[str]:
    """The phrases, the one with the most words of its own first: `Missing from care since
    %(since)s (%(num)s hours). …` before `Missing from care since %(since)s`."""
    return sorted(i18n.PHRASES[:count], key=lambda m: -len(_PLACEHOLDER.sub("", m)))


def _phrase(text: str) -> str | None:
    """The text as a registered phrase with its values, each said in turn (a date the way the
    reader writes dates; a `name` as it is)."""
    for message in _most_specific_first(len(i18n.PHRASES)):
        found = _matcher(message).match(text)
        if found and i18n.gettext(message) != message:
            return i18n.gettext(message) % {k: v if k == "name" else _value(v) for k, v in found.groupdict().items()}
    return None


# A date as the rules and the risk factors write it: `3 Dec`, `3 Dec 2026`, and a time after it
# (`3 Dec 14:00 GMT`, `3 Dec at 14:00 GMT`).
_DAY = re.compile(r"(\d{1,2} [A-Z][a-z]{2})( \d{4})?(?:(?: at)? (\d{2}:\d{2}.*))?\Z")


def _value(text: str) -> str:
    found = _DAY.match(text)
    if found is None:
        return said(text)
    try:  # a leap year, so that 29 Feb without its year is a day
        date = dt.datetime.strptime(f"{found[1]}{found[2] or ' 2000'}", "%d %b %Y").date()
    except ValueError:
        return said(text)
    words = format_date(date, "d MMM y" if found[2] else "d MMM", locale=i18n.current())
    return f"{words}, {found[3]}" if found[3] else words


# What an alert's count counts: only a missed check-in's alert counts more than one thing (the
# check-in periods missed in one stretch); every other kind stands for one cause.
def counted(count, kind: str) -> str:
    """`3 check-ins missed`: what an alert counts, in plain words and the reader's language;
    nothing for a kind that counts nothing."""
    if kind != "missed_check_in" or not count:
        return ""
    return i18n.ngettext("%(num)s check-in missed", "%(num)s check-ins missed", count) % {"num": number(count)}


def choices(codes) -> list[tuple[str, str]]:
    """Stored codes as (value, label) pairs for a select or radio group."""
    return [(code, words(code).capitalize()) for code in codes]


def number(value) -> str:
    """A number written the reader's way: 1,234.5 / 1234,5."""
    return "—" if value is None else format_decimal(value, locale=i18n.current())


def languages(codes) -> str:
    """Language codes as names in the reader's language: `Ukrainian, Russian`."""
    if isinstance(codes, str):
        codes = [c for c in codes.replace(";", ",").split(",") if c.strip()]
    return ", ".join(i18n.language_name(c.strip()) for c in codes or [])


def local_input(value) -> str:
    """A datetime as a `datetime-local` input value, in local time."""
    return clock.local(value).strftime("%Y-%m-%dT%H:%M") if value else ""


def local_date(value) -> str:
    """An instant's local date as a `date` input value."""
    return clock.today(value).isoformat() if value else ""


@pass_eval_context
def _gettext(eval_ctx, message: str, **values) -> str:
    """Jinja's newstyle gettext (a translation is markup where the template autoescapes, and
    always a format string), without its second trip through the template context: a page
    says a few hundred messages. One said without values is made once per language."""
    if values:
        translated = i18n.gettext(message)
        return (Markup(translated) if eval_ctx.autoescape else translated) % values
    return _said_alone(i18n.current(), message, eval_ctx.autoescape)


@functools.lru_cache(maxsize=8192)
def _said_alone(language: str, message: str, autoescape: bool) -> str:
    with i18n.speaking(language):
        translated = i18n.gettext(message)
    return (Markup(translated) if autoescape else translated) % {}


@pass_context
def _translated(context, message: str) -> str:
    """`"…" | translated`: what `_("…")` and a `{% trans %}` without values compile to. A filter
    is called straight from the template, where a function goes through the context's call; and
    it takes the context, so that jinja never translates it once and for all while compiling."""
    return _said_alone(i18n.current(), message, context.eval_ctx.autoescape)


class Speaking(InternationalizationExtension):
    """Jinja's i18n extension, with each message said without values (`_("Save")`, `{% trans
    %}Save{% endtrans %}`) compiled to the `translated` filter: a page says a few hundred."""

    def filter_stream(self, stream):
        tokens, found, n = list(stream), [], 0
        while n < len(tokens):
            if _said_alone_at(tokens, n):  # `_("…")` → `("…" | translated)`
                line = tokens[n].lineno
                found += [Token(line, "lparen", "("), tokens[n + 2], Token(line, "pipe", "|"),
                          Token(line, "name", "translated"), Token(line, "rparen", ")")]
                n += 4
            else:
                found.append(tokens[n])
                n += 1
        return found

    def _make_node(self, singular, plural, context, variables, plural_expr, vars_referenced, num_called_num):
        if plural is None and context is None and not variables and self.environment.newstyle_gettext:
            return nodes.Output([nodes.Filter(nodes.Const(singular), "translated", [], [], None, None)])
        return super()._make_node(singular, plural, context, variables, plural_expr, vars_referenced,
                                  num_called_num)


def _said_alone_at(tokens: list[Token], n: int) -> bool:
    """Whether `_("…")`, the global called with one literal, starts at `tokens[n]`."""
    return (tokens[n].test("name:_") and (n == 0 or tokens[n - 1].type != "dot")
            and [t.type for t in tokens[n + 1:n + 4]] == ["lparen", "string", "rparen"])


def speak(env) -> None:
    """`{% trans %}` and `_()` in the language of the request (or the email) being rendered."""
    env.add_extension(Speaking)
    env.filters["translated"] = _translated
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
    # `_` is jinja's alias that looks `gettext` up in the context on each call; no template
    # defines its own, so both names are the one function.
    env.globals.update(gettext=_gettext, _=_gettext)
    env.globals["language"] = i18n.current
    # Marks a string for the catalogue; `| said` then translates it as plain text, for text
    # that goes on into a URL or a join rather than straight onto the page.
    env.globals["N_"] = i18n.N_


# Every attribute a plain dict has (its methods and dunders): `row.items` is still the method.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(Environment):
    """Jinja's environment, with `row.field` on a plain dict (each row a page shows) read as the
    key straight away. Jinja asks for the attribute first and catches the AttributeError, which
    costs more than the lookup itself, hundreds of times a page; the answer is the same."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def environment(directory, reload: bool) -> PageEnvironment:
    """The pages' templates: autoescaped; read from their files once unless `reload` asks for
    a check on every use (for editing them while the service runs)."""
    return PageEnvironment(loader=FileSystemLoader(directory), autoescape=True, auto_reload=reload)


def install(engine) -> None:
    env = engine.engine
    speak(env)
    env.filters.update(day=day, when=when, relative=relative, words=words, local_input=local_input,
                       local_date=local_date, choices=choices, said=said, number=number, languages=languages,
                       staff=names.name_of, counted=counted)
    env.globals["time_zone"] = lambda: clock.zone().key
