"""A team, from the administrator making it to a clinician seeing who else is there."""

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.accounts.services import link_client
from between.clinic.models import Team
from tests.browser.conftest import PHONE, shot, sign_in_clinician
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.browser


def test_an_administrator_makes_a_team_and_a_clinician_sees_it(app, browser):
    sam = User.objects.get(email="clinician@demo.between")
    alex = User.objects.get(email="client@demo.between")
    priya = ClinicianFactory(clinic=sam.clinic, display_name="Priya Shah")
    link_client(alex, priya, {"diary"})

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    admin = context.new_page()
    sign_in_clinician(admin, app.url, "admin@demo.between")
    admin.goto(app.url + "/manage/")
    admin.get_by_role("link", name="Teams").click()
    admin.get_by_label("Team name").fill("DBT consultation team")
    admin.get_by_label("Sam Rivera").check()
    admin.get_by_label("Priya Shah").check()
    admin.get_by_role("button", name="Make the team").click()
    expect(admin.get_by_text("DBT consultation team made.")).to_be_visible()
    shot(admin, "teams-admin")
    assert set(Team.objects.get().members.all()) == {sam, priya}
    context.close()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.get_by_role("link", name="Your teams").click()
    team = page.get_by_role("region", name="DBT consultation team")
    expect(team).to_contain_text("Priya Shah: also works with Alex Morgan")
    shot(page, "teams-clinician")
    team.get_by_role("link", name="Alex Morgan").click()
    expect(page.get_by_text("Also works with Alex Morgan, from your teams: Priya Shah."))\
        .to_be_visible()
    context.close()
