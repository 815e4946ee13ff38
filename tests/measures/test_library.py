"""Scoring every shipped measure, worked by hand from each one's published rules: totals,
reverse-scored items, pro-rating where allowed, and the band at each edge."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from between.measures import library
from between.measures.library import MeasureFileError, jacobson_truax

SHIPPED = ["phq9", "gad7", "core10", "pcl5"]
OWN_TEXT = ["bsl23", "des2", "ders16"]


def _all(measure, value) -> dict:
    return {i.key: value for i in measure.scored_items}


def _with_total(measure, total: int) -> dict:
    """Answers adding up to `total` (reverse-scored items answered so they count 0)."""
    top = max(a.value for a in measure.anchors)
    answers = {}
    for item in measure.scored_items:
        give = min(top, total)
        answers[item.key] = top - give if item.key in measure.reverse else give
        total -= give
    assert total == 0
    return answers


@pytest.mark.parametrize(("slug", "edges"), [
    ("phq9", [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
              (14, "Moderate"), (15, "Moderately severe"), (19, "Moderately severe"),
              (20, "Severe"), (27, "Severe")]),
    ("gad7", [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
              (14, "Moderate"), (15, "Severe"), (21, "Severe")]),
    ("core10", [(0, "Healthy"), (5, "Healthy"), (6, "Low level"), (10, "Low level"),
                (11, "Mild"), (14, "Mild"), (15, "Moderate"), (19, "Moderate"),
                (20, "Moderate to severe"), (24, "Moderate to severe"), (25, "Severe"),
                (40, "Severe")]),
    ("pcl5", [(0, "Below the suggested cut-off"), (30, "Below the suggested cut-off"),
              (31, "At or above the suggested cut-off"), (80, "At or above the suggested "
                                                             "cut-off")]),
])
def test_bands_at_each_edge(slug, edges):
    measure = library.get(slug)
    for total, band in edges:
        score = measure.score(_with_total(measure, total))
        assert (score.total, score.band) == (Decimal(total), band), total


def test_phq9_item_9_is_its_safety_item_and_the_difficulty_item_is_not_scored():
    phq9 = library.get("phq9")
    answers = {**_all(phq9, 0), "9": 1, "difficulty": 3}
    assert phq9.score(answers).total == 1, "difficulty is asked, never added"
    assert [i.key for i in phq9.risk_answers(answers)] == ["9"]
    assert phq9.risk_answers({**answers, "9": 0}) == []
    assert phq9.items[-1].anchors[0].label == "Not difficult at all"


def test_gad7_zero_anchor_is_not_at_all():
    assert library.get("gad7").anchors[0].label == "Not at all"
    assert [a.value for a in library.get("gad7").anchors] == [0, 1, 2, 3]


def test_core10_turns_round_its_two_positive_items():
    core10 = library.get("core10")
    # Everything "Not at all": the two positively worded items count 4 each.
    assert core10.score(_all(core10, 0)).total == 8
    assert core10.score({**_all(core10, 0), "2": 4, "3": 4}).total == 0
    assert [i.key for i in core10.risk_answers({**_all(core10, 0), "6": 1})] == ["6"]


def test_core10_pro_rates_one_missing_item_and_no_more():
    core10 = library.get("core10")
    answers = {**_all(core10, 2), "5": None}          # nine answered, each worth 2
    score = core10.score(answers)
    assert (score.total, score.prorated, score.left_out) == (20, True, ("5",))
    answers = {**_all(core10, 1), "2": 3, "3": 3, "7": None}  # 9 × 1 = 9, × 10/9 = 10
    assert core10.score(answers).total == 10
    # Seven items at 1 and two turned round to 0, one left out: 7 × 10 / 9 = 7.78.
    odd = {**_all(core10, 0), "2": 4, "3": 4, "1": 1, "4": 1, "5": 1, "6": 1, "8": 1,
           "9": 1, "10": 1, "7": None}
    assert core10.score(odd).total == 8, "rounded half up"
    two_missing = {**answers, "8": None}
    assert core10.score(two_missing).total is None


@pytest.mark.parametrize("slug", ["phq9", "gad7", "pcl5"])
def test_no_pro_rating_where_the_measure_gives_no_rule(slug):
    measure = library.get(slug)
    answers = {**_all(measure, 1), "1": None}
    score = measure.score(answers)
    assert score.total is None and score.left_out == ("1",) and not score.scored


def test_reliable_change_by_each_measures_threshold():
    phq9 = library.get("phq9")
    assert phq9.change(Decimal(16), Decimal(10)) == "better"
    assert phq9.change(Decimal(16), Decimal(11)) == ""
    assert phq9.change(Decimal(5), Decimal(11)) == "worse"
    gad7 = library.get("gad7")
    assert gad7.change(Decimal(12), Decimal(8)) == "better"
    assert gad7.change(Decimal(12), Decimal(9)) == ""


def test_jacobson_truax_from_sd_and_reliability():
    # 1.96 × 5 × √2 × √(1 − 0.9) = 4.38
    assert jacobson_truax(5, 0.9) == Decimal("4.4")


@pytest.mark.parametrize("slug", SHIPPED)
def test_every_shipped_measure_records_its_licence_and_attribution(slug):
    measure = library.get(slug)
    raw = library.raw_files()[slug]
    assert measure.attribution and measure.stem
    assert raw["licence"]["kind"] in ("free", "public_domain")
    assert raw["licence"]["source"] and raw["licence"]["read_on"]
    assert measure.reliable_change_source and raw["bands_source"]["source"]
    assert all(i.text for i in measure.items)


def test_never_ships_wording_it_has_no_licence_for():
    for slug, raw in library.raw_files().items():
        assert slug not in ("cssrs", "srs", "ors")
        if raw["licence"]["kind"] == "own_licence":
            assert raw.get("own_text") and "items" not in raw and "stem" not in raw
            assert all("label" not in a for a in raw["anchors"])


@pytest.mark.parametrize("slug", OWN_TEXT)
def test_own_licence_measures_are_not_offered_without_the_clinics_file(slug, settings):
    settings.MEASURE_TEXT_DIR = ""
    library.measures.cache_clear()
    assert library.get(slug) is None
    assert set(SHIPPED) <= set(library.measures())


def _own_file(tmp_path, slug: str, items: int, anchors: int, permission="Granted, 2026"):
    lines = [f'permission = "{permission}"', 'stem = "During the past week"',
             "anchors = [" + ", ".join(f'"answer {n}"' for n in range(anchors)) + "]"]
    lines += [f'[[items]]\ntext = "wording {n}"' for n in range(1, items + 1)]
    (tmp_path / f"{slug}.toml").write_text("\n".join(lines))


def test_a_clinics_own_wording_makes_bsl23_available_and_scored_as_a_mean(tmp_path,
                                                                          settings):
    _own_file(tmp_path, "bsl23", 23, 5)
    settings.MEASURE_TEXT_DIR = str(tmp_path)
    library.measures.cache_clear()
    try:
        bsl = library.get("bsl23")
        assert bsl is not None and len(bsl.items) == 23
        assert "Granted, 2026" in bsl.attribution and bsl.items[0].text == "wording 1"
        score = bsl.score({i.key: 1 for i in bsl.items})
        assert (score.total, score.band) == (Decimal("1.00"), "Mild")
        edge = {i.key: 0 for i in bsl.items}
        for key in list(edge)[:7]:   # 7 / 23 = 0.304: over 0.28, so mild
            edge[key] = 1
        assert bsl.score(edge).band == "Mild"
        assert bsl.score({i.key: 0 for i in bsl.items}).band == "None or low"
        assert bsl.score({i.key: 4 for i in bsl.items}).band == "Extremely high"
    finally:
        settings.MEASURE_TEXT_DIR = ""
        library.measures.cache_clear()


@pytest.mark.parametrize(("items", "anchors", "permission", "says"), [
    (22, 5, "Granted", "has 23 items"), (23, 4, "Granted", "has 5 answers"),
    (23, 5, "", "permission")])
def test_a_clinic_file_that_does_not_fit_is_refused_by_name(tmp_path, settings, items,
                                                            anchors, permission, says):
    _own_file(tmp_path, "bsl23", items, anchors, permission)
    settings.MEASURE_TEXT_DIR = str(tmp_path)
    library.measures.cache_clear()
    try:
        with pytest.raises(MeasureFileError, match=says):
            library.measures()
    finally:
        settings.MEASURE_TEXT_DIR = ""
        library.measures.cache_clear()


@pytest.mark.parametrize("slug", SHIPPED)
@given(data=st.data())
def test_any_complete_answers_score_inside_the_range_with_a_band(slug, data):
    measure = library.get(slug)
    values = [a.value for a in measure.anchors]
    answers = {i.key: data.draw(st.sampled_from(values)) for i in measure.scored_items}
    score = measure.score(answers)
    assert measure.low <= score.total <= measure.high and score.band
