"""The persona world's referrals and promises, consistent with its household links.

Every referral link of the world (tests/personas.py HOUSEHOLD_LINKS) gets the referral behind
it — the link's source id is set to it — so "own" data follows from real referrals:
- h1: welfare -> nbh (accepted, with consent) and nbh -> debt help (sent, with consent);
- h2: welfare -> nbh, completed 180 days ago (the link's grace still runs);
- h3: welfare -> nbh, declined 395 days ago (grace over: no longer nbh's own);
- h4: welfare -> debt help, an emergency without consent (the reason is not shared);
- o1 (the other trajectory): other corporation -> the outsider's organisation.
Facts: a referral is own for its sender (partner_id) and, through the household link, for the
organisations the household is linked to; a promise for its owner (partner_id) and linked
organisations. Where a promise's maker is not its owner, the maker's role has full write or the
household is linked to it, so those facts say all there is to say.

Reasons are distinctive ("Reden-R1 …") so tests can search every response for them.
"""

import datetime as dt

from django.utils import timezone

from tests.personas import OTHER, OURS, ROLE_PARTNER, World
from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Role
from voordeur.lib.workdays import due_date
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent

RS, PS = Referral.Status, Promise.Status
REASONS = {
    "R1": "Reden-R1 slaapt slecht door oplopende schulden",
    "R3": "Reden-R3 eenzaam sinds het overlijden van de partner",
    "R4": "Reden-R4 wil hulp bij het invullen van formulieren",
    "R5": "Reden-R5 dreigende huisuitzetting en paniek",
    "O1": "Reden-O1 buitenstaander met zorgen",
}
OVERRIDE_REASON = "Noodgeval-R5 deurwaarder staat morgen op de stoep"

# label: (household, from, to, kind, status, days since made, days since closed, consent)
REFERRALS = {
    "R1": ("h1", "welfare", "nbh", Referral.Kind.NBH_SUPPORT, RS.ACCEPTED, 20, None, True),
    "R2": ("h1", "nbh", "debt", Referral.Kind.DEBT_HELP, RS.SENT, 15, None, True),
    "R3": ("h2", "welfare", "nbh", Referral.Kind.NBH_SUPPORT, RS.COMPLETED, 220, 180, True),
    "R4": ("h3", "welfare", "nbh", Referral.Kind.LANGUAGE, RS.DECLINED, 420, 395, True),
    "R5": ("h4", "welfare", "debt", Referral.Kind.DEBT_HELP, RS.SENT, 1, None, False),
    "O1": ("o1", "other_corp", "other_welfare", Referral.Kind.OTHER, RS.SENT, 3, None, True),
}
# label: (household, owner, maker, referral, text, days since made, working days, status, kept days after due)
PROMISES = {
    "P1": ("h1", "nbh", "welfare", "R1", "Buurtteam Persona neemt binnen 5 werkdagen contact op", 20, 5, PS.KEPT, -1),
    "P2": ("h1", "debt", "nbh", "R2", "Schuldhulp Persona neemt binnen 5 werkdagen contact op", 15, 5, PS.OPEN, None),
    "P3": ("h2", "nbh", "welfare", "R3", "Buurtteam Persona neemt binnen 5 werkdagen contact op", 220, 5, PS.KEPT, 3),
    "P4": ("h3", "nbh", "welfare", "R4", "Buurtteam Persona neemt binnen 5 werkdagen contact op", 420, 5,
           PS.CANCELLED, None),
    "P5": ("h4", "debt", "welfare", "R5", "Schuldhulp Persona neemt binnen 5 werkdagen contact op", 1, 5, PS.OPEN,
           None),
    "P6": ("h5", "contractor", "contractor", None, "Toezegging-P6 aannemer repareert de voordeur", 30, 10, PS.OPEN,
           None),
    "P7": ("h6", "muni", "corp", None, "Toezegging-P7 gemeente belt over de parkeervergunning", 40, 10, PS.BROKEN,
           None),
    "P8": ("h5", "corp", "corp", None, "Toezegging-P8 corporatie repareert de lekkage", 25, 5, PS.KEPT, -2),
    "OP1": ("o1", "other_welfare", "other_corp", "O1", "Toezegging-OP1 ander welzijn belt", 12, 3, PS.OPEN, None),
}


def _user_of(world: World, partner_key: str) -> int | None:
    role = next((r for r, p in ROLE_PARTNER.items() if p == partner_key and r not in (Role.PRIVACY, Role.ADMIN)),
                None)
    return world.users[role.value] if role else None


def add_referrals(world: World) -> dict[str, int]:
    """Referrals and promises with their histories; returns {label: pk}."""
    now = timezone.now()
    today = timezone.localdate()
    pks: dict[str, int] = {}
    referrals: dict[str, Referral] = {}
    for label, (household, sender, receiver, kind, status, made_ago, closed_ago, consent) in REFERRALS.items():
        made = now - dt.timedelta(days=made_ago)
        closed = now - dt.timedelta(days=closed_ago) if closed_ago is not None else None
        referral = Referral.objects.create(
            household_id=world.households[household], from_partner_id=world.partners[sender],
            to_partner_id=world.partners[receiver], created_by_id=_user_of(world, sender), kind=kind,
            reason=REASONS.get(label, ""), consent_given=consent,
            consent_scope="Met de ontvangende organisatie: de reden en de gekozen leefgebieden" if consent else "",
            shared_domains=["finances", "mental_health"] if consent else [],
            emergency_override=not consent, override_reason="" if consent else OVERRIDE_REASON,
            status=status, respond_by=due_date(made.date(), 5), closed_at=closed,
            feedback="Terugmelding-R3 traject gestart" if status == RS.COMPLETED else "",
        )
        events = [("", RS.SENT, made, sender)]
        if status in (RS.ACCEPTED, RS.COMPLETED):
            events.append((RS.SENT, RS.ACCEPTED, made + dt.timedelta(days=2), receiver))
        if status == RS.COMPLETED:
            events.append((RS.ACCEPTED, RS.COMPLETED, closed, receiver))
        if status == RS.DECLINED:
            events.append((RS.SENT, RS.DECLINED, closed, receiver))
        for from_status, to_status, at, partner in events:
            ReferralEvent.objects.create(referral=referral, from_status=from_status, to_status=to_status, at=at,
                                         by_id=_user_of(world, partner), partner_id=world.partners[partner],
                                         note="Past niet bij ons aanbod" if to_status == RS.DECLINED else "")
        updated = HouseholdLink.objects.filter(
            household_id=world.households[household], partner_id=world.partners[receiver],
            reason=HouseholdLink.Reason.REFERRAL).update(source_id=referral.pk)
        assert updated == 1, f"{label}: the world has no link for this referral"
        trajectory = OTHER if household.startswith("o") else OURS
        world.add(referral, {trajectory}, household_id=referral.household_id, partner_id=referral.from_partner_id)
        referrals[label] = referral
        pks[label] = referral.pk

    for label, (household, owner, maker, ref, text, made_ago, days, status, kept_after) in PROMISES.items():
        made_on = today - dt.timedelta(days=made_ago)
        due = due_date(made_on, days)
        promise = Promise.objects.create(
            household_id=world.households[household], referral=referrals.get(ref) if ref else None,
            owner_partner_id=world.partners[owner], made_by_partner_id=world.partners[maker],
            made_by_id=_user_of(world, maker), text=text, made_on=made_on, working_days=days, due_date=due,
            status=status, kept_on=due + dt.timedelta(days=kept_after) if status == PS.KEPT else None,
        )
        made_at = now - dt.timedelta(days=made_ago)
        PromiseEvent.objects.create(promise=promise, from_status="", to_status=PS.OPEN, at=made_at,
                                    by_id=_user_of(world, maker), partner_id=world.partners[maker])
        if status != PS.OPEN:
            actor = maker if status == PS.CANCELLED else owner
            PromiseEvent.objects.create(promise=promise, from_status=PS.OPEN, to_status=status,
                                        at=made_at + dt.timedelta(days=max(days, 1)),
                                        by_id=_user_of(world, actor), partner_id=world.partners[actor])
        trajectory = OTHER if household.startswith("o") else OURS
        world.add(promise, {trajectory}, household_id=promise.household_id, partner_id=promise.owner_partner_id)
        pks[label] = promise.pk
    world.referral_pks = pks  # type: ignore[attr-defined]
    return pks


# --- the query-count pins (tests/api/test_query_counts.py) --------------------------------------


def _receiver(pin):
    from voordeur.accounts.models import Partner
    from voordeur.trajectories.models import TrajectoryPartner

    partner, made = Partner.objects.get_or_create(slug="pin-receiver", defaults={"name": "Pin ontvanger",
                                                                                 "kind": Partner.Kind.NBH_TEAM})
    if made:
        TrajectoryPartner.objects.create(trajectory=pin.trajectory, partner=partner)
    return partner


def grow_referrals(pin, n: int) -> None:
    """n more referrals (each with two history events) the pin user sees."""
    receiver = _receiver(pin)
    now = timezone.now()
    for _ in range(n):
        referral = Referral.objects.create(
            household=pin.household(), from_partner=pin.partner, to_partner=receiver, kind=Referral.Kind.OTHER,
            reason="Pin reden", consent_given=True, consent_scope="Pin", status=RS.ACCEPTED,
            respond_by=timezone.localdate())
        ReferralEvent.objects.create(referral=referral, to_status=RS.SENT, at=now, partner=pin.partner)
        ReferralEvent.objects.create(referral=referral, from_status=RS.SENT, to_status=RS.ACCEPTED, at=now,
                                     partner=receiver)


def grow_promises(pin, n: int) -> None:
    receiver = _receiver(pin)
    today = timezone.localdate()
    for i in range(n):
        promise = Promise.objects.create(
            household=pin.household(), owner_partner=receiver if i % 2 else pin.partner, made_by_partner=pin.partner,
            text=f"Pin toezegging {i}", made_on=today, working_days=5, due_date=due_date(today, 5))
        PromiseEvent.objects.create(promise=promise, to_status=PS.OPEN, at=timezone.now(), partner=pin.partner)
