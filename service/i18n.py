"""Languages: which ones Haven speaks, their catalogues, and the one a page or an email is in.

The catalogues are the `.po` files beside the templates (`templates/locales/<code>/LC_MESSAGES/
messages.po`), compiled in memory the first time a language is asked for, so no compiled
binary is kept in the repository and a fresh install needs no build step. English is the
language the source is written in: it needs no catalogue.

The language in force is a context variable: set once per request (the signed-in person's
saved choice, else the browser's best match, else English) and around each email (the
recipient's), and read by the template engine's gettext and the date and number filters.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
from pathlib import Path

from babel import Locale
from babel.core import negotiate_locale
from babel.messages import mofile, pofile
from babel.support import NullTranslations, Translations

DEFAULT = "en"
# Each language as its own speakers name it, for the picker (the reader may not read ours).
LANGUAGES = {"en": "English", "es": "Español"}
CATALOGUES = Path(__file__).resolve().parent.parent / "templates" / "locales"
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("haven_language", default=DEFAULT)


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined; it is translated where shown."""
    return message


# Messages with named placeholders whose English text is made once and kept as it is (a risk
# factor's words): a page finds which one a kept text is and says it in the reader's language.
PHRASES: list[str] = []


def phrases(*messages: str) -> tuple[str, ...]:
    """Registers messages (each marked with N_ where written) whose filled-in English text a
    page translates back (`templates.filters.said`); returns them for the code that fills them."""
    PHRASES.extend(m for m in messages if m not in PHRASES)
    return messages


def catalogue_path(code: str) -> Path:
    return CATALOGUES / code / "LC_MESSAGES" / "messages.po"


@functools.cache
def translations(code: str) -> NullTranslations:
    """The language's messages, compiled from its `.po` file (fuzzy entries left out)."""
    if code == DEFAULT or code not in LANGUAGES:
        return NullTranslations()
    with catalogue_path(code).open("rb") as source:
        catalogue = pofile.read_po(source, locale=code)
    compiled = io.BytesIO()
    mofile.write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


def current() -> str:
    return _CURRENT.get()


def use(code: str | None) -> None:
    """The language for the rest of this request (its task and what it awaits)."""
    _CURRENT.set(code if code in LANGUAGES else DEFAULT)


@contextlib.contextmanager
def speaking(code: str | None):
    """The language for one block: an email in its recipient's language."""
    token = _CURRENT.set(code if code in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def choose(saved: str | None, accept_language: str) -> str:
    """The person's saved language, else the best match for what their browser asks for,
    else English."""
    if saved in LANGUAGES:
        return saved
    wanted = [tag for tag, _ in sorted(_weighted(accept_language), key=lambda p: -p[1])]
    return negotiate_locale(wanted, list(LANGUAGES), sep="-") or _by_language(wanted) or DEFAULT


def _weighted(header: str):
    """(tag, weight) pairs from an Accept-Language header; bad weights count as zero."""
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and tag != "*" and weight > 0:
            yield tag.strip(), weight


def _by_language(wanted: list[str]) -> str | None:
    """`es-MX` matches Spanish although no catalogue is regional."""
    for tag in wanted:
        base = tag.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return None


def language_name(code: str, reader: str | None = None) -> str:
    """A language code as its name in the reader's language: `uk` → Ukrainian / ucraniano."""
    return Locale.parse(reader or current()).languages.get(str(code), str(code))


def per_request(app):
    """ASGI middleware, inside authentication: each request speaks its reader's language."""

    async def middleware(scope, receive, send):
        if scope["type"] == "http":
            user = scope.get("user")
            headers = dict(scope.get("headers") or [])
            use(choose(getattr(user, "language", None),
                       headers.get(b"accept-language", b"").decode("latin-1")))
        return await app(scope, receive, send)

    return middleware
