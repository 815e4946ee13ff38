"""The screener's second opinion: two small linear models over words and letter groups.

One says how likely a passage is to hold risk (ideation or urgent), the other how likely
it is to be urgent. Trained by `between train-screener` (scikit-learn, at training time
only) and committed as `content/model.json`. Scored here in plain Python, with the same
arithmetic as scikit-learn's TfidfVectorizer (binary, l2 norm) and LogisticRegression, so
the run-time install needs nothing more; a test checks both give the same scores. Nothing
is downloaded.
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


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


class Model:
    def __init__(self, data: dict):
        self.words = data["words"]  # gram -> [idf, risky weight, urgent weight]
        self.chars = data["chars"]
        self.intercept = data["intercept"]
        self.urgent_intercept = data["urgent_intercept"]
        self.threshold = data["threshold"]
        self.confident = data["confident"]
        self.urgent_threshold = data["urgent_threshold"]
        self.about = data["about"]

    @staticmethod
    def _part(grams: set[str], table: dict) -> tuple[float, float]:
        """One vectorizer's share of each head: the grams' idf, l2-normalised, times the
        head's weights."""
        found = [table[g] for g in grams if g in table]
        norm = math.sqrt(sum(row[0] * row[0] for row in found))
        if not norm:
            return 0.0, 0.0
        return (sum(idf * w for idf, w, _ in found) / norm,
                sum(idf * u for idf, _, u in found) / norm)

    def scores(self, text: str) -> tuple[float, float]:
        """(probability of risk, probability of urgent) for one passage."""
        words = self._part(word_grams(text), self.words)
        chars = self._part(char_grams(text), self.chars)
        return (_sigmoid(self.intercept + words[0] + chars[0]),
                _sigmoid(self.urgent_intercept + words[1] + chars[1]))


@cache
def model() -> Model | None:
    if not MODEL.exists():
        return None
    return Model(json.loads(MODEL.read_text(encoding="utf-8")))
