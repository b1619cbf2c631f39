"""Forms of the household pages: they validate input only; services do the writing."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.households.models import ContactLogEntry, Household
from voordeur.web.doors.languages import LANGUAGE_NAMES, language_name

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
CONTACT_FIELDS = ("name", "phone", "email", "language", "interpreter_needed", "best_time")


class UtrechtFormMixin:
    """NL Design System classes on every widget, and invalid fields marked for assistive tech."""

    def style_widgets(self) -> None:
        errors = self._errors or {}  # set once validated; styling never triggers validation itself
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            base = "utrecht-checkbox" if isinstance(widget, forms.CheckboxInput) else (
                "utrecht-select" if isinstance(widget, forms.Select) else "utrecht-textbox"
            )
            widget.attrs["class"] = {"utrecht-checkbox": CHECKBOX, "utrecht-select": SELECT}.get(base, TEXTBOX)
            if name in errors:
                widget.attrs["class"] += f" {base}--invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def full_clean(self) -> None:
        super().full_clean()
        self.style_widgets()


class HouseholdSearchForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(label=_("Zoek op naam of adres"), required=False, max_length=100)
    portiek = forms.ChoiceField(label=_("Portiek"), required=False)

    def __init__(self, *args, portieken: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portiek"].choices = [("", _("Alle portieken"))] + portieken
        if not portieken:
            del self.fields["portiek"]
        self.style_widgets()


def language_choices(current: str = "") -> list[tuple[str, str]]:
    codes = dict.fromkeys(code for code in LANGUAGE_NAMES if code != "zgh")
    if current:
        codes.setdefault(current, None)
    named = sorted(((code, language_name(code)) for code in codes), key=lambda choice: choice[1])
    return [("", _("Onbekend"))] + named


class HouseholdContactForm(UtrechtFormMixin, forms.Form):
    """Contact fields of one household, with the version the user read them at."""

    form_name = "contact"
    name = forms.CharField(label=_("Naam"), max_length=200)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Taal"), required=False)
    interpreter_needed = forms.BooleanField(label=_("Tolk nodig"), required=False)
    best_time = forms.ChoiceField(label=_("Beste moment om te bereiken"), choices=Household.BestTime.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, household: Household, **kwargs) -> None:
        kwargs.setdefault("initial", {name: getattr(household, name) for name in CONTACT_FIELDS + ("version",)})
        super().__init__(*args, prefix=self.form_name, **kwargs)
        self.fields["language"].choices = language_choices(household.language)
        self.style_widgets()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in CONTACT_FIELDS}


def _now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class ContactLogForm(UtrechtFormMixin, forms.Form):
    """One approach of a household: when, how, about what, and whether it reached them. No content."""

    form_name = "log"
    contacted_at = forms.DateTimeField(
        label=_("Moment"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    channel = forms.ChoiceField(label=_("Kanaal"), choices=ContactLogEntry.Channel.choices)
    topic = forms.ChoiceField(label=_("Onderwerp"), choices=ContactLogEntry.Topic.choices)
    reached = forms.BooleanField(label=_("Bewoner bereikt"), required=False, initial=True)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"contacted_at": _now_local(), "reached": True})
        super().__init__(*args, prefix=self.form_name, **kwargs)
        self.style_widgets()

    def clean_contacted_at(self) -> dt.datetime:
        moment = self.cleaned_data["contacted_at"]
        if moment > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("Een contactmoment kan niet in de toekomst liggen."))
        return moment
