"""The proposal page: proposals and their versions (documents, languages), and the
bewonerscommissie's advice with its Overlegwet dates. Writers add and change them here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.consent import services
from voordeur.consent.deadlines import advice_dates
from voordeur.consent.selectors import advice_of, version_list
from voordeur.lib.dates import today
from voordeur.lib.versioning import Conflict
from voordeur.places.models import Unit
from voordeur.web.consent.base import ConsentPage
from voordeur.web.consent.forms import AdviceForm, ProposalForm, SendForm, VersionForm
from voordeur.web.consent.overview import campaign_url


def dwellings(proposal):
    return Unit.objects.filter(complex_id=proposal.complex_id, kind=Unit.Kind.HOME).order_by("floor", "number")


class ProposalView(ConsentPage):
    template_name = "web/consent/proposal.html"

    def get(self, request, *args, **kwargs):
        campaign = self.campaign()
        if "document" in request.GET:
            return self.document(campaign["proposal"], request.GET["document"])
        return self.render_page(campaign)

    def document(self, proposal, number: str) -> FileResponse:
        """A version's PDF, served only through this access-checked page (`?document=N`)."""
        version = proposal.versions.filter(number=number).first() if proposal and number.isdigit() else None
        if version is None or not version.document:
            raise Http404
        return FileResponse(version.document.open("rb"), content_type="application/pdf",
                            filename=f"voorstel-{proposal.pk}-versie-{version.number}.pdf")

    def post(self, request, *args, **kwargs):
        campaign = self.campaign()
        if not campaign["may_write"]:
            raise PermissionDenied
        handler = {"proposal": self.post_proposal, "send": self.post_send, "version": self.post_version,
                   "advice": self.post_advice}.get(request.POST.get("form", ""))
        if handler is None:
            return HttpResponseBadRequest()
        if handler != self.post_proposal and campaign["proposal"] is None:
            raise Http404
        return handler(campaign)

    def post_proposal(self, campaign):
        form = ProposalForm(self.request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_create(complex=campaign["trajectory"].complex, by=self.request.user,
                                                    **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("Het voorstel is aangemaakt."))
                return redirect(campaign_url(campaign["trajectory"], proposal, "consent-proposal"))
        return self.render_page(campaign, proposal_form=form, status=400)

    def post_send(self, campaign):
        proposal = campaign["proposal"]
        form = SendForm(self.request.POST)
        if form.is_valid():
            try:
                services.proposal_update(proposal=proposal, by=self.request.user,
                                         changes={"sent_on": form.cleaned_data["sent_on"]},
                                         expected_version=form.cleaned_data["version"])
            except Conflict:
                form.add_error(None, _("Het voorstel is intussen gewijzigd. Laad de pagina opnieuw."))
                return self.render_page(campaign, send_form=form, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("De verzenddatum is vastgelegd."))
                return redirect(campaign_url(campaign["trajectory"], proposal, "consent-proposal"))
        return self.render_page(campaign, send_form=form, status=400)

    def post_version(self, campaign):
        proposal = campaign["proposal"]
        form = VersionForm(self.request.POST, self.request.FILES, units=dwellings(proposal))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.proposal_revise(
                    proposal=proposal, summary=data["summary"], languages=data["languages"],
                    changed_on=data["changed_on"], significant=data["significant"],
                    affected_units=list(data["affected_units"]), document=data["document"], by=self.request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("De nieuwe versie is vastgelegd."))
                return redirect(campaign_url(campaign["trajectory"], proposal, "consent-proposal"))
        return self.render_page(campaign, version_form=form, status=400)

    def post_advice(self, campaign):
        proposal = campaign["proposal"]
        form = AdviceForm(self.request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.advice_save(proposal=proposal, requested_on=data["requested_on"],
                                     received_on=data["received_on"], departs=data["departs"],
                                     reasons_sent_on=data["reasons_sent_on"], by=self.request.user,
                                     expected_version=data["version"])
            except Conflict:
                form.add_error(None, _("Het advies is intussen gewijzigd. Laad de pagina opnieuw."))
                return self.render_page(campaign, advice_form=form, status=409)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("Het advies is vastgelegd."))
                return redirect(campaign_url(campaign["trajectory"], proposal, "consent-proposal"))
        return self.render_page(campaign, advice_form=form, status=400)

    def render_page(self, campaign: dict, *, status: int = 200, **forms):
        proposal = campaign["proposal"]
        context = dict(campaign)
        if proposal is not None:
            advice = advice_of(proposal)
            context["versions"] = version_list(user=self.request.user, proposal=proposal)
            context["advice"] = advice
            if advice is not None:
                context["advice_dates"] = advice_dates(
                    requested_on=advice.requested_on, received_on=advice.received_on, departs=advice.departs,
                    reasons_sent_on=advice.reasons_sent_on, today=today(),
                )
        if campaign["may_write"]:
            context["proposal_form"] = forms.get("proposal_form") or ProposalForm()
            if proposal is not None:
                initial_version = context["versions"][0] if context["versions"] else None
                context["version_form"] = forms.get("version_form") or VersionForm(
                    units=dwellings(proposal),
                    initial={"languages": initial_version.languages if initial_version else "nl",
                             "summary": initial_version.summary if initial_version else ""},
                )
                advice = context["advice"]
                context["advice_form"] = forms.get("advice_form") or AdviceForm(initial={
                    "requested_on": advice.requested_on if advice else None,
                    "received_on": advice.received_on if advice else None,
                    "departs": advice.departs if advice else False,
                    "reasons_sent_on": advice.reasons_sent_on if advice else None,
                    "version": advice.version if advice else None,
                })
                if proposal.sent_on is None:
                    context["send_form"] = forms.get("send_form") or SendForm(initial={"version": proposal.version})
        return self.render_to_response(self.get_context_data(**context), status=status)
