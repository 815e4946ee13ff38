"""Request-wide rules: idle timeouts, the MFA gate and no-store caching."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def session_timeout(get_response):
    """Sign out a session that sat idle too long for its role, or passed 12 hours."""

    def middleware(request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get("started_at", now)
            last_seen = session.get("last_seen", now)
            idle_limit = settings.SESSION_IDLE_SECONDS.get(user.role, 15 * 60)
            if now - last_seen > idle_limit or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                if _is_api(request):
                    return JsonResponse({"message": "Your session ended. Sign in again."},
                                        status=401)
                messages.info(request, "You were signed out after a quiet spell, "
                                       "to keep your things private.")
                return redirect_to_login(request.get_full_path())
            if now - last_seen > 30:  # saves a session write on every click
                session["last_seen"] = now
        return get_response(request)

    return middleware


def mfa_exempt(view):
    """Mark a view a clinician may reach before passing two-step sign-in."""
    view.mfa_exempt = True
    return view


class require_mfa:  # noqa: N801 - named like the function middlewares beside it
    """Clinicians and admins reach nothing but sign-in pages until TOTP is passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not user.needs_mfa or user.is_verified():
            return None
        if getattr(view_func, "mfa_exempt", False):
            return None
        if _is_api(request):
            return JsonResponse({"message": "Two-step sign-in is needed first."}, status=403)
        return redirect(f"{reverse('mfa')}?{urlencode({'next': request.get_full_path()})}")


def no_store_when_signed_in(get_response):
    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated or _is_api(request):
            response["Cache-Control"] = "no-store"
        return response

    return middleware


def api_errors_as_json(get_response):
    """Errors raised outside ninja (unknown path, wrong method) still answer in JSON."""

    def middleware(request):
        response = get_response(request)
        if (_is_api(request) and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")):
            return JsonResponse({"message": response.reason_phrase}, status=response.status_code)
        return response

    return middleware
