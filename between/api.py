"""The JSON API, with OpenAPI at /api/openapi.json. Routers live in each app's api.py."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from between.lib.api_auth import BearerToken, SessionWithMFA
from between.lib.errors import FieldError
from between.lib.schemas import ErrorOut

log = logging.getLogger(__name__)


class BodyParser(Parser):
    def parse_body(self, request):
        try:
            return super().parse_body(request)
        except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep
            # ninja answers 400 for any failure here; the handler below names the field.
            raise FieldError("body", "is not valid JSON") from exc


class BetweenAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return declare_errors(super().get_openapi_schema(**kwargs))


def declare_errors(schema: dict) -> dict:
    """Every operation's possible error answers, in the schema, so a client (and a fuzzer)
    knows them: 400 unreadable body, 401 not signed in, 403 two-step sign-in still to do,
    404 not found or not yours, 413 too large, 422 a field is wrong."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    found = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in found.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault("ErrorOut", found)
    error = {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/ErrorOut"}}}}
    for operations in schema["paths"].values():
        for op in operations.values():
            codes = {404: "Not found, or not yours to see."}
            if op.get("security"):
                codes |= {401: "Not signed in, or the token is not valid.",
                          403: "Two-step sign-in is needed first."}
            if op.get("parameters") or op.get("requestBody"):
                codes[422] = "A field is not valid; `errors` names each one."
            if op.get("requestBody"):
                codes |= {400: "The body is not valid JSON.", 413: "The body is too large."}
            for code, description in codes.items():
                op["responses"].setdefault(str(code), {"description": description, **error})
    return schema


api = BetweenAPI(title="Between API", version="1", docs_url=None, urls_namespace="api",
                 auth=[BearerToken(), SessionWithMFA()], parser=BodyParser())


def _field_name(loc) -> str:
    # ninja reports ("body", "payload", "field", ...); people want "field".
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = [{"field": _field_name(e.get("loc", ())), "message": e.get("msg", "is not valid")}
              for e in exc.errors]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return api.create_response(request, {"message": summary, "errors": errors}, status=422)


@api.exception_handler(FieldError)
def field_error(request, exc):
    return api.create_response(request, {"message": str(exc), "errors": [
        {"field": exc.field, "message": exc.message}]}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    cause = exc.__cause__
    if isinstance(cause, FieldError):  # the body could not be read at all
        return api.create_response(request, {"message": str(cause), "errors": [
            {"field": cause.field, "message": cause.message}]}, status=exc.status_code)
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(request, {"message": "Sign in, or send a valid API token."},
                               status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": "Not found."}, status=404)


# Up to this much of a too-large body is read and thrown away before answering, so the client,
# still sending, gets the 413: a server that answers mid-upload and closes resets the
# connection, and most clients then never see why. Beyond it the connection is just closed.
DISCARD_AT_MOST = 32 * 1024 * 1024


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    left = DISCARD_AT_MOST
    while left > 0 and (chunk := request.read(min(1 << 16, left))):
        left -= len(chunk)
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return api.create_response(request, {
        "message": f"The request body is too large: at most {limit:,} bytes.",
        "errors": [{"field": "body", "message": f"is larger than {limit:,} bytes"}]}, status=413)


@api.exception_handler(Exception)
def server_error(request, exc):
    log.exception("API error on %s %s", request.method, request.path)
    return api.create_response(request, {"message": "Something went wrong on our side."},
                               status=500)


from between.accounts.api import router as accounts_router  # noqa: E402
from between.care.api import router as care_router  # noqa: E402
from between.diary.api import router as diary_router  # noqa: E402
from between.journal.api import router as journal_router  # noqa: E402
from between.measures.api import router as measures_router  # noqa: E402
from between.rights.api import router as rights_router  # noqa: E402
from between.risk.api import router as risk_router  # noqa: E402
from between.safety.api import router as safety_router  # noqa: E402
from between.skills.api import router as skills_router  # noqa: E402

api.add_router("", accounts_router)
api.add_router("", journal_router)
api.add_router("", safety_router)
api.add_router("", diary_router)
api.add_router("", risk_router)
api.add_router("", care_router)
api.add_router("", skills_router)
api.add_router("", rights_router)
api.add_router("", measures_router)
