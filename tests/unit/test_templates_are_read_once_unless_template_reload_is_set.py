"""A page's templates are read from their files once, not checked again on every page (a
page includes dozens); `HAVEN_TEMPLATE_RELOAD` brings the checks back for editing them."""

from service.app import create_app
from service.settings import Settings


def test_templates_are_read_once_by_default():
    assert create_app(Settings(), run_scheduler=False).template_engine.engine.auto_reload is False


def test_template_reload_reads_changed_templates_again():
    app = create_app(Settings(template_reload=True), run_scheduler=False)
    assert app.template_engine.engine.auto_reload is True


def test_the_setting_is_read_from_the_environment():
    assert Settings.from_env({"HAVEN_TEMPLATE_RELOAD": "true"}).template_reload is True
