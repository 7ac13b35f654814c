"""The README's configuration table is kept honest: every setting in the registry is in it."""

from pathlib import Path

from service.settings import documented

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_appears_in_the_readme():
    text = README.read_text()
    missing = [name for name, _, _ in documented() if f"`{name}`" not in text]
    assert missing == []


def test_every_setting_has_help_text():
    assert all(help_text.strip() for _, _, help_text in documented())
