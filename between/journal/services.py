from django.utils import timezone

from between.journal.models import Entry
from between.risk.services import screen_writing
from between.safety.services import client_today


def write_entry(client, *, body: str, shared: bool, entry: Entry | None = None,
                written_by=None) -> Entry:
    """Create or update a journal entry, and screen it.

    A clinician with the journal scope is flagged only for an entry the client shares:
    the journal is private unless they choose otherwise. A part's words are the client's:
    who wrote it changes nothing about screening. `written_by` None leaves it as it was.
    """
    entry = entry or Entry(client=client)
    newly_shared = shared and not entry.shared
    entry.body = body
    entry.shared = shared
    entry.updated_at = timezone.now()
    screen_writing(entry, body, client=client, scope="journal", where="Journal entry",
                   day=client_today(client), share=shared, newly_shared=newly_shared)
    entry.save()
    if written_by is not None:
        entry.written_by.set(written_by)
    return entry
