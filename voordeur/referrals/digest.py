"""The daily digest of overdue promises: one Dutch e-mail per user who must act on or oversee them.

Who gets one follows from the grants, as the start page does (`overdue_promises`): users of
the organisation that must keep a promise (own-levels), and users who read all promises of
their trajectories. The mail names no resident and holds no conversation content: the home's
address (only for users who may read places), what was promised, by whom, the due date and a
link to the overview. It goes at most once per user and day (`DigestSent`); the run is
audited as one event and the mails leave after the transaction commits.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from voordeur.access.policy import POLICY, Category
from voordeur.access.scope import grant
from voordeur.accounts.models import User
from voordeur.audit import log as audit
from voordeur.lib.dates import today
from voordeur.referrals.models import DigestSent
from voordeur.referrals.selectors import overdue_promises
from voordeur.trajectories.models import Trajectory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestLine:
    trajectory: str
    address: str | None  # None: the recipient may not read places
    text: str
    owner: str
    due_date: dt.date


@dataclass(frozen=True)
class Digest:
    user_id: int
    email: str
    subject: str
    body: str
    promises: int


@dataclass
class DigestRun:
    day: dt.date
    digests: list[Digest] = field(default_factory=list)
    already_sent: int = 0
    sent: int = 0
    failed: int = 0


def compose(*, name: str, lines: Sequence[DigestLine], links: Sequence[tuple[str, str]], day: dt.date) -> tuple[str, str]:
    """Subject and body of one digest (pure; Dutch, whatever the active language)."""
    with translation.override("nl"):
        count = len(lines)
        subject = ngettext("Voordeur: %(count)s toezegging over de termijn",
                           "Voordeur: %(count)s toezeggingen over de termijn", count) % {"count": count}
        parts = [_("Beste %(name)s,") % {"name": name}, ""]
        parts.append(ngettext(
            "Op %(day)s is deze toezegging aan een bewoner over de termijn en nog niet nagekomen:",
            "Op %(day)s zijn deze toezeggingen aan bewoners over de termijn en nog niet nagekomen:", count,
        ) % {"day": date_format(day, "j F Y")})
        parts.append("")
        for line in lines:
            where = line.address or _("een woning")
            parts.append(_("- %(where)s (%(trajectory)s): %(text)s — %(owner)s, uiterlijk %(due)s") % {
                "where": where, "trajectory": line.trajectory, "text": line.text, "owner": line.owner,
                "due": date_format(line.due_date, "j F Y")})
        parts.append("")
        parts.append(_("Bekijk en werk ze bij in Voordeur:"))
        for trajectory, url in links:
            parts.append(f"{trajectory}: {url}")
        parts.append("")
        parts.append(_("U krijgt dit bericht omdat u in Voordeur toezeggingen van uw organisatie of uw traject "
                       "volgt. Namen en gespreksinhoud staan nooit in deze e-mail."))
    return subject, "\n".join(parts)


def candidates():
    """Active users with an e-mail address whose role reads promises and who work on a trajectory."""
    roles = [role for role, level in POLICY[Category.PROMISES].items() if level.reads]
    return (User.objects.filter(is_active=True, role__in=roles, memberships__isnull=False)
            .exclude(email="").select_related("partner").distinct().order_by("pk"))


def _digest_for(user: User, day: dt.date, base_url: str, trajectories: dict[int, Trajectory]) -> Digest | None:
    promises = list(overdue_promises(user=user).filter(due_date__lt=day))
    if not promises:
        return None
    show_address = grant(user, Category.PLACES).reads
    lines, slugs = [], {}
    for promise in promises:
        trajectory = trajectories.get(promise.household.unit.complex_id)
        lines.append(DigestLine(
            trajectory=trajectory.name if trajectory else "",
            address=promise.household.unit.address if show_address else None,
            text=promise.text, owner=promise.owner_partner.name, due_date=promise.due_date))
        if trajectory is not None:
            slugs[trajectory.slug] = trajectory.name
    links = [(name, f"{base_url}{reverse('promises', kwargs={'slug': slug})}?te_laat=1")
             for slug, name in sorted(slugs.items(), key=lambda item: item[1])]
    subject, body = compose(name=user.get_full_name() or user.get_username(), lines=lines, links=links, day=day)
    return Digest(user_id=user.pk, email=user.email, subject=subject, body=body, promises=len(promises))


def send_digests(*, dry_run: bool = False, base_url: str = "", day: dt.date | None = None) -> DigestRun:
    """Compose today's digests; unless `dry_run`, record and audit them and send after commit."""
    day = day or today()
    run = DigestRun(day=day)
    base_url = base_url.rstrip("/")
    trajectories = {t.complex_id: t for t in Trajectory.objects.order_by("-pk")}  # the first per complex wins
    with transaction.atomic():
        done = set(DigestSent.objects.filter(day=day).values_list("user_id", flat=True))
        for user in candidates():
            if user.pk in done:
                run.already_sent += 1
                continue
            digest = _digest_for(user, day, base_url, trajectories)
            if digest is not None:
                run.digests.append(digest)
        if dry_run or not run.digests:
            return run
        DigestSent.objects.bulk_create(
            [DigestSent(user_id=d.user_id, day=day, promises=d.promises) for d in run.digests])
        audit.record(None, "digest", category=Category.PROMISES, object_type="referrals.digestsent",
                     object_id=day.isoformat(), purpose="daily digest of overdue promises",
                     detail={"day": day.isoformat(), "recipients": [d.user_id for d in run.digests],
                             "promises": sum(d.promises for d in run.digests)})
        transaction.on_commit(lambda: _send(run))
    return run


def _send(run: DigestRun) -> None:
    """After commit: send each mail; a mail that fails is forgotten so a later run retries it."""
    connection = get_connection()
    for digest in run.digests:
        message = EmailMessage(digest.subject, digest.body, settings.DEFAULT_FROM_EMAIL, [digest.email],
                               connection=connection)
        try:
            message.send()
        except Exception:  # one failing address must not stop the others
            log.exception("digest to user %s failed", digest.user_id)
            DigestSent.objects.filter(user_id=digest.user_id, day=run.day).delete()
            run.failed += 1
        else:
            run.sent += 1
