"""Piccolo's configuration: the engine named by HAVEN_DATABASE_URL, and the app registry."""

from piccolo.conf.apps import AppRegistry

from service.db import engine_for
from service.settings import Settings

DB = engine_for(Settings.from_env().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "service.accounts.piccolo_app",
        "service.audit.piccolo_app",
        "care_plans.piccolo_app",
        "milestones.piccolo_app",
        "scheduler.piccolo_app",
    ]
)
