"""The DBT skills list: one data file, read once. The diary card's pick-list comes from here."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content" / "skills.toml"


@dataclass(frozen=True)
class Skill:
    slug: str
    name: str
    module: str


@cache
def _raw() -> dict:
    return tomllib.loads(CONTENT.read_text())


@cache
def modules() -> dict[str, str]:
    return dict(_raw()["modules"])


@cache
def skills() -> dict[str, Skill]:
    return {s["slug"]: Skill(**s) for s in _raw()["skills"]}


def by_module() -> list[tuple[str, str, list[Skill]]]:
    """(module slug, module name, skills) in module order."""
    all_skills = skills().values()
    return [(slug, name, [s for s in all_skills if s.module == slug])
            for slug, name in modules().items()]
