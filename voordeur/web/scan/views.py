"""The complex scan, the feedback report (welfare -> corporation) and reach per stairwell:
pages and PDFs of suppressed counts.

These pages open for every role that may *count* their primary category (agg, read or write;
`counts_only`), unlike record pages, which need read. Within a page each measure appears only
for roles that may count its own category. Out of scope: 404.
"""

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.views.generic import TemplateView, View

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.aggregates.measures import MEASURES
from voordeur.aggregates.period import last_months, until
from voordeur.aggregates.selectors import aggregate_for, may_count
from voordeur.exploring.scan import SCAN_MEASURES, complex_scan, record_export
from voordeur.exploring.scan_rules import rule_texts
from voordeur.lib.dates import today
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.scan.display import section
from voordeur.web.scan.forms import PeriodForm
from voordeur.web.scan.pdf import pdf_response, render_pdf
from voordeur.web.shell.pages import CategoryPage


class CountsPage(CategoryPage):
    """A page of suppressed counts: 404 unless the user may count its primary category."""

    counts_only = True  # the generated page tests read this: visible at agg, read and write

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not grant(request.user, self.primary_category).counts:
            raise Http404
        return super(CategoryPage, self).dispatch(request, *args, **kwargs)

    def trajectory(self):
        return access_trajectory_by_slug(self.request.user, self.kwargs["slug"])


# --- the complex scan ----------------------------------------------------------------------------

class ScanPage(CountsPage):
    """Everyone who may count places (every role) gets the scan; each part needs its own category."""

    primary_category = Category.PLACES

    def scan_context(self, purpose: str) -> dict:
        user = self.request.user
        trajectory = self.trajectory()
        report = complex_scan(user=user, trajectory=trajectory, purpose=purpose)
        rules = rule_texts(category for category in Category if grant(user, category).counts)
        return {
            "trajectory": trajectory, "report": report, "made_on": report.made_on,
            "sections": [section(aggregate) for aggregate in report.aggregates],
            "partial": len(report.aggregates) < len(SCAN_MEASURES),
            "advises": bool(rules),  # no rule rests on a figure this user sees: no advice to give
            "rules": rules,
        }


class ScanView(ScanPage, TemplateView):
    template_name = "web/scan/scan.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**self.scan_context(f"page {self.request.path}"), **kwargs)


class ScanPdfView(ScanPage, View):
    def get(self, request, *args, **kwargs):
        with translation.override("nl"):  # labels too: the report is Dutch whatever the user reads
            context = self.scan_context(f"pdf {request.path}")
        report = context["report"]
        content, pages = render_pdf("web/scan/pdf/scan.html", context)
        record_export(user=request.user, trajectory=report.trajectory, report="scan", category=Category.PLACES,
                      measures=report.measure_keys, pages=pages)
        return pdf_response(content, f"complexscan-{report.trajectory.slug}-{report.made_on.isoformat()}.pdf")


# --- the feedback report and reach ---------------------------------------------------------------

class VisitsFiguresPage(CountsPage):
    """Counts over the visits of a period (GET ?van=&tot=)."""

    primary_category = Category.VISITS
    measures: tuple[str, ...] = ()
    default_period = staticmethod(until)

    def figures_context(self, purpose: str) -> dict:
        user = self.request.user
        trajectory = self.trajectory()
        form = PeriodForm(self.request.GET, default=self.default_period(today()))
        period = form.period()
        aggregates = [aggregate_for(user=user, trajectory=trajectory, key=key, purpose=purpose, period=period)
                      for key in self.measures if may_count(user, MEASURES[key])]
        return {"trajectory": trajectory, "form": form, "period": period, "made_on": today(),
                "sections": [section(aggregate) for aggregate in aggregates], "query": form.query()}


class FeedbackPage(VisitsFiguresPage):
    measures = ("visit_themes", "reach")
    default_period = staticmethod(last_months)


class FeedbackView(FeedbackPage, TemplateView):
    template_name = "web/scan/feedback.html"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**self.figures_context(f"page {self.request.path}"), **kwargs)


class FeedbackPdfView(FeedbackPage, View):
    def get(self, request, *args, **kwargs):
        with translation.override("nl"):
            context = self.figures_context(f"pdf {request.path}")
        trajectory, period = context["trajectory"], context["period"]
        content, pages = render_pdf("web/scan/pdf/feedback.html", context)
        record_export(user=request.user, trajectory=trajectory, report="feedback", category=Category.VISITS,
                      measures=list(self.measures), pages=pages,
                      detail={"start": period.start.isoformat() if period.start else None,
                              "end": period.end.isoformat()})
        return pdf_response(content, f"terugkoppeling-{trajectory.slug}-{period.end.isoformat()}.pdf")


class ReachView(VisitsFiguresPage, TemplateView):
    template_name = "web/scan/reach.html"
    measures = ("reach",)

    def get_context_data(self, **kwargs) -> dict:
        context = self.figures_context(f"page {self.request.path}")
        context["feedback_url"] = reverse("feedback", kwargs={"slug": context["trajectory"].slug})
        return super().get_context_data(**context, **kwargs)
