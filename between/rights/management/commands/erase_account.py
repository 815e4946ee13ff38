from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Role, User
from between.rights import services


class Command(BaseCommand):
    help = ("Erase a client's account now, for a client who asked in person: their data keys "
            "are destroyed, then every row of theirs is deleted. Cannot be undone.")

    def add_arguments(self, parser):
        parser.add_argument("email", help="the client's email address")
        parser.add_argument("--reason", required=True,
                            help="how they asked; kept in the audit log (no content)")
        parser.add_argument("--yes", action="store_true", help="don't ask to confirm")

    def handle(self, *args, email, reason, yes, **options):
        client = User.objects.filter(email__iexact=email.strip(), role=Role.CLIENT).first()
        if client is None:
            raise CommandError(f"email: no client has the address {email!r}. Nothing erased.")
        if not yes and input(f"Erase {client.email} and everything they wrote? Type 'erase': "
                             ) != "erase":
            raise CommandError("Not confirmed. Nothing erased.")
        services.erase(client, by="operator", reason=reason)
        self.stdout.write(f"Erased {email}. `between verify-audit` still checks the chain.")
