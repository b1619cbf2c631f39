"""The letters page: per household the letter's language (or a flag to arrange an
interpreter), and the cover letter and reminder as PDF — one household or the whole batch.

One household's letter prints at once (`?pdf=cover|reminder&huurder=ID`). A whole batch
(POST `pdf=cover|reminder`) is printed in the background by the worker; the page polls its
progress (htmx, every 2 s) and then offers the download (`?bundel=ID`). Every print and
every download is audited as an export.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.audit import log as audit
from voordeur.consent.batches import (
    access_letter_batch, batch_tenancies, latest_batches, letter_batch_export, letter_batch_start, letters_for,
    waiting_tenancy_ids,
)
from voordeur.consent.letters import KINDS, letter_language, needs_interpreter, render_pdf
from voordeur.consent.selectors import current_tenancies
from voordeur.consent.services import trajectory_id_of
from voordeur.lib.dates import today
from voordeur.web.consent.base import ConsentPage
from voordeur.web.doors.languages import language_name


class LettersPage(ConsentPage):
    """Letters carry every tenant's name and address: only roles that read all contact data."""

    def dispatch(self, request, *args, **kwargs):
        contact = grant(request.user, Category.CONTACT) if request.user.is_authenticated else None
        if contact is not None and (not contact.reads or contact.own_only):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def batches(self, proposal) -> dict:
        batches = latest_batches(user=self.request.user, proposal=proposal) if proposal is not None else []
        return {"batches": batches, "printing": any(b.job is not None and not b.job.finished for b in batches)}


class LettersView(LettersPage):
    template_name = "web/consent/letters.html"

    def get(self, request, *args, **kwargs):
        campaign = self.campaign()
        proposal = campaign["proposal"]
        context = dict(campaign)
        if proposal is not None:
            if request.GET.get("bundel"):
                return self.download(proposal, request.GET["bundel"])
            kind = request.GET.get("pdf")
            if kind:
                return self.pdf(proposal, kind)
            waiting = waiting_tenancy_ids(proposal)
            tenancies = list(current_tenancies(user=request.user, proposal=proposal, day=today()))
            context["rows"] = [
                {
                    "tenancy": t,
                    "language": language_name(t.household.language) if t.household.language else "",
                    "letter_language": language_name(letter_language(t.household.language)),
                    "interpreter": needs_interpreter(t.household.language, t.household.interpreter_needed),
                    "waiting": t.tenancy_id in waiting,
                }
                for t in tenancies
            ]
            context["waiting"] = len(waiting)
            context.update(self.batches(proposal))
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        campaign = self.campaign()
        proposal, kind = campaign["proposal"], request.POST.get("pdf")
        if proposal is None or kind not in KINDS:
            raise Http404
        try:
            batch = letter_batch_start(proposal=proposal, kind=kind, by=request.user,
                                       tenancies=batch_tenancies(user=request.user, proposal=proposal, kind=kind))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, ngettext("De brief voor %(count)s huishouden wordt gemaakt.",
                                               "De brieven voor %(count)s huishoudens worden gemaakt.",
                                               batch.total) % {"count": batch.total})
        url = reverse("consent-letters", kwargs={"slug": campaign["trajectory"].slug})
        return redirect(f"{url}?voorstel={proposal.pk}")

    def pdf(self, proposal, kind: str) -> HttpResponse:
        """One household's letter, printed at once."""
        if kind not in KINDS:
            raise Http404
        tenancies = [t for t in batch_tenancies(user=self.request.user, proposal=proposal, kind=kind)
                     if str(t.pk) == self.request.GET.get("huurder")]
        if not tenancies:
            raise Http404
        content, pages = render_pdf(letters_for(proposal, kind, tenancies, day=today()))
        audit.record(self.request.user, "export", category=Category.CONSENT, obj=proposal,
                     trajectory_id=trajectory_id_of(proposal.complex_id), purpose=f"letters {kind}",
                     detail={"kind": kind, "households": 1, "letters": 1, "pages": pages,
                             "tenancies": [t.pk for t in tenancies]})
        return pdf_response(content, f"voorstel-{proposal.pk}-{kind}-{tenancies[0].pk}.pdf")

    def download(self, proposal, pk: str) -> HttpResponse:
        batch = access_letter_batch(self.request.user, pk, proposal=proposal)
        content = letter_batch_export(batch=batch, by=self.request.user)
        return pdf_response(content, f"voorstel-{proposal.pk}-{batch.kind}-{batch.pk}.pdf")


class LettersProgressView(LettersPage):
    """The batches' progress, polled by htmx every 2 s while one is being printed."""

    template_name = "web/consent/_letter_batches.html"

    def get(self, request, *args, **kwargs):
        campaign = self.campaign()
        context = {**campaign, **self.batches(campaign["proposal"])}
        return self.render_to_response(self.get_context_data(**context))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
