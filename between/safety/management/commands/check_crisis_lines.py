from datetime import date

from django.core.management.base import BaseCommand

from between.safety import directory


class Command(BaseCommand):
    help = "List crisis-line entries not verified in the last 12 months."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, default=None,
                            help="check as of this date (YYYY-MM-DD); for testing")

    def handle(self, *args, today, **options):
        today = today or date.today()
        d = directory.directory()
        # Each country's lines and emergency number, Find A Helpline, and the EU's 112.
        count = sum(len(c.lines) + 1 for c in d.countries.values()) + 1 + bool(d.emergency_only)
        stale = directory.stale(today)
        if not stale:
            self.stdout.write(f"All {count} crisis-line entries were verified in the "
                              f"12 months before {today}.")
            return
        self.stdout.write(f"{len(stale)} of {count} crisis-line entries need checking again "
                          "(last verified over 12 months ago):")
        for code, name, verified in stale:
            self.stdout.write(f"  {code}  {name}  (verified {verified})")
        self.stdout.write("Check each against its source in "
                          "between/safety/content/crisis_lines.toml and update `verified`.")
