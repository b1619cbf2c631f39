"""Forms of the door-to-door pages: they validate input only; services do the writing."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.lib.dates import today
from voordeur.visits.domains import LIFE_DOMAINS, SCORES
from voordeur.visits.models import Opportunity, Visit
from voordeur.visits.services import NOTE_MAX
from voordeur.web.doors.forms import UtrechtFormMixin

RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"


class ChoiceGroupsMixin(UtrechtFormMixin):
    """Radio buttons and checkbox groups get their NL Design System classes too (the shared
    mixin knows single widgets only); groups are rendered by web/visits/_choices.html."""

    def style_widgets(self) -> None:
        super().style_widgets()
        errors = self._errors or {}
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                base = "utrecht-checkbox"
                widget.attrs["class"] = CHECKBOX
            elif isinstance(widget, forms.RadioSelect):
                base = "utrecht-radio-button"
                widget.attrs["class"] = RADIO
            elif isinstance(widget, forms.Textarea):
                base = "utrecht-textarea"
                widget.attrs["class"] = TEXTAREA
            else:
                continue
            described = [f"{self[name].auto_id}-help"] if field.help_text and base == "utrecht-textarea" else []
            if name in errors:
                widget.attrs["class"] += f" {base}--invalid"
                widget.attrs["aria-invalid"] = "true"
                described.append(f"{self[name].auto_id}-error")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


def time_of_day_now(now: dt.datetime | None = None) -> str:
    """The time of day it is now, as a default for the visit form."""
    local = timezone.localtime(now)
    if local.weekday() >= 5:
        return Visit.TimeOfDay.WEEKEND
    if local.hour < 12:
        return Visit.TimeOfDay.MORNING
    if local.hour < 18:
        return Visit.TimeOfDay.AFTERNOON
    return Visit.TimeOfDay.EVENING


class RoundFilterForm(UtrechtFormMixin, forms.Form):
    portiek = forms.ChoiceField(label=_("Portiek"), required=False)
    verdieping = forms.TypedChoiceField(label=_("Verdieping"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, portieken: list[tuple[str, str]], floors: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portiek"].choices = [("", _("Alle portieken"))] + portieken
        self.fields["verdieping"].choices = [("", _("Alle verdiepingen"))] + [
            (floor, floor_label(floor)) for floor in floors
        ]
        self.style_widgets()


def floor_label(floor: int) -> str:
    return str(_("Begane grond")) if floor == 0 else str(_("Verdieping %(floor)d") % {"floor": floor})


class VisitForm(ChoiceGroupsMixin, forms.Form):
    form_name = "visit"
    use_required_attribute = False  # unchosen radio buttons would look invalid before anything was done
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=Visit.Outcome.choices, widget=forms.RadioSelect)
    visited_on = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time_of_day = forms.ChoiceField(label=_("Dagdeel"), choices=Visit.TimeOfDay.choices, widget=forms.RadioSelect)
    summary = forms.CharField(
        label=_("Korte neutrale samenvatting"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("Hoogstens 500 tekens, neutraal en zonder oordeel: wat er aan de deur gebeurde. Dit gesprek "
                    "gaat niet over de renovatie. Wat iemand vertelt over geld, gezondheid of andere "
                    "leefgebieden hoort hier niet: dat legt u apart en versleuteld vast."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Wat bracht de bewoner ter sprake?"), required=False, choices=Visit.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen het thema, voor de terugkoppeling aan de corporatie; geen inhoud."),
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"visited_on": today(), "time_of_day": time_of_day_now()})
        super().__init__(*args, prefix=self.form_name, **kwargs)
        self.style_widgets()

    def clean_visited_on(self) -> dt.date:
        day = self.cleaned_data["visited_on"]
        if day > today():
            raise forms.ValidationError(_("Een bezoek kan niet in de toekomst liggen."))
        return day


SCORE_CHOICES = [("", _("Geen score"))] + [(score, f"{score} – {label}") for score, label in SCORES.items()]


class LifeDomainsForm(ChoiceGroupsMixin, forms.Form):
    """Per life domain an optional score 1-5 and an optional note, with the version read."""

    form_name = "domains"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, domains: dict | None = None, version: int | None = None, **kwargs) -> None:
        domains = domains or {}
        initial = {"version": version}
        for key in LIFE_DOMAINS:
            value = domains.get(key) or {}
            initial[f"{key}_score"] = value.get("score") or ""
            initial[f"{key}_note"] = value.get("note") or ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, prefix=self.form_name, **kwargs)
        for key, label in LIFE_DOMAINS.items():
            self.fields[f"{key}_score"] = forms.TypedChoiceField(
                label=_("Score"), choices=SCORE_CHOICES, required=False, coerce=int, empty_value=None)
            self.fields[f"{key}_note"] = forms.CharField(
                label=_("Notitie"), required=False, max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX}))
        self.style_widgets()

    def domain_rows(self) -> list[dict]:
        return [{"key": key, "label": label, "score": self[f"{key}_score"], "note": self[f"{key}_note"]}
                for key, label in LIFE_DOMAINS.items()]

    def domains(self) -> dict:
        return {key: {"score": self.cleaned_data.get(f"{key}_score"), "note": self.cleaned_data.get(f"{key}_note", "")}
                for key in LIFE_DOMAINS}


class OpportunityForm(ChoiceGroupsMixin, forms.Form):
    form_name = "opportunity"
    title = forms.CharField(label=_("Wat wil de bewoner organiseren?"), max_length=200)
    support_needed = forms.CharField(label=_("Welke steun is daarvoor nodig?"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Status"), choices=Opportunity.Status.choices, initial=Opportunity.Status.IDEA)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, opportunity: Opportunity | None = None, **kwargs) -> None:
        if opportunity is not None:
            kwargs.setdefault("initial", {"title": opportunity.title, "support_needed": opportunity.support_needed,
                                          "status": opportunity.status, "version": opportunity.version})
        super().__init__(*args, prefix=self.form_name, **kwargs)
        self.style_widgets()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("title", "support_needed", "status")}
