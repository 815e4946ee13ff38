"""The safety plan's sections and means-safety checklist, from content/safety_plan.toml."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content" / "safety_plan.toml"
MAX_SECTION_CHARS = 2000
MAX_ITEM_CHARS = 500


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    short: str
    prompt: str
    example: str


@cache
def _raw() -> dict:
    return tomllib.loads(CONTENT.read_text())


@cache
def sections() -> tuple[Section, ...]:
    return tuple(Section(**s) for s in _raw()["sections"])


@cache
def means_items() -> dict[str, str]:
    return {m["key"]: m["label"] for m in _raw()["means"]}


def section_keys() -> list[str]:
    return [s.key for s in sections()]


def empty() -> dict:
    return {**{key: [] for key in section_keys()}, "means": []}
