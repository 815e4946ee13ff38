from ninja import Router, Schema

from between.lib.schemas import StrictSchema
from between.risk.screen import screen

router = Router(tags=["risk"])


class ScreenIn(StrictSchema):
    text: str


class ScreenOut(Schema):
    level: str
    categories: list[str]
    evidence: list[list[int]]


@router.post("/screen", response=ScreenOut)
def screen_own_text(request, payload: ScreenIn):
    """Screen text for the signed-in person. Nothing is stored or logged."""
    return screen(payload.text).as_dict()
