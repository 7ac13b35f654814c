"""create_app(settings): the one place the service is wired together."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.middleware.base import DefineMiddleware
from litestar._openapi.plugin import OpenAPIPlugin
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

import care_plans.controllers
import care_plans.lifecycle_routes
import care_plans.pages
import care_plans.referral_controllers
import care_plans.referral_pages
import care_plans.safety_controllers
import care_plans.safety_pages
import milestones.controllers
import milestones.draft_routes
import milestones.pages
import milestones.screening_controllers
import milestones.screening_pages
import scheduler.bulk_routes
import scheduler.closing_routes
import scheduler.calendar_controllers
import scheduler.controllers
import scheduler.monitoring
import scheduler.pages
import scheduler.wiring
import service.reports.controllers as reports
import templates
import templates.filters
from service import db, i18n, metrics, web
from service import pages as service_pages
from service.accounts import controllers as accounts
from service.audit import services as audit
from service.audit import writer as audit_writer
from service.openapi import SchemaPage, complete
from service.settings import Settings

TEMPLATES = Path(templates.__file__).parent


def routes() -> list:
    return [
        *scheduler.monitoring.ROUTES,
        *accounts.ROUTES,
        *care_plans.controllers.ROUTES,
        *care_plans.safety_controllers.ROUTES,
        *care_plans.referral_controllers.ROUTES,
        *milestones.controllers.ROUTES,
        *milestones.draft_routes.ROUTES,
        *milestones.screening_controllers.ROUTES,
        *scheduler.controllers.ROUTES,
        *care_plans.lifecycle_routes.ROUTES,
        *scheduler.closing_routes.ROUTES,
        *scheduler.bulk_routes.ROUTES,
        *reports.ROUTES,
        *reports.PAGES,
        *scheduler.calendar_controllers.ROUTES,
        *care_plans.pages.PAGES,
        *care_plans.safety_pages.PAGES,
        *milestones.screening_pages.PAGES,
        *care_plans.referral_pages.PAGES,
        *milestones.pages.PAGES,
        *scheduler.pages.PAGES,
        *scheduler.calendar_controllers.PAGES,
        *service_pages.PAGES,
        *care_plans.lifecycle_routes.PAGES,
        *scheduler.closing_routes.PAGES,
        *scheduler.bulk_routes.PAGES,
        create_static_files_router(path="/static", directories=[TEMPLATES / "static"], opt=web.PUBLIC,
                                   include_in_schema=False),
    ]


def _pages(settings: Settings) -> JinjaTemplateEngine:
    engine = JinjaTemplateEngine.from_environment(templates.filters.environment(TEMPLATES, settings.template_reload))
    templates.filters.install(engine)
    return engine


def _steady_collector() -> None:
    """What the server made while starting (routes, templates, settings, caches) lives as long
    as it does: frozen, the cyclic garbage collector no longer walks it, and it runs less often.
    Every full walk of it stalled every request in flight (a caseload list's p99 was 149 ms
    at 16 clients with the defaults, 87 ms with this)."""
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def create_app(settings: Settings | None = None, run_scheduler: bool | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    with_scheduler = settings.scheduler if run_scheduler is None else run_scheduler

    @asynccontextmanager
    async def lifespan(app: Litestar):
        await db.start(settings.db_pool_size)
        app.state.audit_writer = await audit.start_writer()
        stop_scheduler = await scheduler.wiring.start(settings) if with_scheduler else None
        _steady_collector()
        try:
            yield
        finally:
            if stop_scheduler is not None:
                await stop_scheduler()
            await audit_writer.stop(app.state.audit_writer)
            await db.stop()

    app = Litestar(
        route_handlers=routes(),
        lifespan=[lifespan],
        middleware=[
            metrics.count_request,
            web.one_zone,
            web.screen_bodies,
            DefineMiddleware(web.TokenAuthentication),
            i18n.per_request,
        ],
        csrf_config=CSRFConfig(secret=settings.resolved_secret(), exclude=["/api/"],
                               cookie_secure=settings.cookie_secure, cookie_httponly=False),
        template_config=TemplateConfig(instance=_pages(settings)),
        openapi_config=OpenAPIConfig(title="Haven", version="1", path="/schema",
                                     render_plugins=[SchemaPage(), JsonRenderPlugin()]),
        exception_handlers=web.EXCEPTION_HANDLERS,
        before_request=web.before_request,
        after_exception=[web.audit_refusal],
        before_send=[web.protect_message],
        debug=False,
    )
    app.state.settings = settings
    app.state.scheduler_on = with_scheduler
    complete(app.plugins.get(OpenAPIPlugin).provide_openapi_schema())
    return app
