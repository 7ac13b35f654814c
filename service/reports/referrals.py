"""The referral indicators (practice-and-outcomes.md §3): defined now, computed once referrals
are recorded in Haven. Until then each says "not yet recorded", never zero: a zero would
claim that no concern was followed up.

To wire one: give it a `statement`, a function (scope, window, settings) -> Statement in
`statements.py` returning `numerator`, `denominator` and `population` over the `kids` common
table expression, as the other indicators do (and `median_late` for a median in days).
"""

from __future__ import annotations

NOT_RECORDED = "Referrals to partner organisations are not yet recorded in Haven."

DEFINITIONS = (
    dict(code="concerns_followed_by_referral", name="Concerns followed by a referral",
         definition="Share of developmental concerns raised in the period that were followed by a "
                    "referral within 30 days (for children under 3, to an evaluation within 45 days).",
         source="practice-and-outcomes.md §3 (developmental follow-up); IDEA Part C, 34 CFR 303.310",
         unit="share", statement=None, why_not_yet=NOT_RECORDED),
    dict(code="referrals_accepted", name="Referral outcomes: accepted",
         definition="Share of referrals sent in the period that the receiving organisation accepted.",
         source="practice-and-outcomes.md §3 (referral outcomes; ours)", unit="share", statement=None,
         why_not_yet=NOT_RECORDED),
    dict(code="referrals_completed", name="Referral outcomes: service completed",
         definition="Share of referrals closed in the period with the service completed; beside it, "
                    "the median days from sent to started.",
         source="practice-and-outcomes.md §3 (referral outcomes; ours)", unit="share", statement=None,
         why_not_yet=NOT_RECORDED),
)
