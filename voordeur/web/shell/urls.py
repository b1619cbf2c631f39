from django.urls import include, path

from voordeur.web.shell import views

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("t/<slug:slug>/", views.TrajectoryView.as_view(), name="trajectory"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
]
