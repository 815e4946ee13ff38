from django import forms

from between.measures import services
from between.measures.library import Measure
from between.measures.models import Schedule

LEAVE_OUT = "skip"  # the answer to an item a person would rather not answer


class PageForm(forms.Form):
    """One screen of a questionnaire: each item's own answers, and "leave this one out".
    Going on needs every item answered one way or the other; stopping keeps what's there."""

    def __init__(self, *args, measure: Measure, page: int, stopping: bool = False,
                 initial_answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = services.pages(measure)[page]
        first = sum(len(p) for p in services.pages(measure)[:page]) + 1
        for n, item in enumerate(self.items, start=first):
            name = f"item-{item.key}"
            choices = [(str(a.value), a.label or str(a.value))
                       for a in measure.anchors_for(item)]
            self.fields[name] = forms.ChoiceField(
                label=f"{n}. {item.text}", choices=[*choices, (LEAVE_OUT, "Leave this one out")],
                widget=forms.RadioSelect, required=not stopping,
                error_messages={"required": f"Question {n}: choose an answer, or leave "
                                            "this one out.",
                                "invalid_choice": f"Question {n}: choose one of the answers "
                                                  "shown."})
            self.fields[name].item = item
            if initial_answers and item.key in initial_answers:
                value = initial_answers[item.key]
                self.initial[name] = LEAVE_OUT if value is None else str(value)

    def answers(self) -> dict[str, int | None]:
        found = {}
        for field in self.items:
            value = self.cleaned_data.get(f"item-{field.key}")
            if value == LEAVE_OUT:
                found[field.key] = None
            elif value:
                found[field.key] = int(value)
        return found


class AssignForm(forms.Form):
    measure = forms.ChoiceField(label="Questionnaire")
    schedule = forms.ChoiceField(label="How often", choices=Schedule.choices,
                                 initial=Schedule.WEEKLY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [(m.slug, m.title) for m in services.offered()]
