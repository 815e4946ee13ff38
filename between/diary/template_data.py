"""The default card, from content/default_card.toml."""

import tomllib
from functools import cache
from pathlib import Path

CONTENT = Path(__file__).resolve().parent / "content" / "default_card.toml"


@cache
def default_card() -> dict:
    return tomllib.loads(CONTENT.read_text())
