"""axe-core's WCAG 2.2 AA rules, target size included, on every page a client, a
clinician or an administrator can open: the page list comes from the access matrix, so a
new page is checked without anyone adding it here."""

from datetime import timedelta
from pathlib import Path

import pytest

from between.accounts.models import CareLink, User
from between.accounts.services import share_scopes
from between.care.models import ClinicalNote, Flag, TherapySession, UrgentAlert
from between.clinic import services as clinic_services
from between.journal.models import Entry
from between.measures import services as measures
from between.parts import services as parts
from between.rights import services as rights
from between.safety.services import client_today
from between.skills import services as skills
from between.summary import services as summaries
from tests.browser.conftest import PHONE, sign_in, sign_in_clinician
from tests.factories import ClinicianFactory
from tests.test_access_matrix import OK, POLICY, _url

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
NOT_PAGES = (".pdf", ".csv", ".ics", "sw.js", "manifest.webmanifest", "favicon.ico", "healthz")
RUN = ("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
       "'wcag21aa', 'wcag22aa']}, rules: {'target-size': {enabled: true}}})")


def _pages(actor: str) -> list[str]:
    return sorted(route for (route, method), rule in POLICY.items()
                  if method == "GET" and rule.expect[actor] == OK and not route.startswith("api/")
                  and not route.endswith(NOT_PAGES))


class _Objects(dict):
    """The matrix's object table; kinds a GET page never uses fall back to the link."""

    def __missing__(self, key):
        return self["link"]


def _world():
    client = User.objects.get(email="client@demo.between")
    clinician = User.objects.get(email="clinician@demo.between")
    link = CareLink.objects.get(client=client, clinician=clinician)
    today = client_today(client)
    session = TherapySession.objects.filter(client=client, clinician=clinician).first()
    colleague = ClinicianFactory(clinic=clinician.clinic, display_name="Nia Okafor")
    alert = UrgentAlert.objects.create(clinic=clinician.clinic, client=client, route="duty",
                                       summary="Journal, Tue 01 Dec: urgent (overdose)")
    handover = clinic_services.propose_handover(client, colleague, kind="add", actor=None)
    part = parts.save_part(client, name="Ash", colour="#1e8449", description="Likes maps.")
    front = parts.log_front(client, fronting=[part], status="blurry").front
    share_scopes(link, set(link.scopes()) | {"parts"}, actor=client)
    objects = _Objects({"part": part, "front": front, "alert": alert, "handover": handover,
                        "unrelated": colleague,
                        "link": link, "entry": Entry.objects.filter(client=client).first(),
                        "flag": Flag.objects.filter(client=client, clinician=clinician).first(),
                        "session": session,
                        "clinical_note": ClinicalNote.objects.filter(author=clinician).first(),
                        "worksheet": skills.start_worksheet(client, "tipp"),
                        "chain": skills.save_chain(client, day=today, behaviour="Self-harm",
                                                   content={}),
                        "export": rights.request_export(client),
                        "half_done": measures.start(client, "phq9"),
                        "notes": summaries.start_summary(client, purpose="Assessment",
                                                         start=today - timedelta(days=29),
                                                         end=today)})
    params = {"pk": None, "client_id": client.pk, "link_id": link.pk, "uidb64": "MQ",
              "number": 1, "day": today, "start": today, "session_id": session.pk,
              "slug": "tipp", "step": 0, "page": 0, "module": "mindfulness",
              "kind": "journal-entry", "token": "x", "measure": "gad7"}
    return params, objects


def _is_a_page(page, url: str) -> bool:
    response = page.request.get(url)
    return response.status == 200 and "text/html" in response.headers.get("content-type", "")


def _check(page, base: str, routes: list[str], params, objects) -> list:
    problems = []
    for route in routes:
        url = base + _url(route, params, objects)
        if not _is_a_page(page, url):
            continue  # JSON, a file or an empty answer: nothing for a person to read
        page.goto(url)
        assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth") \
            != "none", f"/{route} is unstyled, so a pass would mean nothing"
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(RUN)
        assert result["passes"], "axe really ran"
        problems += [(route, v["id"], [n["target"] for n in v["nodes"]][:3])
                     for v in result["violations"]]
    return problems


def test_every_client_page_passes_axe(app, browser):
    params, objects = _world()
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    routes = _pages("owner")
    assert len(routes) >= 40
    assert _check(page, app.url, routes, params, objects) == []
    context.close()


def test_every_clinician_page_passes_axe(app, browser):
    params, objects = _world()
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.wait_for_url("**/care/**")
    routes = _pages("clin")
    assert len(routes) >= 12
    assert _check(page, app.url, routes, params, objects) == []
    context.close()


def test_every_admin_page_passes_axe(app, browser):
    params, objects = _world()
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    sign_in_clinician(page, app.url, "admin@demo.between")
    page.wait_for_url("**/manage/**")
    routes = _pages("admin")
    assert len(routes) >= 8
    assert _check(page, app.url, routes, params, objects) == []
    wide = []
    for route in routes:
        url = app.url + _url(route, params, objects)
        if _is_a_page(page, url):
            page.goto(url)
            if (width := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"]:
                wide.append((route, width))
    assert wide == [], "an administrator's pages fit a phone without scrolling sideways"
    context.close()


def test_pages_reflow_at_200_percent_zoom(app, browser):
    """WCAG 1.4.10: at 200% on a 1280px screen (a 640px viewport), nothing scrolls sideways."""
    params, objects = _world()
    context = browser.new_context(viewport={"width": 640, "height": 800}, locale="en-GB",
                                  device_scale_factor=2)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    wide = []
    for route in _pages("owner"):
        url = app.url + _url(route, params, objects)
        if not _is_a_page(page, url):
            continue
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 640:
            wide.append((route, width))
    assert wide == []
    context.close()


def test_the_breathing_guide_keeps_still_for_reduced_motion(app, browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", reduced_motion="reduce")
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    page.goto(app.url + "/crisis-mode/")
    duration = page.evaluate("getComputedStyle(document.querySelector('[data-breath-circle]'))"
                             ".transitionDuration")
    assert duration == "0s"
    context.close()
    moving = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in(moving, app.url, "client@demo.between")
    moving.wait_for_url(app.url + "/")
    moving.goto(app.url + "/crisis-mode/")
    assert moving.evaluate("getComputedStyle(document.querySelector('[data-breath-circle]'))"
                           ".transitionDuration") != "0s", "the check can tell the difference"
    moving.context.close()
