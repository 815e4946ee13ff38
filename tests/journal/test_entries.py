import pytest

from between.journal.models import Entry
from tests.conftest import signed_in
from tests.factories import UserFactory


@pytest.mark.django_db
def test_client_writes_and_reads_back_an_entry(client_user):
    http = signed_in(client_user)
    http.post("/journal/new/", {"body": "Walked by the river.\nFelt steadier."})
    entry = Entry.objects.get(client=client_user)
    assert entry.body == "Walked by the river.\nFelt steadier." and not entry.shared
    page = http.get("/journal/").content.decode()
    assert "Walked by the river." in page and "Felt steadier" not in page  # first line only


@pytest.mark.django_db
def test_edit_keeps_the_same_entry_and_can_share_it(client_user):
    http = signed_in(client_user)
    entry = Entry.objects.create(client=client_user, body="draft")
    http.post(f"/journal/{entry.pk}/", {"body": "finished", "shared": "on"})
    entry.refresh_from_db()
    assert (entry.body, entry.shared) == ("finished", True)
    assert Entry.objects.count() == 1


@pytest.mark.django_db
def test_too_long_entry_is_refused_but_every_word_is_kept_on_screen(client_user):
    text = "word " * 4001  # 20,005 characters
    response = signed_in(client_user).post("/journal/new/", {"body": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "over 20000 characters" in html and "Your words are still here" in html
    assert text.strip() in html
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_nobody_else_can_open_an_entry(client_user):
    entry = Entry.objects.create(client=client_user, body="mine")
    assert signed_in(UserFactory()).get(f"/journal/{entry.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_journal_list_query_count_does_not_grow_with_entries(client_user,
                                                            django_assert_num_queries, n):
    for i in range(n):
        Entry.objects.create(client=client_user, body=f"entry {i}")
    http = signed_in(client_user)
    http.get("/journal/")  # first request unwraps the data key into the cache
    with django_assert_num_queries(3):
        assert http.get("/journal/").status_code == 200
