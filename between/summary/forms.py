from django import forms

from between.lib.forms import CharField, DateInput
from between.summary.services import PERIODS, sections

TEXT_LIMIT = 5000


class StartForm(forms.Form):
    purpose = CharField(label="What it's for (optional)", required=False,
                              max_length=200,
                              help_text="For example: my assessment with the community "
                                        "mental health team.")
    period = forms.ChoiceField(label="Which time to draw on", choices=list(PERIODS.items()),
                               initial="30", widget=forms.RadioSelect)


class SummaryForm(forms.Form):
    """Each section's words and whether it goes in, plus the period and the charts."""

    purpose = CharField(label="What it's for", required=False, max_length=200)
    starts_on = forms.DateField(label="From", widget=DateInput)
    ends_on = forms.DateField(label="To", widget=DateInput)
    with_charts = forms.BooleanField(label="Include charts of my questionnaire scores and "
                                           "urges", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in sections():
            self.fields[f"include-{section.key}"] = forms.BooleanField(
                label="Put this section in", required=False)
            # Counted on the page and checked here, never cut short by the browser.
            self.fields[f"text-{section.key}"] = CharField(
                label=section.heading, help_text=section.prompt, required=False,
                max_length=TEXT_LIMIT, strip=False, widget=forms.Textarea(attrs={"rows": 5}))

    @classmethod
    def initial_from(cls, summary, parts) -> dict:
        initial = {"purpose": summary.purpose, "starts_on": summary.starts_on,
                   "ends_on": summary.ends_on, "with_charts": summary.with_charts}
        for p in parts:
            initial[f"text-{p['key']}"] = p["text"]
            initial[f"include-{p['key']}"] = p["include"]
        return initial

    def rows(self) -> list[dict]:
        """For the template: each section's fields together."""
        return [{"section": s, "text": self[f"text-{s.key}"],
                 "include": self[f"include-{s.key}"]} for s in sections()]

    def texts(self) -> dict[str, str]:
        return {s.key: self.cleaned_data[f"text-{s.key}"].replace("\r\n", "\n")
                for s in sections()}

    def included(self) -> dict[str, bool]:
        return {s.key: self.cleaned_data[f"include-{s.key}"] for s in sections()}


class ShareForm(forms.Form):
    shared_with = forms.ModelMultipleChoiceField(
        label="Who can read it", queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Who can read it: choose from the clinicians "
                                          "listed, the ones you work with now.",
                        "invalid_pk_value": "Who can read it: choose from the clinicians "
                                            "listed, the ones you work with now."},
        help_text="They read it as it is whenever they open it, your changes included, "
                  "until you untick them. Untick everyone to stop sharing.")

    def __init__(self, *args, clinicians=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = clinicians
        self.fields["shared_with"].label_from_instance = lambda u: u.display_name or u.email
