"""Whole numbers from outside (a URL, a query string, a JSON body) that the database can hold.

Ids are 64-bit signed integers on PostgreSQL and SQLite alike. A larger number used to reach
the database and fail there with a server error; here it is refused first, as not found in
a page address and as a 422 naming the field in the API.
"""

from typing import Annotated

from pydantic import Field

MAX_ID = 2**63 - 1

# For ninja path parameters and schema fields: the bound is in the OpenAPI schema too.
Id = Annotated[int, Field(ge=0, le=MAX_ID)]


def parse_id(text) -> int | None:
    """The number `text` spells in ASCII digits, if a 64-bit column can hold it; else None."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if number <= MAX_ID else None


class IdConverter:
    """`<int64:pk>`: Django's `<int:pk>`, but a number too big for the database is no match,
    so the page is not found rather than failing."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(value)
