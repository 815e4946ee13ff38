"""Circles: joining under a chosen name, posting through the screener, holds, kind words,
reports, moderation, and what each person sees."""

import os
from datetime import datetime, timedelta
from html import unescape

import pytest
from django.db import connection
from django.utils import timezone

from between.accounts.models import Clinic
from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.care.models import Flag, OutboundEmail
from between.circles import services
from between.circles.models import Member, Post, Reaction, Report
from between.clinic import services as clinic_services
from between.clinic.models import StaffInvitation
from between.lib.errors import FieldError
from between.rights import records
from between.rights import services as rights
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, PeerWorkerFactory, UserFactory

RISKY = "I have been saving my tablets and I am going to take them all tonight."
KIND = "Used TIPP after a rough call with my mum. Cold water really did help."


@pytest.fixture
def circle(db):
    clinic = Clinic.objects.create(name="Riverside")
    mod = ClinicianFactory(clinic=clinic)
    made = services.save_circle(mod, name="Tuesday skills group", about="", staffed=[])
    people = []
    for name in ("Robin", "Sam", "Alex", "Jo"):
        client = UserFactory(display_name=f"{name} Real")
        link_client(client, mod, {"diary"})
        member = services.invite(mod, made, client)
        people.append(services.join(member, name))
    return made, mod, people


def _text(response) -> str:
    return unescape(response.content.decode())


def _status(post):
    post.refresh_from_db()
    return post.status


def test_a_kind_post_is_published_and_others_see_it_under_the_chosen_name(circle):
    made, mod, (robin, sam, *_) = circle
    written = services.write(robin, body=KIND)
    assert not written.prompt and not written.held
    assert _status(written.post) == Post.Status.PUBLISHED
    page = signed_in(sam.client).get(f"/circles/{made.pk}/")
    text = page.content.decode()
    assert "Cold water really did help" in text and "Robin" in text
    assert "Robin Real" not in text and robin.client.email not in text


def test_a_risky_post_is_held_shows_the_plan_and_waits_for_a_moderator(circle):
    made, mod, (robin, sam, *_) = circle
    http = signed_in(robin.client)
    response = http.post(f"/circles/{made.pk}/", {"body": RISKY}, follow=True)
    post = Post.objects.get(member=robin)
    assert post.status == Post.Status.HELD and post.held_for == ["risk"]
    assert post.risk_level in ("ideation", "urgent")
    text = response.content.decode()
    # The plan and the lines, without assuming: a circle post is often written for
    # someone else ("when I wanted to die, this helped").
    assert "Thank you for sharing this." in text and "Open my safety plan" in text
    assert "Some of it sounded like it might be hard for you right now." in text
    assert "That sounds like a really hard day." not in text
    assert "Some words in it can mean someone is struggling." in text  # on their post
    assert "A moderator will read it when a moderator next signs in" in text
    assert "Waiting for a moderator" in text  # the writer still sees their own words
    assert "saving my tablets" not in signed_in(sam.client).get(f"/circles/{made.pk}/") \
        .content.decode()
    flag = Flag.objects.get(client=robin.client)  # the care team: where, not the words
    assert flag.excerpt is None and "A circle post" in flag.summary
    assert "tablets" not in flag.summary
    assert "so nobody in your care team will see this until" \
        in _text(response)
    queue = signed_in(mod).get("/care/circles/held/").content.decode()
    assert "saving my tablets" in queue and ("Urgent" in queue or "Thoughts of" in queue)


def test_contact_details_hold_a_post_and_say_why_and_editing_them_out_publishes(circle):
    made, mod, (robin, sam, *_) = circle
    http = signed_in(robin.client)
    response = http.post(f"/circles/{made.pk}/",
                         {"body": "Text me any time on 07700 900123 x"}, follow=True)
    post = Post.objects.get(member=robin)
    assert post.status == Post.Status.HELD and post.held_for == ["contact"]
    assert "carry a phone number" in response.content.decode()
    http.post(f"/circles/posts/{post.pk}/", {"body": "See you all on Tuesday."})
    assert _status(post) == Post.Status.PUBLISHED
    assert post.edited_at is not None


def test_three_reports_hold_a_post_until_a_moderator_looks(circle):
    made, mod, (robin, sam, alex, jo) = circle
    post = services.write(robin, body="Honestly everyone here is pathetic.").post
    assert services.report(sam, post) is False
    assert services.report(sam, post) is False  # the same member twice counts once
    assert services.report(alex, post) is False
    assert _status(post) == Post.Status.PUBLISHED
    assert services.report(jo, post) is True
    assert _status(post) == Post.Status.HELD and post.held_for == ["reports"]
    assert Report.objects.filter(post=post).count() == 3
    page = signed_in(mod).get("/care/circles/held/").content.decode()
    assert "Several members asked a moderator to look" in page and "(3 reports)" in page


def test_a_hidden_post_tells_its_writer_why_and_nobody_else_sees_it(circle):
    made, mod, (robin, sam, *_) = circle
    post = services.write(robin, body="Honestly everyone here is pathetic.").post
    http = signed_in(mod)
    response = http.post(f"/care/circles/posts/{post.pk}/", {"decision": "hide"})
    assert response.status_code == 400 and "Reason: say in a sentence why" in \
        response.content.decode()
    assert _status(post) == Post.Status.PUBLISHED  # nothing half-done
    http.post(f"/care/circles/posts/{post.pk}/",
              {"decision": "hide", "reason": "It could hurt others here. Let's talk."})
    assert _status(post) == Post.Status.HIDDEN
    mine = signed_in(robin.client).get(f"/circles/{made.pk}/").content.decode()
    assert "A moderator hid this" in mine and "It could hurt others here." in mine
    theirs = signed_in(sam.client).get(f"/circles/{made.pk}/").content.decode()
    assert "pathetic" not in theirs
    event = AuditEvent.objects.get(action=Action.CIRCLE_POST_HIDDEN)
    assert event.actor_id == mod.pk and event.subject_id == robin.client_id
    assert "pathetic" not in str(event.detail) and "hurt" not in str(event.detail)


def test_a_moderator_posts_a_held_post_with_a_content_warning(circle):
    made, mod, (robin, sam, *_) = circle
    post = services.write(robin, body="Had a rough night, cut again but I'm ok now.").post
    assert post.status == Post.Status.HELD
    signed_in(mod).post(f"/care/circles/posts/{post.pk}/",
                        {"decision": "approve", "warning": "self-harm"})
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.shown_warning == "self-harm"
    page = signed_in(sam.client).get(f"/circles/{made.pk}/").content.decode()
    assert "Content warning: self-harm. Tap to read." in page
    assert {e.action for e in AuditEvent.objects.filter(subject_id=robin.client_id)} >= {
        Action.CIRCLE_WARNING_SET, Action.CIRCLE_POST_APPROVED}


def test_kind_words_name_people_and_never_count_and_a_second_tap_takes_them_back(circle):
    made, mod, (robin, sam, alex, _) = circle
    post = services.write(robin, body=KIND).post
    http = signed_in(sam.client)
    http.post(f"/circles/posts/{post.pk}/react/", {"kind": "with_you"})
    services.react(alex, post, "with_you")
    page = signed_in(robin.client).get(f"/circles/{made.pk}/").content.decode()
    assert "With you: Sam, Alex" in page
    assert "With you: you, Alex" in signed_in(sam.client).get(
        f"/circles/{made.pk}/").content.decode()
    http.post(f"/circles/posts/{post.pk}/react/", {"kind": "with_you"})
    assert list(Reaction.objects.filter(post=post).values_list("client_id", flat=True)) == [
        alex.client_id]
    bad = http.post(f"/circles/posts/{post.pk}/react/", {"kind": "angry"})
    assert bad.status_code == 400 and 'data-field="kind"' in bad.content.decode()


def test_a_paused_member_is_kept_waiting_and_told_why_not_silenced(circle):
    made, mod, (robin, *_) = circle
    response = signed_in(mod).post(f"/care/circles/members/{robin.pk}/pause/",
                                   {"until": (timezone.now() + timedelta(days=3)).date()})
    assert response.status_code == 400 and 'data-field="reason"' in response.content.decode()
    signed_in(mod).post(f"/care/circles/members/{robin.pk}/pause/",
                        {"until": (timezone.now() + timedelta(days=3)).date(),
                         "reason": "Let's take a breather after Tuesday."})
    robin.refresh_from_db()
    assert robin.is_paused()
    post = services.write(robin, body=KIND).post
    assert post.status == Post.Status.HELD and post.held_for == ["paused"]
    page = _text(signed_in(robin.client).get(f"/circles/{made.pk}/"))
    assert "Let's take a breather after Tuesday." in page


def test_the_display_name_must_not_give_the_person_away(circle):
    made, mod, people = circle
    client = UserFactory(display_name="Morgan Lee", email="morgan.lee@example.org")
    link_client(client, mod, set())
    member = services.invite(mod, made, client)
    http = signed_in(client)
    for name, problem in [("Morgan Lee", "isn't your account name"),
                          ("morgan.lee", "isn't your account name"),
                          ("me@x.org", "isn't your account name"),
                          ("Robin", "already goes by that name"), ("  ", "Choose a name")]:
        response = http.post(f"/circles/{made.pk}/join/", {"display_name": name})
        assert response.status_code == 400 and problem in _text(response), name
        member.refresh_from_db()
        assert member.status == Member.Status.INVITED
    http.post(f"/circles/{made.pk}/join/", {"display_name": "Wren"})
    member.refresh_from_db()
    assert member.status == Member.Status.JOINED and member.display_name == "Wren"


def test_leaving_is_one_tap_and_posts_stay_from_someone_who_left(circle):
    made, mod, (robin, sam, *_) = circle
    services.write(robin, body=KIND)
    signed_in(robin.client).post(f"/circles/{made.pk}/leave/")
    robin.refresh_from_db()
    assert robin.status == Member.Status.LEFT
    assert signed_in(robin.client).get(f"/circles/{made.pk}/").status_code == 404
    page = signed_in(sam.client).get(f"/circles/{made.pk}/").content.decode()
    assert "someone who left" in page and "Cold water" in page


def test_someone_who_left_can_delete_what_they_wrote_without_coming_back(circle):
    made, mod, (robin, sam, *_) = circle
    post = services.write(robin, body=KIND).post
    reply = services.write(sam, body="So glad it helped.", parent=post).post
    services.leave(robin)
    http = signed_in(robin.client)
    listed = _text(http.get("/circles/"))
    panel = listed.split('data-testid="left-posts"')[1].split("</details>")[0]
    assert "What you wrote there (1)" in panel and "Cold water really did help" in panel
    delete_url = f"/privacy/delete/circle-post/{post.pk}/"
    assert delete_url in panel
    assert signed_in(sam.client).post(delete_url).status_code == 404, "only the writer"
    assert "Delete this circle post?" in _text(http.get(delete_url))
    response = http.post(delete_url)
    assert response.status_code == 302 and response.url == "/circles/"
    assert not Post.objects.filter(pk=post.pk).exists()
    robin.refresh_from_db()
    assert robin.status == Member.Status.LEFT, "deleting didn't bring them back"
    event = AuditEvent.objects.get(action=Action.DELETED, subject_id=robin.client_id)
    assert event.target == "circle post"
    page = _text(signed_in(sam.client).get(f"/circles/{made.pk}/"))
    assert "Cold water" not in page and "So glad it helped." in page
    reply.refresh_from_db()
    assert reply.parent_id is None
    assert 'data-testid="left-posts"' not in _text(http.get("/circles/"))


def test_erasing_an_account_erases_its_posts_and_keeps_others_replies(circle):
    made, mod, (robin, sam, *_) = circle
    post = services.write(robin, body=KIND).post
    reply = services.write(sam, body="So glad it helped.", parent=post).post
    services.react(sam, post, "thank_you")
    exported = records.collect(robin.client)["records"]
    assert exported["circles.Post"][0]["body"] == KIND
    assert exported["circles.Member"][0]["display_name"] == "Robin"
    rights.erase(robin.client, by="test")
    assert not Post.objects.filter(pk=post.pk).exists()
    reply.refresh_from_db()
    assert reply.parent_id is None and reply.is_reply
    page = signed_in(sam.client).get(f"/circles/{made.pk}/").content.decode()
    assert "Replies to posts that are no longer here" in page and "So glad it helped." in page


def test_a_member_of_another_circle_and_a_non_member_see_nothing(circle):
    made, mod, (robin, *_) = circle
    post = services.write(robin, body=KIND).post
    other_mod = ClinicianFactory(clinic=made.clinic)
    elsewhere = services.save_circle(other_mod, name="Thursday group", staffed=[])
    stranger = UserFactory()
    link_client(stranger, other_mod, set())
    services.join(services.invite(other_mod, elsewhere, stranger), "Kit")
    http = signed_in(stranger)
    assert http.get(f"/circles/{made.pk}/").status_code == 404
    for action in ("react", "report", "reply"):
        assert http.post(f"/circles/posts/{post.pk}/{action}/",
                         {"kind": "with_you", "body": "hi"}).status_code == 404
    assert signed_in(other_mod).get(f"/care/circles/posts/{post.pk}/").status_code == 404
    assert signed_in(other_mod).get(f"/care/circles/{made.pk}/").status_code == 404


def test_staffed_hours_say_when_a_moderator_will_next_look(circle):
    made, mod, _ = circle
    made.staffed, made.time_zone = [{"weekday": 1, "start": "09:00", "end": "10:00"}], "UTC"
    monday = datetime(2026, 12, 7, 20, 0, tzinfo=timezone.UTC)
    assert services.next_look(made, monday) == "on Tuesday from 9am"
    tuesday = datetime(2026, 12, 8, 9, 30, tzinfo=timezone.UTC)
    assert services.next_look(made, tuesday) == "soon (a moderator is on now)"
    early = datetime(2026, 12, 8, 7, 0, tzinfo=timezone.UTC)
    assert services.next_look(made, early) == "today from 9am"


def test_the_feed_takes_a_fixed_number_of_queries_however_many_posts(circle):
    from django.test.utils import CaptureQueriesContext

    made, mod, (robin, sam, alex, _) = circle
    for n in range(3):
        p = services.write(robin, body=f"post {n}").post
        services.write(sam, body="reply", parent=p)
        services.react(alex, p, "with_you")
    http = signed_in(alex.client)
    with CaptureQueriesContext(connection) as few:
        http.get(f"/circles/{made.pk}/")
    for n in range(20):
        p = services.write(robin, body=f"more {n}").post
        services.write(sam, body="reply", parent=p)
        services.react(alex, p, "thank_you")
    with CaptureQueriesContext(connection) as many:
        assert http.get(f"/circles/{made.pk}/").status_code == 200
    assert len(many) == len(few)


def test_older_posts_come_a_page_at_a_time_with_the_members_own_held_post_in_place(circle):
    import re

    made, mod, (robin, sam, alex, _) = circle
    start = timezone.now() - timedelta(days=1)
    for n in range(services.FEED_PAGE + 2):
        post = services.write(robin, body=f"Note number {n}, a calm one").post
        Post.objects.filter(pk=post.pk).update(created_at=start + timedelta(minutes=n))
    held = services.write(alex, body="Call me on 07700 900123").post
    Post.objects.filter(pk=held.pk).update(created_at=start + timedelta(seconds=30))
    http = signed_in(alex.client)
    first = _text(http.get(f"/circles/{made.pk}/"))
    shown = [int(n) for n in re.findall(r"Note number (\d+)", first)]
    assert shown == list(range(services.FEED_PAGE + 1, 1, -1)), "the newest page, newest first"
    older = re.search(r'href="(\?before=[^"]+)"', first).group(1)
    second = _text(http.get(f"/circles/{made.pk}/{older}"))
    assert re.findall(r"Note number (\d+)", second) == ["1", "0"]
    assert second.index("Note number 1") < second.index("07700 900123") < second.index(
        "Note number 0"), "their own held post, in its place and only to them"
    assert "Older posts" not in second
    assert "07700 900123" not in _text(signed_in(sam.client).get(f"/circles/{made.pk}/{older}"))


def test_a_double_tap_posts_once(circle):
    made, mod, (robin, *_) = circle
    http = signed_in(robin.client)
    for _ in range(2):
        http.post(f"/circles/{made.pk}/", {"body": KIND, "form_token": "f" * 32})
    assert Post.objects.filter(member=robin).count() == 1


def test_a_moderator_sees_who_wrote_a_risky_post_so_they_can_reach_them(circle):
    made, mod, (robin, *_) = circle
    post = services.write(robin, body=RISKY).post
    page = _text(signed_in(mod).get(f"/care/circles/posts/{post.pk}/"))
    assert "Robin Real" in page and "The writer has seen their plan" in page


def test_ten_thousand_characters_are_kept_whole_or_refused_naming_the_field(circle):
    made, mod, (robin, *_) = circle
    http = signed_in(robin.client)
    long = "a calm day " * 1000  # 11,000 characters, over the 5,000 limit
    response = http.post(f"/circles/{made.pk}/", {"body": long})
    assert response.status_code == 400
    page = _text(response)
    assert "What would you like to say: this is 11000 characters" in page
    assert long.strip() in page  # every word still in the form
    assert not Post.objects.filter(member=robin).exists()


def test_contact_patterns_have_only_bounded_repeats_so_time_stays_linear():
    """No `*` or `+` anywhere: each match attempt is bounded, so a search is linear in
    the text's length, whatever the text. Then the adversarial texts, to the end."""
    from re import _constants, _parser

    from between.lib import contact

    def unbounded(tree):
        for op, arg in tree:
            if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
                low, high, sub = arg
                if high == _constants.MAXREPEAT or unbounded(sub):
                    return True
            elif op in (_constants.SUBPATTERN, _constants.BRANCH):
                subs = [arg[-1]] if op == _constants.SUBPATTERN else arg[1]
                if any(unbounded(sub) for sub in subs):
                    return True
        return False

    patterns = [contact._EMAIL, contact._LINK, contact._PHONE, contact._HANDLE]
    assert not [p.pattern for p in patterns if unbounded(_parser.parse(p.pattern, p.flags))]
    assert unbounded(_parser.parse(r"a(b|c+)"))  # the check itself can fail
    for text in ("1 " * 50_000, "a" * 100_000, "www." * 25_000, "@" * 100_000,
                 "snap: " * 16_000, "1-" * 50_000):
        contact.found(text)


@pytest.mark.parametrize("text,kinds", [
    ("ring me on 07700 900123", ["phone"]),
    ("+44 (0)7700-900-123", ["phone"]),
    ("me@example.org", ["email"]),
    ("see https://example.org/x", ["link"]),
    ("look at example.com", ["link"]),
    ("add me on snap: wren_22", ["handle"]),
    ("I'm @wren.22 on there", ["handle"]),
    ("2-3 times this week, 4 or 5 days", []),
    ("on 07/12/2026 at 10:30", []),
    ("DBT at 9.30. Took 2 x 500mg. Urge 4/5", []),
    ("felt better. com- no, calmer", []),
])
def test_contact_details_by_kind(text, kinds):
    from between.lib import contact

    assert contact.found(text) == kinds


def test_a_hidden_post_that_is_changed_goes_back_to_a_moderator(circle):
    made, mod, (robin, sam, *_) = circle
    post = services.write(robin, body="Honestly everyone here is pathetic.").post
    services.hide(mod, post, reason="It could hurt others here.")
    services.write(robin, post=post, body="Sorry everyone, that came out wrong.")
    assert _status(post) == Post.Status.HELD and post.held_for == ["changed"]
    assert "came out wrong" not in _text(signed_in(sam.client).get(f"/circles/{made.pk}/"))
    services.approve(mod, post)
    assert _status(post) == Post.Status.PUBLISHED
    assert "came out wrong" in _text(signed_in(sam.client).get(f"/circles/{made.pk}/"))


def test_the_demo_has_a_circle_with_kind_posts_and_an_offer_for_the_first_client(db):
    from django.core.management import call_command

    from between.circles.models import Circle

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    circle = Circle.objects.get(name="Thursday skills group")
    assert set(circle.posts.values_list("status", flat=True)) == {"published"}
    assert set(circle.posts.values_list("risk_level", flat=True)) == {"none"}
    assert not Flag.objects.filter(summary__startswith="A circle post").exists()
    offered = circle.members.get(client__email="client@demo.between")
    assert offered.status == Member.Status.INVITED
    page = _text(signed_in(offered.client).get("/circles/"))
    assert "Thursday skills group" in page and "You've been offered a place." in page
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Circle.objects.filter(name="Thursday skills group").count() == 1


def test_a_post_held_by_reports_stays_held_when_its_writer_changes_it(circle):
    made, mod, (robin, sam, alex, jo) = circle
    post = services.write(robin, body="Honestly everyone here is pathetic.").post
    for member in (sam, alex, jo):
        services.report(member, post)
    post.refresh_from_db()
    services.write(robin, post=post, body="Honestly everyone here is great.")
    assert _status(post) == Post.Status.HELD and post.held_for == ["reports"]
    services.write(robin, post=post, body="Ring me on 07700 900123 instead.")
    assert _status(post) == Post.Status.HELD and post.held_for == ["contact", "reports"]


@pytest.mark.parametrize("until", ["9999-12-31", "2001-01-01", "0001-01-01"])
def test_a_pause_out_of_reach_is_refused_by_name_and_nothing_changes(circle, until):
    made, mod, (robin, *_) = circle
    response = signed_in(mod).post(f"/care/circles/members/{robin.pk}/pause/",
                                   {"until": until, "reason": "A breather."})
    assert response.status_code == 400 and 'data-field="until"' in response.content.decode()
    robin.refresh_from_db()
    assert robin.paused_until is None


def test_a_broken_older_posts_address_is_named_and_nonsense_gives_the_first_page(circle):
    made, mod, (robin, *_) = circle
    services.write(robin, body=KIND)
    http = signed_in(robin.client)
    response = http.get(f"/circles/{made.pk}/", {"before": "2026-13-45T10:00:00"})
    assert response.status_code == 400 and 'data-field="before"' in response.content.decode()
    response = http.get(f"/circles/{made.pk}/", {"before": "not a date"})
    assert response.status_code == 200 and "Cold water" in _text(response)


def test_a_moderator_is_told_what_waits_on_every_page_and_in_the_check_in_without_words(
        circle):
    made, mod, (robin, sam, alex, _) = circle
    other = ClinicianFactory(clinic=mod.clinic)
    page = _text(signed_in(mod).get("/care/digest/"))
    assert 'data-testid="circles-waiting"' not in page and "Waiting in your circles" not in page
    services.write(robin, body="Text me any time on 07700 900123 x")
    services.write(sam, body=RISKY)
    services.write(alex, body=KIND)
    assert services.waiting(mod) == [{"pk": made.pk, "name": "Tuesday skills group",
                                      "held": 2, "worst": "urgent"}]
    for url in ("/care/digest/", "/care/", "/settings/"):
        page = _text(signed_in(mod).get(url, follow=True))
        assert "2 waiting</span>" in page, url
    digest = _text(signed_in(mod).get("/care/digest/"))
    panel = digest.split('data-testid="circles-digest"')[1].split("</section>")[0]
    assert "Tuesday skills group</a>: 2 posts waiting; the most at risk:" in panel
    assert "Urgent" in panel
    assert "tablets" not in digest and "07700" not in digest, "counts only, never words"
    assert "waiting</span>" not in _text(signed_in(other).get("/care/digest/"))
    assert services.waiting(other) == []
    assert "waiting</span>" not in _text(signed_in(robin.client).get("/settings/"))


# --- Peer workers ------------------------------------------------------------------------


@pytest.fixture
def peer(circle):
    made, mod, _ = circle
    worker = PeerWorkerFactory(clinic=mod.clinic, display_name="Pat Peer")
    services.save_circle(mod, circle=made, name=made.name, staffed=[], moderators=[worker])
    return worker


def test_a_clinic_invites_a_peer_worker_who_joins_with_two_step_sign_in(db):
    clinic = Clinic.objects.create(name="Riverside")
    admin = AdminFactory(clinic=clinic)
    http = signed_in(admin)
    response = http.post("/manage/people/invite/", {"email": "pat@example.org",
                                                    "role": "peer_worker"}, follow=True)
    assert "as a peer worker" in _text(response)
    invitation = StaffInvitation.objects.get(email="pat@example.org")
    assert invitation.role == "peer_worker"
    email = OutboundEmail.objects.get(to="pat@example.org")
    assert "join Riverside in Between as a peer worker." in email.text
    worker = clinic_services.join(invitation, display_name="Pat", password="a long passphrase 9")
    assert worker.is_peer_worker and worker.clinic == clinic and worker.needs_mfa


def test_a_peer_worker_moderates_without_seeing_who_anyone_is(circle, peer):
    made, mod, (robin, sam, *_) = circle
    held = services.write(robin, body=RISKY).post
    services.write(sam, body=KIND)
    http = signed_in(peer)
    assert http.get("/").url == "/care/circles/"
    page = _text(http.get("/care/circles/held/"))
    assert "saving my tablets" in page and "1 waiting</span>" in page
    post_page = _text(http.get(f"/care/circles/posts/{held.pk}/"))
    assert "Robin" in post_page and "Robin Real" not in post_page
    assert robin.client.email not in post_page
    assert "Tell a clinician who moderates this circle" in post_page
    circle_page = _text(http.get(f"/care/circles/{made.pk}/"))
    assert "Sam" in circle_page and "Sam Real" not in circle_page
    assert "Offer a place" not in circle_page and "Change this circle" not in circle_page
    response = http.post(f"/care/circles/posts/{held.pk}/", {"decision": "approve",
                                                             "warning": "a hard night"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.status, held.decided_by, held.text("warning")) == (
        Post.Status.PUBLISHED, peer, "a hard night")
    assert AuditEvent.objects.filter(actor_id=peer.pk, action=Action.CIRCLE_POST_APPROVED).exists()
    response = http.post(f"/care/circles/members/{sam.pk}/pause/",
                         {"until": (timezone.localdate() + timedelta(days=3)).isoformat(),
                          "reason": "Let's talk on Tuesday."})
    sam.refresh_from_db()
    assert response.status_code == 302 and sam.is_paused


def test_a_peer_worker_cannot_set_up_change_or_fill_a_circle_nor_see_any_record(
        circle, peer):
    made, mod, (robin, *_) = circle
    http = signed_in(peer)
    assert "Set up a circle" not in _text(http.get("/care/circles/"))
    assert http.post("/care/circles/", {"name": "Mine"}).status_code == 404
    assert http.post(f"/care/circles/{made.pk}/", {"name": "Renamed"}).status_code == 404
    assert http.post(f"/care/circles/{made.pk}/invite/",
                     {"client": robin.client_id}).status_code == 404
    made.refresh_from_db()
    assert made.name == "Tuesday skills group"
    for url in ("/care/", "/care/digest/", f"/care/clients/{robin.client_id}/", "/journal/",
                "/manage/"):
        assert http.get(url).status_code == 404, url
    with pytest.raises(services.CircleError, match="Only a clinician"):
        services.save_circle(peer, name="Mine", staffed=[])


def test_only_the_clinics_own_peer_workers_can_be_named_and_a_clinician_with_clients_stays_one(
        circle):
    made, mod, (robin, *_) = circle
    stranger = PeerWorkerFactory(clinic=Clinic.objects.create(name="Elsewhere"))
    with pytest.raises(services.CircleError, match="clinicians or peer workers in your clinic"):
        services.save_circle(mod, circle=made, name=made.name, staffed=[],
                             moderators=[stranger])
    assert list(made.moderators.all()) == [mod]
    with pytest.raises(FieldError, match="Hand their clients over first"):
        clinic_services.change_role(mod, "peer_worker", actor=None)
    mod.refresh_from_db()
    assert mod.is_clinician


def test_a_circle_whose_moderators_all_leave_says_so_until_a_colleague_takes_it_on(circle):
    made, mod, (robin, *_) = circle
    colleague = ClinicianFactory(clinic=mod.clinic, display_name="Dana Colleague")
    admin = AdminFactory(clinic=mod.clinic)
    held = services.write(robin, body="Text me any time on 07700 900123 x").post
    assert "once someone at the clinic takes it on" not in _text(
        signed_in(robin.client).get(f"/circles/{made.pk}/"))

    done = _text(signed_in(admin).post(f"/manage/people/{mod.pk}/", {"action": "deactivate"},
                                       follow=True))
    assert ("They were the last clinician moderating Tuesday skills group: until another "
            "clinician takes it on under Circles, nobody can offer places or change it. "
            "Held posts there now wait for nobody.") in done, "the administrator is told"
    mod.refresh_from_db()
    assert not mod.is_active
    # The promise that a moderator will read it is no longer true, and nobody says it.
    feed = _text(signed_in(robin.client).get(f"/circles/{made.pk}/"))
    assert "read held posts once someone at the clinic takes it on" in feed
    http = signed_in(colleague)
    digest = _text(http.get("/care/digest/"))
    assert "A circle with no clinician moderating" in digest
    assert "Tuesday skills group (held posts there have nobody to read them):" in digest
    assert "07700" not in digest
    index = _text(http.get("/care/circles/"))
    assert "No clinician moderating" in index and "Moderate Tuesday skills group" in index

    response = http.post(f"/care/circles/{made.pk}/take-on/")
    assert response.status_code == 302 and response["Location"] == f"/care/circles/{made.pk}/"
    assert list(made.moderators.filter(is_active=True)) == [colleague]
    assert AuditEvent.objects.filter(action=Action.CIRCLE_CHANGED, actor_id=colleague.pk,
                                     target=f"circle:{made.pk}").exists()
    assert "07700 900123" in _text(http.get(f"/care/circles/posts/{held.pk}/"))
    assert "No clinician moderating" not in _text(http.get("/care/circles/"))
    assert "once someone at the clinic" not in _text(
        signed_in(robin.client).get(f"/circles/{made.pk}/"))
    # Only a circle with nobody moderating can be taken on, and only in one's own clinic.
    assert signed_in(ClinicianFactory(clinic=mod.clinic)).post(
        f"/care/circles/{made.pk}/take-on/").status_code == 404
    assert made.moderators.count() == 2, "the deactivated one stays on record, inactive"


def test_a_moderator_sees_how_often_a_member_was_hidden_lately_instead_of_strikes(circle):
    made, mod, (robin, sam, *_) = circle
    posts = [services.write(robin, body=f"{KIND} ({n})").post for n in range(4)]
    for post in posts[:3]:
        services.hide(mod, post, reason="Let's keep it kind here.")
    Post.objects.filter(pk=posts[0].pk).update(decided_at=timezone.now() - timedelta(days=91))
    http = signed_in(mod)
    members = _text(http.get(f"/care/circles/{made.pk}/"))
    robin_line = members.split("<strong>Robin</strong>")[1].split("</li>")[0]
    assert "2 posts hidden in the last 90 days" in robin_line, "the old one has lapsed"
    assert "hidden in the last" not in members.split("<strong>Sam</strong>")[1].split("</li>")[0]
    page = _text(http.get(f"/care/circles/posts/{posts[3].pk}/"))
    assert "A moderator hid 2 of their posts in the last 90 days." in page
    robin.refresh_from_db()
    assert not robin.is_paused(), "nothing is done automatically: a person decides"


def test_a_circle_left_with_only_a_peer_worker_still_reads_but_asks_a_clinician_in(circle):
    made, mod, (robin, *_) = circle
    peer = PeerWorkerFactory(clinic=mod.clinic)
    services.save_circle(mod, circle=made, name=made.name, staffed=[], moderators=[peer])
    colleague = ClinicianFactory(clinic=mod.clinic)
    said = clinic_services.deactivate(mod, actor=AdminFactory(clinic=mod.clinic))
    assert said == [
        "They were the last clinician moderating Tuesday skills group: until another "
        "clinician takes it on under Circles, nobody can offer places or change it. "
        "Your clinic's clinicians see it on their check-in page."], "no false alarm"
    feed = _text(signed_in(robin.client).get(f"/circles/{made.pk}/"))
    assert "once someone at the clinic takes it on" not in feed, "the peer worker reads"
    digest = _text(signed_in(colleague).get("/care/digest/"))
    assert "Tuesday skills group: the clinicians who moderated it no longer work" in digest
    assert "nobody to read them" not in digest
    assert signed_in(peer).post(f"/care/circles/{made.pk}/take-on/").status_code == 404
    assert signed_in(colleague).post(f"/care/circles/{made.pk}/take-on/").status_code == 302
    assert set(made.moderators.filter(is_active=True)) == {peer, colleague}


def test_the_moderator_list_shows_only_when_there_is_someone_to_name(circle):
    made, mod, _ = circle
    alone = _text(signed_in(mod).get("/care/circles/"))
    assert "Set up a circle" in alone and "Other moderators" not in alone
    ClinicianFactory(clinic=mod.clinic, display_name="Dana Colleague")
    page = _text(signed_in(mod).get("/care/circles/"))
    assert "Other moderators (optional)" in page and "Dana Colleague" in page
