import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Clinic, Role, User


class Command(BaseCommand):
    help = "Create an account. The password is asked for, or read from stdin."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="display name")
        parser.add_argument("--role", choices=Role.values, default=Role.CLIENT)
        parser.add_argument("--clinic", help="clinic name (made if new); for clinicians")
        parser.add_argument("--password-stdin", action="store_true")

    def handle(self, *args, email, name, role, clinic, password_stdin, **options):
        if User.objects.filter(email=email.lower()).exists():
            raise CommandError(f"{email} already has an account.")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass()
        user = User(email=email.lower(), display_name=name, role=role)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        new_clinic = False
        if clinic:
            user.clinic, new_clinic = Clinic.objects.get_or_create(name=clinic)
        user.set_password(password)
        user.save()
        note = " They set up two-step sign-in when they first sign in." if user.needs_mfa else ""
        self.stdout.write(f"Created {role} {user.email}.{note}")
        if new_clinic:
            self.stdout.write(
                f"New clinic {clinic!r}. Choose who hears of an urgent flag written out of "
                f"hours: between clinic-settings {clinic!r} --out-of-hours duty --duty EMAIL "
                f"(or inbox --inbox EMAIL, or next_window), or on its settings page. Until "
                f"then nobody does, and clients are told so.")
