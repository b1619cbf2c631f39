from django.urls import path

from voordeur.web.consent.letters import LettersProgressView, LettersView
from voordeur.web.consent.outreach import OutreachView
from voordeur.web.consent.overview import ConsentView
from voordeur.web.consent.proposal import ProposalView
from voordeur.web.consent.result import ResultView

urlpatterns = [
    path("t/<slug:slug>/instemming/", ConsentView.as_view(), name="consent"),
    path("t/<slug:slug>/instemming/voorstel/", ProposalView.as_view(), name="consent-proposal"),
    path("t/<slug:slug>/instemming/bereik/", OutreachView.as_view(), name="consent-outreach"),
    path("t/<slug:slug>/instemming/brieven/", LettersView.as_view(), name="consent-letters"),
    path("t/<slug:slug>/instemming/brieven/voortgang/", LettersProgressView.as_view(), name="consent-letters-progress"),
    path("t/<slug:slug>/instemming/uitslag/", ResultView.as_view(), name="consent-result"),
]
