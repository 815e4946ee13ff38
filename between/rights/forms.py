from django import forms

from between.rights.services import MAX_IMPORT_BYTES


class PasswordForm(forms.Form):
    """Re-enter the password before something that cannot be undone."""

    password = forms.CharField(label="Your password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete":
                                                                 "current-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That isn't your password. Nothing has changed.")
        return password


class ImportForm(forms.Form):
    file = forms.FileField(label="Your export from another Between (a .zip file)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"This file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB, more than a "
                "Between export should be. Nothing was brought in.")
        return upload


class EraseForm(PasswordForm):
    """An admin erasing a client who asked in person."""

    email = forms.EmailField(label="The client's email address")
    reason = forms.CharField(label="How they asked (kept in the audit log)", max_length=200)
