from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from voordeur.aggregates.api import AGGREGATE_VIEWS
from voordeur.accounts.api import PartnerViewSet, UserViewSet
from voordeur.consent.api import ConsentResponseViewSet, ProposalTallyView, ProposalViewSet
from voordeur.exploring.api import ArrearsViewSet, CaseloadViewSet, RepairViewSet
from voordeur.households.api import ContactLogViewSet, HouseholdViewSet, PersonViewSet, TenancyViewSet
from voordeur.places.api import ComplexViewSet, PortiekViewSet, UnitViewSet
from voordeur.safety.api import CrimeSignalViewSet
from voordeur.referrals.api import PromiseViewSet, ReferralViewSet
from voordeur.trajectories.api import TrajectoryViewSet
from voordeur.visits.api import LifeDomainAssessmentViewSet, OpportunityViewSet, VisitViewSet
from voordeur.works.api import PlannedUnitViewSet, WorksNeedsViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("trajectories", TrajectoryViewSet, basename="trajectory")
router.register("complexes", ComplexViewSet, basename="complex")
router.register("portieken", PortiekViewSet, basename="portiek")
router.register("units", UnitViewSet, basename="unit")
router.register("households", HouseholdViewSet, basename="household")
router.register("tenancies", TenancyViewSet, basename="tenancy")
router.register("people", PersonViewSet, basename="person")
router.register("contact-log", ContactLogViewSet, basename="contact-log")
router.register("partners", PartnerViewSet, basename="partner")
router.register("users", UserViewSet, basename="user")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("consent-responses", ConsentResponseViewSet, basename="consent-response")
router.register("works-needs", WorksNeedsViewSet, basename="works-needs")
router.register("planned-units", PlannedUnitViewSet, basename="planned-unit")
router.register("visits", VisitViewSet, basename="visit")
router.register("life-domains", LifeDomainAssessmentViewSet, basename="life-domains")
router.register("opportunities", OpportunityViewSet, basename="opportunity")
router.register("crime-signals", CrimeSignalViewSet, basename="crime-signal")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("promises", PromiseViewSet, basename="promise")
router.register("arrears", ArrearsViewSet, basename="arrears")
router.register("repairs", RepairViewSet, basename="repair")
router.register("caseload", CaseloadViewSet, basename="caseload")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    *[
        path(f"trajectories/<int:pk>/aggregates/{key}/", view.as_view(), name=f"aggregate-{key}")
        for key, view in AGGREGATE_VIEWS.items()
    ],
    path("proposals/<int:pk>/tally/", ProposalTallyView.as_view(), name="proposal-tally"),
    path("", include(router.urls)),
]
