from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    """Input schema that rejects unknown fields instead of silently dropping them."""

    model_config = ConfigDict(extra="forbid")
