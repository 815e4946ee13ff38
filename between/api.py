"""The JSON API, with OpenAPI at /api/openapi.json. Routers live in each app's api.py."""

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from between.lib.api_auth import BearerToken, SessionWithMFA
from between.lib.errors import FieldError

log = logging.getLogger(__name__)

api = NinjaAPI(title="Between API", version="1", docs_url=None, urls_namespace="api",
               auth=[BearerToken(), SessionWithMFA()])


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
    return api.create_response(request, {"message": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(request, {"message": "Sign in, or send a valid API token."},
                               status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"message": "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"message": "The request body is too large."},
                               status=413)


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
