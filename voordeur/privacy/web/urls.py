from django.urls import path

from voordeur.privacy.web import views

urlpatterns = [
    path("privacy/auditlog/", views.AuditLogView.as_view(), name="privacy-audit"),
    path("privacy/inzage/", views.SubjectExportView.as_view(), name="privacy-export"),
    path("privacy/wissen/", views.ErasureView.as_view(), name="privacy-erasure"),
]
