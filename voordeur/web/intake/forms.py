"""The upload form of the partner-data pages: it validates input only; the import writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voordeur.imports.uploads import MAX_BYTES
from voordeur.lib.dates import today
from voordeur.web.consent.forms import DATE
from voordeur.web.doors.forms import UtrechtFormMixin


class UploadForm(UtrechtFormMixin, forms.Form):
    file = forms.FileField(label=_("Bestand (CSV)"), help_text=_("Komma of puntkomma; UTF-8 of Windows-1252."))
    source = forms.ChoiceField(label=_("Bronorganisatie"))
    legal_basis = forms.CharField(label=_("Grondslag"), max_length=200)
    received_on = forms.DateField(label=_("Datum van de gegevens"), widget=DATE, initial=today)

    def __init__(self, *args, sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources
        self.style_widgets()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
        return upload

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > today():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day


class ApplyForm(forms.Form):
    upload = forms.IntegerField(widget=forms.HiddenInput)
    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
