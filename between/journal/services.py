from django.utils import timezone

from between.journal.models import Entry
from between.risk.screen import Level
from between.risk.services import screen_text
from between.safety.services import client_today


def write_entry(client, *, body: str, shared: bool, entry: Entry | None = None) -> Entry:
    """Create or update a journal entry, and screen it.

    A clinician with the journal scope is flagged only for an entry the client shares:
    the journal is private unless they choose otherwise.
    """
    is_new = entry is None
    if entry is None:
        entry = Entry(client=client)
    changed = is_new or entry.body != body or (shared and not entry.shared)
    entry.body = body
    entry.shared = shared
    entry.updated_at = timezone.now()
    entry.apply_screening(screen_text(client, body, scope="journal", where="Journal entry",
                                      day=client_today(client), share=shared and changed))
    entry.save()
    return entry


def needs_prompt(entry: Entry) -> bool:
    return Level[entry.risk_level.upper()] >= Level.IDEATION
