"""Forms of the privacy officer's pages: they validate input only; services do the work."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category, Role
from voordeur.privacy.auditlog import ACTIONS, AuditFilters
from voordeur.web.doors.forms import UtrechtFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REFERENCE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 ._/:#-]{2,59}$",
    _("Gebruik het zaaknummer van het verzoek (3 tot 60 letters, cijfers, spaties of . _ / : # -)."),
)


class DescribedMixin(UtrechtFormMixin):
    """Help texts are read out with their field (the template gives them the id `<field>-help`)."""

    def style_widgets(self) -> None:
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"
        super().style_widgets()


class AuditFilterForm(DescribedMixin, forms.Form):
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DATE)
    actor = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    role = forms.ChoiceField(label=_("Rol"), required=False)
    organisation = forms.CharField(label=_("Organisatie"), required=False, max_length=200)
    action = forms.ChoiceField(label=_("Handeling"), required=False)
    category = forms.ChoiceField(label=_("Gegevenscategorie"), required=False)
    object_type = forms.CharField(label=_("Soort gegeven"), required=False, max_length=60,
                                  help_text=_("Bijvoorbeeld households.household"))
    object_id = forms.CharField(label=_("Nummer van het gegeven"), required=False, max_length=60)
    purpose = forms.CharField(label=_("Doel of kenmerk"), required=False, max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("Alle"))]
        self.fields["role"].choices = everyone + [(role.value, role.label) for role in Role]
        self.fields["action"].choices = everyone + [(action, action) for action in ACTIONS]
        self.fields["category"].choices = everyone + [(c.value, c.value) for c in Category]
        self.style_widgets()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data

    def filters(self) -> AuditFilters:
        """The filters to apply; none when the form is invalid (the page then says why)."""
        if not self.is_valid():
            return AuditFilters()
        data = {name: value.strip() if isinstance(value, str) else value for name, value in self.cleaned_data.items()}
        return AuditFilters(**data)


class SubjectForm(DescribedMixin, forms.Form):
    """Which household a request is about: an exact number, never a search."""

    reference = forms.CharField(label=_("Kenmerk van het verzoek"), max_length=60, validators=[REFERENCE],
                                help_text=_("Het zaaknummer van het verzoek, geen naam."))
    tenancy_id = forms.CharField(label=_("Contractnummer van de huurovereenkomst"), required=False, max_length=40)
    unit_id = forms.CharField(label=_("Of: eenheidnummer van de woning"), required=False, max_length=40,
                              help_text=_("Dan geldt de huurovereenkomst die vandaag loopt."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def clean(self) -> dict:
        data = super().clean()
        given = [name for name in ("tenancy_id", "unit_id") if data.get(name, "").strip()]
        if len(given) != 1:
            raise forms.ValidationError(_("Vul precies één in: het contractnummer of het eenheidnummer."))
        return data


class ErasureConfirmForm(SubjectForm):
    confirmed = forms.BooleanField(label=_("Ik heb het verzoek getoetst en wil deze gegevens definitief wissen"),
                                   required=True)
