"""Away cover: a client is told before sending; their message goes to the colleague
covering only if they chose that, else it waits for the return; the colleague's access
follows that choice and ends with the time away."""

from datetime import timedelta

import pytest

from between.accounts.models import Clinic
from between.audit.models import Action, AuditEvent
from between.care import cover
from between.care.messaging import release_due
from between.care.models import Away, CoverChoice, Flag, Message, Reply
from between.diary.services import CardInput, record_card
from between.safety.services import client_today
from tests.conftest import signed_in
from tests.factories import ClinicianFactory


@pytest.fixture
def away(link, policy):
    clinic = Clinic.objects.create(name="Riverside")
    link.clinician.clinic = clinic
    link.clinician.save(update_fields=["clinic"])
    nia = ClinicianFactory(clinic=clinic, display_name="Nia Okafor")
    today = client_today(link.clinician)
    return Away.objects.create(clinician=link.clinician, starts_on=today - timedelta(days=1),
                               ends_on=today + timedelta(days=6), cover=nia)


@pytest.mark.django_db
def test_without_a_choice_the_client_is_told_and_it_waits(link, away):
    http = signed_in(link.client)
    page = http.get("/messages/").content.decode()
    assert f"{link.clinician} is away, back after" in page
    assert f"What you send waits for {link.clinician} to come back, unless you'd " \
           f"rather it went to Nia Okafor, who is covering." in page
    http.post("/messages/", {"clinician": link.clinician_id, "body": "Still here."})
    message = Message.objects.get()
    assert (message.clinician, message.covering_for) == (link.clinician, None)
    assert message.release_at >= cover.back_at(away), "it waits for the return"
    nia = signed_in(away.cover)
    assert nia.get(f"/care/clients/{link.client_id}/messages/").status_code == 404
    release_due(now=message.release_at - timedelta(minutes=1))
    assert "Still here" not in nia.get("/care/digest/").content.decode()


@pytest.mark.django_db
def test_chosen_cover_reads_replies_and_loses_access_when_the_time_away_ends(link, away):
    http = signed_in(link.client)
    http.post("/messages/cover/", {"clinician": link.clinician_id, "to_cover": "yes"})
    assert CoverChoice.objects.get().to_cover
    assert AuditEvent.objects.filter(action=Action.COVER_CHOSEN, subject_id=link.client_id)\
        .exists()
    page = http.get("/messages/").content.decode()
    assert "goes to Nia Okafor, who is covering" in page
    http.post("/messages/", {"clinician": link.clinician_id, "body": "Rough night."})
    message = Message.objects.get()
    assert (message.clinician, message.covering_for) == (away.cover, link.clinician)
    release_due(now=message.release_at)
    nia = signed_in(away.cover)
    digest = nia.get("/care/digest/").content.decode()
    assert "Rough night." in digest and f"covering for {link.clinician}" in digest
    thread = nia.get(f"/care/clients/{link.client_id}/messages/").content.decode()
    assert "Rough night." in thread and f"You're covering for {link.clinician}" in thread
    nia.post(f"/care/clients/{link.client_id}/messages/", {"body": "Thanks for saying."})
    reply = Reply.objects.get()
    assert (reply.clinician, reply.covering_for) == (away.cover, link.clinician)
    mine = http.get("/messages/").content.decode()
    assert "Thanks for saying." in mine and f"covering for {link.clinician}" in mine
    # Back: the clinician sees it all in their own conversation; the cover sees nothing.
    Away.objects.filter(pk=away.pk).update(ends_on=client_today(link.clinician)
                                           - timedelta(days=1))
    assert nia.get(f"/care/clients/{link.client_id}/messages/").status_code == 404
    own = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/messages/").content.decode()
    assert "Rough night." in own and "Thanks for saying." in own


@pytest.mark.django_db
def test_what_is_marked_for_attention_reaches_the_cover_only_by_choice(link, away):
    day = client_today(link.client)
    record_card(link.client, day, CardInput(urges={"to_die": 5}))
    assert set(Flag.objects.values_list("clinician_id", flat=True)) == {link.clinician_id}
    cover.choose(link.client, link.clinician, to_cover=True)
    record_card(link.client, day - timedelta(days=1), CardInput(urges={"to_die": 5}))
    assert Flag.objects.filter(clinician=away.cover).count() == 1
    page = signed_in(away.cover).get("/care/digest/").content.decode()
    assert "Urge to die rated 5" in page and "(you're covering)" in page


@pytest.mark.django_db
def test_a_colleague_not_covering_gets_nothing(link, away):
    cover.choose(link.client, link.clinician, to_cover=True)
    colleague = ClinicianFactory(clinic=away.cover.clinic)
    assert signed_in(colleague).get(
        f"/care/clients/{link.client_id}/messages/").status_code == 404


@pytest.mark.django_db
def test_time_away_is_checked_and_named(link, away):
    http = signed_in(link.clinician)
    today = client_today(link.clinician)
    response = http.post("/care/away/", {"starts_on": today, "ends_on": today - timedelta(
        days=1)})
    assert response.status_code == 400
    assert "The last day away can&#x27;t be before the first." in response.content.decode()
    stranger = ClinicianFactory()
    response = http.post("/care/away/", {"starts_on": today, "ends_on": today,
                                         "cover": stranger.pk})
    assert response.status_code == 400, "only a colleague in the clinic can cover"
    assert Away.objects.count() == 1
    http.post("/care/away/", {"starts_on": today + timedelta(days=20),
                              "ends_on": today + timedelta(days=22), "cover": away.cover.pk})
    assert Away.objects.count() == 2
    assert "Nia Okafor covering" in http.get("/care/away/").content.decode()
    assert signed_in(link.client).post("/messages/cover/", {
        "clinician": link.clinician_id, "to_cover": "maybe"}).status_code == 400


@pytest.mark.django_db
def test_ending_the_link_takes_back_what_waits_for_the_colleague_too(link, away):
    from between.care.messaging import end_link

    cover.choose(link.client, link.clinician, to_cover=True)
    signed_in(link.client).post("/messages/", {"clinician": link.clinician_id,
                                               "body": "For whoever covers."})
    assert Message.objects.get().clinician == away.cover
    assert end_link(link, actor=link.client) == 1
    assert not Message.objects.exists()
