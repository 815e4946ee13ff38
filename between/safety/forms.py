from django import forms

from between.lib.forms import CharField
from between.safety import directory, plan_content
from between.safety.models import CrisisEpisode

URGE_CHOICES = [(str(n), str(n)) for n in range(6)]


class PlanForm(forms.Form):
    """One box per section, one item per line. Too long is refused, never cut."""

    means = forms.MultipleChoiceField(label="Steps I can take", required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["means"].choices = list(plan_content.means_items().items())
        for section in plan_content.sections():
            self.fields[section.key] = CharField(
                label=section.title, required=False, strip=False,
                max_length=plan_content.MAX_SECTION_CHARS,
                help_text=f"{section.prompt} One per line.",
                widget=forms.Textarea(attrs={"rows": 4, "placeholder": section.example}),
                error_messages={"max_length": "This part is over %(limit_value)s characters. "
                                              "Everything you wrote is still here; "
                                              "shorten it a little to save."})
        # Keep the checklist beside its section.
        order = [s.key for s in plan_content.sections()]
        order.insert(order.index("environment") + 1, "means")
        self.order_fields(order)

    @staticmethod
    def initial_from(data: dict) -> dict:
        initial = {key: "\n".join(data.get(key, [])) for key in plan_content.section_keys()}
        initial["means"] = data.get("means", [])
        return initial

    def plan_data(self) -> dict:
        data = {key: self.cleaned_data[key].splitlines() for key in plan_content.section_keys()}
        data["means"] = self.cleaned_data["means"]
        return data


class SuggestionForm(forms.Form):
    section = forms.ChoiceField(label="Which part of the plan")
    text = CharField(label="What you suggest adding", max_length=plan_content.MAX_ITEM_CHARS,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.key, s.title) for s in plan_content.sections()]


class EpisodeForm(forms.Form):
    urge_before = forms.TypedChoiceField(
        label="How strong is the urge right now?", choices=URGE_CHOICES, coerce=int,
        required=False, empty_value=None, widget=forms.RadioSelect)
    urge_after = forms.TypedChoiceField(
        label="And now?", choices=URGE_CHOICES, coerce=int, required=False,
        empty_value=None, widget=forms.RadioSelect)
    helped = forms.MultipleChoiceField(
        label="What helped, even a little?", choices=list(CrisisEpisode.TOOLS.items()),
        required=False, widget=forms.CheckboxSelectMultiple)
    note = CharField(label="Anything else you want to remember about tonight",
                           required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    # When the person opened crisis mode: filled in by the page, so a pass saved offline
    # and sent later lands on the day it happened. Ignored unless in the last week.
    opened_at = forms.DateTimeField(required=False, widget=forms.HiddenInput)

    def clean_opened_at(self):
        from datetime import timedelta

        from django.utils import timezone

        opened = self.cleaned_data.get("opened_at")
        now = timezone.now()
        if opened is None or not now - timedelta(days=7) <= opened <= now + timedelta(minutes=5):
            return None
        return min(opened, now)


class CountryForm(forms.Form):
    """Where the person is, for the crisis lines they see."""

    country = forms.ChoiceField(label="Which country are you in? We use it to show you the "
                                      "right numbers.")
    next = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = directory.choices()
