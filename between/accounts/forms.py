import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from between.accounts.models import SCOPES
from between.lib.forms import CharField


class LoginForm(AuthenticationForm):
    """Email sign-in. One message for every failure, so it never reveals who has an account."""

    username = forms.EmailField(label="Email", widget=forms.EmailInput(
        attrs={"autocomplete": "email", "autofocus": True}))
    error_messages = {
        "invalid_login": "That email and password don't match. Check them and try again.",
        "inactive": "That email and password don't match. Check them and try again.",
    }


class TokenForm(forms.Form):
    token = forms.CharField(label="6-digit code from your authenticator app", max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "inputmode": "numeric",
                                                          "autofocus": True}))

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("The code is the 6 digits your app shows.")
        return token


class AccessTokenForm(forms.Form):
    name = forms.CharField(label="What is this token for?", max_length=100)


class ScopesForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What this clinician can see", choices=list(SCOPES.items()),
        required=False, widget=forms.CheckboxSelectMultiple)


class DraftForm(forms.Form):
    """A page's unsaved fields, sent by its script as JSON in one form field."""

    path = forms.RegexField(regex=r"^/[\w\-/.]*$", max_length=200)
    values = forms.JSONField(required=False)

    def clean_values(self):
        value = self.cleaned_data.get("values") or {}
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
                for k, v in value.items()):
            raise forms.ValidationError("values must map each name to a list of strings")
        return value


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        help_text="Every time Between shows you, and your diary's day, follows it.")

    def __init__(self, *args, **kwargs):
        from zoneinfo import available_timezones

        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in sorted(
            z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))]


_PHONE = re.compile(r"\+?[0-9 ()\-.]+")


class ContactForm(forms.Form):
    """A phone number the care team may call, and how the client would like them to."""

    phone = CharField(label="Phone number", required=False, max_length=30,
                      widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    how = CharField(label="Anything they should know (optional)", required=False,
                    max_length=200, help_text="Like \"Text first, I don't answer numbers I "
                                              "don't know\".")

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = sum(ch.isdigit() for ch in phone)
        if phone and (not _PHONE.fullmatch(phone) or digits < 5):
            raise forms.ValidationError("Phone number: digits, spaces and a leading + only, "
                                        "like +44 7700 900123.")
        return phone
