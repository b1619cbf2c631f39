"""Forms of the signals page: record a signal, change its status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voordeur.safety.models import CrimeSignal

SELECT = {"class": "utrecht-select utrecht-select--html-select"}
DATE = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"}
TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECK = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class SignalForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Woning"), coerce=int, widget=forms.Select(SELECT))
    about_household = forms.BooleanField(label=_("Het signaal gaat over de huidige bewoners"), required=False,
                                         initial=True, widget=forms.CheckboxInput(CHECK))
    kind = forms.ChoiceField(label=_("Soort signaal"), choices=CrimeSignal.Kind.choices, widget=forms.Select(SELECT))
    observed_on = forms.DateField(label=_("Waargenomen op"), widget=forms.DateInput(DATE))
    to_partner = forms.TypedChoiceField(label=_("Behandelende organisatie"), coerce=int, widget=forms.Select(SELECT))
    description = forms.CharField(label=_("Wat is waargenomen"), max_length=4000, widget=forms.Textarea(TEXTAREA),
                                  help_text=_("Alleen feiten: wat, wanneer, door wie gezien. Geen vermoedens over "
                                              "personen die er niet toe doen."))

    def __init__(self, *args, units, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—")] + [(u.pk, f"{u.address} ({u.unit_id})") for u in units]
        self.fields["to_partner"].choices = [(p.pk, p.name) for p in partners]


class TransitionForm(forms.Form):
    signaal = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    to_status = forms.CharField(max_length=30)  # the workflow table decides (services)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=1000,
                           widget=forms.Textarea({**TEXTAREA, "rows": 2}))
