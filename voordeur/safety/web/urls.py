from django.urls import path

from voordeur.safety.web.views import SignalsView

urlpatterns = [
    path("t/<slug:slug>/signalen/", SignalsView.as_view(), name="crime-signals"),
]
