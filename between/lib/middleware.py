"""Request-wide rules: the MFA gate and no-store caching."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


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
            answer = JsonResponse({"message": response.reason_phrase}, status=response.status_code)
            if "Allow" in response:  # a 405 says which methods would do
                answer["Allow"] = response["Allow"]
            return answer
        return response

    return middleware


# Nothing in Between needs these, and a page that cannot ask cannot be tricked into asking.
PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                      "interest-cohort=()")


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


TECHNICAL_PAGE = b'<meta name="robots" content="NONE,NOARCHIVE">'


def friendly_errors(get_response):
    """Under DEBUG, Django answers a mistyped address with a page listing every route, and
    an error with a traceback: nothing a person at 2am can use. Show them the same calm
    pages production shows (help and Quick exit on each). The traceback still goes to the
    console; BETWEEN_DEBUG_PAGES=1 brings Django's pages back for whoever is developing."""
    from django.conf import settings
    from django.shortcuts import render

    def middleware(request):
        response = get_response(request)
        if (not settings.DEBUG or settings.DEBUG_PAGES or _is_api(request)
                or response.status_code not in (404, 500)
                or TECHNICAL_PAGE not in getattr(response, "content", b"")):
            return response
        template = "404.html" if response.status_code == 404 else "500.html"
        return render(request, template, status=response.status_code)

    return middleware
