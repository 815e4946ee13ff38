"""Two saves of a row that doesn't exist yet, at the same moment: a double tap, a retry
on a slow connection, two tabs. Both are kept (the later wins) and neither is an error.

On PostgreSQL two transactions can both find no row and both insert; the second used to
hit the unique constraint and answer 500, losing what it carried. On SQLite writers queue,
so these pass there either way; CI runs them on both.
"""

import threading
from datetime import timedelta

from django.db import connection

from between.accounts.drafts import draft_for, keep_draft
from between.diary.models import Card, CardRevision
from between.diary.services import CardInput, record_card
from between.safety.services import client_today
from tests.factories import UserFactory

PAIRS = 12


def _at_once(*calls):
    """Run the calls in threads released together; the exceptions they raised."""
    gate = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            gate.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - surfaced by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_two_first_saves_of_a_day_both_land(committed_db):
    errors, cards = [], []
    for _ in range(2):
        client = UserFactory()
        # The last seven days: the ones a card can be filled in for.
        days = [client_today(client) - timedelta(days=n) for n in range(7)]
        for day in days:
            errors += _at_once(*(
                lambda day=day, client=client, note=note: record_card(client, day,
                                                                      CardInput(note=note))
                for note in ("first tap", "second tap")))
        cards += Card.objects.filter(client=client, day__in=days)
    assert errors == []
    assert len(cards) == 14
    assert {card.note for card in cards} <= {"first tap", "second tap"}
    # Each save kept its own revision: nothing either tap carried is lost.
    revisions = CardRevision.objects.filter(card__in=cards)
    assert revisions.count() == 2 * 14
    assert {r.snapshot.count("tap") for r in revisions} == {1}


def test_two_first_drafts_of_a_page_both_land(committed_db):
    client = UserFactory()
    errors = []
    for n in range(PAIRS):
        path = f"/journal/new/{n}/"
        errors += _at_once(
            lambda path=path: keep_draft(client, path, {"body": ["typed on the phone"]}),
            lambda path=path: keep_draft(client, path, {"body": ["typed on the laptop"]}))
        assert draft_for(client, path) is not None
    assert errors == []
