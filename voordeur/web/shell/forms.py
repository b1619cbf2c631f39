"""The login form and the second-factor code form, with NL Design System (Utrecht) classes."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": TEXTBOX, "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"class": f"{TEXTBOX} utrecht-textbox--password"})

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors:  # mark both inputs invalid and point them at the error message
            for field in self.fields.values():
                field.widget.attrs["class"] += " utrecht-textbox--invalid"
                field.widget.attrs.update({"aria-invalid": "true", "aria-describedby": "login-error"})


class CodeForm(forms.Form):
    """The six digits of an authenticator app (spaces allowed, as apps show them)."""

    code = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        max_length=12,
        widget=forms.TextInput(attrs={
            "class": TEXTBOX, "inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false",
            "aria-describedby": "code-help",
        }),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("Vul de 6 cijfers in die uw app nu laat zien."))
        return code

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors:
            widget = self.fields["code"].widget
            widget.attrs["class"] = f"{TEXTBOX} utrecht-textbox--invalid"
            widget.attrs.update({"aria-invalid": "true", "aria-describedby": "code-help code-error"})

    def reject(self, message: str) -> None:
        """A well-formed code that was not accepted: show why, and mark the input invalid."""
        self.add_error("code", message)
        widget = self.fields["code"].widget
        widget.attrs["class"] = f"{TEXTBOX} utrecht-textbox--invalid"
        widget.attrs.update({"aria-invalid": "true", "aria-describedby": "code-help code-error"})
