"""The referral indicators (practice-and-outcomes.md §3), over the referrals and their dated
steps (`care_plans.referrals`). An indicator with no `statement` says "not yet recorded",
never zero: a zero would claim that no concern was followed up.
"""

from __future__ import annotations

from service.i18n import N_
from service.reports import statements

DEFINITIONS = (
    dict(code="concerns_followed_by_referral", name=N_("Concerns followed by a referral"),
         definition=N_("Share of developmental concern alerts raised in the period (whose 30 days have passed) "
                       "followed by a referral of the same child within 30 days. The under-3s' 45 days to an "
                       "evaluation is not yet counted apart."),
         source="practice-and-outcomes.md §3 (developmental follow-up); IDEA Part C, 34 CFR 303.310",
         unit="share", statement=lambda scope, w, settings: statements.concerns_followed_by_referral(scope, w)),
    dict(code="referrals_accepted", name=N_("Referral outcomes: accepted"),
         definition=N_("Share of referrals sent in the period that the receiving organisation accepted."),
         source="practice-and-outcomes.md §3 (referral outcomes; ours)", unit="share",
         statement=lambda scope, w, settings: statements.referrals_accepted(scope, w)),
    dict(code="referrals_completed", name=N_("Referral outcomes: service completed"),
         definition=N_("Share of referrals that ended in the period (declined, revoked or closed) that were "
                       "closed, which follows only a service started."),
         source="practice-and-outcomes.md §3 (referral outcomes; ours)", unit="share",
         statement=lambda scope, w, settings: statements.referrals_completed(scope, w)),
)
