from django import forms

from between.diary.models import CardItem, CardReminder, Kind
from between.diary.services import MAX_NOTE_CHARS, MAX_PRESENT_CHARS, CardInput
from between.lib.forms import CharField, DateInput
from between.parts.forms import written_by
from between.skills import library

ZERO_TO_FIVE = [(str(n), str(n)) for n in range(6)]
ZERO_TO_SEVEN = [(str(n), str(n)) for n in range(8)]
DOSE_ROWS = 3


def _scale(label: str, choices) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, required=False,
                                  empty_value=None, widget=forms.RadioSelect)


class CardForm(forms.Form):
    """The whole card on one page. Every field is optional: a partial card saves."""

    skills = forms.MultipleChoiceField(label="Skills I used", required=False,
                                       widget=forms.CheckboxSelectMultiple)
    skills_rating = _scale("How I used skills today", ZERO_TO_SEVEN)
    as_prescribed = forms.TypedChoiceField(
        label="Took my medication as prescribed", required=False, empty_value=None,
        choices=[("yes", "Yes"), ("no", "No"), ("none", "I don't take any")],
        coerce=lambda v: {"yes": True, "no": False}.get(v), widget=forms.RadioSelect)
    sleep_hours = forms.DecimalField(label="Hours of sleep", required=False, min_value=0,
                                     max_value=24, decimal_places=1,
                                     widget=forms.NumberInput(attrs={"step": "0.5",
                                                                     "inputmode": "decimal"}))
    present = CharField(label="Who was present today (optional)", required=False,
                              max_length=MAX_PRESENT_CHARS)
    note = CharField(label="Anything else about today", required=False, strip=False,
                           max_length=MAX_NOTE_CHARS, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, items: dict[str, list[CardItem]], parts: list[str] = (),
                 writers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        if parts:
            self._add_parts_picker(list(parts))
        if field := written_by(writers, label="The note was written by (optional)"):
            self.fields["note_by"] = field
        self.fields["skills"].choices = [(s.slug, s.name) for s in library.skills().values()]
        for item in items[Kind.URGE]:
            self.fields[f"u_{item.slug}"] = _scale(item.label, ZERO_TO_FIVE)
        for item in items[Kind.EMOTION]:
            self.fields[f"e_{item.slug}"] = _scale(item.label, ZERO_TO_FIVE)
        for item in items[Kind.BEHAVIOUR]:
            self.fields[f"b_{item.slug}"] = forms.BooleanField(label=item.label, required=False)
            unit = f" ({item.unit})" if item.unit else ""
            self.fields[f"ba_{item.slug}"] = forms.DecimalField(
                label=f"How much{unit}", required=False, min_value=0, max_value=10000,
                widget=forms.NumberInput(attrs={"inputmode": "decimal"}))
        for i in range(DOSE_ROWS):
            self.fields[f"prn_name_{i}"] = CharField(label="Medicine", required=False,
                                                           max_length=60)
            self.fields[f"prn_dose_{i}"] = CharField(label="Dose", required=False,
                                                           max_length=30)
            self.fields[f"prn_time_{i}"] = forms.TimeField(
                label="Time", required=False, widget=forms.TimeInput(attrs={"type": "time"}))

    def _add_parts_picker(self, names: list[str]) -> None:
        """For someone who keeps a list of parts: tick who was present, and still write
        anything else. The card keeps one line of text either way, so nothing written
        before the list existed is lost."""
        self.fields["present_parts"] = forms.MultipleChoiceField(
            label="Who was present today (optional)", required=False,
            choices=[(n, n) for n in names], widget=forms.CheckboxSelectMultiple)
        self.fields["present"].label = "Anyone else, or in your own words (optional)"
        if not self.is_bound and self.initial.get("present"):
            said = [t.strip() for t in self.initial["present"].split(",")]
            self.initial["present_parts"] = [t for t in said if t in names]
            self.initial["present"] = ", ".join(t for t in said if t not in names)

    def present_text(self) -> str:
        picked = list(self.cleaned_data.get("present_parts") or [])
        free = self.cleaned_data["present"].strip()
        return ", ".join(picked + ([free] if free else []))

    @property
    def urge_rows(self):
        return [(item, self[f"u_{item.slug}"]) for item in self.items[Kind.URGE]]

    @property
    def emotion_rows(self):
        return [(item, self[f"e_{item.slug}"]) for item in self.items[Kind.EMOTION]]

    @property
    def behaviour_rows(self):
        return [(item, self[f"b_{item.slug}"], self[f"ba_{item.slug}"])
                for item in self.items[Kind.BEHAVIOUR]]

    @property
    def dose_rows(self):
        return [(self[f"prn_name_{i}"], self[f"prn_dose_{i}"], self[f"prn_time_{i}"])
                for i in range(DOSE_ROWS)]

    @property
    def skill_groups(self):
        chosen = set(self["skills"].value() or [])
        return [(name, [(s, s.slug in chosen) for s in skills])
                for _, name, skills in library.by_module()]

    def to_input(self) -> CardInput:
        d = self.cleaned_data
        return CardInput(
            urges={i.slug: d[f"u_{i.slug}"] for i in self.items[Kind.URGE]
                   if d[f"u_{i.slug}"] is not None},
            emotions={i.slug: d[f"e_{i.slug}"] for i in self.items[Kind.EMOTION]
                      if d[f"e_{i.slug}"] is not None},
            behaviours={i.slug: {"done": d[f"b_{i.slug}"], "amount": d[f"ba_{i.slug}"]}
                        for i in self.items[Kind.BEHAVIOUR]
                        if d[f"b_{i.slug}"] or d[f"ba_{i.slug}"] is not None},
            skills=d["skills"], skills_rating=d["skills_rating"],
            as_prescribed=d["as_prescribed"],
            as_needed=[{"name": d[f"prn_name_{i}"], "dose": d[f"prn_dose_{i}"],
                        "time": d[f"prn_time_{i}"].strftime("%H:%M") if d[f"prn_time_{i}"]
                        else ""} for i in range(DOSE_ROWS) if d[f"prn_name_{i}"].strip()],
            sleep_hours=d["sleep_hours"], present=self.present_text(), note=d["note"],
            note_by=list(d["note_by"]) if "note_by" in d else None)

    @staticmethod
    def initial_from(card) -> dict:
        if card is None:
            return {}
        initial = {f"u_{k}": v for k, v in card.urges.items()}
        initial |= {f"e_{k}": v for k, v in card.emotions.items()}
        for slug, value in card.behaviours.items():
            initial[f"b_{slug}"] = value.get("done")
            initial[f"ba_{slug}"] = value.get("amount")
        for i, dose in enumerate(card.as_needed[:DOSE_ROWS]):
            initial |= {f"prn_name_{i}": dose["name"], f"prn_dose_{i}": dose["dose"],
                        f"prn_time_{i}": dose["time"]}
        initial |= {"skills": card.skills, "skills_rating": card.skills_rating,
                    "as_prescribed": {True: "yes", False: "no"}.get(card.as_prescribed),
                    "sleep_hours": card.sleep_hours, "present": card.present or "",
                    "note": card.note or "", "note_by": list(card.note_by.all())}
        return initial


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of item", choices=Kind.choices)
    label = CharField(label="Name", max_length=60,
                            help_text="For example: urge to purge, drinking, called a friend.")
    direction = forms.ChoiceField(label="For a behaviour: I want to",
                                  choices=[("", "Not a behaviour")] + CardItem.Direction.choices,
                                  required=False)
    unit = CharField(label="Unit for the amount (optional)", max_length=20, required=False)
    safety = forms.BooleanField(
        label="If I log this, show me my safety plan and tell my care team", required=False)


class ThresholdForm(forms.Form):
    die_threshold = forms.IntegerField(label="Show my plan when the urge to die is at least",
                                       min_value=1, max_value=5)
    self_harm_threshold = forms.IntegerField(
        label="Show my plan when the urge to self-harm is at least", min_value=1, max_value=5)


class CommitmentForm(forms.Form):
    item = forms.ModelChoiceField(label="Behaviour", queryset=CardItem.objects.none())
    started_on = forms.DateField(label="Starting from",
                                 widget=DateInput())

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = CardItem.objects.filter(
            client=client, kind=Kind.BEHAVIOUR, active=True,
            direction=CardItem.Direction.DECREASE)


class ReminderForm(forms.Form):
    at = forms.TimeField(label="Remind me at", widget=forms.TimeInput(attrs={"type": "time"}))
    quiet_from = forms.TimeField(label="Quiet from (optional)", required=False,
                                 widget=forms.TimeInput(attrs={"type": "time"}))
    quiet_until = forms.TimeField(label="Quiet until", required=False,
                                  widget=forms.TimeInput(attrs={"type": "time"}))
    stop_after = forms.TypedChoiceField(
        label="If I haven't filled my card for a while, rest the reminders after",
        coerce=int, initial=7,
        choices=[(3, "3 days"), (7, "7 days"), (14, "14 days"), (0, "Never rest them")])
    by_email = forms.BooleanField(label="By email", required=False, initial=True)

    def clean(self):
        data = super().clean()
        start, end, at = data.get("quiet_from"), data.get("quiet_until"), data.get("at")
        if (start is None) != (end is None):
            self.add_error("quiet_until" if end is None else "quiet_from",
                           "Quiet hours need a start and an end, or neither.")
        elif (start is not None and at is not None
              and CardReminder(quiet_from=start, quiet_until=end).is_quiet(at)):
            self.add_error("at", "That time is inside your quiet hours, so the reminder "
                                 "would never come. Choose another time.")
        return data
