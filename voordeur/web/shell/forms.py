"""The login form, with NL Design System (Utrecht) classes on its inputs."""

from django.contrib.auth.forms import AuthenticationForm

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
