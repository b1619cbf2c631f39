"""After the deadline: the written notice of the result per tenancy, and for each tenant who
did not agree the day their 8 weeks to go to court end (a later notice restarts them)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.consent.deadlines import court_deadline
from voordeur.consent.facts import proposal_tally
from voordeur.consent.selectors import notice_list
from voordeur.consent.services import notices_record
from voordeur.lib.dates import today
from voordeur.web.consent.base import ConsentPage
from voordeur.web.consent.forms import NoticeForm
from voordeur.web.consent.overview import campaign_url


def latest_notices(notices) -> list[dict]:
    """One row per tenancy: its latest notice (the query orders newest first per unit)."""
    rows, seen = [], set()
    for notice in notices:
        if notice.tenancy_id in seen:
            continue
        seen.add(notice.tenancy_id)
        rows.append({
            "notice": notice,
            "court_deadline": None if notice.agreed else court_deadline(notice.notified_on),
            "renotified": notice.proposal_version.significant,
        })
    return rows


class ResultView(ConsentPage):
    template_name = "web/consent/result.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.campaign())

    def post(self, request, *args, **kwargs):
        campaign = self.campaign_for_writing()
        proposal = campaign["proposal"]
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                count = notices_record(proposal=proposal, notified_on=form.cleaned_data["notified_on"],
                                       by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(count)d kennisgeving(en) vastgelegd.") % {"count": count})
                return redirect(campaign_url(campaign["trajectory"], proposal, "consent-result"))
        return self.render_page(campaign, form=form, status=400)

    def render_page(self, campaign: dict, *, form=None, status: int = 200):
        proposal = campaign["proposal"]
        context = dict(campaign)
        if proposal is not None:
            context["standing"] = proposal_tally(proposal)
            context["closed"] = today() > proposal.response_deadline
            context["rows"] = latest_notices(notice_list(user=self.request.user, proposal=proposal))
            if campaign["may_write"] and context["closed"]:
                context["form"] = form or NoticeForm()
        return self.render_to_response(self.get_context_data(**context), status=status)
