"""Forms of the referral and promise pages: they validate input only; the services decide.

Whether consent or an emergency override is given, what may be shared and who may receive a
referral are the services' rules (`voordeur.referrals.services`); their errors come back on
the fields they name (`add_service_errors`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from voordeur.referrals.models import Promise, Referral
from voordeur.referrals.services import DEFAULT_RESPOND_DAYS, MAX_WORKING_DAYS
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.web.doors.forms import UtrechtFormMixin

TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"


class _Styled(UtrechtFormMixin):
    def style_widgets(self) -> None:
        super().style_widgets()
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["class"] = field.widget.attrs["class"].replace(
                    "utrecht-textbox utrecht-textbox--html-input", TEXTAREA).replace("utrecht-textbox--invalid",
                                                                                     "utrecht-textarea--invalid")
            elif isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's ValidationError on the fields it names (others on the form as a whole)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class ReferralForm(_Styled, forms.Form):
    to_partner = forms.ModelChoiceField(label=_("Naar organisatie"), queryset=None, empty_label=_("Kies een organisatie"))
    kind = forms.ChoiceField(label=_("Soort hulp"), choices=Referral.Kind.choices)
    reason = forms.CharField(
        label=_("Reden: wat speelt er (leefgebieden)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("De ontvangende organisatie ziet de reden alleen als de bewoner toestemming geeft."),
    )
    consent_given = forms.BooleanField(label=_("De bewoner geeft toestemming voor deze doorverwijzing"), required=False)
    consent_scope = forms.CharField(label=_("Wat wordt met wie gedeeld"), required=False, max_length=500)
    shared_domains = forms.MultipleChoiceField(
        label=_("Welke leefgebieden mogen worden gedeeld"), required=False,
        choices=list(LIFE_DOMAINS.items()), widget=forms.CheckboxSelectMultiple,
    )
    emergency_override = forms.BooleanField(label=_("Noodsituatie: doorverwijzen zonder toestemming"), required=False)
    override_reason = forms.CharField(
        label=_("Waarom zonder toestemming"), required=False, max_length=500,
        help_text=_("Wordt bewaard bij de doorverwijzing. Schrijf geen gespreksinhoud op."),
    )
    respond_days = forms.IntegerField(label=_("Reactie binnen (werkdagen)"), min_value=1, max_value=MAX_WORKING_DAYS,
                                      initial=DEFAULT_RESPOND_DAYS)

    def __init__(self, *args, partners, may_write_reason: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_partner"].queryset = partners
        if not may_write_reason:
            del self.fields["reason"]
        self.style_widgets()


class PromiseForm(_Styled, forms.Form):
    owner_partner = forms.ModelChoiceField(label=_("Wie komt het na"), queryset=None,
                                           empty_label=_("Kies een organisatie"))
    text = forms.CharField(label=_("Wat is toegezegd"), max_length=300,
                           help_text=_("Zoals u het de bewoner zei, zonder gespreksinhoud."))
    working_days = forms.IntegerField(label=_("Binnen (werkdagen)"), required=False, min_value=1,
                                      max_value=MAX_WORKING_DAYS)
    due_date = forms.DateField(label=_("Of uiterlijk op"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, partners, **kwargs) -> None:
        kwargs.setdefault("initial", {"working_days": DEFAULT_RESPOND_DAYS})
        super().__init__(*args, **kwargs)
        self.fields["owner_partner"].queryset = partners
        self.style_widgets()


class TransitionForm(forms.Form):
    """One status change of a referral or promise, with the version the user saw."""

    form = forms.ChoiceField(choices=[("referral", "referral"), ("promise", "promise")])
    pk = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=sorted(set(Referral.Status.choices) | set(Promise.Status.choices)))
    version = forms.IntegerField(min_value=1)
    note = forms.CharField(required=False, max_length=300)
    feedback = forms.CharField(required=False, max_length=4000)
    kept_on = forms.DateField(required=False)


class OverviewFilterForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status van toezeggingen"), required=False,
                               choices=[("", _("Open"))] + [c for c in Promise.Status.choices if c[0] != "open"]
                               + [("alle", _("Alle"))])
    eigenaar = forms.ModelChoiceField(label=_("Wie komt het na"), required=False, queryset=None,
                                      empty_label=_("Alle organisaties"))
    te_laat = forms.BooleanField(label=_("Alleen over de termijn"), required=False)
    doorverwijzingen = forms.ChoiceField(label=_("Doorverwijzingen"), required=False,
                                         choices=[("", _("Lopend")), ("alle", _("Alle"))])

    def __init__(self, *args, partners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = partners
        self.style_widgets()
