import os

from piccolo.conf.apps import AppConfig

from milestones.tables import Assessment, AssessmentDraft, Milestone, Observation, Screening

HERE = os.path.dirname(__file__)

APP_CONFIG = AppConfig(
    app_name="milestones",
    migrations_folder_path=os.path.join(HERE, "piccolo_migrations"),
    table_classes=[Milestone, Assessment, Observation, Screening, AssessmentDraft],
    migration_dependencies=["care_plans.piccolo_app"],
    commands=[],
)
