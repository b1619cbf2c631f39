from django.urls import path

from voordeur.web.scan import views

urlpatterns = [
    path("t/<slug:slug>/scan/", views.ScanView.as_view(), name="scan"),
    path("t/<slug:slug>/scan.pdf", views.ScanPdfView.as_view(), name="scan-pdf"),
    path("t/<slug:slug>/terugkoppeling/", views.FeedbackView.as_view(), name="feedback"),
    path("t/<slug:slug>/terugkoppeling.pdf", views.FeedbackPdfView.as_view(), name="feedback-pdf"),
    path("t/<slug:slug>/bereik/", views.ReachView.as_view(), name="reach"),
]
