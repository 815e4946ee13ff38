"""The screener's second opinion: the same scores as scikit-learn, rebuilt from its script,
and only ever raising a level the rules left low."""

import json

import pytest
from django.core.management import call_command

from between.risk import model as model_module
from between.risk.management.commands.train_screener import load, pipeline
from between.risk.screen import MODEL_CHARS, Level, screen

EDGES = ["Ça va 💔 I'm  fine\t\tok", "a", "", "x" * 50, "ab cd", "I keep thinking about "
         "swallowing everything in the medicine box"]


@pytest.fixture(scope="module")
def fitted():
    texts, labels = load()
    return texts, pipeline().fit(texts, labels)


def test_pure_python_scores_equal_scikit_learns(fitted):
    texts, trained = fitted
    sample = texts + EDGES
    expected = trained.predict_proba(sample)[:, 1]
    ours = model_module.model()
    assert max(abs(ours.probability(t) - e) for t, e in zip(sample, expected, strict=True)) \
        < 1e-5


def test_the_committed_weights_are_what_the_script_builds(tmp_path):
    out = tmp_path / "model.json"
    call_command("train_screener", "--out", str(out))
    built = json.loads(out.read_text())
    committed = json.loads(model_module.MODEL.read_text())
    assert set(built["words"]) == set(committed["words"])
    assert set(built["chars"]) == set(committed["chars"])
    for table in ("words", "chars"):
        for gram, (idf, weight) in committed[table].items():
            assert built[table][gram][0] == pytest.approx(idf, abs=1e-5)
            assert built[table][gram][1] == pytest.approx(weight, abs=1e-3)
    assert built["threshold"] == pytest.approx(committed["threshold"], abs=1e-3)
    assert not any("/test/" in path for path in committed["about"]["data"]), \
        "never trained on the test split"


def test_the_second_opinion_only_raises(monkeypatch, fitted):
    texts, _ = fitted
    with_model = [screen(t).level for t in texts]
    monkeypatch.setattr(model_module, "model", lambda: None)
    monkeypatch.setattr("between.risk.screen.model", lambda: None)
    rules_alone = [screen(t).level for t in texts]
    assert all(a >= b for a, b in zip(with_model, rules_alone, strict=True))


def test_it_catches_words_the_rules_do_not_know_and_says_so():
    text = "I keep thinking about swallowing everything in the medicine box"
    result = screen(text)
    assert result.level == Level.IDEATION
    assert result.categories == ("possible_risk",)
    assert result.evidence == ((0, len(text)),)


@pytest.mark.parametrize("text", [
    "I don't keep thinking about swallowing everything in the medicine box",
    "My sister keeps thinking about swallowing everything in the medicine box",
    "Years ago I kept thinking about swallowing everything in the medicine box",
])
def test_negation_someone_else_and_the_past_are_left_to_the_rules(text):
    assert screen(text).level == Level.NONE


def test_it_reads_a_bounded_amount_of_a_long_text(monkeypatch):
    read = []
    real = model_module.model()

    class Counting:
        threshold = real.threshold

        def probability(self, text):
            read.append(len(text))
            return 0.0

    monkeypatch.setattr("between.risk.screen.model", lambda: Counting())
    screen("I feel a bit odd about the weekend and the weather. " * 2000)
    assert 0 < sum(read) <= MODEL_CHARS + 240
