from django.urls import include, path

urlpatterns = [
    path("api/v1/", include(("voordeur.api.urls", "api"), namespace="api")),
    path("", include("voordeur.web.urls")),
]
