from django import forms
from django.utils import formats, timezone

from between.care.models import FlagEvent, SessionChange, TherapySession
from between.care.windows import DAYS
from between.lib.forms import CharField, DateInput, DateTimeInput
from between.parts.forms import written_by

ZERO_TO_TEN = [(str(n), str(n)) for n in range(11)]


class _ForAClinician(forms.Form):
    """Words for one of the client's clinicians: a choice among them, hidden when there is
    only one."""

    clinician = forms.TypedChoiceField(label="To", coerce=int)

    def __init__(self, *args, clinicians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinician"].choices = [(c.pk, str(c)) for c in clinicians]
        if len(clinicians) == 1:
            self.fields["clinician"].widget = forms.HiddenInput()
            self.fields["clinician"].initial = clinicians[0].pk


class MessageForm(_ForAClinician):
    body = CharField(label="Your message", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"max_length": "This is over %(limit_value)s "
                                           "characters. Your words are still here: send it "
                                           "as two messages."})

    def __init__(self, *args, parts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if field := written_by(parts, help_text="Your clinician sees who, unless you keep "
                                                "a name private."):
            self.fields["written_by"] = field


class ReplyForm(forms.Form):
    body = CharField(label="Your reply", max_length=5000,
                     widget=forms.Textarea(attrs={"rows": 5}),
                     error_messages={"max_length": "This is over %(limit_value)s characters. "
                                     "Your words are still here: send it as two replies."})
    save = forms.BooleanField(label="Keep this reply to use again", required=False)
    # Shown only after a reply names another client: sending it then is a choice.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.others = list(others)
        if self.others:
            self.fields["confirm"].widget = forms.CheckboxInput()
            self.fields["confirm"].label = "It's meant for this client: send it as it is"

    def clean(self):
        data = super().clean()
        if self.others and not data.get("confirm"):
            names = " and ".join(self.others)
            self.add_error("body", f"This names {names}, another of your clients. Check it "
                                   "is meant for this person before it goes.")
        return data


class AgendaForm(_ForAClinician):
    body = CharField(label="What you want to bring", max_length=5000,
                     widget=forms.Textarea(attrs={"rows": 4}),
                     error_messages={"max_length": "This is over %(limit_value)s characters. "
                                     "Your words are still here: shorten it, or send it as "
                                     "a message."})

    def __init__(self, *args, clinicians, **kwargs):
        super().__init__(*args, clinicians=clinicians, **kwargs)
        self.fields["clinician"].label = "For the session with"


class CheckInForm(forms.Form):
    clinician = forms.TypedChoiceField(label="For", coerce=int, widget=forms.HiddenInput)
    how_it_went = CharField(label="How did the week go?", required=False,
                                  max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    peak_urge = forms.TypedChoiceField(
        label="The strongest urge this week (0 to 5)", required=False, coerce=int,
        empty_value=None, choices=[(str(n), str(n)) for n in range(6)],
        widget=forms.RadioSelect)
    what_helped = CharField(label="What helped?", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    bring_to_session = CharField(label="What I want to bring to the next session",
                                       required=False, max_length=2000,
                                       widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, clinicians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clinician"].choices = [(c.pk, str(c)) for c in clinicians]
        if clinicians:
            self.fields["clinician"].initial = clinicians[0].pk


def _rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=int, choices=ZERO_TO_TEN,
                                  widget=forms.RadioSelect)


class FeedbackForm(forms.Form):
    heard = _rating("I felt heard")
    worked_on = _rating("We worked on what I wanted to")
    approach_fits = _rating("The way we work fits me")
    overall = _rating("Overall, the session was")
    felt_off = forms.BooleanField(label="Something felt off, and I'd like us to talk about it",
                                  required=False)
    note = CharField(label="Anything you want to say about it (optional)",
                           required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RepairNoteForm(forms.Form):
    body = CharField(label="Add a note about what went wrong, or how to mend it",
                           max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label="When", widget=DateTimeInput())
    kind = forms.ChoiceField(label="What happened", choices=TherapySession.Kind.choices)
    ends_on = forms.DateField(label="For a break: until", required=False,
                              widget=DateInput())


class SessionChangeForm(forms.Form):
    """What became of a booked session: moved, cancelled, or how it went."""

    what = forms.ChoiceField(label="What changed", widget=forms.RadioSelect, choices=[
        (c.value, c.label) for c in SessionChange.What if c != SessionChange.What.BOOKED])
    starts_at = forms.DateTimeField(label="New time, if it moved", required=False,
                                    widget=DateTimeInput())
    cancelled_by = forms.ChoiceField(label="If cancelled, who cancelled", required=False,
                                     choices=[("", "—"), *SessionChange.By.choices])
    reason = CharField(label="Reason (optional; the client sees it)", required=False,
                       max_length=300)

    def __init__(self, *args, session, **kwargs):
        # One form per session on the page: the same field names, ids of its own.
        super().__init__(*args, prefix="change", auto_id=f"id_s{session.pk}_%s", **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("what") == SessionChange.What.RESCHEDULED and not data.get("starts_at"):
            self.add_error("starts_at", "New time: say when the session moved to.")
        if data.get("what") == SessionChange.What.CANCELLED and not data.get("cancelled_by"):
            self.add_error("cancelled_by", "Who cancelled: the client or you.")
        return data


class AwayForm(forms.Form):
    starts_on = forms.DateField(label="Away from", widget=DateInput)
    ends_on = forms.DateField(label="Back after", widget=DateInput,
                              help_text="The last day you're away.")
    cover = forms.TypedChoiceField(label="Who covers (optional)", coerce=int, required=False,
                                   empty_value=None,
                                   help_text="Each client chooses whether their messages go "
                                             "to them or wait for you.")

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cover"].choices = [("", "Nobody: messages wait for me")] + [
            (c.pk, str(c)) for c in colleagues]

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last day away can't be before the first.")
        return data


class PolicyForm(forms.Form):
    time_zone = CharField(label="Your time zone", max_length=64)
    response_time = CharField(label="How soon you reply, in your words", max_length=200)
    away_message = CharField(label="What clients see outside your check-in times",
                                   max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rows: int = 4, **kwargs):
        super().__init__(*args, **kwargs)
        day_choices = [("", "No window")] + [(str(i), d) for i, d in enumerate(DAYS)]
        for i in range(rows):
            self.fields[f"day_{i}"] = forms.ChoiceField(label="Day", choices=day_choices,
                                                        required=False)
            self.fields[f"start_{i}"] = forms.TimeField(
                label="From", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
            self.fields[f"end_{i}"] = forms.TimeField(
                label="To", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
        self.rows = rows

    def clean_time_zone(self):
        from zoneinfo import available_timezones

        value = self.cleaned_data["time_zone"]
        if value not in available_timezones():
            raise forms.ValidationError("Use a time zone name such as Europe/London.")
        return value

    def clean(self):
        data = super().clean()
        windows = []
        for i in range(self.rows):
            day, start, end = data.get(f"day_{i}"), data.get(f"start_{i}"), data.get(f"end_{i}")
            if not day and not start and not end:
                continue
            if not day and self.initial.get(f"day_{i}"):
                continue  # "No window" chosen for a window that was there: removed
            if not (day and start and end) or end <= start:
                raise forms.ValidationError(f"Window {i + 1} needs a day, and a start "
                                            "before its end.")
            windows.append({"weekday": int(day), "start": start.strftime("%H:%M"),
                            "end": end.strftime("%H:%M")})
        data["windows"] = windows
        return data

    @staticmethod
    def initial_from(policy) -> dict:
        initial = {"time_zone": policy.time_zone, "response_time": policy.response_time,
                   "away_message": policy.away_message}
        for i, w in enumerate(policy.windows):
            initial |= {f"day_{i}": str(w["weekday"]), f"start_{i}": w["start"],
                        f"end_{i}": w["end"]}
        return initial


class InviteForm(forms.Form):
    email = forms.EmailField(label="Client's email")


class AcceptForm(forms.Form):
    display_name = CharField(label="What should we call you?", max_length=100)
    password = CharField(label="Choose a password", widget=forms.PasswordInput,
                               min_length=10)


class CloseFlagForm(forms.Form):
    """What was done about a flag, and a note for the care team only."""

    done = forms.MultipleChoiceField(
        label="What was done", choices=list(FlagEvent.DONE.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "What was done: tick at least one."})
    note = CharField(label="Private note (optional)", required=False, max_length=2000,
                     widget=forms.Textarea(attrs={"rows": 3}),
                     help_text="For the care team. The client doesn't see it in Between; it "
                               "is in their copy of their data if they ask for one.")

    def clean(self):
        data = super().clean()
        if "no_action" in data.get("done", ()) and not data.get("note", "").strip():
            self.add_error("note", "Private note: say why no action was needed.")
        return data


class ClinicalNoteForm(forms.Form):
    """A private note on a client, optionally about one of their sessions with you."""

    session = forms.ModelChoiceField(
        label="About a session (optional)", required=False, queryset=TherapySession.objects.none(),
        empty_label="Not about one session",
        error_messages={"invalid_choice": "About a session: choose one of your sessions "
                                          "with this client."})
    body = CharField(label="Note", max_length=20000, widget=forms.Textarea(attrs={"rows": 6}),
                     help_text="Only you can read it here. The client doesn't see it in "
                               "Between; it is in their copy of their data if they ask for one.")

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        field.queryset = sessions
        field.label_from_instance = _session_label


def _session_label(session: TherapySession) -> str:
    when = formats.date_format(timezone.localtime(session.starts_at), "D j M Y, H:i")
    return f"{when} ({session.get_kind_display()})"
