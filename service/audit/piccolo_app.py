import os

from piccolo.conf.apps import AppConfig

from service.audit.tables import AuditEntry

HERE = os.path.dirname(__file__)

APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=os.path.join(HERE, "piccolo_migrations"),
    table_classes=[AuditEntry],
    migration_dependencies=[],
    commands=[],
)
