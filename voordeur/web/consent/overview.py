"""The consent campaign's live page: the tally, the chart over time, recording a response."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.consent.facts import inputs, proposal_tally, proposal_timeline
from voordeur.consent.selectors import current_tenancies, response_list
from voordeur.consent.services import response_record
from voordeur.lib.dates import today
from voordeur.web.consent.base import ConsentPage
from voordeur.web.consent.chart import build_chart
from voordeur.web.consent.forms import ResponseForm

HISTORY = 20  # most recent responses shown


def campaign_url(trajectory, proposal, name: str = "consent") -> str:
    from django.urls import reverse

    url = reverse(name, kwargs={"slug": trajectory.slug})
    return f"{url}?voorstel={proposal.pk}" if proposal else url


class ConsentView(ConsentPage):
    template_name = "web/consent/overview.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.campaign())

    def post(self, request, *args, **kwargs):
        campaign = self.campaign_for_writing()
        proposal = campaign["proposal"]
        form = ResponseForm(request.POST, tenancies=self.tenancies(proposal))
        if form.is_valid():
            data = form.cleaned_data
            try:
                response_record(proposal=proposal, tenancy=data["tenancy"], answer=data["answer"],
                                responded_on=data["responded_on"], channel=data["channel"], by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De reactie van %(address)s is vastgelegd.")
                                 % {"address": data["tenancy"].unit.address})
                return redirect(campaign_url(campaign["trajectory"], proposal))
        return self.render_page(campaign, form=form, status=400)

    def tenancies(self, proposal):
        return current_tenancies(user=self.request.user, proposal=proposal, day=today())

    def render_page(self, campaign: dict, *, form=None, status: int = 200):
        proposal = campaign["proposal"]
        context = dict(campaign)
        if proposal is not None:
            facts = inputs(proposal)
            context["standing"] = proposal_tally(proposal, facts=facts)
            points = proposal_timeline(proposal, facts=facts)
            context["chart"] = build_chart(points)
            context["points"] = points[-14:]
            context["history"] = list(response_list(user=self.request.user, proposal=proposal)[:HISTORY])
            context["show_names"] = grant(self.request.user, Category.CONTACT).reads
            if campaign["may_write"] and proposal.sent_on:
                context["form"] = form or ResponseForm(tenancies=self.tenancies(proposal))
        return self.render_to_response(self.get_context_data(**context), status=status)
