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


@pytest.mark.django_db
def test_one_entry_that_cannot_be_opened_does_not_hide_the_others(link):
    from django.db import connection

    from between.accounts.services import share_scopes
    from between.journal.services import write_entry

    share_scopes(link, {"journal"}, actor=link.client)
    good = write_entry(link.client, body="A good walk by the river.", shared=True)
    bad = write_entry(link.client, body="Words that will be damaged.", shared=True)
    with connection.cursor() as cursor:  # swap in another row's ciphertext
        cursor.execute("SELECT body FROM journal_entry WHERE id = %s", [good.pk.hex])
        stolen = cursor.fetchone()
        if stolen is None:
            cursor.execute("SELECT body FROM journal_entry WHERE id = %s", [str(good.pk)])
            stolen = cursor.fetchone()
        cursor.execute("UPDATE journal_entry SET body = %s WHERE id IN (%s, %s)",
                       [stolen[0], bad.pk.hex, str(bad.pk)])
    http = signed_in(link.client)
    page = http.get("/journal/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "A good walk by the river." in html
    assert "This entry can't be opened" in html
    assert "Words that will be damaged" not in html
    assert http.get(f"/journal/{bad.pk}/").status_code == 409
    api = http.get("/api/journal").json()
    assert sorted((e["readable"], e["text"] or "") for e in api) == [
        (False, ""), (True, "A good walk by the river.")]
    clinician = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/journal/")
    assert clinician.status_code == 200
    assert "A good walk by the river." in clinician.content.decode()


@pytest.mark.django_db
def test_flipping_shared_in_the_database_does_not_share_the_words(link):
    """The `shared` column decides who may read an entry, so the ciphertext is bound to
    it: changed behind Between's back, the entry can't be opened, and nothing leaks."""
    from django.db import connection

    from between.accounts.services import share_scopes
    from between.journal.services import write_entry

    share_scopes(link, {"journal"}, actor=link.client)
    private = write_entry(link.client, body="Only for me, about my sister.", shared=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM journal_entry")
        assert cursor.fetchone()[0].startswith("v2.")
        cursor.execute("UPDATE journal_entry SET shared = %s", [True])
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/journal/")
    assert "about my sister" not in page.content.decode()
    assert "can't be opened" in page.content.decode()
    entry = Entry.objects.get()
    assert entry.readable_body is None
    with connection.cursor() as cursor:
        cursor.execute("UPDATE journal_entry SET shared = %s", [False])
    assert Entry.objects.get().readable_body == "Only for me, about my sister."
    shared_now = write_entry(link.client, entry=Entry.objects.get(),
                             body=private.body, shared=True)
    assert Entry.objects.get(pk=shared_now.pk).readable_body == "Only for me, about my sister."
