from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Clinic, User
from between.care import windows
from between.clinic.services import change_settings, settings_data
from between.lib.errors import FieldError

# Command-line flags and the settings they change. People are named by email.
OPTIONS = {
    "out_of_hours": "--out-of-hours",
    "duty_clinician": "--duty",
    "team_inbox": "--inbox",
    "escalate_to": "--escalate-to",
    "escalate_after_minutes": "--escalate-after",
    "page_on_risk": "--page-on-risk",
    "country": "--country",
    "default_windows": "--default-windows",
    "client_idle_minutes": "--client-idle-minutes",
    "self_signup": "--self-signup",
    "retention_note": "--retention-note",
}
PEOPLE = {"duty_clinician", "escalate_to"}


class Command(BaseCommand):
    help = ("Show or change a clinic's settings, with the same checks and audit entry as "
            "its settings page. With no changes, print them.")

    def add_arguments(self, parser):
        parser.add_argument("clinic", help="the clinic's name")
        parser.add_argument("--out-of-hours", choices=["duty", "inbox", "next_window"],
                            help="who hears of an urgent flag written out of hours")
        parser.add_argument("--duty", metavar="EMAIL", help="the duty clinician")
        parser.add_argument("--inbox", metavar="EMAIL", help="the team inbox")
        parser.add_argument("--escalate-to", metavar="EMAIL",
                            help="the second person, told if nobody opens it in time "
                                 "(\"\" for nobody)")
        parser.add_argument("--escalate-after", type=int, metavar="MINUTES")
        parser.add_argument("--page-on-risk", choices=["yes", "no"])
        parser.add_argument("--country", metavar="CODE")
        parser.add_argument("--default-windows", metavar="TEXT",
                            help='check-in times new clinicians start with, like '
                                 '"Friday 09:00-10:00; Monday 14:00-15:00"')
        parser.add_argument("--client-idle-minutes", metavar="MINUTES",
                            help='sign clients out after this many quiet minutes ("" for 30)')
        parser.add_argument("--self-signup", choices=["yes", "no"])
        parser.add_argument("--retention-note", metavar="TEXT")

    def handle(self, *args, clinic, **options):
        try:
            found = Clinic.objects.get(name=clinic)
        except Clinic.DoesNotExist:
            raise CommandError(f"No clinic is called {clinic!r}.") from None
        data = settings_data(found)
        for field, flag in OPTIONS.items():
            value = options.get(flag.lstrip("-").replace("-", "_"))
            if value is None:
                continue
            if field in PEOPLE and value:
                person = User.objects.filter(email=value.strip().lower()).first()
                if person is None:
                    raise CommandError(f"{flag}: nobody has the email {value}.")
                value = person.pk
            if field in ("page_on_risk", "self_signup"):
                value = value == "yes"
            data[field] = value
        try:
            changed = change_settings(found, data, actor=None)
        except FieldError as exc:
            raise CommandError(f"{OPTIONS.get(exc.field, exc.field)}: {exc.message}") from None
        found.refresh_from_db()
        if changed:
            self.stdout.write(f"Changed {', '.join(changed)}.")
        self.stdout.write(describe(found))


def describe(clinic: Clinic) -> str:
    route = clinic.get_out_of_hours_display()
    if clinic.out_of_hours == "duty":
        route += f": {clinic.duty_clinician} <{clinic.duty_clinician.email}>"
    elif clinic.out_of_hours == "inbox":
        route += f": {clinic.team_inbox}"
    second = (f"{clinic.escalate_to} <{clinic.escalate_to.email}> after "
              f"{clinic.escalate_after_minutes} minutes" if clinic.escalate_to else "nobody")
    return "\n".join([
        f"{clinic.name}",
        f"  Urgent flags out of hours: {route}",
        f"  Second person: {second}",
        f"  Page a clinician at once on a risky message: "
        f"{'yes' if clinic.page_on_risk else 'no'}",
        f"  Country: {clinic.country or 'the installation default'}",
        f"  New clinicians' check-in times: "
        f"{windows.as_text(clinic.default_windows) or 'Friday 09:00-10:00'}",
        f"  Clients signed out after: {clinic.client_idle_minutes or 30} quiet minutes",
        f"  Self-signup: {'on' if clinic.self_signup else 'off'}",
        f"  Retention note: {'set' if clinic.retention_note else 'none'}",
    ])
