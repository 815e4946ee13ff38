from ninja import Schema
from pydantic import ConfigDict, Field


class StrictSchema(Schema):
    """Input schema that rejects unknown fields instead of silently dropping them."""

    model_config = ConfigDict(extra="forbid")


class FieldProblem(Schema):
    field: str = Field(description="The field the problem is with, as `answers.phq9_1`; "
                                   "`body` for the request as a whole.")
    message: str


class ErrorOut(Schema):
    """Every error the API answers: a sentence, and for bad input the fields it is about."""

    message: str
    errors: list[FieldProblem] = Field(default_factory=list)
