"""Life domains and opportunities per stairwell, for the aggregate measures `life_domains` and
`opportunities` (raw counts; the aggregate selector suppresses them and audits the sensitive one).

Life domains: for each household living in the complex today, its most recent conversation
only (ADR 0008: one encrypted value per conversation, so the scores are decrypted here and
never leave; notes are not read). Per domain the household counts in one band of its score:
1-2 (concerns), 3, or 4-5. A domain not scored in that talk is not counted, so one household
counts in up to 13 columns (the measure is `overlapping`).
"""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from voordeur.exploring.scan_counts import current_households, stairwells
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Opportunity

Counts = dict[str, dict[str, int]]

CONCERNS, LIMITED, SELF_RELIANT = "1_2", "3", "4_5"
BANDS = (CONCERNS, LIMITED, SELF_RELIANT)


def score_band(score: object) -> str | None:
    """The band of a 1-5 score; None for anything else (missing, out of range, not a whole number)."""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        return None
    return CONCERNS if score <= 2 else LIMITED if score == 3 else SELF_RELIANT


def column_key(domain: str, band: str) -> str:
    return f"{domain}:{band}"


def _band_labels() -> dict[str, str]:
    return {CONCERNS: _("1–2 (zorgen)"), LIMITED: "3", SELF_RELIANT: "4–5"}


def life_domain_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    labels = _band_labels()
    return [(column_key(domain, band), f"{name}: {labels[band]}")
            for domain, name in LIFE_DOMAINS.items() for band in BANDS]


def life_domain_grid():
    """The columns as a grid: a row per life domain, a column per score band (Measure.grid)."""
    labels = _band_labels()
    return _("Leefgebied"), list(LIFE_DOMAINS.items()), [(band, labels[band]) for band in BANDS], column_key


def count_life_domains(complex_id: int) -> Counts:
    """Households per domain and score band of their latest conversation; two queries."""
    counts = stairwells(complex_id)
    latest = (LifeDomainAssessment.objects.filter(household=OuterRef("household"))
              .order_by("-visit__visited_on", "-created_at", "-id").values("pk")[:1])
    rows = (LifeDomainAssessment.objects
            .filter(household__in=current_households(complex_id), pk=Subquery(latest)).order_by()
            .values_list("household__unit__portiek__code", "domains"))
    for portiek, domains in rows:
        cell = counts.setdefault(portiek, {})
        for domain, entry in (domains if isinstance(domains, dict) else {}).items():
            band = score_band(entry.get("score")) if domain in LIFE_DOMAINS and isinstance(entry, dict) else None
            if band is not None:
                key = column_key(domain, band)
                cell[key] = cell.get(key, 0) + 1
    return counts


def opportunity_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    return [(key, str(label).lower()) for key, label in Opportunity.Status.choices]


def count_opportunities(complex_id: int) -> Counts:
    """Opportunities (resident initiatives) per status, by the stairwell of their unit; two queries."""
    counts = stairwells(complex_id)
    rows = (Opportunity.objects.filter(unit__complex_id=complex_id).order_by()
            .values("unit__portiek__code", "status").annotate(n=Count("id")))
    for row in rows:
        counts.setdefault(row["unit__portiek__code"], {})[row["status"]] = row["n"]
    return counts
