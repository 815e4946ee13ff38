"""Views that point at trouble: the clinician's diary week marks cells at the client's own
safety thresholds and the days with a flag; trends open on what moved and on target
behaviours counted per week."""

from datetime import timedelta

import pytest

from between.care.models import Flag
from between.diary import services as diary
from between.diary.models import Card
from between.safety.services import client_today
from tests.conftest import signed_in


def _cells(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [row for row in body.split("<tr>") if row.strip()]


def _row(html: str, label: str) -> str:
    return next(r for r in _cells(html) if f'<th scope="row">{label}</th>' in r)


@pytest.mark.django_db
def test_cells_at_the_clients_own_thresholds_are_marked_for_the_clinician_only(link):
    diary.set_thresholds(link.client, die=3, self_harm=4)
    today = client_today(link.client)
    diary.record_card(link.client, today - timedelta(days=1),
                      diary.CardInput(urges={"to_die": 2, "self_harm": 4}))
    diary.record_card(link.client, today, diary.CardInput(
        urges={"to_die": 3, "self_harm": 1}, behaviours={"self_harm": {"done": True}}))
    start = (today - timedelta(days=6)).isoformat()
    page = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/?start={start}").content.decode()
    die = _row(page, "Urge to die")
    assert die.count('class="reached"') == 1
    assert '<td class="reached">3<span class="visually-hidden"> (at a safety threshold)' in die
    assert '<td>2</td>' in die, "under the threshold: not marked"
    assert _row(page, "Urge to self-harm").count('class="reached"') == 1
    assert _row(page, "Self-harm").count('class="reached"') == 1
    assert _row(page, "Sadness").count('class="reached"') == 0
    assert "urge to die 3 or more, urge to self-harm 4 or more" in page

    mine = signed_in(link.client).get(f"/diary/week/?start={start}").content.decode()
    assert "reached" not in mine and "safety threshold" not in mine


@pytest.mark.django_db
def test_a_day_with_a_flag_links_to_the_flag_from_the_week(link):
    today = client_today(link.client)
    diary.record_card(link.client, today, diary.CardInput(urges={"to_die": 5}))
    flag = Flag.objects.get(client=link.client, clinician=link.clinician)
    start = (today - timedelta(days=6)).isoformat()
    page = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/?start={start}").content.decode()
    header = page[page.index("<thead>"):page.index("</thead>")]
    assert header.count(f'href="/care/flags/{flag.pk}/"') == 1
    assert f'id="day-{today:%Y-%m-%d}" class="flagged"' in header


@pytest.mark.django_db
def test_trends_open_on_what_moved_and_behaviours_per_week(link):
    today = client_today(link.client)
    for days_ago in range(27, -1, -1):  # older than the 7 days a client may fill in
        recent = days_ago < 7
        Card.objects.create(
            client=link.client, day=today - timedelta(days=days_ago),
            urges={"self_harm": 4 if recent else 1, "to_die": 1}, emotions={"sadness": 2},
            behaviours={"self_harm": {"done": recent and days_ago % 3 == 0},
                        "went_outside": {"done": not recent}})
    page = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/trends/?weeks=4").content.decode()
    moved = page[page.index('id="moved-h"'):page.index('id="behaviours-h"')]
    assert "<strong>Urge to self-harm</strong>: up from 1.0 to 4.0" in moved
    assert "Sadness" not in moved and "Urge to die" not in moved
    table = page[page.index('id="behaviours-h"'):page.index("all-charts")]
    self_harm = _row(table, "Self-harm")
    # Days 6, 3 and 0 ago are in the last week; the three weeks before had none.
    assert self_harm.count("<strong>0</strong> of 7 days") == 3
    assert self_harm.index("<strong>3</strong> of 7 days") < self_harm.index(
        "<strong>0</strong> of 7 days"), "this week comes first"
    assert _row(table, "Went outside").count("<strong>7</strong> of 7 days") == 3
    assert "Every urge, emotion, skills and behaviour chart" in page
    charts = page[page.index("all-charts"):]
    assert "<h3>Self-harm: days per week</h3>" in charts
    chart = charts[charts.index("<h3>Self-harm: days per week</h3>"):]
    table = chart[chart.index("<tbody>"):chart.index("</tbody>")]
    assert table.count("<td>0</td>") == 3 and table.endswith("<td>3</td></tr>"), "oldest first"


@pytest.mark.django_db
def test_trends_say_so_when_nothing_moved_and_weeks_without_cards(link):
    today = client_today(link.client)
    diary.record_card(link.client, today, diary.CardInput(urges={"self_harm": 2}))
    page = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/trends/").content.decode()
    assert "No urge or emotion moved by a point or more" in page
    table = page[page.index('id="behaviours-h"'):page.index("all-charts")]
    assert _row(table, "Self-harm").count("no cards") == 3
