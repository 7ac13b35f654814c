import os

from piccolo.conf.apps import AppConfig

from scheduler.tables import (
    Alert,
    CalendarFeed,
    ChildWake,
    DigestSent,
    Notification,
    RiskDisagreement,
    RiskIndicator,
    RiskState,
    RiskWeight,
    ScanLease,
)

HERE = os.path.dirname(__file__)

APP_CONFIG = AppConfig(
    app_name="scheduler",
    migrations_folder_path=os.path.join(HERE, "piccolo_migrations"),
    table_classes=[Alert, Notification, DigestSent, ScanLease, RiskWeight, RiskIndicator,
                   RiskDisagreement, RiskState, ChildWake, CalendarFeed],
    migration_dependencies=["care_plans.piccolo_app"],
    commands=[],
)
