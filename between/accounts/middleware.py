"""Sessions: idle and absolute timeouts, and keeping a client's words across them."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

from between.accounts.drafts import discard_draft, keep_draft


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def session_timeout(get_response):
    """Sign out a session that sat idle too long for its role, or passed 12 hours.

    1. A client's form that arrives after the timeout is kept as a draft before the
       session ends, so signing in again brings every word back.
    2. A form that saves (answers with a redirect) has no draft left behind.
    """

    def middleware(request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.get("started_at", now)
            last_seen = session.get("last_seen", now)
            idle_limit = settings.SESSION_IDLE_SECONDS.get(user.role, 15 * 60)
            if now - last_seen > idle_limit or now - started > settings.SESSION_COOKIE_AGE:
                kept = (request.method == "POST" and user.is_client and not _is_api(request)
                        and keep_draft(user, request.path, dict(request.POST.lists())))
                logout(request)
                if _is_api(request):
                    return JsonResponse({"message": "Your session ended. Sign in again."},
                                        status=401)
                messages.info(request, "You were signed out after a quiet spell, to keep "
                              "your things private." + (" What you were writing is kept: "
                                                        "sign in and it will be back."
                                                        if kept else ""))
                return redirect_to_login(request.get_full_path())
            if now - last_seen > 30:  # saves a session write on every click
                session["last_seen"] = now
        response = get_response(request)
        if (request.method == "POST" and response.status_code in (301, 302, 303)
                and getattr(request.user, "is_client", False) and not _is_api(request)):
            discard_draft(request.user, request.path)
        return response

    return middleware
