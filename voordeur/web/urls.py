from django.urls import include, path

urlpatterns = [
    path("", include("voordeur.web.shell.urls")),
    path("", include("voordeur.web.doors.urls")),
    path("", include("voordeur.web.figures.urls")),
    path("", include("voordeur.web.consent.urls")),
    path("", include("voordeur.web.works.urls")),
    path("", include("voordeur.web.intake.urls")),
]
