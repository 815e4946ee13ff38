from ninja import Router, Schema
from pydantic import Field

from between.lib.schemas import StrictSchema
from between.risk.screen import screen

router = Router(tags=["risk"])


# The longest single field a client can write is a journal entry; nothing screened here
# needs more. Screening is linear, and this bounds one request's work.
MAX_SCREEN_CHARS = 20_000


class ScreenIn(StrictSchema):
    text: str = Field(max_length=MAX_SCREEN_CHARS)


class ScreenOut(Schema):
    level: str
    categories: list[str]
    evidence: list[list[int]]


@router.post("/screen", response=ScreenOut)
def screen_own_text(request, payload: ScreenIn):
    """Screen text for the signed-in person. Nothing is stored or logged."""
    return screen(payload.text).as_dict()
