import logging
import time
from datetime import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string

from between.accounts.drafts import forget_form_tokens
from between.audit.services import anchor_head, seal_reads
from between.care.messaging import release_due, send_emails
from between.skills.services import send_reminders

log = logging.getLogger(__name__)


def app_jobs():
    """Jobs an app declares as `jobs` on its AppConfig (dotted paths), so apps above this
    one can have jobs without this command importing them. Each takes `now`."""
    for config in apps.get_app_configs():
        for path in getattr(config, "jobs", ()):
            yield import_string(path)


class Command(BaseCommand):
    help = ("Release digests whose check-in window has opened and send queued email. "
            "The database is the queue; run several workers safely on PostgreSQL.")

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--once", action="store_true", help="do what is due, then exit")
        mode.add_argument("--loop", action="store_true", help="keep going until stopped")
        parser.add_argument("--interval", type=int, default=30, help="seconds between passes")
        parser.add_argument("--at", type=datetime.fromisoformat, default=None,
                            help="with --once: release as if it were this time (ISO 8601), "
                                 "e.g. to catch up after downtime or in a test")

    def handle(self, *args, once, loop, interval, at, **options):
        if isinstance(at, str):  # call_command(at=...) skips argparse's type
            at = datetime.fromisoformat(at)
        while True:
            released = release_due(now=at if once else None)
            send_reminders(today=at.date() if once and at else None)
            for job in app_jobs():
                job(now=at if once else None)
            sent = send_emails()
            seal_reads()  # before the anchor, so it covers the reads too
            anchor_head()
            forget_form_tokens()
            if once or released or sent:
                self.stdout.write(f"Released {released} items into digests; "
                                  f"sent {sent} emails.")
            if once:
                return
            close_old_connections()
            time.sleep(interval)
