"""Sessions: idle and absolute timeouts, and keeping a person's words across them."""

import hashlib
import json
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from between.accounts.drafts import discard_draft, keep_draft
from between.accounts.models import FormSubmission


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


DRAFTS = "/drafts/"
# A health check is nobody's activity: it neither keeps a session alive nor ends one
# (crisis mode asks it whether Between can be reached, just before sending a form).
HEALTH = "/healthz"


def _end_session(request, message: str = ""):
    """Sign out, then send the person to sign in again (or a 401 for the API, and for
    the page's own draft-keeping request, whose answer nobody sees: the notice waits in
    the new session for the next page they open)."""
    logout(request)
    if _is_api(request):
        return JsonResponse({"message": "Your session ended. Sign in again."}, status=401)
    if message:
        messages.info(request, message)
    if request.path == DRAFTS:
        return HttpResponse(status=401)
    return redirect_to_login(request.get_full_path())


def _keep_after_timeout(user, request) -> bool:
    """Keep what a late form held, under the page it belongs to: a draft the
    page sends names its page; any other form is its own."""
    if request.path == DRAFTS:
        from between.accounts.forms import DraftForm

        form = DraftForm(request.POST)
        return form.is_valid() and keep_draft(user, form.cleaned_data["path"],
                                              form.cleaned_data["values"]) is not None
    return keep_draft(user, request.path, dict(request.POST.lists())) is not None


def _idle_limit(user, session) -> int:
    """Seconds a session may sit idle: the role's, or for a client, their clinic's choice
    (looked up as they sign in)."""
    minutes = session.get("clinic_idle") if user.is_client else None
    return minutes * 60 if minutes else settings.SESSION_IDLE_SECONDS.get(user.role, 15 * 60)


def session_timeout(get_response):
    """Sign out a session that sat idle too long for its role, or passed 12 hours.

    1. A form that arrives after the timeout, a client's or a clinician's, is kept as a
       draft before the session ends, so signing in again brings every word back.
    2. A form that saves (answers with a redirect) has no draft left behind.
    """

    def middleware(request):
        user = request.user
        if user.is_authenticated and request.path != HEALTH:
            now = time.time()
            session = request.session
            started = session.get("started_at", now)
            last_seen = session.get("last_seen", now)
            idle_limit = request.idle_limit = _idle_limit(user, session)
            cut_off = user.sessions_valid_after
            if cut_off is not None and started <= cut_off.timestamp():
                return _end_session(request)  # signed out everywhere, or a new password
            if now - last_seen > idle_limit or now - started > settings.SESSION_COOKIE_AGE:
                kept = (request.method == "POST" and not _is_api(request)
                        and _keep_after_timeout(user, request))
                return _end_session(request, "You were signed out after a quiet spell, to "
                                    "keep your things private." + (
                                        " What you were writing is kept: sign in and it "
                                        "will be back." if kept else ""))
            # Activity is noted at most every 30 seconds, which saves a session write on
            # every click; a very short limit (in tests) is noted more often.
            if now - last_seen > min(30, idle_limit / 10):
                session["last_seen"] = now
        response = get_response(request)
        if (request.method == "POST" and response.status_code in (301, 302, 303)
                and request.user.is_authenticated and not _is_api(request)):
            discard_draft(request.user, request.path)
        return response

    return middleware


def once_per_form_token(get_response):
    """A form posted twice with the same one-time token is saved once.

    1. The first request claims the token (a unique row), and its answer's redirect is
       remembered.
    2. A copy that arrives while or after the first is handled gets that same redirect,
       with a word that one copy was kept: nothing is stored twice.
    3. A first request that fails validation gives the token back, so the corrected form
       can be sent.
    """

    def middleware(request):
        # The API is not forms: its body is never parsed as one here (a JSON body sent as
        # multipart would fail to parse before the API could say which field was wrong).
        if request.method != "POST" or _is_api(request) or not request.user.is_authenticated:
            return get_response(request)
        token = request.POST.get("form_token", "")
        if not token:
            return get_response(request)
        key = hashlib.sha256(f"{request.user.pk}:{token[:64]}".encode()).hexdigest()
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(key=key)
        except IntegrityError:
            return _answer_copy(request, key)
        response = get_response(request)
        if response.status_code < 400:
            where = response.get("Location", "") if 300 <= response.status_code < 400 else ""
            FormSubmission.objects.filter(pk=claim.pk).update(
                location=(where or request.path)[:300])
        else:
            FormSubmission.objects.filter(pk=claim.pk).delete()
        return response

    return middleware


def once_per_idempotency_key(get_response):
    """An API POST sent again with the same Idempotency-Key header is done once.

    The first claims the key; a repeat gets the first one's status and the id it
    created, with `"replayed": true`, and nothing is stored twice. A first attempt that
    failed (4xx or 5xx) gives the key back for the retry.
    """

    def middleware(request):
        given = request.headers.get("Idempotency-Key", "")
        if request.method != "POST" or not _is_api(request) or not given:
            return get_response(request)
        if len(given) > 200:
            return JsonResponse({"message": "Idempotency-Key: at most 200 characters."},
                                status=400)
        who = request.headers.get("Authorization", "") or request.session.session_key or ""
        key = hashlib.sha256(f"api|{who}|{request.path}|{given}".encode()).hexdigest()
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(key=key)
        except IntegrityError:
            return _replay(key)
        response = get_response(request)
        if response.status_code >= 400:
            FormSubmission.objects.filter(pk=claim.pk).delete()
            return response
        FormSubmission.objects.filter(pk=claim.pk).update(
            status=response.status_code, created_id=_created_id(response))
        return response

    return middleware


def _created_id(response) -> str:
    try:
        body = json.loads(response.content)
    except (ValueError, AttributeError):
        return ""
    return str(body.get("id", ""))[:64] if isinstance(body, dict) else ""


def _replay(key: str):
    for _ in range(20):
        first = FormSubmission.objects.filter(key=key).values("status", "created_id").first()
        if first and first["status"]:
            return JsonResponse({"replayed": True, "id": first["created_id"] or None,
                                 "message": "Already done: this Idempotency-Key was used, "
                                            "so nothing was stored twice."},
                                status=first["status"])
        time.sleep(0.15)
    return JsonResponse({"message": "A request with this Idempotency-Key is still being "
                                    "handled. Try again in a moment."}, status=409)


def _answer_copy(request, key: str):
    """Wait briefly for the first copy to finish, then send the browser where it went."""
    location = ""
    for _ in range(20):
        location = (FormSubmission.objects.filter(key=key)
                    .values_list("location", flat=True).first() or "")
        if location:
            break
        time.sleep(0.15)
    messages.info(request, "That was sent twice, so we kept one copy.")
    return redirect(location or request.path)


def own_time_zone(get_response):
    """Every time on a page in the signed-in person's own time zone: a client in Leeds
    and a clinician in Lisbon each read "Fri 09:14" as their own clock says it."""
    def middleware(request):
        user = getattr(request, "user", None)
        zone = None
        if user is not None and user.is_authenticated:
            try:
                zone = ZoneInfo(user.time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                zone = None  # an unknown zone: the installation's own
        if zone is not None:
            timezone.activate(zone)
        try:
            return get_response(request)
        finally:
            timezone.deactivate()
    return middleware
