from django import forms

from between.journal.models import MAX_ENTRY_CHARS
from between.lib.forms import CharField
from between.parts.forms import written_by


class EntryForm(forms.Form):
    body = CharField(
        label="Write whatever you need to", max_length=MAX_ENTRY_CHARS, strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": "This entry is over %(limit_value)s characters. "
                                      "Your words are still here: split it into two entries."},
    )
    shared = forms.BooleanField(label="Share this entry with my clinician", required=False,
                                help_text="Only if you have turned on journal sharing. "
                                          "You can change this at any time.")

    def __init__(self, *args, parts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if field := written_by(parts, help_text="If a part wrote this, or more than one."):
            self.fields["written_by"] = field
