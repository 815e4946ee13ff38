"""Changes to a clinic, each audited: the same checks from a page or a `between` command."""

from django.db import transaction

from between.accounts.models import Clinic, User
from between.audit.models import Action
from between.audit.services import record
from between.clinic.forms import ClinicSettingsForm
from between.lib.errors import FieldError


@transaction.atomic
def change_settings(clinic: Clinic, data: dict, *, actor: User | None) -> list[str]:
    """Check and save a clinic's settings. Returns the names of the fields that changed;
    raises FieldError naming the first field that is wrong, and saves nothing then."""
    form = ClinicSettingsForm(data, instance=clinic)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise FieldError(field, " ".join(errors))
    changed = form.changed_data
    if changed:
        form.save()
        record(Action.CLINIC_SETTINGS_CHANGED, actor=actor,
               detail={"clinic": clinic.pk, "fields": changed})
    return changed


def settings_data(clinic: Clinic) -> dict:
    """A clinic's current settings as form data, to change a few and keep the rest."""
    form = ClinicSettingsForm(instance=clinic)
    return {name: form.initial.get(name) for name in form.fields}
