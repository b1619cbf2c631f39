from django.urls import path

from voordeur.web.doors.household import HouseholdDetailView
from voordeur.web.doors.views import DoorGridView, HouseholdListView

urlpatterns = [
    path("t/<slug:slug>/deuren/", DoorGridView.as_view(), name="door-grid"),
    path("t/<slug:slug>/huishoudens/", HouseholdListView.as_view(), name="household-list"),
    path("huishoudens/<int:pk>/", HouseholdDetailView.as_view(), name="household"),
]
