from django.urls import path

from voordeur.web.works.letters import LetterProgressView, LettersView
from voordeur.web.works.needs import NeedsView
from voordeur.web.works.plan import PlanView, ProgressView
from voordeur.web.works.views import GanttView, UnitsView

urlpatterns = [
    path("t/<slug:slug>/werkzaamheden/", PlanView.as_view(), name="works"),
    path("t/<slug:slug>/werkzaamheden/voortgang/", ProgressView.as_view(), name="works-progress"),
    path("t/<slug:slug>/werkzaamheden/portieken/", GanttView.as_view(), name="works-gantt"),
    path("t/<slug:slug>/werkzaamheden/woningen/", UnitsView.as_view(), name="works-units"),
    path("t/<slug:slug>/werkzaamheden/behoeften/", NeedsView.as_view(), name="works-needs"),
    path("t/<slug:slug>/werkzaamheden/brieven/", LettersView.as_view(), name="works-letters"),
    path("t/<slug:slug>/werkzaamheden/brieven/voortgang/", LetterProgressView.as_view(), name="works-letters-progress"),
]
