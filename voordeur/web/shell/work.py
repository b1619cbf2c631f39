"""What a role works on, derived from its grants per data category (never from its name).

`WORK` holds, once, a short Dutch description of what one can do with each category at
each kind of level, and which page (if any) it leads to. The start page lists an item for
every category the user's role can count, read or change.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category, Level
from voordeur.access.scope import grant


class Page(StrEnum):
    """Per-trajectory pages a work item can lead to (URL names, kwarg `slug`)."""

    DOOR_GRID = "door-grid"
    HOUSEHOLD_LIST = "household-list"
    CONSENT = "consent"
    WORKS = "works"
    VISIT_ROUND = "visit-round"
    OPPORTUNITIES = "opportunity-list"
    CRIME_SIGNALS = "crime-signals"
    SCAN = "scan"
    FEEDBACK = "feedback"
    REACH = "reach"
    PROMISES = "promises"
    INTAKE = "intake"

    @property
    def label(self) -> Promise:
        return PAGE_LABEL[self]


PAGE_LABEL = {Page.DOOR_GRID: _("Deuren"), Page.HOUSEHOLD_LIST: _("Huishoudens"), Page.CONSENT: _("Instemming"),
              Page.WORKS: _("Werkzaamheden"), Page.VISIT_ROUND: _("Ronde langs de deuren"),
              Page.OPPORTUNITIES: _("Kansen"), Page.CRIME_SIGNALS: _("Signalen"), Page.SCAN: _("Complexscan"),
              Page.FEEDBACK: _("Terugkoppeling"), Page.REACH: _("Bereik"), Page.PROMISES: _("Toezeggingen"),
              Page.INTAKE: _("Gegevens inlezen")}


# A page opens only for a user who can read its primary category ...
PAGE_CATEGORY = {Page.DOOR_GRID: Category.PLACES, Page.HOUSEHOLD_LIST: Category.CONTACT, Page.CONSENT: Category.CONSENT,
                 Page.WORKS: Category.WORKS, Page.VISIT_ROUND: Category.VISITS,
                 Page.OPPORTUNITIES: Category.OPPORTUNITIES, Page.CRIME_SIGNALS: Category.CRIME,
                 Page.SCAN: Category.PLACES, Page.FEEDBACK: Category.VISITS, Page.REACH: Category.VISITS,
                 Page.PROMISES: Category.PROMISES, Page.INTAKE: Category.META}
# ... or, for pages of suppressed counts, can count it (agg too; see voordeur/web/scan/views.py).
COUNT_PAGES = frozenset({Page.SCAN, Page.FEEDBACK, Page.REACH})


@dataclass(frozen=True)
class Work:
    count: Promise | None  # at level agg
    view: Promise | None  # at read / own-read
    change: Promise | None  # at write / own-write
    page: Page | None = None
    own_counts: bool = True  # False: an own-level grant gives no work item
    figures: Page | None = None  # at level agg: the page of counts the item leads to
    page_to_write: bool = False  # True: the page is for changing the data (linked only at write levels)


WORK: dict[Category, Work] = {
    Category.PLACES: Work(
        _("Cijfers over woningen en leegstand per complex"),
        _("De deuren van het complex bekijken"),
        _("De deuren van het complex bijhouden"),
        Page.DOOR_GRID,
        figures=Page.SCAN,
    ),
    Category.CONTACT: Work(
        None,
        _("Huishoudens bekijken"),
        _("Contactgegevens van huishoudens bijhouden"),
        Page.HOUSEHOLD_LIST,
    ),
    Category.HOUSEHOLD: Work(
        None,
        _("Samenstelling en huurgegevens van huishoudens bekijken"),
        _("Samenstelling en huurgegevens van huishoudens bijhouden"),
        Page.HOUSEHOLD_LIST,
    ),
    Category.CONTACTS_LOG: Work(
        _("Cijfers over contactmomenten per portiek"),
        _("Contactmomenten bekijken"),
        _("Contactmomenten vastleggen"),
        Page.HOUSEHOLD_LIST,
    ),
    Category.VISITS: Work(
        _("Bereik van het huisbezoek per portiek"),
        _("Huisbezoeken bekijken"),
        _("Huisbezoeken afleggen en vastleggen"),
        Page.VISIT_ROUND,
        figures=Page.REACH,
    ),
    Category.LIFE_DOMAINS: Work(
        _("Cijfers over leefgebieden per portiek"),
        _("Gesprekken over leefgebieden bekijken"),
        _("Gesprekken over leefgebieden vastleggen"),
    ),
    Category.REFERRALS: Work(
        _("Cijfers over doorverwijzingen"),
        _("Doorverwijzingen volgen"),
        _("Doorverwijzen en doorverwijzingen afhandelen"),
        Page.PROMISES,
    ),
    Category.PROMISES: Work(
        _("Cijfers over afspraken met bewoners"),
        _("Afspraken met bewoners volgen"),
        _("Afspraken met bewoners maken en nakomen"),
        Page.PROMISES,
    ),
    Category.OPPORTUNITIES: Work(
        _("Cijfers over bewonersinitiatieven"),
        _("Bewonersinitiatieven bekijken"),
        _("Bewonersinitiatieven vastleggen en ondersteunen"),
        Page.OPPORTUNITIES,
    ),
    Category.ARREARS: Work(
        _("Cijfers over huurachterstand per portiek"),
        _("Signalen van huurachterstand bekijken"),
        _("Huurachterstand en vroegsignalering bijhouden"),
        Page.INTAKE,
        page_to_write=True,
        figures=Page.SCAN,
    ),
    Category.REPAIRS: Work(
        _("Cijfers over gebreken en overlast"),
        _("Gebreken en overlast bekijken"),
        _("Gebreken en overlast melden en afhandelen"),
        Page.INTAKE,
        page_to_write=True,
        figures=Page.SCAN,
    ),
    Category.CRIME: Work(
        _("Cijfers over ondermijning"),
        _("Signalen van ondermijning bekijken"),
        _("Signalen van ondermijning vastleggen en afhandelen"),
        Page.CRIME_SIGNALS,
    ),
    Category.CONSENT: Work(
        _("De stand van de instemming (70%)"),
        _("Instemming per huishouden bekijken"),
        _("De instemming met het renovatievoorstel bijhouden"),
        Page.CONSENT,
    ),
    Category.WORKS: Work(
        _("Cijfers over de planning van de werkzaamheden"),
        _("De planning van de werkzaamheden bekijken"),
        _("De werkzaamheden en logeerwoningen plannen"),
        Page.WORKS,
    ),
    Category.WORKS_NEEDS: Work(
        None,
        _("Wensen en beperkingen voor de planning bekijken"),
        _("Wensen en beperkingen voor de planning vastleggen"),
    ),
    Category.ALLOCATION: Work(
        _("Cijfers over toewijzing"),
        _("Toewijzing van vrijgekomen woningen volgen"),
        _("Vrijgekomen woningen toewijzen aan goede buren"),
    ),
    Category.RESEARCH: Work(
        _("Cijfers uit het onderzoek naar welzijn"),
        _("Gepseudonimiseerde onderzoeksgegevens bekijken"),
        _("Onderzoeksgegevens over welzijn vastleggen"),
    ),
    Category.AUDIT: Work(None, _("Het auditlog controleren"), None),
    # Trajectory names and phases frame every page; they are not a separate task.
    Category.META: Work(None, None, None),
    Category.ACCOUNTS: Work(
        None,
        _("Gebruikers, rollen en lidmaatschappen inzien"),
        _("Gebruikers, organisaties en lidmaatschappen beheren"),
        own_counts=False,
    ),
}

OWN_NOTE = _("Alleen wat uw organisatie aangaat.")


@dataclass(frozen=True)
class WorkItem:
    category: Category
    level: Level
    text: Promise
    page: Page | None  # set only when the user may open that page
    own_only: bool

    @property
    def note(self) -> Promise | None:
        return OWN_NOTE if self.own_only else None


def work_text(work: Work, granted: Level) -> Promise | None:
    if granted.own_only and not work.own_counts:
        return None
    if granted.writes:
        return work.change or work.view
    if granted.reads:
        return work.view
    if granted.counts:
        return work.count
    return None


def work_items(user) -> list[WorkItem]:
    """The user's work, one item per category their grants open, in policy-table order."""
    items = []
    for category in Category:
        granted = grant(user, category)
        work = WORK[category]
        text = work_text(work, granted)
        if text is None:
            continue
        page = work.page if work.page and may_open(user, work.page) else None
        if work.page_to_write and not granted.writes:
            page = None
        if page is None and granted is Level.AGG and work.figures and may_open(user, work.figures):
            page = work.figures
        items.append(WorkItem(category, granted, text, page, granted.own_only))
    return items


def may_open(user, page: Page) -> bool:
    if page is Page.INTAKE:  # the imports page is a link for those who may import some kind of file
        from voordeur.imports.kinds import importable_kinds

        return bool(importable_kinds(user))
    granted = grant(user, PAGE_CATEGORY[page])
    return granted.counts if page in COUNT_PAGES else granted.reads
