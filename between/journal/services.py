from django.utils import timezone

from between.journal.models import Entry


def write_entry(client, *, body: str, shared: bool, entry: Entry | None = None) -> Entry:
    """Create or update a journal entry.

    Risk screening of the text is wired in here when the risk module lands (issue 5).
    """
    if entry is None:
        entry = Entry(client=client)
    entry.body = body
    entry.shared = shared
    entry.updated_at = timezone.now()
    entry.save()
    return entry
