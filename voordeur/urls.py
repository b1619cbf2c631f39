from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("voordeur.api.urls")),
    path("", include("voordeur.web.urls")),
]
