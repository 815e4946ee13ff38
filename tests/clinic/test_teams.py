"""Teams: an administrator makes them from the clinic's clinicians; a clinician sees who
else in their teams works with their clients, and gains no access from it."""

import pytest

from between.accounts.models import Clinic
from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.clinic.models import Team
from between.clinic.services import save_team
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, UserFactory


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside")


@pytest.fixture
def admin(clinic):
    return AdminFactory(clinic=clinic)


def test_an_administrator_makes_a_team_of_the_clinics_clinicians(admin, clinic):
    # Made and chosen out of name order: the list must still read by name, whatever
    # order the database hands the members back in.
    ben, ana = (ClinicianFactory(clinic=clinic, display_name=n) for n in ("Ben", "Ana"))
    page = signed_in(admin).post("/manage/teams/", {"name": "DBT consultation team",
                                                    "members": [ben.pk, ana.pk]})
    assert page.status_code == 302
    team = Team.objects.get()
    assert (team.clinic, set(team.members.all())) == (clinic, {ana, ben})
    event = AuditEvent.objects.get(action=Action.TEAM_CHANGED)
    assert event.detail["members"] == sorted([ana.pk, ben.pk])
    listing = signed_in(admin).get("/manage/teams/").text
    assert "DBT consultation team" in listing and "Ana, Ben" in listing


def test_another_clinics_clinician_cannot_be_added(admin, clinic):
    elsewhere = ClinicianFactory(clinic=Clinic.objects.create(name="Hilltop"))
    page = signed_in(admin).post("/manage/teams/", {"name": "Skills",
                                                    "members": [elsewhere.pk]})
    assert page.status_code == 400 and "Select a valid choice." in page.text
    assert not Team.objects.exists()


def test_a_name_used_twice_is_refused_by_field(admin, clinic):
    save_team(clinic, name="Skills group", members=[], actor=None)
    page = signed_in(admin).post("/manage/teams/", {"name": "skills GROUP"})
    assert page.status_code == 400
    assert "This clinic already has a team by that name." in page.text
    assert Team.objects.count() == 1


def test_an_administrator_of_another_clinic_gets_a_404(clinic):
    team = save_team(clinic, name="Skills", members=[], actor=None)
    other = AdminFactory(clinic=Clinic.objects.create(name="Hilltop"))
    assert signed_in(other).get(f"/manage/teams/{team.pk}/").status_code == 404
    assert signed_in(other).post(f"/manage/teams/{team.pk}/",
                                 {"name": "Mine now"}).status_code == 404
    team.refresh_from_db()
    assert team.name == "Skills"


def test_renaming_and_changing_members(admin, clinic):
    ana, ben = (ClinicianFactory(clinic=clinic) for _ in range(2))
    team = save_team(clinic, name="Skills", members=[ana], actor=None)
    signed_in(admin).post(f"/manage/teams/{team.pk}/", {"name": "Skills group",
                                                        "members": [ben.pk]})
    team.refresh_from_db()
    assert team.name == "Skills group" and list(team.members.all()) == [ben]


def test_a_clinician_sees_teammates_only_on_clients_shared_with_both(clinic):
    me, mate = (ClinicianFactory(clinic=clinic, display_name=n) for n in ("Me", "Mo Mate"))
    save_team(clinic, name="DBT team", members=[me, mate], actor=None)
    both, only_theirs = UserFactory(display_name="Robin"), UserFactory(display_name="Kit")
    link_client(both, me, {"diary"})
    link_client(both, mate, {"journal"})
    link_client(only_theirs, mate, {"diary"})
    page = signed_in(me).get("/care/team/").text
    assert "Mo Mate" in page and "Robin" in page
    assert "Kit" not in page, "a client who doesn't work with me isn't shown"
    client_page = signed_in(me).get(f"/care/clients/{both.pk}/").text
    assert "Also works with Robin, from your teams: Mo Mate." in client_page
    # Being in the team opens nothing of a client who doesn't share with me.
    assert signed_in(me).get(f"/care/clients/{only_theirs.pk}/").status_code == 404


def test_someone_in_no_team_is_told_how_to_join_one(db):
    page = signed_in(ClinicianFactory()).get("/care/team/").text
    assert "You aren't in a team." in page


@pytest.mark.parametrize("n", [1, 3])
def test_the_team_page_queries_stay_fixed(clinic, django_assert_num_queries, n):
    me = ClinicianFactory(clinic=clinic)
    mates = [ClinicianFactory(clinic=clinic) for _ in range(n)]
    save_team(clinic, name="Team", members=[me, *mates], actor=None)
    for mate in mates:
        client = UserFactory()
        link_client(client, me, {"diary"})
        link_client(client, mate, {"diary"})
    http = signed_in(me)
    with django_assert_num_queries(8):
        page = http.get("/care/team/")
    assert page.text.count("also works with") == n
