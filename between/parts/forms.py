from datetime import timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from between.lib.forms import CharField, DateTimeInput
from between.parts.models import (
    MAX_NAME_CHARS,
    MAX_SHORT_CHARS,
    MAX_TEXT_CHARS,
    PRIVATE_CHOICES,
    Front,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Named, so a colour is never the only way to tell: each is dark enough to see on white.
COLOURS = [("", "No colour"), ("#c0392b", "Red"), ("#d35400", "Orange"),
           ("#b7950b", "Yellow"), ("#1e8449", "Green"), ("#117a65", "Teal"),
           ("#1f618d", "Blue"), ("#6c3483", "Purple"), ("#c2185b", "Pink"),
           ("#6e4b2a", "Brown"), ("#5d6d7e", "Grey")]


class PartForm(forms.Form):
    name = CharField(label="Name", max_length=MAX_NAME_CHARS,
                     error_messages={"required": "Name: write something, even a letter."},
                     help_text="Whatever you call them. It can be a word or a description.")
    pronouns = CharField(label="Pronouns (optional)", required=False,
                         max_length=MAX_SHORT_CHARS)
    age_or_role = CharField(label="Age or role (optional)", required=False,
                            max_length=MAX_SHORT_CHARS)
    emoji = CharField(label="An emoji (optional)", required=False, max_length=16)
    colour = forms.ChoiceField(
        label="A colour (optional)", required=False, choices=COLOURS,
        error_messages={"invalid_choice": "Colour: pick one from the list, or none."},
        help_text="Shown as a dot beside their name.")
    description = CharField(label="About them (optional)", required=False, strip=False,
                            max_length=MAX_TEXT_CHARS,
                            widget=forms.Textarea(attrs={"rows": 4}))
    helps = CharField(label="What helps them (optional)", required=False, strip=False,
                      max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 3}))
    private = forms.MultipleChoiceField(
        label="Keep from my clinicians", required=False, choices=PRIVATE_CHOICES.items(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Only matters if you share Parts with a clinician. What you tick here "
                  "stays with you even then.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kept = self.initial.get("colour")
        if kept and kept not in dict(COLOURS):  # a colour brought from another app
            self.fields["colour"].choices = [*COLOURS, (kept, "The colour it came with")]


class _PartsChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, part):
        return " ".join(x for x in (part.shown_emoji(), part.shown_name()) if x)


def written_by(parts, label: str = "Written by (optional)", help_text: str = ""):
    """A tick list of the client's parts for "who wrote this", or None for someone who
    keeps no list: the journal, a diary note and a message all ask it the same way."""
    if parts is None or not parts.exists():
        return None
    return _PartsChoice(label=label, queryset=parts, required=False, help_text=help_text)


class QuickForm(forms.Form):
    """Who's here now: one or more parts, or a word for how it is."""

    fronting = _PartsChoice(label="Who's here", queryset=None, required=False)
    status = CharField(label="Or in a word (optional)", required=False,
                       max_length=MAX_SHORT_CHARS,
                       help_text="For example: blurry, not sure, mixed.")

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fronting"].queryset = parts

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("fronting") and not data.get("status", "").strip():
            self.add_error("fronting", "Who's here: pick someone, or write a word for how "
                                       "it is (like 'not sure').")
        return data


class FrontForm(QuickForm):
    """A front period or lost time written afterwards, or corrected."""

    kind = forms.ChoiceField(label="What to log", choices=Front.Kind.choices,
                             widget=forms.RadioSelect, initial=Front.Kind.FRONT)
    co_conscious = _PartsChoice(label="Co-conscious (aware, not fronting)", queryset=None,
                                required=False)
    started_at = forms.DateTimeField(label="From", widget=DateTimeInput())
    ended_at = forms.DateTimeField(label="Until (leave empty if it's still going on)",
                                   required=False, widget=DateTimeInput())
    approximate = forms.BooleanField(label="The times are roughly right", required=False)
    note = CharField(label="What happened, or what set it off (optional)", required=False,
                     strip=False, max_length=MAX_TEXT_CHARS,
                     widget=forms.Textarea(attrs={"rows": 4}))
    note_shared = forms.BooleanField(label="Share this note with my clinician", required=False,
                                     help_text="Only if you share Parts with them.")

    def __init__(self, *args, parts, time_zone: str, **kwargs):
        super().__init__(*args, parts=parts, **kwargs)
        self.fields["co_conscious"].queryset = parts
        self.tz = ZoneInfo(time_zone)

    def _local(self, value):
        # The browser's picker has no zone: the time is the client's own.
        if value is None:
            return None
        return timezone.make_naive(value).replace(tzinfo=self.tz)

    def clean(self):
        data = forms.Form.clean(self)
        if "started_at" in data:
            data["started_at"] = self._local(data["started_at"])
        data["ended_at"] = self._local(data.get("ended_at"))
        if (data.get("kind") == Front.Kind.FRONT and not self.errors
                and not data.get("fronting") and not data.get("status", "").strip()):
            self.add_error("fronting", "Who's here: pick someone, or write a word for how "
                                       "it was (like 'not sure').")
        start, end = data.get("started_at"), data.get("ended_at")
        if start and start > timezone.now() + timedelta(minutes=5):
            self.add_error("started_at", "From: this is in the future. Log it when it has "
                                         "happened.")
        if start and end and end <= start:
            self.add_error("ended_at", "Until: this is before 'From'.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="Export file (.json)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("File: this is over 5 MB, bigger than any export "
                                        "from these apps that we know of.")
        return upload
