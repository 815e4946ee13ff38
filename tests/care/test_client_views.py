import pytest

from between.journal.models import Entry
from tests.conftest import sealed_reads, signed_in


@pytest.mark.django_db
def test_clinician_reads_only_shared_entries_and_the_read_is_audited(link):
    Entry.objects.create(client=link.client, body="shared thought", shared=True)
    Entry.objects.create(client=link.client, body="private thought", shared=False)
    http = signed_in(link.clinician)
    html = http.get(f"/care/clients/{link.client_id}/journal/").content.decode()
    assert "shared thought" in html and "private thought" not in html
    read = sealed_reads(subject_id=link.client_id).get()
    assert (read.actor_id, read.target) == (link.clinician_id, "journal")


@pytest.mark.django_db
def test_api_journal_read_matches_the_web_and_is_audited(link):
    Entry.objects.create(client=link.client, body="shared via api", shared=True)
    body = signed_in(link.clinician).get(f"/api/clients/{link.client_id}/journal").json()
    assert [e["text"] for e in body] == ["shared via api"]
    assert sealed_reads(target="journal").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_clinician_journal_query_count_is_constant(link, django_assert_num_queries, n):
    for i in range(n):
        Entry.objects.create(client=link.client, body=f"shared {i}", shared=True)
    http = signed_in(link.clinician)
    http.get(f"/care/clients/{link.client_id}/journal/")
    # 11: the entries, and which parts wrote them, in one more query however many.
    with django_assert_num_queries(8):
        html = http.get(f"/care/clients/{link.client_id}/journal/").content.decode()
    assert html.count("<article") == n
