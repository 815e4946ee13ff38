from django.core.management.base import BaseCommand

from between.lib import webpush


class Command(BaseCommand):
    help = ("Print a new VAPID private key for Web Push reminders. Set it as "
            "BETWEEN_VAPID_PRIVATE_KEY and keep it: changing it ends every device's "
            "reminders until the person turns them on again.")

    def handle(self, *args, **options):
        self.stdout.write(webpush.new_private_key())
