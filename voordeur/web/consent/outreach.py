"""The outreach page: who has not responded, how to reach them, who tried last and who is
assigned; assign outreach to a person; progress per day."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.consent.facts import inputs, proposal_tally
from voordeur.consent.outreach import assignees, not_responded, progress_per_day
from voordeur.consent.selectors import current_tenancies
from voordeur.consent.services import outreach_assign
from voordeur.web.consent.base import ConsentPage
from voordeur.web.consent.forms import AssignForm
from voordeur.web.consent.overview import campaign_url
from voordeur.web.doors.languages import language_name


class OutreachView(ConsentPage):
    template_name = "web/consent/outreach.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.campaign())

    def post(self, request, *args, **kwargs):
        campaign = self.campaign_for_writing()
        proposal = campaign["proposal"]
        standing = proposal_tally(proposal)
        open_ids = [n.tenancy_id for n in standing.not_agreed]
        tenancies = current_tenancies(user=request.user, proposal=proposal, day=standing.counted_at).filter(
            tenancy_id__in=open_ids)
        form = AssignForm(request.POST, tenancies=tenancies, assignees=assignees(trajectory=campaign["trajectory"]))
        if form.is_valid():
            count = outreach_assign(proposal=proposal, tenancies=list(form.cleaned_data["tenancies"]),
                                    assignee=form.cleaned_data["assignee"], by=request.user)
            messages.success(request, _("%(count)d huishouden(s) toegewezen.") % {"count": count})
            return redirect(campaign_url(campaign["trajectory"], proposal, "consent-outreach"))
        return self.render_page(campaign, form=form, status=400)

    def render_page(self, campaign: dict, *, form=None, status: int = 200):
        proposal = campaign["proposal"]
        context = dict(campaign)
        if proposal is not None:
            user = self.request.user
            facts = inputs(proposal)
            standing = proposal_tally(proposal, facts=facts)
            rows = not_responded(user=user, proposal=proposal, standing=standing)
            context.update(
                standing=standing,
                rows=[(row, language_name(row.tenancy.household.language)) for row in rows],
                progress=progress_per_day(user=user, proposal=proposal, facts=facts),
            )
            if campaign["may_write"]:
                context["form"] = form or AssignForm(tenancies=None, assignees=assignees(
                    trajectory=campaign["trajectory"]))
        return self.render_to_response(self.get_context_data(**context), status=status)
