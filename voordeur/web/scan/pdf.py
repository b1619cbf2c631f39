"""Reports as PDF: the same sections as the page, laid out by WeasyPrint, in Dutch."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def render_pdf(template: str, context: dict) -> tuple[bytes, int]:
    """The template as a PDF and its page count; rendered in Dutch whatever the user's language."""
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string(template, context)
    document = HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
