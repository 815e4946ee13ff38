from django.core.management.base import BaseCommand

from between.accounts.rotation import rotate_all


class Command(BaseCommand):
    help = ("Give every client a new data key, re-encrypt their text with it, and wrap all "
            "keys with the current master key. Set BETWEEN_PREVIOUS_MASTER_KEYS to the old "
            "master key while rotating the master key itself.")

    def handle(self, *args, **options):
        result = rotate_all()
        self.stdout.write(
            f"Rotated keys for {result.users} people: {result.values} values re-encrypted, "
            f"{result.retired} old keys removed, {result.rewrapped} keys re-wrapped.")
