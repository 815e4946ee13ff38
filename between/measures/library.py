"""Standard questionnaires: one data file each, read once, and how each is scored.

A measure whose wording is copyrighted ships with `own_text = true` and no words. A clinic
that holds permission puts the wording in `BETWEEN_MEASURE_TEXT_DIR/<slug>.toml`; without
that file the measure is not offered at all.
"""

import math
import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.conf import settings

CONTENT = Path(__file__).resolve().parent / "content"


class MeasureFileError(ValueError):
    """A measure's data file, or a clinic's wording file, does not fit."""


@dataclass(frozen=True)
class Anchor:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    scored: bool = True
    risk_from: int | None = None  # an answer at or above this goes down the safety path
    anchors: tuple[Anchor, ...] = ()  # only where the item has its own (PHQ-9's last)


@dataclass(frozen=True)
class Band:
    start: Decimal
    label: str


@dataclass(frozen=True)
class Score:
    total: Decimal | None
    band: str = ""
    left_out: tuple[str, ...] = ()
    prorated: bool = False

    @property
    def scored(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Measure:
    slug: str
    name: str
    title: str
    about: str
    attribution: str
    stem: str
    anchors: tuple[Anchor, ...]
    items: tuple[Item, ...]
    method: str
    low: Decimal
    high: Decimal
    higher_is_worse: bool
    max_missing: int
    missing_note: str
    reverse: frozenset[str]
    bands: tuple[Band, ...]
    reliable_change: Decimal | None
    reliable_change_source: str
    licence: dict = field(hash=False, compare=False)
    loinc: str = ""

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.scored)

    def anchors_for(self, item: Item) -> tuple[Anchor, ...]:
        return item.anchors or self.anchors

    def band_for(self, total: Decimal) -> str:
        found = ""
        for band in self.bands:
            if total >= band.start:
                found = band.label
        return found

    def score(self, answers: dict[str, int | None]) -> Score:
        """1. Take each scored item's answer; an item left out counts as missing.
        2. More missing than the measure's rules allow: kept, but no total.
        3. Reverse-scored items are turned round (top anchor minus the answer).
        4. A sum with items missing is pro-rated: the mean of those answered times the
           number of items, rounded half up to a whole number. A mean is the mean.
        5. The band is the last whose start the total reaches."""
        top = max(a.value for a in self.anchors)
        bottom = min(a.value for a in self.anchors)
        values, missing = [], []
        for item in self.scored_items:
            value = answers.get(item.key)
            if value is None:
                missing.append(item.key)
            else:
                values.append(top + bottom - value if item.key in self.reverse else value)
        if len(missing) > self.max_missing or not values:
            return Score(None, left_out=tuple(missing))
        n = len(self.scored_items)
        if self.method == "mean":
            total = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"),
                                                                   ROUND_HALF_UP)
        elif missing:
            total = (Decimal(sum(values)) * n / len(values)).quantize(Decimal(1),
                                                                       ROUND_HALF_UP)
        else:
            total = Decimal(sum(values))
        return Score(total, self.band_for(total), tuple(missing), prorated=bool(missing))

    def change(self, before: Decimal, after: Decimal) -> str:
        """"better", "worse" or "" (not a reliable change), by this measure's threshold."""
        if self.reliable_change is None or abs(after - before) < self.reliable_change:
            return ""
        rose = after > before
        return "worse" if rose == self.higher_is_worse else "better"

    def risk_answers(self, answers: dict[str, int | None]) -> list[Item]:
        return [i for i in self.items if i.risk_from is not None
                and answers.get(i.key) is not None and answers[i.key] >= i.risk_from]


def shown(value: Decimal) -> str:
    """A score as people write it: 13, 1.1, never 13.00."""
    return f"{value.normalize():f}"


def jacobson_truax(sd: float, reliability: float) -> Decimal:
    """The smallest change that is reliable at p < .05: 1.96 × SD × √2 × √(1 − r)."""
    return Decimal(str(round(1.96 * sd * math.sqrt(2) * math.sqrt(1 - reliability), 1)))


def _anchors(raw: list) -> tuple[Anchor, ...]:
    return tuple(Anchor(int(a["value"]), a.get("label", "")) for a in raw)


def _own_text(slug: str, raw: dict) -> dict | None:
    """The wording a clinic supplies for a copyrighted measure, checked against what
    Between knows of it: the number of items and of answers."""
    folder = settings.MEASURE_TEXT_DIR
    path = Path(folder) / f"{slug}.toml" if folder else None
    if not path or not path.is_file():
        return None
    text = tomllib.loads(path.read_text())
    items, anchors = text.get("items", []), text.get("anchors", [])
    if len(items) != raw["item_count"]:
        raise MeasureFileError(f"{path}: {raw['name']} has {raw['item_count']} items, "
                               f"the file gives {len(items)}")
    if len(anchors) != len(raw["anchors"]):
        raise MeasureFileError(f"{path}: {raw['name']} has {len(raw['anchors'])} answers, "
                               f"the file gives {len(anchors)}")
    if not text.get("permission"):
        raise MeasureFileError(f"{path}: say who gave the clinic permission (`permission`)")
    return text


def _build(raw: dict) -> Measure | None:
    scoring = raw["scoring"]
    anchors = _anchors(raw["anchors"])
    items = tuple(Item(key=str(i["key"]), text=i["text"], scored=i.get("scored", True),
                       risk_from=i.get("risk_from"),
                       anchors=tuple(Anchor(n, label) for n, label
                                     in enumerate(i.get("anchors", ()))))
                  for i in raw.get("items", ()))
    stem, attribution = raw.get("stem", ""), raw.get("attribution", "")
    if raw.get("own_text"):
        text = _own_text(raw["slug"], raw)
        if text is None:
            return None
        anchors = tuple(Anchor(a.value, str(label))
                        for a, label in zip(anchors, text["anchors"], strict=True))
        items = tuple(Item(key=str(n), text=i["text"], risk_from=i.get("risk_from"))
                      for n, i in enumerate(text["items"], start=1))
        stem = text.get("stem", "")
        attribution = f"{raw['title']}. Wording shown with permission: {text['permission']}"
    change = raw.get("reliable_change", {})
    threshold = (Decimal(str(change["points"])) if "points" in change
                 else jacobson_truax(change["sd"], change["reliability"]) if change else None)
    return Measure(
        slug=raw["slug"], name=raw["name"], title=raw["title"], about=raw["about"],
        attribution=attribution, stem=stem, anchors=anchors, items=items,
        method=scoring["method"], low=Decimal(str(scoring["range"][0])),
        high=Decimal(str(scoring["range"][1])), higher_is_worse=scoring["higher_is"] == "worse",
        max_missing=scoring["max_missing"], missing_note=scoring["missing_note"],
        reverse=frozenset(scoring.get("reverse", ())),
        bands=tuple(Band(Decimal(str(b["from"])), b["label"]) for b in raw.get("bands", ())),
        reliable_change=threshold, reliable_change_source=change.get("source", ""),
        licence=raw["licence"], loinc=raw.get("loinc", ""))


def raw_files() -> dict[str, dict]:
    return {p.stem: tomllib.loads(p.read_text()) for p in sorted(CONTENT.glob("*.toml"))}


@cache
def measures() -> dict[str, Measure]:
    """Every measure this server can offer, by slug: the shipped ones, and those whose
    wording this clinic supplied."""
    found = {}
    for raw in sorted(raw_files().values(), key=lambda r: r.get("position", 99)):
        measure = _build(raw)
        if measure is not None:
            found[measure.slug] = measure
    return found


def get(slug: str) -> Measure | None:
    return measures().get(slug)
