"""The privacy officer's pages: the audit log, the subject-access export and erasure.

All three have the audit log as primary category, so the policy table decides who opens
them (today: the privacy officer); everyone else gets 404. The export and erasure also ask
their own capability (voordeur/access/capabilities.py). None of these pages shows personal
data: the officer names a household by number and sees counts and the unit's address.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from voordeur.access.capabilities import may_erase_subject_data, may_export_subject_data, may_read_audit
from voordeur.access.policy import Category
from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent
from voordeur.privacy.auditlog import PAGE_SIZE, audit_event_list, csv_lines, row
from voordeur.privacy.selectors import erasure_plan, subject_household
from voordeur.privacy.services import audit_log_export, household_erase, subject_export
from voordeur.privacy.web.forms import AuditFilterForm, ErasureConfirmForm, SubjectForm
from voordeur.web.shell.pages import CategoryPage

TABS = (
    ("privacy-audit", gettext_lazy("Auditlog")),
    ("privacy-export", gettext_lazy("Inzageverzoek")),
    ("privacy-erasure", gettext_lazy("Wissen")),
)
NOT_FOUND = gettext_lazy("Geen huurovereenkomst met dit nummer in uw trajecten. Controleer het nummer; bij een "
                         "eenheidnummer telt alleen de huurovereenkomst die vandaag loopt.")


class PrivacyPage(CategoryPage, TemplateView):
    primary_category = Category.AUDIT
    capability = staticmethod(may_read_audit)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not type(self).capability(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(tabs=TABS, **kwargs)


class AuditLogView(PrivacyPage):
    """Filters, 50 events a page (newest first), the chain check and the CSV of the filtered list."""

    template_name = "privacy/audit_log.html"

    def get(self, request, *args, **kwargs):
        form = AuditFilterForm(request.GET or None)
        filters = form.filters()
        if request.GET.get("formaat") == "csv" and form.is_valid():
            response = StreamingHttpResponse(csv_lines(audit_log_export(filters=filters, by=request.user)),
                                             content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
            response["Cache-Control"] = "private, no-store"
            return response
        page = Paginator(audit_event_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
            request.GET.get("pagina"))
        query = request.GET.copy()
        for name in ("pagina", "formaat", "controleer"):
            query.pop(name, None)
        context = {"form": form, "page": page, "rows": [row(event) for event in page.object_list],
                   "query_string": query.urlencode()}
        if request.GET.get("controleer"):
            context["checked"] = {"broken": verify(), "events": AuditEvent.objects.count()}
        return self.render_to_response(self.get_context_data(**context))


class SubjectPage(PrivacyPage):
    purpose = "export"

    def subject(self, form: SubjectForm):
        """The household the valid form names, or None with the 'not found' error on the form."""
        data = form.cleaned_data
        found = subject_household(self.request.user, tenancy_id=data.get("tenancy_id", ""),
                                  unit_id=data.get("unit_id", ""), purpose=self.purpose)
        if found is None:
            form.add_error(None, NOT_FOUND)
        return found


class SubjectExportView(SubjectPage):
    """AVG art. 15: everything about one household as JSON or PDF, with the request's reference."""

    template_name = "privacy/subject_export.html"
    capability = staticmethod(may_export_subject_data)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=SubjectForm()))

    def post(self, request, *args, **kwargs):
        form = SubjectForm(request.POST)
        fmt = request.POST.get("formaat")
        if fmt not in ("json", "pdf"):
            form.add_error(None, _("Kies JSON of PDF."))
        subject = self.subject(form) if form.is_valid() else None
        if subject is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        download = subject_export(subject=subject, reference=form.cleaned_data["reference"], fmt=fmt, by=request.user)
        response = HttpResponse(download.content, content_type=download.content_type)
        response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class ErasureView(SubjectPage):
    """AVG art. 17: name the household, see per kind of record how many rows go, confirm."""

    template_name = "privacy/erasure.html"
    capability = staticmethod(may_erase_subject_data)
    purpose = "erase"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=SubjectForm()))

    def post(self, request, *args, **kwargs):
        if request.POST.get("stap") == "wissen":
            return self.erase()
        form = SubjectForm(request.POST)
        subject = self.subject(form) if form.is_valid() else None
        if subject is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.confirm_page(ErasureConfirmForm(initial=form.cleaned_data), subject)

    def confirm_page(self, form: ErasureConfirmForm, subject, status: int = 200):
        plan = [item for item in erasure_plan(subject.household_ids) if item.count]
        return self.render_to_response(self.get_context_data(form=form, subject=subject, plan=plan), status=status)

    def erase(self):
        form = ErasureConfirmForm(self.request.POST)
        if not form.is_valid():
            retry = SubjectForm(self.request.POST)
            subject = self.subject(retry) if retry.is_valid() else None
            if subject is None:
                return self.render_to_response(self.get_context_data(form=retry), status=400)
            return self.confirm_page(form, subject, status=400)
        subject = self.subject(form)
        if subject is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        counts = household_erase(subject=subject, reference=form.cleaned_data["reference"], by=self.request.user)
        messages.success(self.request, _("Gewist voor verzoek %(reference)s: %(rows)d gegevens.") % {
            "reference": form.cleaned_data["reference"], "rows": sum(counts.values())})
        return redirect(reverse("privacy-erasure"))
