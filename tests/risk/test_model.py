"""The screener's second opinion: the same scores as scikit-learn, rebuilt from its script,
only ever raising a level, and reading long texts passage by passage."""

import json

import numpy as np
import pytest
from django.core.management import call_command

from between.risk import model as model_module
from between.risk.management.commands.train_screener import (
    REDDIT_SHA256,
    export,
    fit,
    load,
    reddit_wheel,
)
from between.risk.screen import MODEL_CHARS, PASSAGE, Level, screen

EDGES = ["Ça va 💔 I'm  fine\t\tok", "a", "", "x" * 50, "ab cd", "I keep thinking about "
         "swallowing everything in the medicine box"]


@pytest.fixture(scope="module")
def own():
    return load()


def test_pure_python_scores_equal_scikit_learns(own):
    """The plain-Python scorer does scikit-learn's arithmetic, for both heads."""
    texts, labels = own
    union, risky, urgent = fit(texts, labels, np.ones(len(texts)))
    ours = model_module.Model({**export(union, risky, urgent), "threshold": 0.5,
                               "confident": 0.5, "urgent_threshold": 0.5, "about": {}})
    sample = texts + EDGES
    x = union.transform(sample)
    expected = zip(risky.predict_proba(x)[:, 1], urgent.predict_proba(x)[:, 1], strict=True)
    for text, (p, u) in zip(sample, expected, strict=True):
        assert ours.scores(text) == pytest.approx((p, u), abs=1e-5)


def test_the_forum_posts_are_the_pinned_wheel():
    import hashlib

    assert hashlib.sha256(reddit_wheel().read_bytes()).hexdigest() == REDDIT_SHA256


def test_the_committed_weights_are_what_the_script_builds(tmp_path):
    out = tmp_path / "model.json"
    call_command("train_screener", "--out", str(out))
    built = json.loads(out.read_text())
    committed = json.loads(model_module.MODEL.read_text())
    assert set(built["words"]) == set(committed["words"])
    assert set(built["chars"]) == set(committed["chars"])
    for table in ("words", "chars"):
        for gram, (idf, weight, urgent) in committed[table].items():
            assert built[table][gram][0] == pytest.approx(idf, abs=1e-5)
            assert built[table][gram][1] == pytest.approx(weight, abs=1e-3)
            assert built[table][gram][2] == pytest.approx(urgent, abs=1e-3)
    for key in ("threshold", "confident", "urgent_threshold", "intercept", "urgent_intercept"):
        assert built[key] == pytest.approx(committed[key], abs=1e-3)
    assert not any("/test/" in path for path in committed["about"]["data"]), \
        "never trained on the test split"


def test_the_second_opinion_only_raises(monkeypatch, own):
    texts, _ = own
    with_model = [screen(t).level for t in texts]
    monkeypatch.setattr("between.risk.screen.model", lambda: None)
    rules_alone = [screen(t).level for t in texts]
    assert all(a >= b for a, b in zip(with_model, rules_alone, strict=True))
    assert sum(a > b for a, b in zip(with_model, rules_alone, strict=True)) > 0


def test_it_catches_words_the_rules_do_not_know_and_says_so():
    text = "I keep thinking about swallowing everything in the medicine box"
    result = screen(text)
    assert result.level >= Level.IDEATION
    assert "possible_risk" in result.categories
    assert result.evidence == ((0, len(text)),)


@pytest.mark.parametrize("text", [
    "urge to die 0",
    "My sister keeps saying she wants to kill herself",
    "Years ago I used to cut my arms every night",
    "I'm not suicidal, just tired after a long week.",
])
def test_it_does_not_overrule_what_the_rules_set_aside(text):
    """A clause the rules read and judged (a 0, someone else, the past, a negation) is not
    the model's to raise."""
    assert screen(text).level < Level.IDEATION


def test_the_urgent_head_raises_risk_that_reads_like_an_act(monkeypatch):
    """Only once risk is found: the urgent head never makes a safe text urgent."""
    real = model_module.model()

    class Urgent:
        threshold, confident, urgent_threshold = (real.threshold, real.confident,
                                                  real.urgent_threshold)
        risky = 0.0

        def scores(self, text):
            return self.risky, 1.0

    fake = Urgent()
    monkeypatch.setattr("between.risk.screen.model", lambda: fake)
    assert screen("I want to die").level == Level.URGENT
    assert screen("Lovely walk by the canal with the dog").level == Level.NONE
    fake.risky = (real.threshold + real.confident) / 2
    assert screen("Lovely walk by the canal with the dog").level == Level.IDEATION, \
        "on the model's word alone, below its stricter threshold: a prompt, not an alert"
    fake.risky = real.confident
    assert screen("Lovely walk by the canal with the dog").level == Level.URGENT


def test_it_reads_a_long_text_in_passages_and_only_so_much(monkeypatch):
    read = []
    real = model_module.model()

    class Counting:
        threshold, confident, urgent_threshold = (real.threshold, real.confident,
                                                  real.urgent_threshold)

        def scores(self, text):
            read.append(len(text))
            return 0.0, 0.0

    monkeypatch.setattr("between.risk.screen.model", lambda: Counting())
    screen("I feel a bit odd about the weekend and the weather. " * 2000)
    assert len(read) > 1
    assert max(read) <= PASSAGE
    assert 0 < sum(read) <= MODEL_CHARS + PASSAGE


def test_one_risky_sentence_in_a_long_ordinary_post_is_still_found():
    ordinary = ("Work was busy and the train was late again, so I got home after seven and "
                "made pasta. ") * 30
    text = ordinary + "I keep thinking about swallowing everything in the medicine box. " \
        + ordinary[:1000]
    assert len(text) < MODEL_CHARS
    result = screen(text)
    assert result.level >= Level.IDEATION
    (start, end), = result.evidence
    assert "medicine box" in text[start:end]
    assert end - start <= PASSAGE


def test_long_ordinary_forum_posts_are_not_flagged():
    """Trained on forum posts about money, work and the news, the model leaves them be."""
    posts = [
        "Long post, sorry. My landlord has said he wants to sell the flat and has given us "
        "two months. We have a toddler and my partner's contract ends in March, so finding "
        "somewhere that will take us is going to be hard. Has anyone dealt with a section 21 "
        "notice like this? Do we have to leave on the date, or can we ask the council for "
        "help first? I'm stressed but trying to be practical about it.",
        "I'm a secondary school teacher in my fourth year. Marking is killing me, I spend "
        "every Sunday on it and I still can't keep up with the new assessment policy. Does "
        "anyone have tricks for giving feedback faster without it being meaningless? I "
        "love the teaching itself but the admin is burning me out.",
    ]
    for post in posts:
        assert screen(post).level < Level.IDEATION, post[:40]


@pytest.mark.xfail(strict=True, reason="#11, found 2026-12-01 writing a message in the browser: "
                   "the learned model reads short everyday sentences with 'want to' as risk, "
                   "and with a second clause as urgent, which pages the duty clinician. "
                   "Strict: it fails once fixed, so the fix removes this mark.")
@pytest.mark.parametrize("text", ["I want to tell you.",
                                  "Something happened at work I want to tell you."])
def test_a_short_everyday_sentence_is_not_risk(text):
    assert screen(text).level == Level.NONE
