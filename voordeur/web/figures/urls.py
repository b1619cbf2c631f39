from django.urls import path

from voordeur.web.figures.views import FiguresView

urlpatterns = [path("t/<slug:slug>/cijfers/", FiguresView.as_view(), name="figures")]
