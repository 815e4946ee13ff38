from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Clinic


class Command(BaseCommand):
    help = ("Say, in plain words, what a clinic must keep when a client closes their account. "
            "Clients read it before they close. An empty text removes it.")

    def add_arguments(self, parser):
        parser.add_argument("clinic", help="the clinic's name")
        parser.add_argument("text", help='e.g. "We keep session records for 8 years in our '
                                         'own records system, as the law requires."')

    def handle(self, *args, clinic, text, **options):
        if not Clinic.objects.filter(name=clinic).update(retention_note=text.strip()):
            raise CommandError(f"clinic: no clinic is called {clinic!r}.")
        self.stdout.write(f"{clinic}: " + ("clients will read this before closing their "
                                           "account." if text.strip() else "no note."))
