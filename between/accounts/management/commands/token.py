from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import User
from between.accounts.services import create_token


class Command(BaseCommand):
    help = "Manage personal API tokens: `between token create EMAIL [--name NAME]`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create"])
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, action, email, name, **options):
        user = User.objects.filter(email=email.lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active account for {email}.")
        _, secret = create_token(user, name)
        self.stdout.write(secret)
