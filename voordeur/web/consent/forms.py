"""Forms of the consent pages: they validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voordeur.consent.models import Answer, Channel
from voordeur.lib.dates import today
from voordeur.web.doors.forms import UtrechtFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TenancyChoice(forms.ModelChoiceField):
    def label_from_instance(self, tenancy) -> str:
        return f"{tenancy.unit.address} – {tenancy.household.name}"


class ResponseForm(UtrechtFormMixin, forms.Form):
    """A response at the door, by phone, letter or web. The answer comes from the button pressed."""

    tenancy = TenancyChoice(label=_("Voordeur"), queryset=None, empty_label=_("Kies een adres"))
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Channel.choices, initial=Channel.DOOR)
    responded_on = forms.DateField(label=_("Datum"), widget=DATE, initial=today)
    answer = forms.ChoiceField(choices=Answer.choices, widget=forms.HiddenInput)

    def __init__(self, *args, tenancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenancy"].queryset = tenancies
        self.style_widgets()


class ProposalForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 4}))
    languages = forms.CharField(label=_("Talen van de vertalingen (ISO 639, met komma's)"), max_length=100,
                                initial="nl,en")
    sent_on = forms.DateField(label=_("Verstuurd op"), widget=DATE, required=False,
                              help_text=_("Leeg laten zolang het een concept is."))
    response_deadline = forms.DateField(label=_("Reageren uiterlijk"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


class SendForm(UtrechtFormMixin, forms.Form):
    sent_on = forms.DateField(label=_("Verstuurd op"), widget=DATE, initial=today)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


class UnitChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit) -> str:
        return unit.address


class VersionForm(UtrechtFormMixin, forms.Form):
    summary = forms.CharField(label=_("Samenvatting van deze versie"), widget=forms.Textarea(attrs={"rows": 4}))
    languages = forms.CharField(label=_("Talen van de vertalingen (ISO 639, met komma's)"), max_length=100)
    changed_on = forms.DateField(label=_("Gewijzigd op"), widget=DATE, initial=today)
    document = forms.FileField(label=_("Document (PDF)"), required=False)
    significant = forms.BooleanField(label=_("Ingrijpende wijziging voor een deel van de woningen"), required=False)
    affected_units = UnitChoices(label=_("Woningen waarvoor de wijziging geldt"), queryset=None, required=False,
                                 widget=forms.SelectMultiple(attrs={"size": 8}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affected_units"].queryset = units
        self.style_widgets()


class AdviceForm(UtrechtFormMixin, forms.Form):
    requested_on = forms.DateField(label=_("Advies gevraagd op"), widget=DATE)
    received_on = forms.DateField(label=_("Schriftelijk advies ontvangen op"), widget=DATE, required=False)
    departs = forms.BooleanField(label=_("Wij wijken af van het advies"), required=False)
    reasons_sent_on = forms.DateField(label=_("Schriftelijke motivering verstuurd op"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()


class AssignForm(UtrechtFormMixin, forms.Form):
    tenancies = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    assignee = forms.ModelChoiceField(label=_("Wie gaat deze huurders benaderen?"), queryset=None, required=False,
                                      empty_label=_("Niemand (toewijzing opheffen)"))

    def __init__(self, *args, tenancies, assignees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tenancies"].queryset = tenancies
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.style_widgets()


class NoticeForm(UtrechtFormMixin, forms.Form):
    notified_on = forms.DateField(label=_("Schriftelijke kennisgeving verstuurd op"), widget=DATE, initial=today)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()
