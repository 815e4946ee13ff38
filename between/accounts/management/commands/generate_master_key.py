import base64
import os

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print a new random master key for BETWEEN_MASTER_KEY."

    def handle(self, *args, **options):
        self.stdout.write(base64.urlsafe_b64encode(os.urandom(32)).decode())
