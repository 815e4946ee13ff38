"""Card items, proposals and token names written before 2026-12-01 are sealed in place,
and the slugs made from a person's own names are replaced, with every answer keyed by
them moved along."""

import json
from datetime import date

import pytest
from django.db import connection

from tests.diary.conftest import migrate

BEFORE = [("diary", "0004_card_reminder"), ("accounts", "0011_clinic_settings"),
          ("care", "0008_urgent_alert")]
AFTER = [("diary", "0005_card_items_private"), ("accounts", "0012_token_name_encrypted")]


def _column(sql: str) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_old_names_are_sealed_and_own_slugs_replaced(migrated_back):
    from tests.factories import ClinicianFactory, UserFactory

    client, clinician = UserFactory(), ClinicianFactory()
    old = migrate(BEFORE)
    CardItem = old.get_model("diary", "CardItem")
    CardItem.objects.create(client_id=client.pk, kind="urge", slug="to_die",
                            label="Urge to die", trigger="die")
    purge = CardItem.objects.create(client_id=client.pk, kind="behaviour",
                                    slug="purging", label="Purging", unit="times",
                                    safety=True)
    old.get_model("diary", "Commitment").objects.create(
        client_id=client.pk, item_id=purge.pk, started_on=date(2026, 11, 1))
    card = old.get_model("diary", "Card").objects.create(
        client_id=client.pk, day=date(2026, 11, 20), urges={"to_die": 1},
        behaviours={"purging": {"done": True, "amount": 2}})
    old.get_model("diary", "CardRevision").objects.create(
        card_id=card.pk, client_id=client.pk,
        snapshot=json.dumps({"urges": {"to_die": 1}, "behaviours": {"purging": {"done": True}}}))
    old.get_model("diary", "ItemProposal").objects.create(
        client_id=client.pk, clinician_id=clinician.pk, kind="behaviour", label="Bingeing")
    old.get_model("care", "Flag").objects.create(
        client_id=client.pk, clinician_id=clinician.pk, source="diary", scope="diary",
        day=date(2026, 11, 20), summary="Fri 20 Nov: Urge to die rated 4; Purging logged")
    old.get_model("accounts", "AccessToken").objects.create(
        user_id=client.pk, name="mood app for my bulimia", prefix="btw_abc", digest="0" * 64)

    migrate(AFTER)

    from between.accounts.models import AccessToken
    from between.care.models import Flag
    from between.diary.models import Card, CardItem, CardRevision, Commitment, ItemProposal

    raw = " ".join(map(str, _column("SELECT label FROM diary_carditem")
                       + _column("SELECT unit FROM diary_carditem")
                       + _column("SELECT slug FROM diary_carditem")
                       + _column("SELECT behaviours FROM diary_card")
                       + _column("SELECT label FROM diary_itemproposal")
                       + _column("SELECT summary FROM care_flag")
                       + _column("SELECT name FROM accounts_accesstoken")))
    for words in ("Purging", "purging", "times", "Bingeing", "bulimia"):
        assert words not in raw, words
    item = CardItem.objects.get(pk=purge.pk)
    assert (item.label, item.unit, item.is_own) == ("Purging", "times", True)
    assert CardItem.objects.get(slug="to_die").label == "Urge to die", "built-in slugs stay"
    moved = Card.objects.get(pk=card.pk)
    assert moved.behaviours == {item.slug: {"done": True, "amount": 2}}
    assert moved.urges == {"to_die": 1}
    assert json.loads(CardRevision.objects.get().snapshot)["behaviours"] == {
        item.slug: {"done": True}}
    assert Commitment.objects.get().item_id == purge.pk, "commitments keep their item"
    assert ItemProposal.objects.get().label == "Bingeing"
    assert Flag.objects.get().summary == (
        "Fri 20 Nov: Urge to die rated 4; one of their own card items logged")
    assert AccessToken.objects.get().name == "mood app for my bulimia"
