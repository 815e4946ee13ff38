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


@pytest.mark.parametrize("header,expected,unmatched", [
    ("en-GB,en;q=0.9", "GB", None),
    ("fr-CA,fr;q=0.9", "CA", None),
    ("en-US,en-GB;q=0.5", "US", None),
    ("en-GB;q=0.4,en-NZ", "NZ", None),
    ("de-DE,de;q=0.9", "GB", "DE"),
    ("en", "GB", None),
    ("", "GB", None),
    ("garbage;;q=x,,", "GB", None),
])
def test_country_from_accept_language(header, expected, unmatched):
    country, missing = directory.country_for(_request(header))
    assert (country.code, missing) == (expected, unmatched)


def test_saved_choice_beats_the_browser_language():
    country, _ = directory.country_for(_request("en-US", cookie="AU"))
    assert country.code == "AU"


def test_setting_picks_the_fallback_country(settings):
    settings.DEFAULT_COUNTRY = "IE"
    assert directory.country_for(_request("de-DE"))[0].code == "IE"


def test_stale_lists_entries_older_than_a_year():
    assert directory.stale(date(2026, 11, 23)) == []
    stale = directory.stale(date(2027, 11, 24))
    assert ("GB", "Samaritans", date(2026, 11, 23)) in stale
    assert len(stale) == 19
    assert directory.stale(date(2028, 2, 29))  # a leap day does not crash


def test_check_crisis_lines_command_lists_what_needs_checking(capsys):
    call_command("check_crisis_lines", "--today", "2026-12-01")
    assert "All 19 crisis-line entries were verified" in capsys.readouterr().out
    call_command("check_crisis_lines", "--today", "2028-01-01")
    out = capsys.readouterr().out
    assert "19 of 19 crisis-line entries need checking again" in out
    assert "NZ  Lifeline Aotearoa  (verified 2026-11-23)" in out
