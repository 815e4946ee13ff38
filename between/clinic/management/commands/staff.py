from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Clinic, Role, User
from between.clinic import services
from between.clinic.models import MfaReset
from between.lib.errors import FieldError


def _person(email: str) -> User:
    found = User.objects.filter(email=email.strip().lower()).first()
    if found is None:
        raise CommandError(f"Nobody has the email {email}.")
    return found


class Command(BaseCommand):
    help = ("Clinicians and administrators, from a terminal: the same checks and audit "
            "entries as the People page.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="everyone, with role and status")
        listing.add_argument("--clinic")
        invite = sub.add_parser("invite", help="email a one-use link to join a clinic")
        invite.add_argument("email")
        invite.add_argument("--clinic", required=True)
        invite.add_argument("--role", choices=services.STAFF_ROLES,
                            default=Role.CLINICIAN)
        for name, text in (("deactivate", "end their sessions and stop them signing in"),
                           ("reactivate", "let them sign in again")):
            sub.add_parser(name, help=text).add_argument("email")
        role = sub.add_parser("role", help="make them a clinician, a peer worker or an "
                                           "administrator")
        role.add_argument("email")
        role.add_argument("role", choices=services.STAFF_ROLES)
        reset = sub.add_parser("reset-mfa", help="reset a lost second factor")
        reset.add_argument("email")
        reset.add_argument("--reason", required=True)
        approve = sub.add_parser("approve-reset", help="a second administrator approves")
        approve.add_argument("reset_id", type=int)
        approve.add_argument("--by", required=True, metavar="EMAIL")

    def handle(self, *args, action, **options):
        try:
            getattr(self, action.replace("-", "_"))(**options)
        except FieldError as exc:
            raise CommandError(f"{exc.field}: {exc.message}") from None

    def list(self, clinic=None, **options):
        staff = User.objects.filter(role__in=services.STAFF_ROLES).select_related("clinic")
        if clinic:
            staff = staff.filter(clinic__name=clinic)
        for someone in staff.order_by("clinic__name", "display_name"):
            self.stdout.write(f"{someone.email}\t{someone.display_name}\t{someone.role}\t"
                              f"{someone.clinic or '-'}\t"
                              f"{'active' if someone.is_active else 'deactivated'}")

    def invite(self, email, clinic, role, **options):
        try:
            found = Clinic.objects.get(name=clinic)
        except Clinic.DoesNotExist:
            raise CommandError(f"No clinic is called {clinic!r}.") from None
        services.invite_staff(found, email, role, actor=None)
        self.stdout.write(f"Invitation queued for {email}; `between runjobs` sends it.")

    def deactivate(self, email, **options):
        waiting = services.deactivate(_person(email), actor=None)
        self.stdout.write(" ".join([f"Deactivated {email}; their sessions and tokens have "
                                    "ended.", *waiting]))

    def reactivate(self, email, **options):
        services.reactivate(_person(email), actor=None)
        self.stdout.write(f"Reactivated {email}.")

    def role(self, email, role, **options):
        services.change_role(_person(email), role, actor=None)
        self.stdout.write(f"{email} is now {role}.")

    def reset_mfa(self, email, reason, **options):
        reset = services.request_mfa_reset(_person(email), reason, actor=None)
        if reset.done_at:
            self.stdout.write(f"Reset. {email} sets up two-step sign-in at their next sign-in.")
        else:
            self.stdout.write(f"Waiting for a second administrator: between staff "
                              f"approve-reset {reset.pk} --by EMAIL")

    def approve_reset(self, reset_id, by, **options):
        reset = MfaReset.objects.filter(pk=reset_id).first()
        if reset is None:
            raise CommandError(f"No reset {reset_id}.")
        services.approve_mfa_reset(reset, actor=_person(by))
        self.stdout.write(f"Approved. {reset.person.email}'s second factor is reset.")
