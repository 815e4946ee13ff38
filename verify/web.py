"""The web pages as an attacker meets them, through gunicorn, signed in the way people are.

- CSRF: every route's POST, from a signed-in session without the token, is refused
  (the one exemption, Quick exit, only signs out).
- Password and two-step guessing stop after the stated number of tries, and a right
  password during the pause still doesn't get in.
- Session fixation: the session cookie someone had before signing in is not the one
  they have after.
- Open redirects: `next` never sends anyone off the site.
- Formula injection: a diary note starting with `=` is neutralised in the clinician's CSV.
"""

import base64
import csv
import http.cookiejar
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from verify.common import Figure, Installation, Server, request

# Quick exit only signs out: a stale page must never stop someone leaving.
EXEMPT = {"/exit/"}


class _Keep(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies and CSRF tokens, like a browser keeps them; redirects are not followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _Keep)

    def open(self, method: str, path: str, data: dict | None = None, *, csrf: bool = True,
             headers: dict | None = None) -> tuple[int, str, dict]:
        body = None
        if data is not None or method == "POST":
            fields = dict(data or {})
            if csrf and "csrfmiddlewaretoken" not in fields:
                fields["csrfmiddlewaretoken"] = self.cookie("csrftoken") or ""
            body = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(errors="replace"), \
                    dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace"), dict(exc.headers)

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def sign_in(self, email: str, password: str, totp_secret: str | None = None,
                next_url: str = "") -> tuple[int, dict]:
        self.open("GET", "/accounts/login/")
        query = f"?{urllib.parse.urlencode({'next': next_url})}" if next_url else ""
        status, _, headers = self.open("POST", f"/accounts/login/{query}",
                                       {"username": email, "password": password})
        if totp_secret and status in (301, 302):
            self.open("GET", headers.get("Location", "/accounts/mfa/").replace(self.base, ""))
            status, _, headers = self.open("POST", "/accounts/mfa/" + query,
                                           {"token": totp_now(totp_secret)})
        return status, headers


def totp_now(secret: str) -> str:
    from django_otp.oath import totp

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def _next_code_window(inst: Installation, email: str) -> None:
    """A code is good once: a second sign-in within 30 seconds would need the next one.
    Instead of waiting for it, forget which was used (what 30 seconds would do)."""
    inst.django("from django_otp.plugins.otp_totp.models import TOTPDevice\n"
                f"TOTPDevice.objects.filter(user__email={email!r}).update(last_t=-1)")


def _post_routes(inst: Installation) -> list[str]:
    found = json.loads(inst.django(
        "import json, re\n"
        "from django.urls import URLPattern, URLResolver, get_resolver\n"
        "def walk(r, prefix=''):\n"
        "    for p in r.url_patterns:\n"
        "        if isinstance(p, URLResolver):\n"
        "            yield from walk(p, prefix + str(p.pattern))\n"
        "        elif isinstance(p, URLPattern):\n"
        "            yield prefix + str(p.pattern)\n"
        "print(json.dumps(sorted(set(walk(get_resolver())))))"))
    fill = {"uuid": "00000000-0000-0000-0000-000000000000", "int64": "1", "slug": "journal",
            "str": "2026-01-05"}
    out = []
    for route in found:
        if route.startswith(("api/", "static/")) or route.startswith("^"):
            continue
        out.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>",
                                lambda m: fill.get(m.group(1) or "str", "x"), route))
    return out


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    figures = []
    people = inst.people
    client, clinician = people["client"], people["clinician"]

    # CSRF: every POST without the token, from signed-in sessions.
    routes = _post_routes(inst)
    accepted = []
    for person in (client, clinician):
        browser = Browser(server.base)
        browser.sign_in(person["email"], person["password"], person.get("totp_secret"))
        for path in routes:
            status, _, _ = browser.open("POST", path, {"body": "x"}, csrf=False)
            if status != 403 and path not in EXEMPT:
                accepted.append(f"{person['role']} POST {path}: {status}")
    for line in accepted[:8]:
        print("   ", line)
    figures += [Figure(f"CSRF: POSTs without a token, {len(routes)} routes, 2 roles",
                       2 * len(routes)),
                Figure("CSRF: accepted", len(accepted), "0", not accepted)]

    # Session fixation.
    browser = Browser(server.base)
    browser.open("GET", "/accounts/login/")
    browser.open("GET", "/")
    before = browser.cookie("sessionid")
    admin = people["admin"]
    browser.sign_in(admin["email"], admin["password"], admin["totp_secret"])
    after = browser.cookie("sessionid")
    figures.append(Figure("Session fixation: the session id changes on sign-in",
                          "yes" if after and after != before else "no", "yes",
                          bool(after and after != before)))

    # Open redirects through `next`.
    off_site = 0
    targets = ["https://evil.example/", "//evil.example/", "/\\evil.example/",
               "https:evil.example", " //evil.example", "\\\\evil.example"]
    for target in targets:
        browser = Browser(server.base)
        status, headers = browser.sign_in(people["client2"]["email"],
                                          people["client2"]["password"], next_url=target)
        where = urllib.parse.urlsplit(headers.get("Location", ""))
        if where.netloc and where.netloc != urllib.parse.urlsplit(server.base).netloc:
            off_site += 1
            print(f"    next={target!r} sent to {headers.get('Location')}")
    figures += [Figure("Open redirect: `next` values tried at sign-in", len(targets)),
                Figure("Open redirect: sent off the site", off_site, "0", off_site == 0)]

    # Formula injection: a diary note that starts a formula, in the clinician's CSV.
    # (Stored script in every field, on every page: verify/xss.py.)
    token = client["api_token"]
    zone = json.loads(request(server.base, "GET", "/api/me", token=token)[1])["time_zone"]
    day = datetime.now(ZoneInfo(zone)).date() - timedelta(days=1)
    request(server.base, "PUT", f"/api/diary/cards/{day}", token=token,
            body=json.dumps({"note": '=1+2 =HYPERLINK("http://evil.example")'}).encode())
    owner = int(inst.django("from between.accounts.models import User\n"
                            f"print(User.objects.get(email={client['email']!r}).pk)"))
    theirs = Browser(server.base)
    _next_code_window(inst, clinician["email"])
    theirs.sign_in(clinician["email"], clinician["password"], clinician["totp_secret"])
    status, text, _ = theirs.open(
        "GET", f"/care/clients/{owner}/diary/cards.csv?start={day}&end={day}")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row if "=1+2" in c]
    live = [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    figures.append(Figure(f"Formula injection: CSV cells with the probe ({len(cells)}) "
                          "left live", len(live), "0", bool(cells) and not live))
    # Last, because they lock the accounts they guess at for 15 minutes.
    # Password guessing: the pause begins at the stated limit (BETWEEN_LOGIN_FAILURE_LIMIT).
    guessed = people["client2"]
    guesser = Browser(server.base)
    tries = 0
    while tries < 20:
        tries += 1
        status, _ = guesser.sign_in(guessed["email"], "not-the-password")
        if status == 429:
            break
    status, _ = Browser(server.base).sign_in(guessed["email"], guessed["password"])
    figures += [Figure("Password guessing: the wrong try that starts the pause", tries, "5",
                       tries == 5),
                Figure("Password guessing: right password let in during the pause",
                       int(status in (301, 302)), "0", status not in (301, 302))]

    # Two-step guessing, with the right password.
    browser = Browser(server.base)
    browser.sign_in(clinician["email"], clinician["password"])
    codes = 0
    while codes < 20:
        codes += 1
        status, _, _ = browser.open("POST", "/accounts/mfa/", {"token": "000000"})
        if status == 429:
            break
    status, _, _ = browser.open("POST", "/accounts/mfa/",
                                {"token": totp_now(clinician["totp_secret"])})
    # django-otp doubles a wait after each wrong code (1 s, 2 s, 4 s...), so the pause can
    # come at the second try; the goal is that it comes by the fifth.
    figures += [Figure("Two-step guessing: the wrong code that starts the pause", codes, "≤5",
                       codes <= 5),
                Figure("Two-step guessing: right code let in during the pause",
                       int(status in (301, 302)), "0", status not in (301, 302))]

    return figures
