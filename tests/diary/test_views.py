import csv
import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from between.audit.models import Action, AuditEvent
from between.care.models import Flag
from between.diary import services
from between.diary.models import Card, CardItem, ItemProposal
from between.diary.services import CardInput
from tests.conftest import sealed_reads, signed_in


def _card(client, day, **fields):
    return services.record_card(client, day, CardInput(**fields)).card


@pytest.mark.django_db
def test_week_grid_shows_days_across_and_items_down(client_user, today):
    _card(client_user, today, urges={"to_die": 1}, emotions={"joy": 4}, note="ok day")
    http = signed_in(client_user)
    html = http.get("/diary/week/").content.decode()
    start = today - timedelta(days=6)
    assert f"{start:%-d %b} to {today:%-d %b %Y}" in html
    assert html.count('<th scope="col"') == 8
    assert f'id="day-{today:%Y-%m-%d}"' in html
    assert '<th scope="row">Urge to die</th>' in html and "ok day" in html


@pytest.mark.django_db
@pytest.mark.parametrize("days", [1, 7])
def test_week_view_query_count_is_constant(client_user, today, django_assert_num_queries,
                                           days):
    start = today - timedelta(days=today.weekday())
    for i in range(days):
        Card.objects.create(client=client_user, day=start + timedelta(days=i),
                            urges={"to_die": 1}, note=f"n{i}")
    http = signed_in(client_user)
    http.get(f"/diary/week/?start={start}")  # unwraps the data key once
    with django_assert_num_queries(6):  # the cards, and which parts wrote the notes
        http.get(f"/diary/week/?start={start}")


@pytest.mark.django_db
@pytest.mark.parametrize("weeks", [4, 52])
def test_trends_query_count_is_constant(client_user, today, django_assert_num_queries, weeks):
    for i in range(0, weeks * 7, 3):
        Card.objects.create(client=client_user, day=today - timedelta(days=i),
                            urges={"to_die": i % 6})
    http = signed_in(client_user)
    # The same number for a year as for a month. Four of them make the default card on
    # this first visit, its names sealed under a data key made for the purpose.
    with django_assert_num_queries(12):
        html = http.get(f"/diary/trends/?weeks={weeks}").content.decode()
    assert html.count('<svg class="chart"') == 14  # 4 urges, 8 emotions, 2 skills
    assert "Show as a table" in html


@pytest.mark.django_db
def test_trend_chart_leaves_gaps_for_missing_days(client_user, today):
    _card(client_user, today, urges={"to_die": 2})
    html = signed_in(client_user).get("/diary/trends/?weeks=4").content.decode()
    assert 'aria-label="Urge to die,' in html and "lowest 2, highest 2" in html
    assert "<polyline" not in html.split("Urge to die")[1].split("</svg>")[0]


@pytest.mark.django_db
def test_week_pdf_holds_the_grid(client_user, today):
    _card(client_user, today, urges={"to_die": 3}, skills=["tipp"])
    response = signed_in(client_user).get(f"/diary/week/{today}.pdf")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert response["Content-Type"] == "application/pdf"
    assert "Diary card:" in text and "Urge to die" in text and "TIPP" in text


@pytest.mark.django_db
def test_csv_export_has_every_card(client_user, today):
    _card(client_user, today, urges={"to_die": 3}, note="line one, with a comma")
    _card(client_user, today - timedelta(days=1), behaviours={"self_harm": {"done": False}})
    rows = list(csv.DictReader(io.StringIO(
        signed_in(client_user).get("/diary/export.csv").content.decode())))
    assert [r["date"] for r in rows] == [str(today - timedelta(days=1)), str(today)]
    assert rows[1]["urge:to_die"] == "3" and rows[1]["note"] == "line one, with a comma"
    assert rows[0]["behaviour:self_harm"] == "no"


@pytest.mark.django_db
def test_csv_export_names_an_item_of_their_own_by_its_name(client_user, today):
    item = services.add_item(client_user, kind="urge", label="Urge to purge")
    _card(client_user, today, urges={item.slug: 4})
    rows = list(csv.DictReader(io.StringIO(
        signed_in(client_user).get("/diary/export.csv").content.decode())))
    assert rows[0]["urge:Urge to purge"] == "4"


@pytest.mark.django_db
def test_client_adds_a_custom_item_and_it_appears_on_the_card(client_user, today):
    http = signed_in(client_user)
    http.post("/diary/card/items/", {"kind": "urge", "label": "Urge to purge"})
    assert "Urge to purge" in http.get(f"/diary/day/{today}/").content.decode()
    item = CardItem.objects.get(client=client_user, kind="urge", active=True, position=4)
    assert item.label == "Urge to purge" and item.is_own
    # Its slug says nothing: it keys the answers in plain JSON.
    assert item.slug.startswith("own_") and "purge" not in item.slug
    http.post(f"/diary/day/{today}/", {f"u_{item.slug}": "2"})
    assert Card.objects.get().urges == {item.slug: 2}
    http.post(f"/diary/card/items/{item.pk}/toggle/")
    assert f'name="u_{item.slug}"' not in http.get(f"/diary/day/{today}/").content.decode()
    assert Card.objects.get().urges == {item.slug: 2}, "past answers stay"
    # Adding the same name again brings the same row back, whatever the case.
    http.post("/diary/card/items/", {"kind": "urge", "label": "urge to PURGE"})
    assert CardItem.objects.filter(client=client_user, kind="urge").count() == 5
    assert CardItem.objects.get(pk=item.pk).active


@pytest.mark.django_db
def test_clinician_proposes_an_item_and_the_client_decides(link, today):
    signed_in(link.clinician).post(f"/care/clients/{link.client_id}/diary/propose/",
                                   {"kind": "behaviour", "label": "Drinking",
                                    "direction": "decrease"})
    proposal = ItemProposal.objects.get()
    assert proposal.label == "Drinking"
    assert not CardItem.objects.filter(client=link.client).exists(), "only the client adds"
    http = signed_in(link.client)
    assert "Drinking" in http.get("/diary/card/").content.decode()
    http.post(f"/diary/card/proposals/{proposal.pk}/", {"decision": "accept"})
    item = CardItem.objects.get(client=link.client, kind="behaviour", direction="decrease",
                                slug__startswith="own_")
    assert item.label == "Drinking"
    assert ItemProposal.objects.get().status == ItemProposal.Status.ACCEPTED


@pytest.mark.django_db
def test_commitment_shows_days_since_kindly_and_offers_a_chain_analysis(client_user, today):
    services.ensure_items(client_user)
    item = CardItem.objects.get(client=client_user, slug="self_harm", kind="behaviour")
    http = signed_in(client_user)
    http.post("/diary/card/commitments/", {"item": item.pk,
                                           "started_on": str(today - timedelta(days=5))})
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "5 days since you made your commitment." in page
    _card(client_user, today - timedelta(days=2), behaviours={"self_harm": {"done": True}})
    assert "2 days since this last happened." in http.get(f"/diary/day/{today}/").content.decode()
    _card(client_user, today, behaviours={"self_harm": {"done": True}})
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "This happened today. The days before still count." in page
    assert f'href="/diary/day/{today}/chain/?behaviour=self_harm"' in page, "offered, never forced"
    assert "streak" not in page.lower() and "failed" not in page.lower()


@pytest.mark.django_db
def test_clinician_with_diary_scope_sees_week_and_trends_and_each_read_is_audited(link, today):
    _card(link.client, today, urges={"to_die": 1}, note="a note")
    http = signed_in(link.clinician)
    week = http.get(f"/care/clients/{link.client_id}/diary/").content.decode()
    assert "Urge to die" in week and "a note" in week
    assert http.get(f"/care/clients/{link.client_id}/diary/trends/?weeks=12").status_code == 200
    reads = sealed_reads(target="diary",
                                      subject_id=link.client_id)
    assert reads.count() == 2


@pytest.mark.django_db
def test_flags_show_for_the_clinician_and_closing_one_is_audited(link, today):
    _card(link.client, today, urges={"to_die": 4})
    http = signed_in(link.clinician)
    page = http.get(f"/care/clients/{link.client_id}/").content.decode()
    assert "Urge to die rated 4" in page
    flag = Flag.objects.get()
    http.post(f"/care/flags/{flag.pk}/", {"done": ["session"]})
    assert Flag.objects.get().acknowledged_at is not None
    assert AuditEvent.objects.filter(action=Action.FLAG_ACKNOWLEDGED).exists()
    page = http.get(f"/care/clients/{link.client_id}/").content.decode()
    assert "To look at" not in page
    assert "Urge to die rated 4</a>: closed" in page


@pytest.mark.django_db
def test_revoking_diary_scope_hides_flags_and_card_at_once(link, today):
    from between.accounts.services import share_scopes

    _card(link.client, today, urges={"to_die": 4})
    share_scopes(link, {"journal"}, actor=link.client)
    http = signed_in(link.clinician)
    assert "Urge to die rated 4" not in http.get(
        f"/care/clients/{link.client_id}/").content.decode()
    assert http.get(f"/care/clients/{link.client_id}/diary/").status_code == 404
    flag = Flag.objects.get()
    assert http.post(f"/care/flags/{flag.pk}/", {"done": ["called"]}).status_code == 404
    assert http.get(f"/care/flags/{flag.pk}/").status_code == 404
    assert Flag.objects.get().acknowledged_at is None


@pytest.mark.django_db
def test_a_commitment_made_with_the_pickers_own_default_date_is_kept(client_user):
    """The date picker's value must be ISO: a British 24/11/2026 left it blank, and the
    form then refused the very date it had offered."""
    import re

    from between.diary.models import CardItem, Commitment
    from between.safety.services import client_today

    http = signed_in(client_user)
    page = http.get("/diary/card/").content.decode()
    value = re.search(r'name="started_on" value="([^"]*)"', page).group(1)
    assert value == client_today(client_user).isoformat()
    item = CardItem.objects.filter(client=client_user, kind="behaviour", slug="self_harm").get()
    http.post("/diary/card/commitments/", {"item": item.pk, "started_on": value})
    assert Commitment.objects.get(client=client_user).started_on == client_today(client_user)


@pytest.mark.django_db
def test_a_past_day_is_saved_by_its_own_name(client_user):
    from datetime import timedelta

    from between.safety.services import client_today

    today = client_today(client_user)
    http = signed_in(client_user)
    assert "Save today&#x27;s card" in http.get(f"/diary/day/{today}/").content.decode() or \
        "Save today's card" in http.get(f"/diary/day/{today}/").content.decode()
    past = today - timedelta(days=2)
    page = http.get(f"/diary/day/{past}/").content.decode()
    assert "Save today" not in page
    assert f"Save {past:%A}" in page


@pytest.mark.django_db
def test_a_commitment_note_speaks_of_the_day_on_screen_and_its_chain_is_for_that_behaviour(
        client_user):
    from datetime import timedelta

    from between.diary.models import CardItem
    from between.diary.services import CardInput, add_item, record_card, start_commitment
    from between.safety.services import client_today
    from between.skills.models import ChainAnalysis

    today = client_today(client_user)
    yesterday = today - timedelta(days=1)
    http = signed_in(client_user)
    http.get(f"/diary/day/{today}/")  # the card's items exist from first use
    purging = add_item(client_user, kind="behaviour", label="Skipping meals")
    self_harm = CardItem.objects.get(client=client_user, kind="behaviour", slug="self_harm")
    start_commitment(client_user, purging, today - timedelta(days=5))
    record_card(client_user, yesterday, CardInput(behaviours={
        "self_harm": {"done": True}, purging.slug: {"done": True}}))
    past = http.get(f"/diary/day/{yesterday}/").content.decode()
    assert f"This happened on {yesterday:%A}." in past
    assert "This happened today" not in past
    link = f"/diary/day/{yesterday}/chain/?behaviour={purging.slug}"
    assert link in past
    now = http.get(f"/diary/day/{today}/").content.decode()
    assert "1 day since this last happened." in now and "This happened" not in now
    page = http.get(link).content.decode()
    assert "Skipping meals" in page and self_harm.label not in page.split("<h1")[1][:200]
    http.post(link, {"prompting_event": "A long shift"})
    chain = ChainAnalysis.objects.get()
    assert (chain.day, chain.behaviour) == (yesterday, "Skipping meals")
