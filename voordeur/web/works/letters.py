"""The works letters page: per household with planned dates its letter language (or the
flag that an interpreter is needed), a PDF per household, and per stairwell a batch PDF made
by a background job whose progress htmx polls. Only works writers print; reading roles see
the list with what their grants show. Every print and download is audited (works/printing.py).

`?brief=ID` prints one planned unit's letter; `?batch=ID` downloads a finished batch.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible
from voordeur.web.doors.languages import language_name
from voordeur.web.works.base import WorksPage
from voordeur.works import printing
from voordeur.works.letters import lacks_translation, letter_language


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def batches_context(user, trajectory) -> dict:
    """The newest batches (works writers only) and whether one is still being made."""
    batches = list(printing.letter_batches(user=user, trajectory=trajectory)[:printing.BATCHES_SHOWN])
    return {"batches": batches, "polling": any(b.job is not None and not b.job.finished for b in batches)}


class LettersView(WorksPage):
    template_name = "web/works/letters.html"

    def get(self, request, *args, **kwargs):
        context = self.works()
        plan = context["plan"]
        if "brief" in request.GET or "batch" in request.GET:
            if not context["may_write"]:
                raise PermissionDenied
            return self.download(context, plan)
        rows = list(printing.letter_rows(user=request.user, version=plan)) if plan else []
        lines = [self.line(row) for row in rows]
        context.update(lines=lines, portieken=sorted({row.unit.portiek.code for row in rows}),
                       **batches_context(request.user, context["trajectory"]))
        return self.render_to_response(self.get_context_data(**context))

    def line(self, row) -> dict:
        household = row.household
        contact = field_visible(self.request.user, Category.CONTACT, household_id=household.pk)
        language = household.language if contact else ""
        return {"row": row, "name": household.name if contact else "", "contact": contact,
                "language": language_name(language) if language else "",
                "letter_language": language_name(letter_language(language)),
                "no_translation": lacks_translation(language)}

    def download(self, context: dict, plan) -> HttpResponse:
        user, trajectory = self.request.user, context["trajectory"]
        wanted = self.request.GET.get("brief")
        if wanted is not None:
            row = printing.letter_rows(user=user, version=plan).filter(pk=wanted).first() if plan and \
                wanted.isdigit() else None
            if row is None:
                raise Http404
            content, _pages = printing.letter_pdf(user=user, trajectory=trajectory, row=row)
            return pdf_response(content, f"brief-werkzaamheden-{row.unit.unit_id}.pdf")
        wanted = self.request.GET.get("batch", "")
        batch = printing.letter_batches(user=user, trajectory=trajectory).filter(
            pk=wanted, pages__isnull=False).first() if wanted.isdigit() else None
        if batch is None:
            raise Http404
        content = printing.letter_batch_download(batch=batch, by=user)
        return pdf_response(content, f"brieven-werkzaamheden-portiek-{batch.portiek}.pdf")

    def post(self, request, *args, **kwargs):
        """Start the batch of one stairwell's letters."""
        context = self.works()
        if not context["may_write"]:
            raise PermissionDenied
        plan = context["plan"]
        if plan is None:
            raise Http404
        portiek = request.POST.get("portiek", "")
        try:
            printing.letter_batch_start(trajectory=context["trajectory"], version=plan, portiek=portiek,
                                        by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De brieven van portiek %(code)s worden opgemaakt.") % {"code": portiek})
        return redirect("works-letters", slug=context["trajectory"].slug)


class LetterProgressView(WorksPage):
    """The letter batches and their progress, polled by htmx every 2 s while one is unfinished."""

    template_name = "web/works/_letter_batches.html"

    def get(self, request, *args, **kwargs):
        context = self.works()
        context.update(batches_context(request.user, context["trajectory"]))
        return self.render_to_response(self.get_context_data(**context))
