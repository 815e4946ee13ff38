import json

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp

from between.accounts.models import CareLink, User
from between.journal.models import Entry


@pytest.mark.django_db
def test_demo_json_gives_working_logins_totp_and_tokens(capsys, monkeypatch):
    monkeypatch.setenv("BETWEEN_DEMO_PASSWORD", "demo-pass-for-test")
    call_command("demo", "--json")
    out = json.loads(capsys.readouterr().out)
    users = {u["email"]: u for u in out["users"]}
    assert {"clinician@demo.between", "client@demo.between", "client2@demo.between"} <= set(users)
    clinician = users["clinician@demo.between"]
    assert clinician["password"] == "demo-pass-for-test" and clinician["totp_secret"]
    assert users["client@demo.between"]["totp_secret"] is None
    for email, info in users.items():
        me = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {info['api_token']}")
        assert me.json()["email"] == email
    # The printed secret is what an authenticator app needs.
    import base64

    key = base64.b32decode(clinician["totp_secret"] + "=" * (-len(clinician["totp_secret"]) % 8))
    http = Client()
    http.post("/accounts/login/", {"username": "clinician@demo.between",
                                   "password": "demo-pass-for-test"})
    http.post("/accounts/mfa/", {"token": f"{totp(key):06d}"})
    assert "Alex Morgan" in http.get("/care/").content.decode()


@pytest.mark.django_db
def test_demo_is_safe_to_run_twice_and_if_empty_leaves_data_alone(capsys):
    call_command("demo")
    call_command("demo")
    assert User.objects.filter(email__endswith="@demo.between").count() == 15
    assert CareLink.objects.count() == 12
    assert Entry.objects.count() == 4
    call_command("demo", "--if-empty")
    assert "left as it is" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_caseload_has_a_dozen_clients_with_a_range_of_weeks():
    from between.care.caseload import FILTERS, caseload, matching

    call_command("demo")
    clinician = User.objects.get(email="clinician@demo.between")
    rows = caseload(clinician)
    assert len(rows) == 12
    assert rows[0].client.display_name == "Alex Morgan", "the open flag comes first"
    for show in FILTERS:
        assert matching(rows, show=show), f"the {show!r} filter finds someone"
    reasons = {r.client.display_name: r.reason for r in rows}
    assert reasons["Priya Shah"] == "Urge to self-harm at 4 this week"
    assert reasons["Sofia Rossi"] == "Worse than at the start: PHQ-9 from 5 to 14"
    assert reasons["Leo Hughes"] == "Session feedback dipping"
    assert reasons["Tom Becker"].startswith("Last diary card")
    assert any(r.to_do for r in rows if r.client.display_name == "Hannah Novak")
    assert not any(r.open_flags for r in rows if r.client.display_name != "Alex Morgan")
    for person in User.objects.filter(email__startswith="caseload"):
        assert not person.has_usable_password(), "only the two demo clients sign in"
