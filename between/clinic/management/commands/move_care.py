from django.core.management.base import BaseCommand, CommandError

from between.clinic import services
from between.clinic.management.commands.staff import _person
from between.lib.errors import FieldError


class Command(BaseCommand):
    help = ("Suggest a change to a client's care team. Nothing changes until the client "
            "agrees in Between.")

    def add_arguments(self, parser):
        parser.add_argument("client", metavar="CLIENT_EMAIL")
        parser.add_argument("--to", required=True, metavar="EMAIL", help="the new clinician")
        parser.add_argument("--from", dest="from_", metavar="EMAIL",
                            help="hand over from this clinician; without it, add to the team")

    def handle(self, *args, client, to, from_, **options):
        try:
            services.propose_handover(
                _person(client), _person(to), kind="hand_over" if from_ else "add",
                from_clinician=_person(from_) if from_ else None, actor=None)
        except FieldError as exc:
            raise CommandError(f"{exc.field}: {exc.message}") from None
        self.stdout.write("Suggested. The client sees it in Between and decides.")
