from django.urls import include, path

urlpatterns = [
    path("", include("voordeur.web.shell.urls")),
    path("", include("voordeur.web.doors.urls")),
    path("", include("voordeur.web.figures.urls")),
    path("", include("voordeur.web.scan.urls")),
    path("", include("voordeur.web.consent.urls")),
    path("", include("voordeur.web.works.urls")),
    path("", include("voordeur.web.visits.urls")),
    path("", include("voordeur.safety.web.urls")),
    path("", include("voordeur.privacy.web.urls")),
    path("", include("voordeur.web.referrals.urls")),
    path("", include("voordeur.web.intake.urls")),
]
