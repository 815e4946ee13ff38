from django import forms

from between.care import windows
from between.circles.models import MAX_NAME_CHARS, MAX_POST_CHARS, MAX_WARNING_CHARS
from between.lib.forms import CharField, DateInput


class PostForm(forms.Form):
    body = CharField(label="What would you like to say?", max_length=MAX_POST_CHARS,
                     strip=False, widget=forms.Textarea(attrs={"rows": 5}),
                     error_messages={"required": "Write something to post."})
    warning = CharField(
        label="Content warning (optional)", max_length=MAX_WARNING_CHARS, required=False,
        help_text="A few words, like “self-harm” or “a hard day at home”. Others see only "
                  "this until they tap to read.")


class ReplyForm(forms.Form):
    body = CharField(label="Reply", max_length=MAX_POST_CHARS, strip=False,
                     widget=forms.Textarea(attrs={"rows": 3}),
                     error_messages={"required": "Write something to reply."})
    warning = CharField(label="Content warning (optional)", max_length=MAX_WARNING_CHARS,
                        required=False)


class JoinForm(forms.Form):
    display_name = CharField(
        label="The name you'd like to be known by here", max_length=MAX_NAME_CHARS,
        error_messages={"required": "Choose a name to be known by here."},
        help_text="Other members see only this, never your account name or email. "
                  "A first name that isn't yours, or a word you like, is fine.")


class CircleForm(forms.Form):
    name = CharField(label="Name", max_length=100,
                     help_text="What members see, like “Tuesday skills group”.")
    about = CharField(label="What it's for (optional)", max_length=500, required=False,
                      widget=forms.Textarea(attrs={"rows": 3}))
    staffed = CharField(
        label="When a moderator reads held posts", required=False, max_length=500,
        help_text="Like “Mon 09:00-10:00; Thu 14:00-15:00”, in your time zone. Members are "
                  "told when someone will next look. Left empty, they're told “when a "
                  "moderator next signs in”.")
    moderators = forms.ModelMultipleChoiceField(
        label="Other moderators (optional)", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colleagues is None or not colleagues.exists():
            del self.fields["moderators"]  # nobody else in the clinic to name: no empty list
            return
        self.fields["moderators"].queryset = colleagues
        self.fields["moderators"].label_from_instance = (
            lambda u: f"{u} (peer worker)" if u.is_peer_worker else str(u))

    def clean_staffed(self):
        try:
            return windows.from_text(self.cleaned_data["staffed"])
        except ValueError as e:
            raise forms.ValidationError(f"When a moderator reads held posts: {e}") from None


class InviteForm(forms.Form):
    client = forms.ModelChoiceField(label="Offer a place to", queryset=None,
                                    empty_label="Choose one of your clients")

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["client"].label_from_instance = lambda u: u.display_name or u.email


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="What happens to it", widget=forms.RadioSelect,
                                 choices=[("approve", "Post it"), ("hide", "Hide it")])
    warning = CharField(label="Content warning (optional)", max_length=MAX_WARNING_CHARS,
                        required=False,
                        help_text="Add or change one before posting; members see only this "
                                  "until they tap to read.")
    reason = CharField(label="Reason, for the person who wrote it", max_length=500,
                       required=False, widget=forms.Textarea(attrs={"rows": 2}),
                       help_text="Needed to hide a post. Kind and plain: they will read it.")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "hide" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Reason: say in a sentence why, for the person who "
                                     "wrote it.")
        return data


class PauseForm(forms.Form):
    until = forms.DateField(label="Pause posting until", required=False, widget=DateInput,
                            help_text="Empty ends a pause.")
    reason = CharField(label="Reason, for the member", max_length=500, required=False,
                       widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("until") and not (data.get("reason") or "").strip():
            self.add_error("reason", "Reason: say in a sentence why, for the member.")
        return data
