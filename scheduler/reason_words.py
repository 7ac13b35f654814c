"""The alert reasons the rules write (`scheduler.rules`), as patterns a page says in its reader's
language.

A scan writes each reason once, in English, and keeps it as it is: causes compare by key, and the
JSON and the emails keep the English. These patterns follow the rules' sentences, with a
placeholder for each value; a page matches a kept reason against them and says it in the
reader's language, each value in turn (`templates.filters.said`). A reason that no pattern
matches (one written before its wording changed) is shown as it was written.
"""

from __future__ import annotations

from service.i18n import N_, phrases

SINCE = phrases(
    N_("No check-in since registration on %(day)s (%(num)s days)"), N_("No check-in since %(day)s (%(num)s days)"),
    # The same, within a sentence.
    N_("no check-in since registration on %(day)s (%(num)s days)"), N_("no check-in since %(day)s (%(num)s days)"))
REASONS = phrases(
    N_("%(seen)s; a check-in was due on %(due)s. A visit will reconnect with %(them)s."),
    N_("1 check-in missed; %(seen)s. A visit will reconnect with %(them)s."),
    N_("%(num)s check-ins missed; %(seen)s. A visit will reconnect with %(them)s."),
    N_("The care plan review was due on %(due)s (%(num)s days ago); holding it keeps the plan in step with "
       "the child."),
    N_("A planned move to a %(kind)s placement on %(moved)s; a visit by %(by)s will help %(them)s settle."),
    N_("An unplanned move to a %(kind)s placement on %(moved)s; a visit by %(by)s will help %(them)s settle."),
    N_("%(num)s placements began in the last 90 days."),
    N_("Went missing on %(went)s and returned on %(returned)s. A return conversation within 72 hours helps "
       "understand what happened."),
    N_("Missing from care since %(since)s (%(num)s hours). Report to the police and search now; every hour "
       "counts."),
    N_("The re-trafficking risk level rose to %(level)s on %(day)s (score %(score)s); the risk page lists each "
       "factor."),
    N_("A developmental check was due on %(day)s; checking now means any need for support is noticed early, "
       "when support makes the most difference."),
    N_("%(screen)s is due at %(num)s months (AAP); a screen's result shows early where support helps."),
    N_("The %(instrument)s screen on %(day)s found %(areas)s below the cutoff. An evaluation shows what support "
       "will help; a referral can be made from the child's page."),
    N_("Seen before but not at the latest check: %(codes)s. A regression is always worth a closer look with "
       "the care team."),
    N_("Not yet seen though due for the child's age: %(codes)s. Early support makes the most difference."),
    N_("%(task)s: due by %(due)s (%(source)s); recording it with its reference shows it is in hand."),
    N_("%(task)s: due by %(due)s (%(source)s); recording what came of it shows it is in hand."),
    N_("The %(label)s referral to %(name)s has waited %(waiting)s since %(since)s (due by %(due)s). A call to "
       "them today keeps the child's support moving."),
)
# Values the reasons hold in words of their own (`rules.STALLED_WAITING`), said in turn.
WAITING = (N_("to be sent"), N_("for an answer"), N_("to start"))
