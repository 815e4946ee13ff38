from django import forms
from django.core.validators import MaxLengthValidator

from between.accounts.models import Clinic, OutOfHours, User
from between.care import windows
from between.lib.forms import CharField
from between.safety import directory


def staff_of(clinic: Clinic):
    return User.objects.filter(clinic=clinic, is_active=True,
                               role__in=["clinician", "admin"]).order_by("display_name")


STEPS_LIMIT = 2000


class ClinicSettingsForm(forms.ModelForm):
    """A clinic's settings, each with what it means for clients and clinicians."""

    out_of_hours = forms.ChoiceField(
        label="When an urgent flag is written out of hours",
        choices=[c for c in OutOfHours.choices if c[0]], widget=forms.RadioSelect,
        help_text="Out of hours means outside every check-in time of the client's care "
                  "team. Whoever you choose is sent only \"An urgent flag needs attention\" "
                  "and a link, by email (and by push on a duty clinician's devices). The "
                  "client is told, as they write, who will hear of it and when.")
    country = forms.ChoiceField(
        label="The clinic's country", required=False,
        help_text="Clients see this country's crisis lines until they choose their own.")
    default_windows = forms.CharField(
        label="Check-in times a new clinician starts with", required=False, max_length=500,
        help_text="Like \"Friday 09:00-10:00; Monday 14:00-15:00\", in each clinician's own "
                  "time zone. Each clinician can change theirs. Empty means Fridays 9 to 10am.")

    class Meta:
        model = Clinic
        fields = ["out_of_hours", "duty_clinician", "team_inbox", "escalate_to",
                  "escalate_after_minutes", "page_on_risk", "country", "default_windows",
                  "client_idle_minutes", "self_signup", "retention_note", "steps_urgent",
                  "steps_ideation", "steps_other"]
        labels = {
            "duty_clinician": "Duty clinician",
            "team_inbox": "Team inbox",
            "escalate_to": "Second person",
            "escalate_after_minutes": "Tell the second person after (minutes)",
            "page_on_risk": "Email a client's own clinician at once when a message to them "
                            "reads as risky, whatever the time",
            "retention_note": "What the clinic keeps when a client closes their account",
            "client_idle_minutes": "Sign a client out after this many quiet minutes",
            "self_signup": "Let people make a client account themselves",
            "steps_urgent": "Next steps for an urgent flag",
            "steps_ideation": "Next steps for thoughts of suicide or self-harm",
            "steps_other": "Next steps for a rating or questionnaire answer",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 4, "data-limit": STEPS_LIMIT})
                   for name in ("steps_urgent", "steps_ideation", "steps_other")}
        help_texts = {
            "duty_clinician": "For \"A duty clinician\". Change it when the rota changes.",
            "team_inbox": "For \"A team inbox\": an address someone reads out of hours.",
            "escalate_to": "Told if nobody says they're on the alert in time. Leave empty "
                           "and nobody else is told.",
            "page_on_risk": "Off by default: clinicians are not on call.",
            "retention_note": "In plain words; shown to a client before they close their "
                              "account.",
            "client_idle_minutes": "Empty means 30. Shorter is more private on a shared "
                                   "phone; longer means signing in less often. Nothing being "
                                   "written is lost either way: it comes back after signing "
                                   "in.",
            "self_signup": "From the clinic's sign-up link, shown on this page once it's on. "
                           "Off means clients join only by a clinician's invitation.",
            "steps_urgent": "What your clinic has agreed a clinician does, shown beside every "
                            "urgent flag. Short and concrete: who to call, in what order.",
            "steps_ideation": "Shown beside every flag of this level.",
            "steps_other": "Shown beside a diary rating over a client's threshold or a "
                           "questionnaire answer that raised a flag.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = staff_of(self.instance)
        self.fields["duty_clinician"].queryset = staff
        self.fields["escalate_to"].queryset = staff
        self.fields["country"].choices = [("", "This installation's default"),
                                          *directory.choices()]
        self.fields["escalate_after_minutes"].min_value = 5
        self.fields["escalate_after_minutes"].widget.attrs.update(min=5, max=720)
        self.fields["client_idle_minutes"].widget.attrs.update(min=5, max=720)
        self.initial["default_windows"] = windows.as_text(self.instance.default_windows)
        for name in ("steps_urgent", "steps_ideation", "steps_other"):
            field = self.fields[name]
            field.validators.append(MaxLengthValidator(STEPS_LIMIT, message=(
                f"{field.label}: at most %(limit_value)d characters; this is %(show_value)d.")))

    def clean_default_windows(self) -> list[dict]:
        try:
            return windows.from_text(self.cleaned_data["default_windows"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_client_idle_minutes(self) -> int | None:
        minutes = self.cleaned_data["client_idle_minutes"]
        if minutes is not None and not 5 <= minutes <= 720:
            raise forms.ValidationError("Choose between 5 minutes and 12 hours (720).")
        return minutes

    def clean_escalate_after_minutes(self) -> int:
        minutes = self.cleaned_data["escalate_after_minutes"]
        if not 5 <= minutes <= 720:
            raise forms.ValidationError("Choose between 5 minutes and 12 hours (720).")
        return minutes

    def clean(self):
        data = super().clean()
        route = data.get("out_of_hours")
        if route == OutOfHours.DUTY and not data.get("duty_clinician"):
            self.add_error("duty_clinician", "Choose who is on duty.")
        if route == OutOfHours.INBOX and not data.get("team_inbox"):
            self.add_error("team_inbox", "Give the inbox's address.")
        if (route == OutOfHours.DUTY and data.get("escalate_to")
                and data.get("escalate_to") == data.get("duty_clinician")):
            self.add_error("escalate_to", "The second person must be someone else.")
        return data


class InviteStaffForm(forms.Form):
    email = forms.EmailField(label="Their email")
    role = forms.ChoiceField(label="As", choices=[("clinician", "Clinician"),
                                                  ("peer_worker", "Peer worker"),
                                                  ("admin", "Administrator")],
                             help_text="A peer worker moderates the circles a clinician "
                                       "names them on, and sees no client's records.")

    def __init__(self, *args, clinics=None, **kwargs):
        super().__init__(*args, **kwargs)
        if clinics is not None and len(clinics) > 1:
            self.fields["clinic"] = forms.ModelChoiceField(label="At", queryset=clinics)


class JoinForm(forms.Form):
    display_name = forms.CharField(label="Your name, as clients and colleagues know it",
                                   max_length=100)
    password = forms.CharField(label="Choose a password", widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False)


class MfaResetForm(forms.Form):
    reason = forms.CharField(label="Why (kept in the audit log)", max_length=300,
                             widget=forms.TextInput(attrs={"placeholder":
                                                           "Lost phone, confirmed by phone call"}))


class HandoverForm(forms.Form):
    kind = forms.ChoiceField(label="What to suggest", widget=forms.RadioSelect, choices=[
        ("hand_over", "Hand them over to another clinician"),
        ("add", "Add a clinician to their team")])
    to_clinician = forms.ModelChoiceField(label="Clinician", queryset=User.objects.none())
    from_clinician = forms.ModelChoiceField(label="Moving from (for a hand-over)",
                                            queryset=User.objects.none(), required=False)

    def __init__(self, *args, clinicians=None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_clinician"].queryset = clinicians
        self.fields["from_clinician"].queryset = current


class AuditFilterForm(forms.Form):
    person = forms.EmailField(label="Done by (email)", required=False)
    client = forms.EmailField(label="About (email)", required=False)
    action = forms.ChoiceField(label="What", required=False)
    since = forms.DateField(label="From", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        from between.audit.models import Action

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Anything"), *Action.choices]


class SignUpForm(forms.Form):
    display_name = forms.CharField(label="What should we call you?", max_length=100)
    email = forms.EmailField(label="Your email", widget=forms.EmailInput(
        attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Choose a password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class TeamForm(forms.Form):
    """A team's name and who is in it: clinicians of the one clinic."""

    name = CharField(label="Team name", max_length=80,
                           help_text="For example: DBT consultation team, Tuesday skills group.")
    members = forms.ModelMultipleChoiceField(
        label="Who is in it", queryset=User.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, clinic: Clinic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = staff_of(clinic).filter(role="clinician")
