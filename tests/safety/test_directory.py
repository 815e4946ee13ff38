from datetime import date

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from between.safety import directory

# A change to any of these must be deliberate: check the source, then update both the
# data file and this table.
KNOWN = {
    ("GB", "Samaritans"): ("tel:116123", ""),
    ("GB", "Shout"): ("", "sms:85258?&body=SHOUT"),
    ("IE", "Samaritans Ireland"): ("tel:116123", ""),
    ("IE", "Pieta"): ("tel:1800247247", "sms:51444?&body=HELP"),
    ("US", "988 Suicide & Crisis Lifeline"): ("tel:988", "sms:988"),
    ("US", "Crisis Text Line"): ("", "sms:741741?&body=HOME"),
    ("CA", "9-8-8 Suicide Crisis Helpline"): ("tel:988", "sms:988"),
    ("CA", "Kids Help Phone"): ("tel:18006686868", "sms:686868?&body=CONNECT"),
    ("AU", "Lifeline"): ("tel:131114", "sms:0477131114"),
    ("AU", "Suicide Call Back Service"): ("tel:1300659467", ""),
    ("NZ", "1737, Need to talk?"): ("tel:1737", "sms:1737"),
    ("NZ", "Lifeline Aotearoa"): ("tel:0800543354", "sms:4357?&body=HELP"),
}
EMERGENCY = {"GB": "999", "IE": "112", "US": "911", "CA": "911", "AU": "000", "NZ": "111"}


def _request(accept_language="", cookie=None):
    request = RequestFactory().get("/crisis", HTTP_ACCEPT_LANGUAGE=accept_language)
    if cookie:
        request.COOKIES[directory.COOKIE] = cookie
    return request


def test_directory_numbers_are_exactly_the_checked_ones():
    found = {}
    for country in directory.directory().countries.values():
        for line in country.lines:
            found[country.code, line.name] = (line.tel_href if line.phone else "",
                                              line.sms_href if line.sms else "")
    assert found == KNOWN
    assert {c.code: c.emergency for c in directory.directory().countries.values()} == EMERGENCY


def test_every_entry_cites_a_source_and_a_verified_date():
    for country in directory.directory().countries.values():
        assert country.emergency_source.startswith("https://")
        assert isinstance(country.verified, date)
        for line in country.lines:
            assert line.phone or line.sms, line.name
            assert line.source.startswith("https://"), line.name
            assert isinstance(line.verified, date) and line.checked, line.name
            assert line.hours and line.audience, line.name


def _request_as(user=None, *, header="en-US", cookie=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/crisis", HTTP_ACCEPT_LANGUAGE=header)
    if cookie:
        request.COOKIES[directory.COOKIE] = cookie
    request.user = user or AnonymousUser()
    return request


@pytest.mark.parametrize("header", ["en-US", "fr-CA", "de-DE", "en-NZ", "", "garbage;;q=x,,"])
def test_the_browsers_language_never_decides_the_country(header):
    where = directory.where(_request_as(header=header))
    assert (where.country.code, where.how) == ("GB", "default")


@pytest.mark.django_db
def test_a_london_client_with_an_american_browser_sees_their_own_countrys_lines(client_user):
    client_user.country = "GB"
    client_user.save()
    where = directory.where(_request_as(client_user, header="en-US"))
    assert (where.country.code, where.how) == ("GB", "setting")


@pytest.mark.django_db
def test_the_order_is_choice_setting_device_clinic_default(client_user, clinician, settings):
    from between.accounts.services import link_client

    settings.DEFAULT_COUNTRY = "IE"
    request = _request_as(client_user)
    assert directory.where(request).how == "default"
    assert directory.where(request).country.code == "IE"
    from between.accounts.models import Clinic

    clinician.clinic = Clinic.objects.create(name="Harbour DBT", country="AU")
    clinician.save()
    link_client(client_user, clinician, {"diary"})
    assert (directory.where(request).country.code, directory.where(request).how) == \
        ("AU", "clinic")
    request = _request_as(client_user, cookie="NZ")
    assert directory.where(request).country.code == "NZ"
    client_user.country = "CA"
    assert (directory.where(request).country.code, directory.where(request).how) == \
        ("CA", "setting")
    assert (directory.where(request, "US").country.code, directory.where(request, "US").how) \
        == ("US", "choice")
    assert directory.where(request, "<script>").country.code == "CA", "nonsense is ignored"


def test_a_country_without_helplines_gets_its_own_emergency_number_and_no_other():
    france = directory.lookup("FR")
    assert (france.emergency, france.lines) == ("112", ())
    assert directory.lookup("other").emergency == "" and directory.lookup("other").lines == ()
    assert directory.lookup("ZZ") is None
    for country in directory.directory().emergency_only.values():
        assert country.emergency == "112" and country.emergency_source.startswith("https://")
    assert "IE" not in directory.directory().emergency_only, "Ireland has its own entry"


def test_stale_lists_entries_older_than_a_year():
    assert directory.stale(date(2026, 11, 23)) == []
    stale = directory.stale(date(2027, 11, 24))
    assert ("GB", "Samaritans", date(2026, 11, 23)) in stale
    assert len(stale) == 19
    assert directory.stale(date(2028, 2, 29))  # a leap day does not crash


def test_check_crisis_lines_command_lists_what_needs_checking(capsys):
    call_command("check_crisis_lines", "--today", "2026-12-01")
    assert "All 20 crisis-line entries were verified" in capsys.readouterr().out
    call_command("check_crisis_lines", "--today", "2028-01-01")
    out = capsys.readouterr().out
    assert "20 of 20 crisis-line entries need checking again" in out
    assert "NZ  Lifeline Aotearoa  (verified 2026-11-23)" in out


@pytest.mark.django_db
def test_clinic_country_command_sets_and_checks(capsys):
    from django.core.management.base import CommandError

    from between.accounts.models import Clinic

    Clinic.objects.create(name="Harbour DBT")
    call_command("clinic_country", "Harbour DBT", "fr")
    assert Clinic.objects.get().country == "FR"
    assert "crisis lines for France, emergency 112" in capsys.readouterr().out
    with pytest.raises(CommandError, match="country: 'XX'"):
        call_command("clinic_country", "Harbour DBT", "XX")
    with pytest.raises(CommandError, match="clinic: no clinic"):
        call_command("clinic_country", "Nowhere", "GB")
    assert Clinic.objects.get().country == "FR"
