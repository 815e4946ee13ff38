from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from between.accounts.models import Clinic
from between.clinic.forms import ClinicSettingsForm
from between.clinic.services import change_settings
from between.lib.decorators import admin_required
from between.lib.errors import FieldError


def clinics_for(admin):
    """An administrator with a clinic runs that clinic; one without runs them all."""
    clinics = Clinic.objects.order_by("name")
    return clinics.filter(pk=admin.clinic_id) if admin.clinic_id else clinics


@admin_required
def clinic_settings(request, pk):
    clinic = get_object_or_404(clinics_for(request.user), pk=pk)
    if request.method == "POST":
        try:
            changed = change_settings(clinic, request.POST, actor=request.user)
        except FieldError:
            form = ClinicSettingsForm(request.POST, instance=Clinic.objects.get(pk=clinic.pk))
            form.is_valid()
            return render(request, "clinic/settings.html", {"clinic": clinic, "form": form},
                          status=400)
        messages.success(request, "Saved." if changed else "Nothing had changed.")
        return redirect("clinic_settings", pk=clinic.pk)
    form = ClinicSettingsForm(instance=clinic)
    return render(request, "clinic/settings.html", {"clinic": clinic, "form": form})
