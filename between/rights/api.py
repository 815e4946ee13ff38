from django.http import HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from between.audit.models import Action
from between.audit.services import record
from between.rights.services import build_zip

router = Router(tags=["Your data"])


@router.get("/export", response={200: None}, openapi_extra={"responses": {200: {
    "description": "A ZIP: export.json (documented by schema.json inside), CSVs and a "
                   "readable everything.html.",
    "content": {"application/zip": {}}}}})
def export(request):
    """Everything you own here, as the ZIP the Settings page offers, built now."""
    user = request.auth
    if not user.is_client:
        raise HttpError(404, "Not found.")
    data = build_zip(user)
    record(Action.EXPORTED, actor=user, subject=user, detail={"via": "api"})
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="between-{timezone.localdate():%Y-%m-%d}.zip"')
    return response
