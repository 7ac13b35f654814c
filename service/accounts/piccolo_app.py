import os

from piccolo.conf.apps import AppConfig

from service.accounts.tables import AccountNotice, RecoveryCode, SignInFailure, Team, Token, User

HERE = os.path.dirname(__file__)

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=os.path.join(HERE, "piccolo_migrations"),
    table_classes=[Team, User, Token, AccountNotice, SignInFailure, RecoveryCode],
    migration_dependencies=[],
    commands=[],
)
