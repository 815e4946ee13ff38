from django import forms


class DecisionForm(forms.Form):
    """Two buttons, one choice: add a suggested thing, or leave it out."""

    decision = forms.ChoiceField(choices=[("accept", "Add it"), ("decline", "Leave it out")])

    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == "accept"
