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
    purpose: str = ""
    when: str = ""
    steps: tuple[str, ...] = ()
    practice: str = ""
    sticking: tuple[str, ...] = ()

    @property
    def module_name(self) -> str:
        return modules()[self.module]


@cache
def _raw() -> dict:
    return tomllib.loads(CONTENT.read_text())


@cache
def modules() -> dict[str, str]:
    return dict(_raw()["modules"])


@cache
def skills() -> dict[str, Skill]:
    return {s["slug"]: Skill(**{**s, "steps": tuple(s.get("steps", ())),
                                "sticking": tuple(s.get("sticking", ()))})
            for s in _raw()["skills"]}


def by_module() -> list[tuple[str, str, list[Skill]]]:
    """(module slug, module name, skills) in module order."""
    all_skills = skills().values()
    return [(slug, name, [s for s in all_skills if s.module == slug])
            for slug, name in modules().items()]


@dataclass(frozen=True)
class Situation:
    slug: str
    label: str
    intro: str
    skills: tuple[str, ...]


@cache
def situations() -> dict[str, Situation]:
    raw = tomllib.loads((CONTENT.parent / "situations.toml").read_text())
    return {s["slug"]: Situation(s["slug"], s["label"], s["intro"], tuple(s["skills"]))
            for s in raw["situations"]}


@dataclass(frozen=True)
class Step:
    key: str
    text: str
    field: str = ""        # "", "text", "rating"
    label: str = ""
    timer: int = 0         # seconds
    breathing: bool = False


@dataclass(frozen=True)
class Flow:
    slug: str
    title: str
    steps: tuple[Step, ...]
    output: str = ""       # a template that builds a message from the answers


@cache
def flows() -> dict[str, Flow]:
    raw = tomllib.loads((CONTENT.parent / "flows.toml").read_text())
    return {f["slug"]: Flow(f["slug"], f["title"],
                            tuple(Step(**step) for step in f["steps"]), f.get("output", ""))
            for f in raw["flows"]}


@cache
def curriculum() -> list[dict]:
    return tomllib.loads((CONTENT.parent / "curriculum.toml").read_text())["weeks"]
