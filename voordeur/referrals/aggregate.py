"""Referrals and promises per stairwell, for the aggregate measures `referrals` and `promises`
(raw counts; the aggregate selector suppresses them). A record counts in the stairwell of its
household's home.

Referrals: those made in the period, by the status they have now (so a past period shows what
became of its referrals). Promises: every promise of the complex's households by its standing
today, as the commitment page reckons it (`commitment.outcome`); cancelled ones do not count.
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from voordeur.aggregates.period import Period
from voordeur.exploring.scan_counts import stairwells
from voordeur.lib.dates import today
from voordeur.referrals.commitment import PromiseRow, outcome
from voordeur.referrals.models import Promise, Referral

Counts = dict[str, dict[str, int]]

PROMISE_OUTCOMES = ("open_not_due", "open_overdue", "kept_on_time", "kept_late", "broken")


def referral_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    return [(key, str(label).lower()) for key, label in Referral.Status.choices]


def count_referrals(complex_id: int, period: Period) -> Counts:
    """Referrals made in the period per status now; two queries."""
    counts = stairwells(complex_id)
    referrals = Referral.objects.filter(household__unit__complex_id=complex_id, created_at__date__lte=period.end)
    if period.start is not None:
        referrals = referrals.filter(created_at__date__gte=period.start)
    rows = referrals.order_by().values("household__unit__portiek__code", "status").annotate(n=Count("id"))
    for row in rows:
        counts.setdefault(row["household__unit__portiek__code"], {})[row["status"]] = row["n"]
    return counts


def promise_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    labels = {"open_not_due": _("open, nog op tijd"), "open_overdue": _("open, over de termijn"),
              "kept_on_time": _("op tijd nagekomen"), "kept_late": _("te laat nagekomen"),
              "broken": _("niet nagekomen")}
    return [(key, labels[key]) for key in PROMISE_OUTCOMES]


def count_promises(complex_id: int) -> Counts:
    """Promises per standing today (open on time, overdue, kept on time or late, broken); two queries."""
    counts = stairwells(complex_id)
    day = today()
    rows = (Promise.objects.filter(household__unit__complex_id=complex_id).order_by()
            .values_list("household__unit__portiek__code", "status", "due_date", "kept_on"))
    for portiek, status, due_date, kept_on in rows:
        standing = outcome(PromiseRow(owner_id=0, owner_name="", status=status, due_date=due_date, kept_on=kept_on),
                           day)
        if standing in PROMISE_OUTCOMES:
            cell = counts.setdefault(portiek, {})
            cell[standing] = cell.get(standing, 0) + 1
    return counts
