from django.urls import path

from voordeur.web.visits.door import DoorView
from voordeur.web.visits.life_domains import HouseholdLifeDomainsView, VisitLifeDomainsView
from voordeur.web.visits.opportunities import OpportunityListView, OpportunityView
from voordeur.web.visits.round import RoundView

urlpatterns = [
    path("t/<slug:slug>/ronde/", RoundView.as_view(), name="visit-round"),
    path("t/<slug:slug>/deur/<int:unit_pk>/bezoek/", DoorView.as_view(), name="visit-record"),
    path("t/<slug:slug>/bezoek/<int:pk>/leefgebieden/", VisitLifeDomainsView.as_view(), name="visit-life-domains"),
    path("t/<slug:slug>/kansen/", OpportunityListView.as_view(), name="opportunity-list"),
    path("t/<slug:slug>/kansen/<int:pk>/", OpportunityView.as_view(), name="opportunity"),
    path("huishoudens/<int:pk>/leefgebieden/", HouseholdLifeDomainsView.as_view(), name="household-life-domains"),
]
