"""The demo's renovation proposal: sent recently, with the first responses coming in.

The demo trajectory is in phase 2, so the proposal is an early one: sent 12 days ago with a
response deadline 8 weeks on, the bewonerscommissie's advice in, and about a third of the
tenants answered — mostly yes, a few no, some changed their mind. Dates are placed relative
to today like the contact log; who answered what depends only on the seed (its own Random).
"""

import datetime as dt
import random
from dataclasses import dataclass

from voordeur.consent.models import Advice, Answer, Channel, Proposal, ProposalVersion, Response
from voordeur.households.models import Tenancy
from voordeur.places.models import Complex

TITLE = "Renovatie Nigerdreef: isolatie, nieuwe installaties, badkamer en keuken"
SUMMARY = (
    "Wij isoleren gevels, daken en vloeren, vervangen kozijnen en installaties en vernieuwen "
    "badkamer, toilet en keuken. De werkzaamheden in uw woning duren ongeveer 20 werkdagen. "
    "Wie tijdens de werkzaamheden niet thuis kan blijven, kan een logeerwoning of de dagruimte gebruiken. "
    "De huur stijgt niet; de energierekening daalt naar verwachting."
)
SENT_DAYS_AGO = 12
DEADLINE_DAYS_AFTER_SENT = 56
RESPONDED_SHARE = 0.34
YES_SHARE = 0.8
CHANGED_SHARE = 0.05
CHANNELS = ((Channel.LETTER, 45), (Channel.DOOR, 30), (Channel.PHONE, 10), (Channel.WEB, 15))


@dataclass(frozen=True)
class DemoConsent:
    proposal: Proposal
    responses: int


def build_consent(rng: random.Random, complex_: Complex, tenancies: list[Tenancy], today: dt.date) -> DemoConsent:
    sent = today - dt.timedelta(days=SENT_DAYS_AGO)
    proposal = Proposal.objects.create(complex=complex_, title=TITLE, sent_on=sent,
                                       response_deadline=sent + dt.timedelta(days=DEADLINE_DAYS_AFTER_SENT))
    ProposalVersion.objects.create(proposal=proposal, number=1, summary=SUMMARY, languages="nl,en,tr,ar",
                                   changed_on=sent)
    Advice.objects.create(proposal=proposal, requested_on=sent - dt.timedelta(days=70),
                          received_on=sent - dt.timedelta(days=30), departs=False)
    channels, weights = zip(*CHANNELS, strict=True)
    responses = []
    current = sorted((t for t in tenancies if t.end_date is None), key=lambda t: t.tenancy_id)
    for tenancy in current:
        if rng.random() >= RESPONDED_SHARE:
            continue
        answer = Answer.YES if rng.random() < YES_SHARE else Answer.NO
        day = sent + dt.timedelta(days=rng.randint(0, SENT_DAYS_AGO))
        channel = rng.choices(channels, weights=weights)[0]
        responses.append(Response(proposal=proposal, tenancy=tenancy, answer=answer, responded_on=day, channel=channel))
        if rng.random() < CHANGED_SHARE and day < today:
            later = day + dt.timedelta(days=rng.randint(1, (today - day).days))
            other = Answer.NO if answer == Answer.YES else Answer.YES
            responses.append(Response(proposal=proposal, tenancy=tenancy, answer=other, responded_on=later,
                                      channel=Channel.PHONE))
    Response.objects.bulk_create(responses)
    return DemoConsent(proposal, len(responses))
