import re

import pytest

from tests.factories import UserFactory


@pytest.mark.django_db
def test_reset_email_holds_only_a_link_and_the_new_password_works(client, mailoutbox):
    user = UserFactory()
    client.post("/accounts/password-reset/", {"email": user.email.upper()})
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [user.email] and message.subject == "Reset your Between password"
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-brand-new-passphrase-7"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


@pytest.mark.django_db
def test_reset_for_an_unknown_email_looks_the_same_and_sends_nothing(client, mailoutbox):
    known = client.post("/accounts/password-reset/", {"email": UserFactory().email})
    unknown = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == "/accounts/password-reset/sent/"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_used_or_forged_reset_link_says_so_kindly(client):
    html = client.get("/accounts/reset/MQ/forged-token/").content.decode()
    assert "This link has expired" in html
