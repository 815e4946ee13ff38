"""Every URL, every kind of visitor: who gets in, who is sent to sign in, who gets a 404.

The table below must name every URL pattern the resolver knows, and every method of
every API path. A new URL without a row here fails the suite.
"""

import json
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from between.accounts.models import SCOPES, Clinic
from between.accounts.services import create_token, link_client, share_scopes
from between.api import api
from between.care import agenda, calendar
from between.care import sessions as care_sessions
from between.care.messaging import send_message
from between.care.models import (
    Away,
    ClinicalNote,
    CoverChoice,
    Flag,
    Message,
    SavedReply,
    UrgentAlert,
)
from between.circles import services as circles
from between.clinic import services as clinic_services
from between.clinic.models import MfaReset
from between.diary import services as diary
from between.diary.models import CardItem
from between.journal.models import Entry
from between.measures import services as measures
from between.parts import services as parts
from between.rights import services as rights
from between.safety import services as safety
from between.skills import services as skills
from between.summary import services as summaries
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, PeerWorkerFactory, UserFactory

# colleague: a clinician in clin's clinic and team, not linked with the owner. cover: a colleague
# covering for clin while clin is away, to whom the owner chose to send their messages.
# elsewhere: a client in another circle of the same clinic, who is not in the owner's.
# peer: a peer worker in clin's clinic, named a moderator of the owner's circle.
ACTORS = ["anon", "owner", "other", "clin", "revoked", "unrelated", "nomfa", "admin",
          "colleague", "cover", "elsewhere", "peer"]

OK, LOGIN, MFA, NOT_FOUND, BAD = "ok", "login", "mfa", "404", "400"


def row(anon, owner, other, clin, revoked, unrelated, nomfa, admin, *, colleague=None,
        cover=None, elsewhere=None, peer=None):
    """Who gets what. A colleague and a cover get what an unrelated clinician gets, unless
    said otherwise: sharing a clinic gives nobody anything. A member of another circle
    gets what any other client gets: being in a circle opens nothing else. A peer worker
    gets what every signed-in kind of person gets, and otherwise nothing, unless said."""
    colleague = unrelated if colleague is None else colleague
    cover = unrelated if cover is None else cover
    elsewhere = other if elsewhere is None else elsewhere
    if peer is None:
        peer = owner if owner == clin == admin else NOT_FOUND
    return dict(zip(ACTORS, [anon, owner, other, clin, revoked, unrelated, nomfa, admin,
                             colleague, cover, elsewhere, peer], strict=True))


EVERYONE = row(OK, OK, OK, OK, OK, OK, OK, OK)
SIGNED_IN = row(LOGIN, OK, OK, OK, OK, OK, MFA, OK)
CLIENTS_ONLY = row(LOGIN, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)
OWNER_ONLY = row(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)
LINKED_CLINICIAN = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, MFA, NOT_FOUND)
SCOPED_CLINICIAN = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)
CLINICIANS_ONLY = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK, MFA, NOT_FOUND)
# Only the circle's moderators: clin, and the peer worker named with them. Colleagues in
# the same clinic are not, unless named.
MODERATOR = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND,
                peer=OK)
MODERATORS_ONLY = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, OK, MFA, NOT_FOUND, peer=OK)
# What only the circle's clinicians do: change it, offer places.
CIRCLE_CLINICIAN = row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)
API = {LOGIN: 401, MFA: 403}


@dataclass
class Rule:
    expect: dict
    data: dict | None = None
    query: str = ""


# (route, method) -> rule. Routes are the resolver's own pattern strings.
POLICY = {
    ("", "GET"): Rule(EVERYONE),
    ("healthz", "GET"): Rule(EVERYONE),
    ("manifest.webmanifest", "GET"): Rule(EVERYONE),
    ("favicon.ico", "GET"): Rule(EVERYONE),
    ("crisis", "GET"): Rule(EVERYONE),
    ("manage/", "GET"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                 MFA, OK)),
    ("accounts/login/", "GET"): Rule(EVERYONE),
    ("more/", "GET"): Rule(CLIENTS_ONLY),
    ("accounts/logout/", "POST"): Rule(row(*[LOGIN] * 8)),
    ("exit/", "POST"): Rule(EVERYONE),
    ("sharing/{pk}/end/", "GET"): Rule(OWNER_ONLY),
    ("sharing/{pk}/end/", "POST"): Rule(OWNER_ONLY),
    ("care/clients/{client_id}/close/", "GET"): Rule(LINKED_CLINICIAN),
    ("care/clients/{client_id}/close/", "POST"): Rule(LINKED_CLINICIAN),
    ("settings/sign-out-everywhere/", "POST"): Rule(row(*[LOGIN] * 6, MFA, LOGIN)),
    ("settings/country/", "POST"): Rule(CLIENTS_ONLY, {"country": "GB"}),
    ("accounts/stay/", "POST"): Rule(SIGNED_IN),
    # Everyone signed in keeps their own unsaved words: a client's diary, a clinician's note.
    ("drafts/", "GET"): Rule(SIGNED_IN, query="path=/journal/new/"),
    ("drafts/", "POST"): Rule(SIGNED_IN, {"path": "/journal/new/",
                                             "values": '{"body": ["a few words"]}'}),
    ("push/devices/", "POST"): Rule(row(LOGIN, BAD, BAD, BAD, BAD, BAD, MFA, BAD),
                                    {}),
    ("accounts/password-reset/", "GET"): Rule(EVERYONE),
    ("accounts/password-reset/sent/", "GET"): Rule(EVERYONE),
    ("accounts/reset/{uidb64}/{token}/", "GET"): Rule(EVERYONE),
    ("accounts/reset/done/", "GET"): Rule(EVERYONE),
    ("accounts/mfa/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 2, OK, OK, OK, OK, OK, peer=OK)),
    # A client may choose two-step sign-in, so they may open its set-up page too.
    ("accounts/mfa/setup/", "GET"): Rule(row(LOGIN, OK, OK, OK, OK, OK, MFA, OK)),
    ("settings/", "GET"): Rule(SIGNED_IN),
    ("settings/password/", "POST"): Rule(row(LOGIN, BAD, BAD, BAD, BAD, BAD, MFA, BAD), {}),
    ("settings/tokens/", "POST"): Rule(SIGNED_IN, {"name": "matrix"}),
    ("settings/tokens/{pk}/revoke/", "POST"): Rule(OWNER_ONLY, {}),
    ("sharing/", "GET"): Rule(CLIENTS_ONLY),
    ("sharing/{pk}/", "POST"): Rule(OWNER_ONLY, {"l{pk}-scopes": ["diary"]}),
    ("sharing/{pk}/stop/", "POST"): Rule(OWNER_ONLY, {}),
    ("privacy/seen/", "GET"): Rule(CLIENTS_ONLY),
    ("privacy/data/", "GET"): Rule(CLIENTS_ONLY),
    ("privacy/data/export/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("privacy/data/export/{pk}/", "POST"): Rule(OWNER_ONLY, {}),
    ("privacy/data/everything/", "GET"): Rule(CLIENTS_ONLY),
    ("privacy/data/import/", "POST"): Rule(row(LOGIN, BAD, BAD, *[NOT_FOUND] * 3, MFA,
                                               NOT_FOUND), {}),
    ("privacy/data/close/", "GET"): Rule(CLIENTS_ONLY),
    ("privacy/data/close/", "POST"): Rule(row(LOGIN, BAD, BAD, *[NOT_FOUND] * 3, MFA,
                                              NOT_FOUND), {}),
    ("privacy/data/close/cancel/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("privacy/delete/{kind}/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("privacy/delete/{kind}/{pk}/", "POST"): Rule(OWNER_ONLY, {}),
    ("manage/erase/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/erase/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, BAD), {}),
    ("api/export", "GET"): Rule(CLIENTS_ONLY),
    ("journal/", "GET"): Rule(CLIENTS_ONLY),
    ("journal/new/", "GET"): Rule(CLIENTS_ONLY),
    ("journal/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("sw.js", "GET"): Rule(EVERYONE),
    ("crisis-mode/", "GET"): Rule(CLIENTS_ONLY),
    ("crisis-mode/saved/", "GET"): Rule(CLIENTS_ONLY),
    ("safety-plan/", "GET"): Rule(CLIENTS_ONLY),
    ("safety-plan/edit/", "GET"): Rule(CLIENTS_ONLY),
    ("safety-plan/versions/", "GET"): Rule(CLIENTS_ONLY),
    ("safety-plan/versions/{number}/", "GET"): Rule(OWNER_ONLY),
    ("safety-plan/suggestions/{pk}/", "POST"): Rule(OWNER_ONLY, {"decision": "decline"}),
    ("safety-plan/plan.pdf", "GET"): Rule(OWNER_ONLY),
    ("safety-plan/wallet-card.pdf", "GET"): Rule(OWNER_ONLY),
    ("safety-plan/offline/", "GET"): Rule(CLIENTS_ONLY),
    ("safety-plan/offline-copy/", "GET"): Rule(CLIENTS_ONLY),
    ("care/clients/{client_id}/safety-plan/", "GET"): Rule(SCOPED_CLINICIAN),
    ("api/crisis-lines", "GET"): Rule(row(OK, OK, OK, OK, OK, OK, MFA, OK)),
    ("api/safety-plan", "GET"): Rule(CLIENTS_ONLY),
    ("api/safety-plan", "PUT"): Rule(CLIENTS_ONLY, {"sections": {"warning_signs": ["x"]}}),
    ("api/clients/{client_id}/safety-plan", "GET"): Rule(SCOPED_CLINICIAN),
    ("diary/", "GET"): Rule(CLIENTS_ONLY),
    ("diary/day/{day}/", "GET"): Rule(CLIENTS_ONLY),
    ("diary/week/", "GET"): Rule(CLIENTS_ONLY),
    ("diary/week/{start}.pdf", "GET"): Rule(CLIENTS_ONLY),
    ("diary/trends/", "GET"): Rule(CLIENTS_ONLY),
    ("diary/export.csv", "GET"): Rule(CLIENTS_ONLY),
    ("diary/card/", "GET"): Rule(CLIENTS_ONLY),
    ("diary/card/items/", "POST"): Rule(CLIENTS_ONLY, {"kind": "urge", "label": "Urge x"}),
    ("diary/card/items/{pk}/toggle/", "POST"): Rule(OWNER_ONLY, {}),
    ("diary/card/thresholds/", "POST"): Rule(CLIENTS_ONLY, {"die_threshold": 3,
                                                          "self_harm_threshold": 4}),
    ("diary/card/commitments/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("diary/card/reminder/", "POST"): Rule(CLIENTS_ONLY, {"at": "20:00", "stop_after": 7,
                                                          "by_email": "on"}),
    ("diary/card/commitments/{pk}/end/", "POST"): Rule(OWNER_ONLY, {}),
    ("diary/card/proposals/{pk}/", "POST"): Rule(OWNER_ONLY, {"decision": "decline"}),
    # A flag is its clinician's, while the scope it came through is shared. Closing needs
    # what was done; reopening a flag that is open changes nothing.
    ("care/flags/{pk}/", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/flags/{pk}/", "POST"): Rule(SCOPED_CLINICIAN, {"done": ["called"]}),
    ("care/flags/{pk}/reopen/", "POST"): Rule(SCOPED_CLINICIAN, {}),
    # Staff of the clinic the alert belongs to: clin is; the others are in no clinic.
    ("care/urgent/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 2, OK, OK, OK, MFA, OK)),
    # An urgent alert is for the clinic's staff, whoever is on duty: it shows who and when,
    # never the words. A clinician of another clinic gets nothing.
    ("care/urgent/{pk}/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 2, OK, *[NOT_FOUND] * 2,
                                           MFA, NOT_FOUND, colleague=OK, cover=OK)),
    ("care/urgent/{pk}/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 2, OK, *[NOT_FOUND] * 2,
                                            MFA, NOT_FOUND, colleague=OK, cover=OK), {}),
    ("manage/people/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/people/invite/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK),
                                            {"email": "new@example.org", "role": "clinician"}),
    ("manage/people/{pk}/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/people/{pk}/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK),
                                          {"action": "role", "role": "clinician"}),
    ("manage/resets/{pk}/approve/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK), {}),
    ("manage/clients/{pk}/move/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/clients/{pk}/move/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, BAD), {}),
    ("manage/audit/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/teams/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/teams/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK),
                                    {"name": "Tuesday skills group"}),
    ("manage/teams/{pk}/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/teams/{pk}/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK),
                                         {"name": "Renamed team"}),
    # Names of teammates and of clients shared with both, for any clinician.
    ("care/team/", "GET"): Rule(CLINICIANS_ONLY),
    ("manage/audit/verify/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK), {}),
    # A staff invitation is for someone without an account: anyone signed in gets a 404.
    ("join/{token}/", "GET"): Rule(row(OK, *[NOT_FOUND] * 7)),
    ("join/{token}/", "POST"): Rule(row(BAD, *[NOT_FOUND] * 7), {}),
    # Self-signup, at a clinic that allows it; anyone signed in is sent home.
    ("settings/two-step/off/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("signup/{pk}/", "GET"): Rule(EVERYONE),
    ("signup/{pk}/", "POST"): Rule(row(BAD, *[OK] * 7), {}),
    ("signup/confirm/{token}/", "GET"): Rule(EVERYONE),
    ("signup/confirm/{token}/", "POST"): Rule(row(NOT_FOUND, *[OK] * 7), {}),
    ("care-team/changes/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("care-team/changes/{pk}/", "POST"): Rule(OWNER_ONLY, {}),
    ("manage/clinics/{pk}/", "GET"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK)),
    ("manage/clinics/{pk}/", "POST"): Rule(row(LOGIN, *[NOT_FOUND] * 5, MFA, OK),
                                           {"out_of_hours": "next_window",
                                            "escalate_after_minutes": 30}),
    ("care/clients/{client_id}/diary/", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/clients/{client_id}/diary/trends/", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/clients/{client_id}/diary/week/{start}.pdf", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/clients/{client_id}/diary/cards.csv", "GET"): Rule(
        SCOPED_CLINICIAN, query="start=2026-11-01&end=2026-11-30"),
    ("care/clients/{client_id}/diary/propose/", "POST"): Rule(
        SCOPED_CLINICIAN, {"kind": "urge", "label": "Urge y"}),
    ("api/diary/cards", "GET"): Rule(CLIENTS_ONLY, query="start={day}&end={day}"),
    ("api/diary/cards/{day}", "GET"): Rule(OWNER_ONLY),
    ("api/diary/cards/{day}", "PUT"): Rule(CLIENTS_ONLY, {"urges": {"to_die": 0}}),
    ("api/screen", "POST"): Rule(SIGNED_IN, {"text": "a quiet day"}),
    ("messages/", "GET"): Rule(CLIENTS_ONLY),
    # Open to a client with a clinician to check in with: the member elsewhere has one.
    ("checkin/", "GET"): Rule(row(LOGIN, OK, *[NOT_FOUND] * 4, MFA, NOT_FOUND,
                                  elsewhere=OK)),
    ("sessions/", "GET"): Rule(CLIENTS_ONLY),
    ("sessions/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("sessions/{pk}/notes/", "POST"): Rule(OWNER_ONLY, {"body": "a note"}),
    ("invite/{token}/", "GET"): Rule(row(OK, *[NOT_FOUND] * 7)),
    ("care/digest/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/policy/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/load/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/invite/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/sessions/{pk}/notes/", "POST"): Rule(SCOPED_CLINICIAN, {"body": "a note"}),
    ("care/sessions/{pk}/change/", "POST"): Rule(SCOPED_CLINICIAN, {"change-what": "attended"}),
    ("care/clients/{client_id}/sessions/", "GET"): Rule(LINKED_CLINICIAN),
    ("care/digest/items/{pk}/", "POST"): Rule(SCOPED_CLINICIAN, {"handled": "1"}),
    # Private notes: any linked clinician writes their own; only the author opens one.
    ("care/clients/{client_id}/notes/", "GET"): Rule(LINKED_CLINICIAN),
    ("care/clients/{client_id}/notes/", "POST"): Rule(LINKED_CLINICIAN, {"body": "a note"}),
    ("care/notes/{pk}/", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/notes/{pk}/", "POST"): Rule(SCOPED_CLINICIAN, {"body": "a corrected note"}),
    ("care/clients/{client_id}/policy/", "GET"): Rule(LINKED_CLINICIAN),
    ("care/clients/{client_id}/policy/usual/", "POST"): Rule(LINKED_CLINICIAN, {}),
    ("api/messages", "POST"): Rule(OWNER_ONLY, {"clinician_id": "{clin_id}", "text": "hi"}),
    ("api/care/caseload", "GET"): Rule(CLINICIANS_ONLY),
    ("api/care/digest", "GET"): Rule(CLINICIANS_ONLY),
    ("api/sessions/{session_id}/feedback", "POST"): Rule(OWNER_ONLY, {
        "heard": 5, "worked_on": 5, "approach_fits": 5, "overall": 5}),
    ("skills/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/whats-happening/{slug}/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/practice/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/programme/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/programme/weeks/{number}/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("skills/programme/restart/{module}/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("skills/programme/reminder/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("skills/worksheets/{pk}/{step}/", "GET"): Rule(OWNER_ONLY),
    ("skills/chains/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/chains/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("diary/day/{day}/chain/", "GET"): Rule(OWNER_ONLY),
    ("skills/{slug}/", "GET"): Rule(CLIENTS_ONLY),
    ("skills/{slug}/start/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("care/clients/{client_id}/chains/", "GET"): Rule(SCOPED_CLINICIAN),
    ("api/skills", "GET"): Rule(SIGNED_IN),
    ("api/skills/{slug}", "GET"): Rule(SIGNED_IN),
    ("api/skills/{slug}/practice", "POST"): Rule(CLIENTS_ONLY, {"helped": 3}),
    ("api/chains", "GET"): Rule(CLIENTS_ONLY),
    ("api/chains", "POST"): Rule(OWNER_ONLY, {"day": "{today}"}),
    ("care/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/clients/{client_id}/", "GET"): Rule(LINKED_CLINICIAN),
    ("care/clients/{client_id}/journal/", "GET"): Rule(SCOPED_CLINICIAN),
    # The conversation belongs to the link, whatever is shared, and to a colleague
    # covering while the owner chose to send to them.
    ("care/clients/{client_id}/messages/", "GET"): Rule(
        row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, MFA, NOT_FOUND, cover=OK)),
    ("care/clients/{client_id}/messages/", "POST"): Rule(
        row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, MFA, NOT_FOUND, cover=OK),
        {"body": "Thanks for telling me."}),
    ("care/clients/{client_id}/messages/read-early/", "POST"): Rule(
        row(LOGIN, NOT_FOUND, NOT_FOUND, OK, OK, NOT_FOUND, MFA, NOT_FOUND, cover=OK), {}),
    ("messages/cover/", "POST"): Rule(OWNER_ONLY, {"clinician": "{clin_id}",
                                                   "to_cover": "yes"}),
    # Anyone signed in may link their own sessions to a calendar; the feed itself has
    # no session: its secret link is the key, and a wrong one is a 404.
    ("settings/time-zone/", "POST"): Rule(SIGNED_IN, {"time_zone": "Europe/Lisbon"}),
    ("settings/contact/", "POST"): Rule(CLIENTS_ONLY, {"phone": "+44 7700 900123"}),
    ("settings/calendar/", "GET"): Rule(SIGNED_IN),
    ("settings/calendar/", "POST"): Rule(SIGNED_IN, {"action": "make"}),
    ("calendar/{secret}.ics", "GET"): Rule(EVERYONE),
    ("care/away/", "GET"): Rule(CLINICIANS_ONLY),
    ("care/away/", "POST"): Rule(CLINICIANS_ONLY, {"starts_on": "{today}",
                                                   "ends_on": "{today}"}),
    ("care/away/{pk}/delete/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND,
                                                 NOT_FOUND, MFA, NOT_FOUND)),
    # Only a message sent to this clinician, so only the one it was sent to.
    ("care/clients/{client_id}/agenda/", "POST"): Rule(SCOPED_CLINICIAN,
                                                       {"message": "{message}"}),
    ("care/agenda/{pk}/done/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND,
                                                 NOT_FOUND, MFA, NOT_FOUND)),
    # A client with nobody to bring it to is told which field: "For the session with".
    ("sessions/agenda/", "POST"): Rule(row(LOGIN, OK, BAD, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                           MFA, NOT_FOUND),
                                       {"clinician": "{clin_id}", "body": "Last Tuesday"}),
    ("sessions/agenda/{pk}/remove/", "POST"): Rule(OWNER_ONLY),
    # A saved reply is its author's alone.
    ("care/saved-replies/{pk}/delete/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK,
                                                          NOT_FOUND, NOT_FOUND, MFA,
                                                          NOT_FOUND)),
    # ninja's root: only there so it can work out its own prefix; a 404 for everyone.
    ("api/", "GET"): Rule(row(*[NOT_FOUND] * 6, MFA, NOT_FOUND)),
    ("api/openapi.json", "GET"): Rule(row(OK, OK, OK, OK, OK, OK, MFA, OK)),
    ("measures/", "GET"): Rule(CLIENTS_ONLY),
    ("measures/{slug}/start/", "POST"): Rule(CLIENTS_ONLY, {}),
    ("measures/responses/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("measures/responses/{pk}/{page}/", "GET"): Rule(OWNER_ONLY),
    # Going on with nothing chosen is refused, and the answer names the question.
    ("measures/responses/{pk}/{page}/", "POST"): Rule(
        row(LOGIN, BAD, *[NOT_FOUND] * 4, MFA, NOT_FOUND), {}),
    ("care/clients/{client_id}/measures/", "GET"): Rule(SCOPED_CLINICIAN),
    ("care/clients/{client_id}/measures/", "POST"): Rule(
        SCOPED_CLINICIAN, {"measure": "phq9", "schedule": "weekly"}),
    # Only the clinician who asked may stop asking.
    ("care/measures/{pk}/stop/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND,
                                                   NOT_FOUND, MFA, NOT_FOUND), {}),
    ("summaries/", "GET"): Rule(CLIENTS_ONLY),
    ("summaries/", "POST"): Rule(CLIENTS_ONLY, {"period": "30"}),
    ("summaries/{pk}/", "GET"): Rule(OWNER_ONLY),
    # Saving with no dates is refused, naming them; nothing else of it changes.
    ("summaries/{pk}/", "POST"): Rule(row(LOGIN, BAD, *[NOT_FOUND] * 4, MFA, NOT_FOUND), {}),
    ("summaries/{pk}/print/", "GET"): Rule(OWNER_ONLY),
    # Sent with nobody ticked: it stops sharing, which only its owner may do.
    ("summaries/{pk}/share/", "POST"): Rule(OWNER_ONLY),
    ("care/clients/{client_id}/summaries/", "GET"): Rule(LINKED_CLINICIAN),
    # Shared with clin only: another linked clinician doesn't get it.
    ("care/summaries/{pk}/", "GET"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND,
                                              NOT_FOUND, MFA, NOT_FOUND)),
    ("care/summaries/{pk}/before-my-appointment.pdf", "GET"): Rule(
        row(LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)),
    ("summaries/{pk}/before-my-appointment.pdf", "GET"): Rule(OWNER_ONLY),
    ("parts/", "GET"): Rule(CLIENTS_ONLY),
    ("parts/now/", "POST"): Rule(CLIENTS_ONLY, {"status": "not sure"}),
    ("parts/new/", "GET"): Rule(CLIENTS_ONLY),
    ("parts/new/", "POST"): Rule(CLIENTS_ONLY, {"name": "Wren"}),
    ("parts/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("parts/{pk}/", "POST"): Rule(OWNER_ONLY, {"name": "Ash, renamed"}),
    ("parts/log/new/", "GET"): Rule(CLIENTS_ONLY),
    ("parts/log/new/", "POST"): Rule(CLIENTS_ONLY, {"kind": "lost",
                                                    "started_at": "2026-01-01T10:00"}),
    ("parts/log/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("parts/log/{pk}/", "POST"): Rule(OWNER_ONLY, {"kind": "front", "status": "blurry",
                                                   "started_at": "2026-01-01T10:00"}),
    ("parts/import/", "GET"): Rule(CLIENTS_ONLY),
    # Sent without a file: refused, and the answer names the field.
    ("parts/import/", "POST"): Rule(row(LOGIN, BAD, BAD, *[NOT_FOUND] * 3, MFA, NOT_FOUND),
                                    {}),
    ("parts/export/pluralkit.json", "GET"): Rule(CLIENTS_ONLY),
    ("parts/export/pluralport.json", "GET"): Rule(CLIENTS_ONLY),
    ("care/clients/{client_id}/parts/", "GET"): Rule(SCOPED_CLINICIAN),
    ("api/measures", "GET"): Rule(CLIENTS_ONLY),
    ("api/measures/fhir", "GET"): Rule(CLIENTS_ONLY),
    ("api/measures/{measure}/responses", "POST"): Rule(CLIENTS_ONLY, {
        "answers": {**{str(n): 0 for n in range(1, 8)}, "difficulty": None}}),
    ("api/measures/responses/{response_id}/fhir", "GET"): Rule(OWNER_ONLY),
    ("api/clients/{client_id}/measures/fhir", "GET"): Rule(SCOPED_CLINICIAN),
    # Circles: the owner is a member who wrote a post; clin moderates the circle.
    ("circles/", "GET"): Rule(CLIENTS_ONLY),
    ("circles/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("circles/{pk}/", "POST"): Rule(OWNER_ONLY, {"body": "Hello, everyone."}),
    # A place they were offered: only the one offered it may take it.
    ("circles/{pk}/join/", "POST"): Rule(OWNER_ONLY, {"display_name": "Wren"}),
    ("circles/{pk}/leave/", "POST"): Rule(OWNER_ONLY),
    ("circles/posts/{pk}/", "GET"): Rule(OWNER_ONLY),
    ("circles/posts/{pk}/", "POST"): Rule(OWNER_ONLY, {"body": "Changed my words."}),
    ("circles/posts/{pk}/reply/", "POST"): Rule(OWNER_ONLY, {"body": "And another thing."}),
    ("circles/posts/{pk}/react/", "POST"): Rule(OWNER_ONLY, {"kind": "with_you"}),
    # One's own post can't be reported; the answer says why, naming the post.
    ("circles/posts/{pk}/report/", "POST"): Rule(row(LOGIN, BAD, *[NOT_FOUND] * 4, MFA,
                                                     NOT_FOUND)),
    ("circles/posts/{pk}/delete/", "POST"): Rule(OWNER_ONLY),
    # Every clinician may set up a circle; a peer worker sees the ones they moderate.
    ("care/circles/", "GET"): Rule(MODERATORS_ONLY),
    # A clinician outside any clinic is told circles belong to one, naming the field.
    ("care/circles/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, OK, BAD, BAD, MFA,
                                        NOT_FOUND, colleague=OK, cover=OK),
                                    {"name": "Thursday group"}),
    ("care/circles/held/", "GET"): Rule(MODERATORS_ONLY),
    ("care/circles/{pk}/", "GET"): Rule(MODERATOR),
    ("care/circles/{pk}/", "POST"): Rule(CIRCLE_CLINICIAN, {"name": "Renamed group"}),
    # With nobody chosen, the moderator is told which field.
    ("care/circles/{pk}/invite/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, BAD,
                                                    *[NOT_FOUND] * 2, MFA, NOT_FOUND)),
    # Only a circle with nobody moderating can be taken on; the owner's has clin.
    ("care/circles/{pk}/take-on/", "POST"): Rule(row(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                                     NOT_FOUND, NOT_FOUND, MFA, NOT_FOUND)),
    ("care/circles/posts/{pk}/", "GET"): Rule(MODERATOR),
    ("care/circles/posts/{pk}/", "POST"): Rule(MODERATOR, {"decision": "approve"}),
    ("care/circles/members/{pk}/pause/", "POST"): Rule(MODERATOR),
    ("api/me", "GET"): Rule(SIGNED_IN),
    ("api/me", "PATCH"): Rule(SIGNED_IN, {"display_name": "Renamed"}),
    ("api/care-links", "GET"): Rule(SIGNED_IN),
    ("api/care-links/{link_id}/scopes", "PUT"): Rule(OWNER_ONLY, {"scopes": ["diary"]}),
    ("api/clients/{client_id}", "GET"): Rule(LINKED_CLINICIAN),
    ("api/clients/{client_id}/journal", "GET"): Rule(SCOPED_CLINICIAN),
    ("api/journal", "GET"): Rule(CLIENTS_ONLY),
    ("api/journal", "POST"): Rule(CLIENTS_ONLY, {"text": "hello"}),
    ("api/journal/{entry_id}", "PUT"): Rule(OWNER_ONLY, {"text": "changed"}),
}


def _normalise(route: str) -> str:
    """`journal/<uuid:pk>/` and ninja's `clients/<client_id>` become `journal/{pk}/`..."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def _walk(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield _normalise(prefix + str(p.pattern))


def _api_methods(route: str) -> set[str]:
    ops = api.get_openapi_schema()["paths"].get("/" + route, {})
    return {m.upper() for m in ops}


def all_routes() -> set[tuple[str, str]]:
    found = set()
    for route in _walk(get_resolver()):
        if route.startswith("api/") and route not in ("api/", "api/openapi.json"):
            methods = _api_methods(route)
            assert methods, f"no OpenAPI operations found for {route}"
            found |= {(route, m) for m in methods}
        else:
            methods = {m for (r, m) in POLICY if r == route} or {"?"}
            found |= {(route, m) for m in methods}
    return found


def test_every_url_is_in_the_policy_table():
    routes = all_routes()
    missing = sorted(routes - POLICY.keys())
    stale = sorted(POLICY.keys() - routes)
    assert not missing, f"URLs with no access rule: {missing}"
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


@pytest.fixture
def world(db):
    owner, other = UserFactory(), UserFactory()
    clin, revoked, unrelated, nomfa = (ClinicianFactory() for _ in range(4))
    admin = AdminFactory()
    link = link_client(owner, clin, set(SCOPES))
    link_client(owner, nomfa, set(SCOPES))
    share_scopes(link_client(owner, revoked, set(SCOPES)), set(), actor=owner)
    token, _ = create_token(owner, "matrix")
    entry = Entry.objects.create(client=owner, body="shared words", shared=True)
    safety.save_plan(owner, {"warning_signs": ["a sign"]}, actor=owner)
    suggestion = safety.suggest(clin, owner, "coping_alone", "a step")
    today = safety.client_today(owner)
    diary.record_card(owner, today, diary.CardInput(urges={"to_die": 5}))
    item = CardItem.objects.get(client=owner, kind="behaviour", slug="self_harm")
    commitment = diary.start_commitment(owner, item, today)
    proposal = diary.propose_item(clin, owner, kind="urge", label="Urge z")
    flag = Flag.objects.get(clinician=clin)
    session = care_sessions.log_session(clin, owner, kind="attended",
                                        starts_at=timezone.now() - timedelta(days=1))
    invite_token = care_sessions.invite(clin, "invitee@example.org")
    diary.record_card(owner, today, diary.CardInput(urges={"to_die": 5},
                                                    behaviours={"self_harm": {"done": True}}))
    worksheet = skills.start_worksheet(owner, "tipp")
    chain = skills.save_chain(owner, day=today, behaviour="Self-harm", content={})
    export = rights.request_export(owner)
    clin.clinic = Clinic.objects.create(name="Matrix clinic", self_signup=True)
    clin.save(update_fields=["clinic"])
    team = clinic_services.save_team(clin.clinic, name="Matrix team", members=[clin],
                                     actor=None)
    alert = UrgentAlert.objects.create(clinic=clin.clinic, client=owner, summary="Journal",
                                       route="duty")
    lost = ClinicianFactory()
    reset = MfaReset.objects.create(person=lost, reason="lost phone, checked by call")
    staff_token = clinic_services.invite_staff(clin.clinic, "joiner@example.org", "clinician",
                                               actor=None)
    handover = clinic_services.propose_handover(owner, unrelated, kind="add", actor=None)
    saved = SavedReply.objects.create(clinician=clin, body="Let's make this the first thing "
                                                           "we talk about on Tuesday.")
    message = send_message(owner, clin, "Can we talk about Tuesday?").item
    Message.objects.filter(pk=message.pk).update(released_at=timezone.now())
    theirs = agenda.bring(owner, clin, "Tuesday", added_by=clin)
    mine = agenda.bring(owner, clin, "The weekend", added_by=owner)
    colleague = ClinicianFactory(clinic=clin.clinic)
    team.members.add(colleague)  # in a team with clin: that still opens nothing
    covering = ClinicianFactory(clinic=clin.clinic)
    away = Away.objects.create(clinician=clin, starts_on=today - timedelta(days=1),
                               ends_on=today + timedelta(days=7), cover=covering)
    CoverChoice.objects.create(client=owner, clinician=clin, to_cover=True)
    feed = calendar.make_feed(owner)
    asked = measures.assign(clin, owner, "gad7", "weekly")
    half_done = measures.start(owner, "phq9")
    notes = summaries.start_summary(owner, purpose="", start=today - timedelta(days=29),
                                    end=today)
    summaries.share(notes, [clin])
    part = parts.save_part(owner, name="Ash")
    front = parts.log_front(owner, fronting=[part]).front
    clinical_note = ClinicalNote.objects.create(client=owner, author=clin, body="Private.",
                                                session=session)
    circle = circles.save_circle(clin, name="Matrix circle", staffed=[])
    member = circles.join(circles.invite(clin, circle, owner), "Wren")
    circle_post = circles.write(member, body="Hello from the matrix.").post
    offered = circles.save_circle(clin, name="Offered circle", staffed=[])
    circles.invite(clin, offered, owner)
    elsewhere = UserFactory()
    link_client(elsewhere, colleague, set())
    elsewhere_circle = circles.save_circle(colleague, name="Another circle", staffed=[])
    circles.join(circles.invite(colleague, elsewhere_circle, elsewhere), "Kit")
    peer = PeerWorkerFactory(clinic=clin.clinic)
    circles.save_circle(clin, circle=circle, name=circle.name, staffed=[], moderators=[peer])
    users = dict(owner=owner, other=other, clin=clin, revoked=revoked, unrelated=unrelated,
                 nomfa=nomfa, admin=admin, colleague=colleague, cover=covering,
                 elsewhere=elsewhere, peer=peer)
    params = {"pk": None, "client_id": owner.pk, "response_id": half_done.pk,
              "link_id": link.pk, "entry_id": entry.pk,
              "uidb64": "MQ", "number": 1,
              "day": today, "start": today, "session_id": session.pk, "slug": "tipp",
              "step": 0, "page": 0, "module": "mindfulness", "kind": "journal-entry",
              "token": invite_token,  # also a well-formed but wrong password-reset token
              "measure": "gad7"}
    return users, params, {"token": token, "link": link, "entry": entry,
                           "suggestion": suggestion, "item": item, "commitment": commitment,
                           "proposal": proposal, "flag": flag, "session": session,
                           "clin_id": clin.pk, "worksheet": worksheet, "chain": chain,
                           "export": export, "alert": alert, "reset": reset,
                           "staff_token": staff_token, "handover": handover,
                           "unrelated": unrelated, "saved": saved, "message": message,
                           "agenda_theirs": theirs, "agenda_mine": mine, "away": away,
                           "calendar": feed, "asked": asked, "half_done": half_done,
                           "notes": notes, "team": team, "part": part, "front": front,
                           "clinical_note": clinical_note, "circle": circle,
                           "member": member, "circle_post": circle_post,
                           "offered": offered,
                           "today": str(today)}


def _url(route: str, params: dict, objects: dict) -> str:
    pk = {"settings/tokens/{pk}/revoke/": objects["token"].pk,
          "journal/{pk}/": objects["entry"].pk,
          "privacy/delete/{kind}/{pk}/": objects["entry"].pk,
          "privacy/data/export/{pk}/": objects["export"].pk,
          "safety-plan/suggestions/{pk}/": objects["suggestion"].pk,
          "diary/card/items/{pk}/toggle/": objects["item"].pk,
          "diary/card/commitments/{pk}/end/": objects["commitment"].pk,
          "diary/card/proposals/{pk}/": objects["proposal"].pk,
          "care/flags/{pk}/": objects["flag"].pk,
          "care/flags/{pk}/reopen/": objects["flag"].pk,
          "sessions/{pk}/": objects["session"].pk,
          "skills/worksheets/{pk}/{step}/": objects["worksheet"].pk,
          "skills/chains/{pk}/": objects["chain"].pk,
          "sessions/{pk}/notes/": objects["session"].pk,
          "care/sessions/{pk}/notes/": objects["session"].pk,
          "care/sessions/{pk}/change/": objects["session"].pk,
          "care/notes/{pk}/": objects["clinical_note"].pk,
          "care/digest/items/{pk}/": objects["message"].pk,
          "care/urgent/{pk}/": objects["alert"].pk,
          "manage/people/{pk}/": objects["unrelated"].pk,
          "manage/resets/{pk}/approve/": objects["reset"].pk,
          "manage/clients/{pk}/move/": params["client_id"],
          "signup/{pk}/": objects["alert"].clinic_id,
          "care-team/changes/{pk}/": objects["handover"].pk,
          "manage/clinics/{pk}/": objects["alert"].clinic_id,
          "care/saved-replies/{pk}/delete/": objects["saved"].pk,
          "care/agenda/{pk}/done/": objects["agenda_theirs"].pk,
          "care/away/{pk}/delete/": objects["away"].pk,
          "sessions/agenda/{pk}/remove/": objects["agenda_mine"].pk,
          "measures/responses/{pk}/": objects["half_done"].pk,
          "measures/responses/{pk}/{page}/": objects["half_done"].pk,
          "care/measures/{pk}/stop/": objects["asked"].pk,
          "summaries/{pk}/": objects["notes"].pk,
          "manage/teams/{pk}/": objects["team"].pk,
          "summaries/{pk}/print/": objects["notes"].pk,
          "summaries/{pk}/share/": objects["notes"].pk,
          "care/summaries/{pk}/": objects["notes"].pk,
          "care/summaries/{pk}/before-my-appointment.pdf": objects["notes"].pk,
          "summaries/{pk}/before-my-appointment.pdf": objects["notes"].pk,
          "parts/{pk}/": objects["part"].pk,
          "parts/log/{pk}/": objects["front"].pk,
          "circles/{pk}/": objects["circle"].pk,
          "circles/{pk}/join/": objects["offered"].pk,
          "circles/{pk}/leave/": objects["circle"].pk,
          "circles/posts/{pk}/": objects["circle_post"].pk,
          "circles/posts/{pk}/reply/": objects["circle_post"].pk,
          "circles/posts/{pk}/react/": objects["circle_post"].pk,
          "circles/posts/{pk}/report/": objects["circle_post"].pk,
          "circles/posts/{pk}/delete/": objects["circle_post"].pk,
          "care/circles/{pk}/": objects["circle"].pk,
          "care/circles/{pk}/invite/": objects["circle"].pk,
          "care/circles/{pk}/take-on/": objects["circle"].pk,
          "care/circles/posts/{pk}/": objects["circle_post"].pk,
          "care/circles/members/{pk}/pause/": objects["member"].pk,
          }.get(route, objects["link"].pk)
    overrides = {"skills/whats-happening/{slug}/": {"slug": "urge_to_harm"},
                 "join/{token}/": {"token": objects["staff_token"]},
                 "measures/{slug}/start/": {"slug": "phq9"},
                 "calendar/{secret}.ics": {"secret": objects["calendar"]}}.get(route, {})
    url = "/" + route.format(**{**params, "pk": pk, **overrides})
    query = POLICY.get((route, "GET"), Rule({})).query
    return url + ("?" + query.format(**params) if query else "")


def _outcome(response, is_api: bool) -> str:
    status = response.status_code
    if is_api:
        return {401: LOGIN, 403: MFA, 404: NOT_FOUND, 400: BAD}.get(status, OK if status < 300
                                                                  else str(status))
    if status == 204:
        return OK
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/accounts/mfa/"):
            return MFA
        return OK
    return {200: OK, 404: NOT_FOUND, 400: BAD}.get(status, str(status))


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route,method", sorted(POLICY), ids=lambda v: v or "root")
def test_access(world, route, method, actor):
    users, params, objects = world
    rule = POLICY[route, method]
    if actor == "anon":
        from django.test import Client

        http = Client()
    else:
        http = signed_in(users[actor], verified=actor != "nomfa")
    url = _url(route, params, objects)
    is_api = route.startswith("api/")
    placeholders = {"{clin_id}": objects["clin_id"], "{today}": objects["today"],
                    "{message}": str(objects["message"].pk)}
    data = {k.replace("{pk}", str(objects["link"].pk)):
            placeholders.get(v, v) if isinstance(v, str) else v
            for k, v in (rule.data or {}).items()}
    if method == "GET":
        response = http.get(url)
    elif is_api:
        response = http.generic(method, url, json.dumps(data), content_type="application/json")
    else:
        response = http.post(url, data)
    assert _outcome(response, is_api) == rule.expect[actor], (
        f"{method} {url} as {actor}: HTTP {response.status_code} "
        f"{response.get('Location', '')}")


def test_revoking_a_scope_hides_data_on_the_next_request(world):
    users, params, objects = world
    http = signed_in(users["clin"])
    url = f"/care/clients/{params['client_id']}/journal/"
    assert http.get(url).status_code == 200
    share_scopes(objects["link"], {"diary"}, actor=users["owner"])
    assert http.get(url).status_code == 404
    assert http.get(f"/api/clients/{params['client_id']}/journal").status_code == 404
