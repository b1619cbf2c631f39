from django.urls import path

from voordeur.web.referrals.new import PromiseCreateView, ReferralCreateView
from voordeur.web.referrals.views import CommitmentView, OverviewView, ReferralDetailView

urlpatterns = [
    path("t/<slug:slug>/huishoudens/<int:household_pk>/doorverwijzen/", ReferralCreateView.as_view(),
         name="referral-new"),
    path("t/<slug:slug>/huishoudens/<int:household_pk>/toezeggen/", PromiseCreateView.as_view(), name="promise-new"),
    path("t/<slug:slug>/toezeggingen/", OverviewView.as_view(), name="promises"),
    path("t/<slug:slug>/doorverwijzingen/<int:pk>/", ReferralDetailView.as_view(), name="referral-detail"),
    path("t/<slug:slug>/nakomen/", CommitmentView.as_view(), name="commitment"),
]
