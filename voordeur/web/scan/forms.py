"""The period a visits report counts over, from the query string (GET: bookmarkable, printable)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from voordeur.aggregates.period import Period
from voordeur.web.doors.forms import UtrechtFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(UtrechtFormMixin, forms.Form):
    van = forms.DateField(label=_("Van"), required=False, widget=DATE)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DATE)

    def __init__(self, params, *, default: Period) -> None:
        self.default = default
        asked = {name: params[name] for name in ("van", "tot") if params.get(name)}
        super().__init__(asked or None, initial={"van": default.start, "tot": default.end})
        self.style_widgets()

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end:
            raise forms.ValidationError(_("De periode kan niet eindigen voordat ze begint."))
        return data

    def period(self) -> Period:
        """The period asked for; empty ends (or an invalid form) keep the default's."""
        if not self.is_bound or not self.is_valid():
            return self.default
        start = self.cleaned_data.get("van") or self.default.start
        end = self.cleaned_data.get("tot") or self.default.end
        if start is not None and start > end:
            start = None if self.default.start is None else min(self.default.start, end)
        return Period(start=start, end=end)

    def query(self) -> str:
        """The query string that asks for this form's period (for the PDF link)."""
        period = self.period()
        parts = [f"tot={period.end.isoformat()}"]
        if period.start is not None:
            parts.insert(0, f"van={period.start.isoformat()}")
        return "?" + "&".join(parts)
