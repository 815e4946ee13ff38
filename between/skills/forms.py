from django import forms

from between.lib.forms import CharField
from between.skills.models import CHAIN_FIELDS

HELPED = [(str(n), str(n)) for n in range(6)]


class StepForm(forms.Form):
    """One step of a flow: a text box, a 0-5 rating, or nothing to fill in."""

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        if step.field == "text":
            self.fields["value"] = CharField(label=step.label, required=False,
                                                   max_length=3000, strip=False,
                                                   widget=forms.Textarea(attrs={"rows": 4}))
        elif step.field == "rating":
            self.fields["value"] = forms.TypedChoiceField(
                label=step.label, required=False, coerce=int, empty_value=None,
                choices=HELPED, widget=forms.RadioSelect)


class HelpedForm(forms.Form):
    helped = forms.TypedChoiceField(label="How much did it help? (0 to 5)", coerce=int,
                                    required=False, empty_value=None, choices=HELPED,
                                    widget=forms.RadioSelect)


class ChainForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHAIN_FIELDS.items():
            self.fields[key] = CharField(label=label, required=False, max_length=3000,
                                               strip=False,
                                               widget=forms.Textarea(attrs={"rows": 3}))


class ReminderForm(forms.Form):
    on = forms.BooleanField(label="Send me a weekly reminder (it says only that practice "
                                  "is ready)", required=False)
