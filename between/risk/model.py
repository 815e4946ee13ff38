"""The screener's second opinion: a small linear model over words and letter groups.

Trained by `between train-screener` (scikit-learn, at training time only) on Between's
own development sentences, and committed as `content/model.json`. Scored here in plain
Python, with the same arithmetic as scikit-learn's TfidfVectorizer (binary, l2 norm) and
LogisticRegression, so the run-time install needs nothing more; a test checks both give
the same scores. Nothing is downloaded.
"""

import json
import math
import re
from functools import cache
from pathlib import Path

MODEL = Path(__file__).resolve().parent / "content" / "model.json"
_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


def word_grams(text: str) -> set[str]:
    """Words of two or more letters, and pairs of them, as scikit-learn's word analyzer."""
    words = _WORD.findall(text.lower())
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def char_grams(text: str, low: int = 3, high: int = 5) -> set[str]:
    """Letter groups inside each word padded with spaces, as scikit-learn's char_wb."""
    grams = set()
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) <= n:
                grams.add(padded)
                continue
            grams.update(padded[i:i + n] for i in range(len(padded) - n + 1))
    return grams


class Model:
    def __init__(self, data: dict):
        self.words = data["words"]  # gram -> [idf, weight]
        self.chars = data["chars"]
        self.intercept = data["intercept"]
        self.threshold = data["threshold"]
        self.about = data["about"]

    @staticmethod
    def _part(grams: set[str], table: dict) -> float:
        """One vectorizer's contribution: present grams' idf, l2-normalised, times weights."""
        found = [table[g] for g in grams if g in table]
        norm = math.sqrt(sum(idf * idf for idf, _ in found))
        return sum(idf * w for idf, w in found) / norm if norm else 0.0

    def probability(self, text: str) -> float:
        z = (self.intercept + self._part(word_grams(text), self.words)
             + self._part(char_grams(text), self.chars))
        return 1.0 / (1.0 + math.exp(-z))


@cache
def model() -> Model | None:
    if not MODEL.exists():
        return None
    return Model(json.loads(MODEL.read_text(encoding="utf-8")))
