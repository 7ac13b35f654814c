import os

from piccolo.conf.apps import AppConfig

from care_plans.tables import (
    CarePlan,
    CarePlanGoal,
    CarePlanRevision,
    CaseNumberCounter,
    CareTeamMember,
    CareTeamRequest,
    CheckIn,
    Child,
    Consent,
    MissingEpisode,
    PartnerOrganisation,
    Placement,
    Referral,
    ReferralStep,
    Review,
)

HERE = os.path.dirname(__file__)

APP_CONFIG = AppConfig(
    app_name="care_plans",
    migrations_folder_path=os.path.join(HERE, "piccolo_migrations"),
    table_classes=[
        Child,
        CareTeamMember,
        CareTeamRequest,
        Placement,
        CheckIn,
        MissingEpisode,
        CarePlan,
        CarePlanGoal,
        CarePlanRevision,
        CaseNumberCounter,
        Review,
        PartnerOrganisation,
        Consent,
        Referral,
        ReferralStep,
    ],
    migration_dependencies=["service.accounts.piccolo_app"],
    commands=[],
)
