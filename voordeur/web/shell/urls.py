from django.urls import include, path

from voordeur.web.shell import account, views

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("t/<slug:slug>/", views.TrajectoryView.as_view(), name="trajectory"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/sessies/", account.SessionListView.as_view(), name="account-sessions"),
    path("account/tweestapsverificatie/", account.SecondFactorView.as_view(), name="account-mfa"),
    path("account/tweestapsverificatie/instellen/", account.EnrolView.as_view(), name="account-mfa-enrol"),
    path("account/tweestapsverificatie/code/", account.VerifyView.as_view(), name="account-mfa-verify"),
    path("i18n/", include("django.conf.urls.i18n")),
]
