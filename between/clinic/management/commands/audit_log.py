import csv as csvlib
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from between.audit.models import AuditEvent
from between.audit.services import seal_reads
from between.clinic.management.commands.staff import _person


class Command(BaseCommand):
    help = ("Read the audit log, newest first, filtered by person, client, action and "
            "date; --csv writes one client's entries for a data-protection request.")

    def add_arguments(self, parser):
        parser.add_argument("--person", metavar="EMAIL", help="done by")
        parser.add_argument("--client", metavar="EMAIL", help="about")
        parser.add_argument("--action")
        parser.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--limit", type=int, default=100)
        parser.add_argument("--csv", action="store_true")

    def handle(self, *args, person, client, action, since, until, limit, csv, **options):
        seal_reads()  # so the reads of the last minute are in what it prints
        events = AuditEvent.objects.order_by("-seq")
        if person:
            events = events.filter(actor_id=_person(person).pk)
        if client:
            events = events.filter(subject_id=_person(client).pk)
        if action:
            events = events.filter(action=action)
        if since:
            events = events.filter(at__date__gte=since)
        if until:
            events = events.filter(at__date__lte=until)
        if csv and not client:
            raise CommandError("--csv exports one client's entries: give --client.")
        rows = [(e.seq, e.at.isoformat(), e.actor_label or e.actor_id or "Between",
                 e.describe(), e.subject_id or "") for e in
                (events.order_by("seq") if csv else events[:limit])]
        if csv:
            writer = csvlib.writer(self.stdout)
            writer.writerow(["seq", "when (UTC)", "done by", "what", "about"])
            writer.writerows(rows)
            return
        for row in rows:
            self.stdout.write("\t".join(str(v) for v in row))

