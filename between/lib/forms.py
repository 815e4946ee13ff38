from django import forms


class CharField(forms.CharField):
    """Text whose limit the server checks and the page counts, never one the browser
    enforces by silently cutting a paste short. Over the limit, the form comes back with
    every word in place and a message that names the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None and "max_length" not in kwargs.get(
                "error_messages", {}):
            name = str(self.label or "This").rstrip("?:. ")
            self.error_messages["max_length"] = (
                f"{name}: this is %(show_value)d characters, over the limit of "
                "%(limit_value)d. Everything you wrote is still here; shorten it, or save "
                "part now and the rest separately.")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "maxlength" in attrs:
            attrs["data-limit"] = attrs.pop("maxlength")
        return attrs


class DecisionForm(forms.Form):
    """Two buttons, one choice: add a suggested thing, or leave it out."""

    decision = forms.ChoiceField(choices=[("accept", "Add it"), ("decline", "Leave it out")])

    def accepted(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO 8601 whatever the locale: a
    British "24/11/2026" leaves the picker empty and the form refused."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, with the ISO value it needs."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
