"""Forms of the works pages: the trajectory's settings and a household's practical needs."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from voordeur.lib.dates import parse_date

NUMBER = {"class": "utrecht-textbox utrecht-textbox--html-input vd-input-number"}
DATE = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"}
CHECK = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class SettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start_date = forms.DateField(label=_("Start van de werkzaamheden"), widget=forms.DateInput(DATE))
    work_days = forms.IntegerField(label=_("Werkdagen per woning"), min_value=1, max_value=200,
                                   widget=forms.NumberInput(NUMBER))
    max_units_in_work = forms.IntegerField(label=_("Woningen tegelijk in uitvoering"), min_value=1,
                                           widget=forms.NumberInput(NUMBER))
    max_starts_per_day = forms.IntegerField(label=_("Starts per dag"), min_value=1, widget=forms.NumberInput(NUMBER))
    riser_window_days = forms.IntegerField(label=_("Venster per stijgleiding (werkdagen)"), min_value=0,
                                           widget=forms.NumberInput(NUMBER))
    guest_home_buffer_days = forms.IntegerField(label=_("Marge logeerwoning (werkdagen)"), min_value=0,
                                                widget=forms.NumberInput(NUMBER))
    day_room_capacity = forms.IntegerField(label=_("Plaatsen in het dagverblijf"), min_value=0,
                                           widget=forms.NumberInput(NUMBER))

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NeedsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    needs_guest_home = forms.BooleanField(label=_("Heeft een logeerwoning nodig"), required=False,
                                          widget=forms.CheckboxInput(CHECK))
    wants_guest_home = forms.BooleanField(label=_("Wil graag een logeerwoning"), required=False,
                                          widget=forms.CheckboxInput(CHECK))
    priority = forms.TypedChoiceField(label=_("Prioriteit van de wens"), coerce=int, initial=1,
                                      choices=[(1, "1"), (2, "2"), (3, "3")],
                                      widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}))
    home_during_day = forms.BooleanField(label=_("Overdag thuis"), required=False, widget=forms.CheckboxInput(CHECK))
    unavailable = forms.CharField(
        label=_("Niet beschikbaar (één periode per regel: begin en einde, bijv. 2027-05-03 2027-05-14)"),
        required=False, widget=forms.Textarea({"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}))

    def clean_unavailable(self) -> list[list[str]]:
        periods = []
        for line in self.cleaned_data["unavailable"].splitlines():
            parts = line.replace("t/m", " ").split()
            if not parts:
                continue
            try:
                start, end = (parse_date(part) for part in parts) if len(parts) == 2 else (None, None)
            except ValueError:
                start = end = None
            if not isinstance(start, dt.date) or end < start:
                raise forms.ValidationError(_("Schrijf elke periode als twee datums: begin en einde."))
            periods.append([start.isoformat(), end.isoformat()])
        return periods

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    @staticmethod
    def text_of(periods: list) -> str:
        return "\n".join(f"{start} {end}" for start, end in periods)
