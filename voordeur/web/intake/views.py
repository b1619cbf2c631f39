"""Partner data pages (phase 1, Verkennen): the imports of a trajectory, and one upload page
per kind of file: upload → preview (a dry run: counts, the first changes, every problem per
line) → "Toepassen" applies exactly the previewed file.

Each upload page's primary category is the category its kind writes. Roles that cannot read
it get 404; roles that read but may not write it see the page and its import history but no
form, and a POST from them is refused (403), as everywhere in Voordeur.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.exploring.selectors import import_run_list
from voordeur.imports.kinds import LEGAL_BASIS, importable_kinds, may_import
from voordeur.imports.registry import UsageError
from voordeur.imports.background import (
    PROBLEMS_PREFIX, RUN_PREFIX, applies_in_background, apply_job_for, upload_apply_later,
)
from voordeur.imports.uploads import UploadGone, pending_upload, upload_apply, upload_preview
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.intake.forms import ApplyForm, UploadForm
from voordeur.web.shell.pages import CategoryPage

PREVIEW_ROWS = 50
KIND_LABEL = {
    "units": gettext_lazy("Eenheden (woningen en ruimten)"),
    "tenancies": gettext_lazy("Huurovereenkomsten en huishoudens"),
    "arrears": gettext_lazy("Huurachterstand (vroegsignalering)"),
    "repairs": gettext_lazy("Reparatieverzoeken en overlast"),
    "caseload": gettext_lazy("Bestaande ondersteuning (caseload)"),
    "votes": gettext_lazy("Instemming"),
}
ACTION_LABEL = {"created": gettext_lazy("Nieuw"), "updated": gettext_lazy("Bijgewerkt")}
FIELD_LABEL = {
    "street": gettext_lazy("straat"), "number": gettext_lazy("huisnummer"), "letter": gettext_lazy("huisletter"),
    "addition": gettext_lazy("toevoeging"), "postcode": gettext_lazy("postcode"), "city": gettext_lazy("plaats"),
    "floor": gettext_lazy("verdieping"), "bag_id": gettext_lazy("BAG-id"), "kind": gettext_lazy("soort"),
    "portiek": gettext_lazy("portiek"), "start_date": gettext_lazy("ingangsdatum"),
    "end_date": gettext_lazy("einddatum"), "name": gettext_lazy("naam"), "phone": gettext_lazy("telefoon"),
    "email": gettext_lazy("e-mail"), "language": gettext_lazy("taal"), "people": gettext_lazy("hoofdhuurder"),
    "amount": gettext_lazy("bedrag"), "months": gettext_lazy("maanden"),
    "last_reminder": gettext_lazy("laatste aanmaning"), "received_on": gettext_lazy("datum van de gegevens"),
    "complex": gettext_lazy("complex"), "unit": gettext_lazy("eenheid"), "reported_on": gettext_lazy("gemeld op"),
    "status": gettext_lazy("status"), "since": gettext_lazy("sinds"), "active": gettext_lazy("loopt nog"),
}


def run_rows(runs) -> list[dict]:
    """What a page shows of import runs: meta only (never a row of the file)."""
    return [{"kind": KIND_LABEL.get(run.kind, run.kind), "source": run.source_partner.name if run.source_partner else "",
             "received_on": run.received_on, "legal_basis": run.legal_basis, "rows": run.rows,
             "created": run.created, "updated": run.updated, "unchanged": run.unchanged, "at": run.created_at,
             "by": run.by.partner.name if run.by and run.by.partner else _("opdrachtregel (systeem)")}
            for run in runs]


class IntakeView(CategoryPage, TemplateView):
    """A trajectory's partner-data imports (meta) and the kinds this user may upload."""

    primary_category = Category.META
    template_name = "web/intake/overview.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        kinds = [{"kind": kind, "label": KIND_LABEL[kind], "url": reverse(f"intake-{kind}", args=[trajectory.slug])}
                 for kind in importable_kinds(user)]
        runs = import_run_list(user=user, complex_id=trajectory.complex_id)[:100]
        return super().get_context_data(trajectory=trajectory, kinds=kinds, runs=run_rows(runs), **kwargs)


class UploadView(CategoryPage, TemplateView):
    """One kind's upload page; subclasses name the kind and its primary category."""

    kind: str
    template_name = "web/intake/upload.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.trajectory = None

    def page(self) -> dict:
        user = self.request.user
        if self.trajectory is None:
            self.trajectory = access_trajectory_by_slug(user, self.kwargs["slug"])
        runs = import_run_list(user=user, complex_id=self.trajectory.complex_id).filter(kind=self.kind)[:20]
        return {"trajectory": self.trajectory, "kind": self.kind, "kind_label": KIND_LABEL[self.kind],
                "may_import": may_import(user, self.kind), "runs": run_rows(runs),
                "overview_url": reverse("intake", args=[self.trajectory.slug])}

    def sources(self) -> list[tuple[str, str]]:
        partners = [member.partner for member in self.trajectory.partners.all()]
        own = self.request.user.partner
        if own is not None and own not in partners:
            partners.append(own)
        first = [p for p in partners if own is not None and p.pk == own.pk]
        return [(p.slug, p.name) for p in first + [p for p in partners if p not in first]]

    def form(self, data=None, files=None) -> UploadForm:
        return UploadForm(data, files, sources=self.sources(), initial={"legal_basis": LEGAL_BASIS[self.kind]})

    def get(self, request, *args, **kwargs):
        context = self.page()
        if "taak" in request.GET:
            return self.job_status(context, request.GET["taak"])
        if context["may_import"]:
            context["form"] = self.form()
        return self.render_to_response(self.get_context_data(**context))

    def job_status(self, context: dict, job_id: str):
        """A background apply of this user's (?taak=): the whole page, or for htmx's poll only
        the status block. Anyone else's job, or none, is 404."""
        job = apply_job_for(user=self.request.user, kind=self.kind, complex_=self.trajectory.complex, job_id=job_id)
        if job is None:
            raise Http404
        context.update(job=job, job_url=f"?taak={job.pk}", job_run=None, job_problems=None)
        if job.result_ref.startswith(RUN_PREFIX):
            run_id = job.result_ref.removeprefix(RUN_PREFIX)
            context["job_run"] = next(iter(run_rows(import_run_list(
                user=self.request.user, complex_id=self.trajectory.complex_id).filter(pk=run_id))), None)
        elif job.result_ref.startswith(PROBLEMS_PREFIX):
            context["job_problems"] = int(job.result_ref.removeprefix(PROBLEMS_PREFIX))
        if self.request.headers.get("HX-Request"):
            return self.response_class(request=self.request, template="web/intake/_apply_job.html",
                                       context=self.get_context_data(**context), using=self.template_engine)
        if context["may_import"] and job.finished:
            context["form"] = self.form()
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        context = self.page()
        if not context["may_import"]:
            raise PermissionDenied
        if request.POST.get("action") == "preview":
            return self.preview(context)
        if request.POST.get("action") == "apply":
            return self.apply(context)
        return HttpResponseBadRequest()

    def preview(self, context: dict):
        form = self.form(self.request.POST, self.request.FILES)
        context["form"] = form
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**context), status=400)
        upload = form.cleaned_data["file"]
        try:
            preview = upload_preview(kind=self.kind, user=self.request.user, complex_=self.trajectory.complex,
                                     file_name=upload.name, data=upload.read(), source=form.cleaned_data["source"],
                                     legal_basis=form.cleaned_data["legal_basis"],
                                     received_on=form.cleaned_data["received_on"])
        except UsageError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(**context), status=400)
        result = preview.result
        context.update(
            result=result, file_name=upload.name,
            problems=sorted(result.problems),
            changes=[{"line": c.line, "key": c.key, "action": ACTION_LABEL[c.action],
                      "fields": ", ".join(str(FIELD_LABEL.get(name, name)) for name in c.fields)}
                     for c in result.changes[:PREVIEW_ROWS]],
            more_changes=max(0, result.created + result.updated - PREVIEW_ROWS),
        )
        if preview.pending is not None:
            context["apply_form"] = ApplyForm(initial={"upload": preview.pending.pk, "sha256": preview.pending.sha256})
            context["form"] = None
        return self.render_to_response(self.get_context_data(**context), status=200 if result.ok else 400)

    def apply(self, context: dict):
        form = ApplyForm(self.request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        where = {"user": self.request.user, "kind": self.kind, "complex_": self.trajectory.complex,
                 "pk": form.cleaned_data["upload"], "sha256": form.cleaned_data["sha256"]}
        try:
            if applies_in_background(pending_upload(**where)):
                job = upload_apply_later(**where)
                return redirect(f"{self.request.path}?taak={job.pk}")
            result = upload_apply(**where)
        except UploadGone:
            raise Http404 from None
        if not result.ok:
            context.update(result=result, problems=sorted(result.problems), form=self.form(),
                           stale=True)
            return self.render_to_response(self.get_context_data(**context), status=409)
        messages.success(self.request, _(
            "Ingelezen: %(rows)d regels, %(created)d nieuw, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd."
        ) % {"rows": result.rows, "created": result.created, "updated": result.updated,
             "unchanged": result.unchanged})
        return redirect(context["overview_url"])


class UnitsUploadView(UploadView):
    kind = "units"
    primary_category = Category.PLACES


class TenanciesUploadView(UploadView):
    kind = "tenancies"
    primary_category = Category.HOUSEHOLD  # and write on contact (imports.kinds)


class ArrearsUploadView(UploadView):
    kind = "arrears"
    primary_category = Category.ARREARS


class RepairsUploadView(UploadView):
    kind = "repairs"
    primary_category = Category.REPAIRS


class CaseloadUploadView(UploadView):
    kind = "caseload"
    primary_category = Category.REFERRALS
