"""Every string the pages and emails mark for translation (found by Babel through
`babel.cfg`, as `pybabel extract` finds them) has a non-empty Spanish translation in
`templates/locales/es/LC_MESSAGES/messages.po`, with the same placeholders; the catalogue holds
no fuzzy entry and nothing that is no longer in the source. A string wrapped in `_()` or
`{% trans %}` without a translation fails here."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from service import i18n

ROOT = Path(__file__).resolve().parents[2]


def _extracted() -> Catalog:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = Catalog(locale="es")
    for _, _, message, comments, context in extract_from_dir(ROOT, method_map, options_map):
        found.add(message, None, context=context)
    return found


def _catalogue(code: str) -> Catalog:
    with i18n.catalogue_path(code).open("rb") as source:
        return read_po(source, locale=code)


def test_every_marked_string_has_a_spanish_translation_and_nothing_is_stale():
    source, spanish = _extracted(), _catalogue("es")
    assert len(source) > 500  # the extraction found the templates
    missing = [m.id for m in source if m.id and (spanish.get(m.id) is None or not _translated(spanish.get(m.id)))]
    assert missing == [], f"not translated into Spanish: {missing}"
    stale = [m.id for m in spanish if m.id and source.get(m.id) is None]
    assert stale == [] and not spanish.obsolete, f"no longer in the source: {stale or list(spanish.obsolete)}"
    assert [m.id for m in spanish if m.id and m.fuzzy] == []


def test_each_translation_keeps_the_placeholders_of_its_source():
    problems = [(m.id, [str(e) for e in errors]) for m, errors in _catalogue("es").check()]
    assert problems == []


def test_every_language_offered_has_a_catalogue():
    assert "es" in i18n.LANGUAGES and i18n.DEFAULT == "en"
    for code in set(i18n.LANGUAGES) - {i18n.DEFAULT}:
        assert i18n.catalogue_path(code).is_file(), code


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(s and s.strip() for s in strings)


def test_every_plural_says_which_number_it_counts():
    """jinja2 counts by the block's first variable unless `{% pluralize NAME %}` names one."""
    unnamed = [str(p.relative_to(ROOT)) for p in (ROOT / "templates").rglob("*.*")
               if p.suffix in (".html", ".txt") and "{% pluralize %}" in p.read_text()]
    assert unnamed == []
