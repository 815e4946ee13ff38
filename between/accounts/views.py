import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts import drafts, services
from between.accounts.forms import (
    AccessTokenForm,
    ContactForm,
    DraftForm,
    LoginForm,
    ScopesForm,
    TimeZoneForm,
    TokenForm,
)
from between.accounts.models import AccessToken, CareLink, ContactDetails
from between.accounts.totp import qr_svg, secret_of
from between.audit.models import Action
from between.audit.services import record
from between.lib.decorators import client_required
from between.lib.middleware import mfa_exempt

login_view = mfa_exempt(auth_views.LoginView.as_view(
    template_name="accounts/login.html", authentication_form=LoginForm,
    redirect_authenticated_user=True))

# Forgotten passwords: Django's own views. The email holds only a link, and the reply is
# the same whether or not the address has an account.
password_reset = mfa_exempt(auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt"))
password_reset_sent = mfa_exempt(auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_sent.html"))
password_reset_confirm = mfa_exempt(auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html"))
password_reset_done = mfa_exempt(auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_done.html"))


def login_email(request, credentials) -> str | None:
    """The email a sign-in attempt used, as django-axes counts failures against it."""
    email = (credentials or {}).get("username") or request.POST.get("username", "")
    return email.strip().lower() or None


def locked_out(request, *args, **kwargs):
    """django-axes calls this once an email has failed too often from one address."""
    ctx = {"form": LoginForm(request), "locked_out": True}
    return render(request, "accounts/login.html", ctx, status=429)


# What a browser is asked to forget when someone signs out or leaves in a hurry: its HTTP
# cache (so Back has nothing to show) and its cookies. Site storage stays, because that is
# where the offline crisis page and, only if the client chose it, their plan are kept.
FORGET = '"cache", "cookies"'


@mfa_exempt
@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "You're signed out.")
    response = redirect("login")
    response["Clear-Site-Data"] = FORGET
    return response


@csrf_exempt  # a stale page must never stop someone leaving; signing out is all it does
@mfa_exempt
@require_POST
def quick_exit(request):
    """One tap: end the session on the server, ask the browser to forget, and leave.

    The page's script sends this as a beacon and leaves at once; without a script the
    button posts here and the answer sends the browser on.
    """
    logout(request)
    response = HttpResponse(status=303)
    response["Location"] = settings.QUICK_EXIT_URL
    response["Clear-Site-Data"] = FORGET
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def stay_signed_in(request):
    """The 'Stay signed in' tap before an idle sign-out: the request itself is the point."""
    return HttpResponse(status=204)


@login_required
@require_http_methods(["GET", "POST", "DELETE"])
def draft(request):
    """This person's unsaved words for one page: GET to restore, POST to keep, DELETE to
    let go. The page sends them as they type: a client's diary, a clinician's note."""
    form = DraftForm(request.GET if request.method in ("GET", "DELETE") else request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    path = form.cleaned_data["path"]
    if request.method == "DELETE":
        drafts.discard_draft(request.user, path)
        return HttpResponse(status=204)
    if request.method == "POST":
        drafts.keep_draft(request.user, path, form.cleaned_data["values"])
        return HttpResponse(status=204)
    found = drafts.draft_for(request.user, path)
    if found is None:
        return HttpResponse(status=204)
    return JsonResponse({"values": json.loads(found.fields),
                         "saved_at": found.updated_at.isoformat()})


def _next_url(request) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@mfa_exempt
@login_required
def mfa(request):
    """Second step for clinicians and admins: the code from their authenticator app."""
    if not request.user.needs_mfa:
        raise Http404
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('mfa_setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST or None)
    allowed = True
    if form.is_valid():
        paused = services.mfa_paused(device)
        allowed = not paused and device.verify_is_allowed()[0]
        if allowed and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            request.session.cycle_key()  # a new session id for the fully signed-in session
            return redirect(_next_url(request))
        if allowed:
            record(Action.MFA_FAILED, actor=request.user, subject=request.user)
        form.add_error("token", "Too many codes in a row didn't work, so two-step sign-in is "
                                f"paused for {services.MFA_PAUSE_MINUTES} minutes." if paused
                       else "That code didn't work. Codes change every 30 seconds; try the "
                            "newest one." if allowed else
                            "Too many tries in a row. Wait a few seconds, then try the newest "
                            "code.")
    return render(request, "accounts/mfa.html", {"form": form},
                  status=429 if form.errors and not allowed else 200)


@mfa_exempt
@login_required
def mfa_setup(request):
    """First sign-in of a clinician or admin, or a client who chose it: enrol an
    authenticator app."""
    if not (request.user.needs_mfa or request.user.is_client):
        raise Http404
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(_next_url(request) if request.user.is_verified() else "mfa")
    device, _ = TOTPDevice.objects.get_or_create(user=request.user, confirmed=False,
                                                 defaults={"name": "Authenticator app"})
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            if request.user.is_client:
                request.user.mfa_enabled = True
                request.user.save(update_fields=["mfa_enabled"])
            otp_login(request, device)
            record(Action.MFA_ENABLED, actor=request.user, subject=request.user)
            messages.success(request, "Two-step sign-in is on.")
            return redirect(_next_url(request))
        form.add_error("token", "That code didn't match. Check the app shows Between, "
                                "then try the newest code.")
    ctx = {"form": form, "qr": qr_svg(device), "secret": secret_of(device)}
    return render(request, "accounts/mfa_setup.html", ctx)


@login_required
def settings_view(request):
    password_form = PasswordChangeForm(request.user)
    tokens = AccessToken.objects.filter(user=request.user, revoked_at__isnull=True)
    ctx = {"password_form": password_form, "token_form": AccessTokenForm(), "tokens": tokens,
           "new_token": request.session.pop("new_token", None),
           "zone_form": TimeZoneForm(initial={"time_zone": request.user.time_zone})}
    if request.user.mfa_enabled:
        ctx["mfa_off_form"] = TokenForm(auto_id="off_%s")
        ctx["mfa_off_form"].fields["token"].widget.attrs.pop("autofocus", None)
    if request.user.is_client:
        contact = ContactDetails.objects.filter(client=request.user).first()
        ctx["contact_form"] = ContactForm(initial={"phone": contact.phone, "how": contact.how}
                                          if contact else None)
        ctx["contact_url"] = reverse("settings_contact")
    else:
        from between.lib import webpush

        ctx["push_key"] = webpush.public_key()
    return render(request, "accounts/settings.html", ctx)


@login_required
@require_POST
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        tokens = AccessToken.objects.filter(user=request.user, revoked_at__isnull=True)
        ctx = {"password_form": form, "token_form": AccessTokenForm(), "tokens": tokens}
        return render(request, "accounts/settings.html", ctx, status=400)
    form.save()
    revoked = services.sign_out_everywhere(form.user, actor=request.user)
    update_session_auth_hash(request, form.user)
    request.session["started_at"] = time.time()  # this session carries on; others end
    messages.success(request, "Your password is changed. You're signed out everywhere else"
                     + (f", and your {revoked} API token{'s' if revoked != 1 else ''} stopped "
                        "working" if revoked else "") + ".")
    return redirect("settings")


@login_required
@require_POST
def time_zone(request):
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("time_zone: choose a time zone from the list, for "
                                      "example Europe/London.")
    request.user.time_zone = form.cleaned_data["time_zone"]
    request.user.save(update_fields=["time_zone"])
    messages.success(request, f"Times now follow {request.user.time_zone.replace('_', ' ')}.")
    return redirect("settings")


@client_required
@require_POST
def contact_details(request):
    """The phone number the client's care team sees beside a flag; empty removes it."""
    form = ContactForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(e for errors in form.errors.values()
                                               for e in errors))
    phone, how = form.cleaned_data["phone"], form.cleaned_data["how"]
    services.save_contact(request.user, phone=phone, how=how)
    messages.success(request, "Saved. Your care team can see it." if phone else
                     "Removed. Your care team no longer sees a phone number for you.")
    return redirect(reverse("settings") + "#contact")


@login_required
@require_POST
def sign_out_everywhere(request):
    """End every session, this one too, and every API token."""
    services.sign_out_everywhere(request.user, actor=request.user)
    logout(request)
    messages.info(request, "You're signed out everywhere, on every device, and your API "
                  "tokens no longer work.")
    response = redirect("login")
    response["Clear-Site-Data"] = FORGET
    return response


@login_required
@require_POST
def token_create(request):
    form = AccessTokenForm(request.POST)
    if form.is_valid():
        _, secret = services.create_token(request.user, form.cleaned_data["name"])
        # Shown once on the next page, then gone from the session.
        request.session["new_token"] = secret
    else:
        messages.error(request, "Give the token a name, so you know what it is for later.")
    return redirect("settings")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(AccessToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.revoke_token(token, actor=request.user)
    messages.success(request, f"“{token.name}” no longer works.")
    return redirect("settings")


def _get_link_for_client(request, pk) -> CareLink:
    return get_object_or_404(CareLink.objects.select_related("clinician"), pk=pk,
                             client=request.user)


@client_required
def sharing(request):
    links = CareLink.objects.active().filter(client=request.user).select_related(
        "clinician__clinic__duty_clinician")
    rows = [(link, ScopesForm(initial={"scopes": link.scopes()}, prefix=f"l{link.pk}"))
            for link in links]
    ended = (CareLink.objects.filter(client=request.user, ended_at__isnull=False)
             .select_related("clinician").order_by("-ended_at"))
    return render(request, "accounts/sharing.html", {"rows": rows, "ended": ended})


@client_required
@require_POST
def sharing_update(request, pk):
    link = _get_link_for_client(request, pk)
    form = ScopesForm(request.POST, prefix=f"l{link.pk}")
    if not form.is_valid():
        messages.error(request, "Something in that form wasn't one of the choices. "
                                "Nothing changed.")
        return redirect("sharing")
    services.share_scopes(link, set(form.cleaned_data["scopes"]), actor=request.user)
    messages.success(request, f"Saved. {link.clinician} sees exactly what is ticked, from now.")
    return redirect("sharing")


@client_required
@require_POST
def sharing_stop(request, pk):
    link = _get_link_for_client(request, pk)
    services.share_scopes(link, set(), actor=request.user)
    messages.success(request, f"{link.clinician} no longer sees your diary card, safety plan, "
                              "questionnaire scores, parts or journal. They still see messages "
                              "and check-ins you send them, your session feedback and repair "
                              "notes. To stop those too, end your link below.")
    return redirect("sharing")


@login_required
@require_POST
def push_device(request):
    """This browser asks for reminders (a client) or urgent-flag alerts (a clinician or
    an administrator) by Web Push (JSON: the PushSubscription), or, with
    {"forget": endpoint}, stops."""
    from between.accounts.models import PushDevice
    from between.lib.errors import FieldError

    if request.content_type != "application/json":
        return JsonResponse({"errors": {"body": ["Send the subscription as JSON."]}},
                            status=400)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"errors": {"body": ["Send the subscription as JSON."]}},
                            status=400)
    if not isinstance(data, dict):
        return JsonResponse({"errors": {"body": ["Send the subscription as JSON."]}},
                            status=400)
    if "forget" in data:
        PushDevice.objects.filter(user=request.user, endpoint=str(data["forget"])).delete()
        return HttpResponse(status=204)
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    missing = [name for name, value in (("endpoint", data.get("endpoint")),
                                        ("keys.p256dh", keys.get("p256dh")),
                                        ("keys.auth", keys.get("auth")))
               if not isinstance(value, str) or not value or len(value) > 1000]
    if missing:
        return JsonResponse({"errors": {name: ["This is needed."] for name in missing}},
                            status=400)
    try:
        device = services.add_push_device(request.user, endpoint=data["endpoint"],
                                          p256dh=keys["p256dh"], auth=keys["auth"])
    except FieldError as exc:
        return JsonResponse({"errors": {exc.field: [exc.message]}}, status=400)
    return JsonResponse({"service": device.service}, status=201)


@client_required
@require_POST
def mfa_off(request):
    """A client turns their chosen two-step sign-in off, with a current code."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    form = TokenForm(request.POST)
    if device is None or not request.user.mfa_enabled:
        return redirect("settings")
    if not form.is_valid() or not device.verify_token(form.cleaned_data["token"]):
        messages.error(request, "That code didn't work, so two-step sign-in is still on. "
                                "Try the newest code from your app.")
        return redirect(f"{reverse('settings')}#two-step")
    TOTPDevice.objects.filter(user=request.user).delete()
    request.user.mfa_enabled = False
    request.user.save(update_fields=["mfa_enabled"])
    record(Action.MFA_DISABLED, actor=request.user, subject=request.user)
    messages.success(request, "Two-step sign-in is off. Your password is enough to sign in.")
    return redirect("settings")
