from django.core.management.base import BaseCommand, CommandError

from between.accounts.models import Clinic
from between.safety import directory


class Command(BaseCommand):
    help = ("Set the country a clinic works in. Its clients see that country's crisis lines "
            "until they choose their own.")

    def add_arguments(self, parser):
        parser.add_argument("clinic", help="the clinic's name")
        parser.add_argument("country", help="a country code, e.g. GB, IE, FR, or OTHER")

    def handle(self, *args, clinic, country, **options):
        found = directory.lookup(country)
        if found is None:
            codes = ", ".join(code for code, _ in directory.choices())
            raise CommandError(f"country: {country!r} is not one Between knows ({codes}).")
        updated = Clinic.objects.filter(name=clinic).update(country=found.code)
        if not updated:
            raise CommandError(f"clinic: no clinic is called {clinic!r}.")
        self.stdout.write(f"{clinic}: crisis lines for {found.name}, emergency "
                          f"{found.emergency or 'number not known; Find A Helpline leads'}.")
