from django.urls import path

from voordeur.web.intake import views

urlpatterns = [
    path("t/<slug:slug>/gegevens/", views.IntakeView.as_view(), name="intake"),
    path("t/<slug:slug>/gegevens/units/", views.UnitsUploadView.as_view(), name="intake-units"),
    path("t/<slug:slug>/gegevens/tenancies/", views.TenanciesUploadView.as_view(), name="intake-tenancies"),
    path("t/<slug:slug>/gegevens/arrears/", views.ArrearsUploadView.as_view(), name="intake-arrears"),
    path("t/<slug:slug>/gegevens/repairs/", views.RepairsUploadView.as_view(), name="intake-repairs"),
    path("t/<slug:slug>/gegevens/caseload/", views.CaseloadUploadView.as_view(), name="intake-caseload"),
]
