import pytest

from between.audit.services import record_read
from tests.conftest import signed_in
from tests.factories import UserFactory


@pytest.mark.django_db
def test_client_sees_each_clinician_read_and_sharing_change(link):
    signed_in(link.clinician).get(f"/care/clients/{link.client_id}/journal/")
    html = signed_in(link.client).get("/privacy/seen/").content.decode()
    assert str(link.clinician) in html
    assert "Looked at your shared journal" in html
    assert "Started sharing: Safety plan" in html
    assert "<td>You</td>" in html, "the client's own changes are theirs, not a stranger's"


@pytest.mark.django_db
def test_client_does_not_see_other_peoples_reads(link):
    other = UserFactory()
    record_read(link.clinician, other, "journal")
    html = signed_in(link.client).get("/privacy/seen/").content.decode()
    assert "Looked at" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_seen_page_query_count_is_constant(link, django_assert_num_queries, n):
    for _ in range(n):
        record_read(link.clinician, link.client, "overview")
    http = signed_in(link.client)
    with django_assert_num_queries(4):  # session, user, the chain, the reads still waiting
        html = http.get("/privacy/seen/").content.decode()
    assert html.count("Looked at your name and what you share") == n
