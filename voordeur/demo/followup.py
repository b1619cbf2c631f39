"""Phase 2: what follows from the conversations — referrals and promises, with their history.

Brokers refer residents, with their consent and sharing only the life domains concerned, to
the neighbourhood team, the municipality's debt counter and its neighbourhood counter; the
corporation refers a few tenants in arrears itself. Once, a broker referred without consent
in an emergency, with the reason recorded. Referrals are at every stage: just sent, sent and
overdue, accepted, declined, completed with feedback, and one withdrawn. Each referral links
its household to the receiving organisation (`access.HouseholdLink`), closed when the
referral closed.

Every referral carries the promise made to the resident ("Het buurtteam neemt binnen 5
werkdagen contact met u op"); the corporation promised repairs, and the welfare
organisation, enforcement, the contractor and the renovation lead made promises of their
own. Promises are open (some overdue), kept (on time and late), broken or cancelled, each
with its status history. The receiving partners' contacts go into the shared contact log.

Which referrals and promises there are and their statuses depend only on the seed; dates
are placed relative to today, due dates in Dutch working days.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import translation

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Role
from voordeur.demo import texts
from voordeur.demo.contacts import at, moment
from voordeur.demo.residents import quota
from voordeur.households.models import ContactLogEntry, Household
from voordeur.lib.workdays import add_working_days, due_date, dutch_holidays
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.visits.domains import LIFE_DOMAINS

Channel, Topic = ContactLogEntry.Channel, ContactLogEntry.Topic
Kind, RStatus, PStatus = Referral.Kind, Referral.Status, Promise.Status

NBH_TEAM, MUNICIPALITY, WELFARE = "buurtteam-overvecht-noord", "gemeente-utrecht", "welzijn-overvecht-samen"
RECEIVER = {Kind.NBH_SUPPORT: NBH_TEAM, Kind.DEBT_HELP: MUNICIPALITY, Kind.MUNICIPAL_COUNTER: MUNICIPALITY}
RECEIVER_ROLE = {NBH_TEAM: Role.NBH_TEAM, MUNICIPALITY: Role.DEBT_HELP}  # who works the referrals there
RESPOND_DAYS = {Kind.NBH_SUPPORT: 10, Kind.DEBT_HELP: 5, Kind.MUNICIPAL_COUNTER: 10}  # the partners' agreements
NBH_DOMAINS = ("mental_health", "domestic_relations", "social_network", "basic_adl", "daytime", "physical_health")
COUNTER_DOMAINS = ("work_education", "instrumental_adl")
CONSENT_CHANCE = 0.9
CORPORATION_REFERRALS = 3
MAX_BROKER_REFERRALS = 23

# Stages of a referral: relative share, and the window (days ago) in which it was sent.
STAGES: dict[str, int] = {"completed": 5, "accepted": 7, "declined": 3, "withdrawn": 1, "overdue": 4, "recent": 3}
SENT_WINDOW: dict[str, tuple[int, int]] = {
    "recent": (1, 3), "overdue": (21, 60), "accepted": (30, 140), "declined": (25, 150),
    "completed": (70, 175), "withdrawn": (25, 120),
}
LATE_CHANCE = 0.3
REPAIR_PROMISES = 9
REPAIR_PROMISE_MAX_AGE = 200  # promises about repairs from the last half year or so


@dataclass
class FollowUp:
    referrals: list[Referral] = field(default_factory=list)
    referral_events: list[ReferralEvent] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    promise_events: list[PromiseEvent] = field(default_factory=list)
    contacts: list[ContactLogEntry] = field(default_factory=list)
    created: dict[int, dt.datetime] = field(default_factory=dict)  # id(row) -> when it was made


@dataclass
class _Candidate:
    household: Household
    kind: str
    shared: list[str]
    visit: object = None
    visit_age: int = 175
    consent: bool = True
    emergency: bool = False
    corporation: bool = False
    months: int = 0


class _Timeline:
    """Working-day arithmetic against today, with choices drawn as floats so that the number of
    random draws never depends on the dates."""

    def __init__(self, rng: random.Random, today: dt.date):
        self.rng, self.today = rng, today
        self.holidays = dutch_holidays(today.year - 1, today.year + 1)

    def sent(self, days_ago: int) -> dt.datetime:
        return moment(self.today, days_ago, self.rng.randint(9, 16), self.rng.choice(range(0, 60, 5)))

    def after(self, start: dt.date, low: int, high: int) -> dt.date:
        """A working day `low`..`high` working days after start, but before today (start itself if none)."""
        u = self.rng.random()
        days = [add_working_days(start, n, self.holidays) for n in range(low, high + 1)]
        days = [day for day in days if day < self.today] or [start]
        return days[int(u * len(days))]

    def moment_on(self, day: dt.date) -> dt.datetime:
        return at(day, self.rng.randint(9, 16), self.rng.choice(range(0, 60, 5)))

    def kept(self, made: dt.date, due: dt.date, working_days: int, late: bool) -> dt.date:
        """The day a promise was kept: on time (by `due`) or late (up to 8 working days after)."""
        late_day, on_time = self.after(due, 1, 8), self.after(made, 1, working_days)
        return late_day if late and late_day > due else on_time


class _Builder:
    def __init__(self, rng: random.Random, today: dt.date, partners, users):
        self.rng, self.today, self.partners, self.users = rng, today, partners, users
        self.time = _Timeline(rng, today)
        self.out = FollowUp()

    def contact(self, household, user, when: dt.datetime, channel: str, topic: str, reached: bool = True) -> None:
        self.out.contacts.append(ContactLogEntry(household=household, partner=user.partner, user=user,
                                                 contacted_at=when, channel=channel, topic=topic, reached=reached))

    def promise(self, household, *, owner, made_by, text: str, working_days: int, made_at: dt.datetime,
                referral: Referral | None = None) -> Promise:
        made = made_at.date()
        row = Promise(household=household, referral=referral, owner_partner=owner, made_by_partner=made_by.partner,
                      made_by=made_by, text=text, made_on=made, working_days=working_days,
                      due_date=due_date(made, working_days))
        self.out.promises.append(row)
        self.out.created[id(row)] = made_at
        self.promise_event(row, "", PStatus.OPEN, made_at, made_by)
        return row

    def promise_event(self, promise: Promise, old: str, new: str, when: dt.datetime, by, note: str = "") -> None:
        promise.status = new
        self.out.promise_events.append(PromiseEvent(promise=promise, from_status=old, to_status=new, at=when, by=by,
                                                    partner=by.partner, note=note))

    def keep(self, promise: Promise, day: dt.date, by, note: str | None = None) -> dt.datetime:
        when = self.time.moment_on(day)
        promise.kept_on = day
        self.promise_event(promise, PStatus.OPEN, PStatus.KEPT, when, by,
                           note if note is not None else self.rng.choice(texts.KEPT_NOTES))
        return when

    # referrals -----------------------------------------------------------------------------

    def candidates(self, assessments, doorstep_age, explored, settled: set[int]) -> list[_Candidate]:
        rng = self.rng
        busy = {
            NBH_TEAM: {h.pk for h in explored.supported_by(NBH_TEAM)},
            MUNICIPALITY: {h.pk for h in explored.supported_by(MUNICIPALITY)},
        }
        found: list[_Candidate] = []
        for assessment in sorted(assessments, key=lambda a: a.household.unit.unit_id):
            household, scores = assessment.household, {k: v["score"] for k, v in assessment.domains.items()}
            if household.pk not in settled:
                continue
            visit, age = assessment.visit, doorstep_age[id(assessment.visit)]
            wanted = []
            if scores.get("finances", 5) <= 2 and household.pk not in busy[MUNICIPALITY]:
                shared = ["finances"] + [d for d in ("instrumental_adl",) if scores.get(d, 5) <= 3]
                wanted.append(_Candidate(household, Kind.DEBT_HELP, shared, visit, age))
            low = [d for d in NBH_DOMAINS if scores.get(d, 5) <= 2]
            if low and household.pk not in busy[NBH_TEAM]:
                wanted.append(_Candidate(household, Kind.NBH_SUPPORT, low, visit, age))
            counter = [d for d in COUNTER_DOMAINS if scores.get(d, 5) <= 2]
            if counter and not any(c.kind == Kind.DEBT_HELP for c in wanted) and household.pk not in busy[MUNICIPALITY]:
                wanted.append(_Candidate(household, Kind.MUNICIPAL_COUNTER, counter, visit, age))
            if wanted and rng.random() < CONSENT_CHANCE:
                found += wanted
            elif wanted:
                for candidate in wanted:
                    candidate.consent = False  # declined a referral; kept only for an emergency
                found += [c for c in wanted if c.kind == Kind.NBH_SUPPORT]
        # One emergency: preferably a resident who did not consent, with time since the visit to
        # have been taken on; else any such resident, else a consenting one.
        old_enough = SENT_WINDOW["accepted"][0]
        refusing = [c for c in found if not c.consent]
        nbh = [c for c in found if c.kind == Kind.NBH_SUPPORT]
        pools = ([c for c in refusing if c.visit_age >= old_enough], refusing,
                 [c for c in nbh if c.visit_age >= old_enough], nbh)
        emergency = next((rng.choice(pool) for pool in pools if pool), None)
        if emergency is not None:
            emergency.consent, emergency.emergency = False, True
        found = [c for c in found if c.consent or c.emergency]
        if len(found) > MAX_BROKER_REFERRALS:
            keep = set(map(id, rng.sample(found, MAX_BROKER_REFERRALS - (emergency is not None))))
            found = [c for c in found if id(c) in keep or c is emergency]

        referred = {c.household.pk for c in found if c.kind == Kind.DEBT_HELP}
        pool = [row for row in explored.arrears if row.household.pk in settled and row.household.pk not in referred
                and row.household.pk not in busy[MUNICIPALITY]]
        for row in rng.sample(pool, min(CORPORATION_REFERRALS, len(pool))):
            found.append(_Candidate(row.household, Kind.DEBT_HELP, ["finances"], corporation=True, months=row.months))
        return found

    def stages(self, candidates: list[_Candidate]) -> list[str]:
        """A stage per candidate. The emergency was accepted. Then the quota's stages, those that
        need the most time since the visit first, each go to a random candidate whose visit
        leaves that time; whoever is left was referred just now."""
        rng = self.rng
        remaining = quota(STAGES, len(candidates))
        stage: dict[int, str] = {}
        for candidate in candidates:
            if candidate.emergency and "accepted" in remaining:
                stage[id(candidate)] = "accepted"
                remaining.remove("accepted")
        for name in sorted(remaining, key=lambda s: (-SENT_WINDOW[s][0], s)):
            free = [c for c in candidates if id(c) not in stage and c.visit_age >= SENT_WINDOW[name][0]]
            if free:
                stage[id(rng.choice(free))] = name
        return [stage.get(id(c), "recent") for c in candidates]

    def referral(self, candidate: _Candidate, stage: str) -> None:
        rng, time, users, partners = self.rng, self.time, self.users, self.partners
        sender = users[Role.SOCIAL_MANAGER] if candidate.corporation else users[Role.BROKER]
        receiver_slug = RECEIVER[candidate.kind]
        receiver_partner, receiver = partners[receiver_slug], users[RECEIVER_ROLE[receiver_slug]]
        low, high = SENT_WINDOW[stage]
        sent_age = rng.randint(low, max(low, min(high, candidate.visit_age)))
        sent_at = time.sent(sent_age)
        sent = sent_at.date()
        if candidate.visit is not None and sent < candidate.visit.visited_on:  # only when dates were squeezed
            sent_at, sent = time.moment_on(candidate.visit.visited_on), candidate.visit.visited_on

        with translation.override("nl"):
            labels = ", ".join(str(LIFE_DOMAINS[d]).lower() for d in candidate.shared)
        if candidate.corporation:
            reason = texts.CORPORATION_REASON.format(months=candidate.months)
        else:
            reason = rng.choice(texts.REFERRAL_REASONS[candidate.kind])
        row = Referral(
            household=candidate.household, visit=candidate.visit, from_partner=sender.partner,
            to_partner=receiver_partner, created_by=sender, kind=candidate.kind, reason=reason,
            consent_given=candidate.consent,
            consent_scope=texts.CONSENT_SCOPE.format(domains=labels, partner=receiver_partner.name)
            if candidate.consent else "",
            shared_domains=list(candidate.shared), emergency_override=candidate.emergency,
            override_reason=texts.OVERRIDE_REASON if candidate.emergency else "",
            respond_by=due_date(sent, RESPOND_DAYS[candidate.kind]),
        )
        self.out.referrals.append(row)
        self.out.created[id(row)] = sent_at
        events: list[tuple[str, str, dt.datetime, object, str]] = [
            ("", RStatus.SENT, sent_at, sender, "" if candidate.corporation else rng.choice(texts.SENT_NOTES))]
        if candidate.visit is not None and sent_age < candidate.visit_age:  # a call after the visit
            self.contact(candidate.household, sender, sent_at, Channel.PHONE, Topic.REFERRAL)
        if candidate.corporation:
            self.contact(candidate.household, sender, sent_at, Channel.PHONE, Topic.RENT)

        text, working_days = texts.REFERRAL_PROMISES[candidate.kind]
        promise = self.promise(candidate.household, owner=receiver_partner, made_by=sender, text=text,
                               working_days=working_days, made_at=sent_at, referral=row)
        late = rng.random() < LATE_CHANCE and not candidate.emergency
        escalated = rng.random() < 0.5 and late and stage == "accepted"  # promise broken before the contact

        if stage in ("accepted", "completed"):
            if escalated:
                broken_on = time.after(promise.due_date, 1, 1)
                self.promise_event(promise, PStatus.OPEN, PStatus.BROKEN, time.moment_on(broken_on),
                                   users[Role.DIRECTOR], texts.BROKEN_NOTES[1])
                first = time.after(broken_on, 1, 6)
            else:
                first = time.kept(sent, promise.due_date, 1 if candidate.emergency else working_days, late)
                self.keep(promise, first, receiver)
            first_at = time.moment_on(first)
            events.append((RStatus.SENT, RStatus.ACCEPTED, first_at, receiver, rng.choice(texts.ACCEPT_NOTES)))
            self.contact(candidate.household, receiver, first_at,
                         rng.choice((Channel.PHONE, Channel.PHONE, Channel.MEETING, Channel.DOOR)), Topic.REFERRAL)
            if stage == "completed":
                middle, done = time.after(first, 3, 10), time.after(first, 15, 35)
                self.contact(candidate.household, receiver, time.moment_on(middle), Channel.MEETING, Topic.SUPPORT)
                done_at = time.moment_on(done)
                row.feedback = rng.choice(texts.FEEDBACK[candidate.kind])
                events.append((RStatus.ACCEPTED, RStatus.COMPLETED, done_at, receiver, texts.COMPLETE_NOTE))
        elif stage == "declined":
            decided = time.after(sent, 1, 5)
            decided_at = time.moment_on(decided)
            events.append((RStatus.SENT, RStatus.DECLINED, decided_at, receiver, rng.choice(texts.DECLINE_NOTES)))
            self.contact(candidate.household, receiver, decided_at, Channel.PHONE, Topic.REFERRAL)
            self.keep(promise, decided, receiver, "Bewoner gebeld.")
        elif stage == "withdrawn":
            withdrawn_at = time.moment_on(time.after(sent, 1, 3))
            events.append((RStatus.SENT, RStatus.WITHDRAWN, withdrawn_at, sender, texts.WITHDRAW_NOTE))
            self.promise_event(promise, PStatus.OPEN, PStatus.CANCELLED, withdrawn_at, sender,
                               texts.CANCEL_REFERRAL_NOTE)
        # "recent" and "overdue": sent, no answer yet; the promise is open (overdue ones past due)

        for old, new, when, by, note in events:
            self.out.referral_events.append(ReferralEvent(referral=row, from_status=old, to_status=new, at=when,
                                                          by=by, partner=by.partner, note=note))
        row.status = events[-1][1]
        closed = row.status in (RStatus.DECLINED, RStatus.COMPLETED, RStatus.WITHDRAWN)
        row.closed_at = events[-1][2] if closed else None

    # promises outside referrals ------------------------------------------------------------

    def repair_promises(self, explored, settled: set[int]) -> None:
        rng, time, users = self.rng, self.time, self.users
        manager, corporation = users[Role.SOCIAL_MANAGER], users[Role.SOCIAL_MANAGER].partner
        candidates = [r for r in explored.repairs if r.unit is not None and r.kind in texts.REPAIR_PROMISES]
        households = {h.unit.pk: h for h in explored.settled_households if h.pk in settled}
        candidates = [r for r in candidates if r.unit.pk in households
                      and explored.repair_age[id(r)] <= REPAIR_PROMISE_MAX_AGE]
        for repair in sorted(rng.sample(candidates, min(REPAIR_PROMISES, len(candidates))),
                             key=lambda r: r.external_id):
            age = explored.repair_age[id(repair)]
            household = households[repair.unit.pk]
            text, working_days = texts.REPAIR_PROMISES[repair.kind]
            made_age = max(1, age - rng.randint(0, 1))
            promise = self.promise(household, owner=corporation, made_by=manager, text=text,
                                   working_days=working_days, made_at=time.sent(made_age))
            made, due = promise.made_on, promise.due_date
            late = rng.random() < 0.35
            if repair.status in ("done", "in_progress"):
                day = time.kept(made, due, working_days, late and repair.status == "done")
                when = self.keep(promise, day, manager, "Monteur is langs geweest.")
                self.contact(household, manager, when, Channel.DOOR, Topic.REPAIR)
            elif repair.status == "cancelled":
                self.promise_event(promise, PStatus.OPEN, PStatus.CANCELLED,
                                   time.moment_on(time.after(made, 1, 3)), manager, texts.CANCEL_REPAIR_NOTE)
            elif made_age > working_days * 7 // 5 + 6 and rng.random() < 0.5:
                broken = time.moment_on(time.after(due, 1, 3))
                self.promise_event(promise, PStatus.OPEN, PStatus.BROKEN, broken, manager, texts.BROKEN_NOTES[0])
                self.promise(household, owner=corporation, made_by=manager,
                             text="Nieuwe afspraak: de monteur komt binnen 5 werkdagen.", working_days=5,
                             made_at=broken)
            # else: still open (overdue when made long ago)

    def other_promises(self, doorstep, explored, settled: set[int], proposal_days_ago: int) -> None:
        rng, time, users, partners = self.rng, self.time, self.users, self.partners
        talked = [v for v in doorstep.talked() if v.household.pk in settled]
        age = doorstep.age

        def pick(pool):
            return pool[int(rng.random() * len(pool))] if pool else None

        broker = users[Role.BROKER]
        # the broker came back with information in time, and helped with a form late
        for text, on_time in (("De makelaar komt binnen 10 werkdagen terug met informatie over het taalcafé.", True),
                           ("De makelaar helpt u binnen 10 werkdagen met de aanvraag van de Stadspas.", False)):
            visit = pick([v for v in talked if age[id(v)] >= 40 and not any(
                p.household is v.household for p in self.out.promises)])
            if visit is None:
                continue
            promise = self.promise(visit.household, owner=broker.partner, made_by=broker, text=text,
                                   working_days=10, made_at=time.moment_on(visit.visited_on))
            when = self.keep(promise, time.kept(promise.made_on, promise.due_date, 10, not on_time), broker)
            self.contact(visit.household, broker, when, Channel.DOOR if on_time else Channel.PHONE, Topic.SUPPORT)

        enforcement = users[Role.ENFORCEMENT]
        worried = [v for v in talked if {"safety", "nuisance"} & set(v.themes)]
        visit = pick(worried or talked)
        if visit is not None:
            made_at = time.sent(max(1, age[id(visit)] - rng.randint(2, 10)))
            self.contact(visit.household, enforcement, made_at, Channel.DOOR, Topic.SAFETY)
            code = visit.unit.portiek.code
            promise = self.promise(visit.household, owner=enforcement.partner, made_by=enforcement, working_days=10,
                                   text=f"Handhaving loopt binnen 10 werkdagen een extra avondronde bij de entree "
                                        f"van portiek {code}.", made_at=made_at)
            when = self.keep(promise, time.kept(promise.made_on, promise.due_date, 10, False), enforcement)
            self.contact(visit.household, enforcement, when, Channel.PHONE, Topic.SAFETY)

        pool = sorted((h for h in explored.settled_households if h.pk in settled), key=lambda h: h.unit.unit_id)
        contractor = users[Role.CONTRACTOR]
        household = pick(pool)
        made_at = time.sent(rng.randint(2, 6))
        self.contact(household, contractor, made_at, Channel.PHONE, Topic.WORKS_APPOINTMENT)
        self.promise(household, owner=contractor.partner, made_by=contractor, working_days=10, made_at=made_at,
                     text="De woningopname wordt binnen 10 werkdagen met u ingepland.")

        reno = users[Role.RENO_LEAD]
        languages = {"ar": "het Arabisch", "tr": "het Turks"}
        household = pick([h for h in pool if h.language in languages])
        if household is not None:
            made_at = time.sent(max(1, proposal_days_ago - rng.randint(1, 4)))
            self.contact(household, reno, made_at, Channel.PHONE, Topic.RENOVATION)
            promise = self.promise(household, owner=reno.partner, made_by=reno, working_days=5, made_at=made_at,
                                   text=f"U krijgt het renovatievoorstel binnen 5 werkdagen in "
                                        f"{languages[household.language]}.")
            when = self.keep(promise, time.kept(promise.made_on, promise.due_date, 5, False), reno)
            self.contact(household, reno, when, Channel.LETTER, Topic.RENOVATION)

        manager = users[Role.SOCIAL_MANAGER]
        costs = [v.household for v in talked if "rent_costs" in v.themes and age[id(v)] >= 30]
        household = pick(costs or pool)
        made_at = time.sent(rng.randint(30, 90))
        self.contact(household, manager, made_at, Channel.PHONE, Topic.RENT)
        promise = self.promise(household, owner=manager.partner, made_by=manager, working_days=5, made_at=made_at,
                               text="De sociaal beheerder belt u binnen 5 werkdagen terug over de servicekosten.")
        self.promise_event(promise, PStatus.OPEN, PStatus.BROKEN,
                           time.moment_on(time.after(promise.due_date, 2, 5)), users[Role.DIRECTOR],
                           texts.BROKEN_NOTES[1])

        nbh = users[Role.NBH_TEAM]
        household = pick([h for h in explored.supported_by(NBH_TEAM) if h.pk in settled])
        if household is not None:
            made_at = time.sent(rng.randint(20, 40))
            self.contact(household, nbh, made_at, Channel.MEETING, Topic.SUPPORT)
            self.promise(household, owner=nbh.partner, made_by=nbh, working_days=5, made_at=made_at,
                         text="Het buurtteam plant binnen 5 werkdagen een nieuwe afspraak met u.")


def build_followup(rng: random.Random, doorstep, explored, *, today: dt.date, partners, users, settled: set[int],
                   proposal_days_ago: int) -> FollowUp:
    """Make the unsaved referrals, promises, their events and contacts (links after saving: `link`)."""
    builder = _Builder(rng, today, partners, users)
    candidates = builder.candidates(doorstep.assessments, doorstep.age, explored, settled)
    for candidate, stage in zip(candidates, builder.stages(candidates)):
        builder.referral(candidate, stage)
    builder.repair_promises(explored, settled)
    builder.other_promises(doorstep, explored, settled, proposal_days_ago)
    return builder.out


def links(referrals: list[Referral], opened: dict[int, dt.datetime]) -> list[HouseholdLink]:
    """One link per saved referral to its receiving organisation, closed when the referral closed."""
    return [HouseholdLink(household=r.household, partner=r.to_partner, reason=HouseholdLink.Reason.REFERRAL,
                          source_id=r.pk, opened_at=opened[id(r)], closed_at=r.closed_at) for r in referrals]
