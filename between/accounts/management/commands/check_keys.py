from django.core.management.base import BaseCommand, CommandError

from between.accounts.rotation import check_keys


class Command(BaseCommand):
    help = ("Unwrap every data key and open the newest values of every encrypted field: "
            "after restoring a backup, proof that the database, the key store and the "
            "master key belong together. Names what fails, never any text.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true",
                            help="open every encrypted value, not the newest 100 of each field")

    def handle(self, *args, **options):
        result = check_keys(per_field=None if options["all"] else 100)
        for where, why in result.failures[:20]:
            self.stderr.write(f"  {where}: {why}")
        if result.failures:
            raise CommandError(f"{len(result.failures)} keys or values would not open "
                               f"({result.keys} keys and {result.values} values did).")
        self.stdout.write(f"Every key opens: {result.keys} data keys, {result.values} "
                          "values read.")
