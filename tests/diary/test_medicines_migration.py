"""Medicine names and chain behaviours written before 2026-11-30 are sealed in place."""

import pytest
from django.db import connection

from tests.diary.conftest import migrate

BEFORE = [("diary", "0002_card_risk_categories_card_risk_level"), ("skills", "0001_initial")]
AFTER = [("diary", "0003_medicines_encrypted"), ("skills", "0002_chain_behaviour_encrypted")]


@pytest.mark.django_db(transaction=True)
def test_old_plain_values_are_sealed_and_read_back(migrated_back):
    from datetime import date

    from tests.factories import UserFactory

    client = UserFactory()
    old = migrate(BEFORE)
    card = old.get_model("diary", "Card").objects.create(
        client_id=client.pk, day=date(2026, 11, 20),
        as_needed=[{"name": "Quetiapine", "dose": "25mg", "time": "22:00"}])
    old.get_model("diary", "Card").objects.create(client_id=client.pk, day=date(2026, 11, 21))
    old.get_model("skills", "ChainAnalysis").objects.create(
        client_id=client.pk, day=date(2026, 11, 20), behaviour="Purging")
    migrate(AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT medicines FROM diary_card WHERE medicines IS NOT NULL")
        (stored,), = cursor.fetchall()
        cursor.execute("SELECT behaviour FROM skills_chainanalysis")
        (behaviour,), = cursor.fetchall()
    assert stored.startswith("v1.") and "Quetiapine" not in stored
    assert behaviour.startswith("v1.") and "Purging" not in behaviour
    from between.diary.models import Card
    from between.skills.models import ChainAnalysis

    assert Card.objects.get(pk=card.pk).as_needed == [
        {"name": "Quetiapine", "dose": "25mg", "time": "22:00"}]
    assert ChainAnalysis.objects.get().behaviour == "Purging"
    assert Card.objects.exclude(pk=card.pk).get().as_needed == []
