"""Circles, one function per action. Every post goes through the screener first; nothing
a member writes is dropped: what can't be published yet waits for a moderator, and its
writer is told why and when someone will look."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from between.accounts.models import CareLink, Role, User
from between.audit.models import Action
from between.audit.services import record
from between.care import windows
from between.circles.models import (
    MAX_NAME_CHARS,
    REPORTS_TO_HOLD,
    Circle,
    Hold,
    Member,
    Post,
    Reaction,
    Report,
)
from between.lib import contact
from between.risk.services import needs_prompt, screen_writing
from between.safety.services import client_today


class CircleError(ValueError):
    """A request that can't be done, with a message for the person and the field it is
    about."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


# --- Setting up ----------------------------------------------------------------------

def may_moderate(user: User, circle: Circle) -> bool:
    return ((user.is_clinician or user.is_peer_worker)
            and circle.moderators.filter(pk=user.pk).exists())


def save_circle(clinician: User, *, name: str, about: str = "", staffed: list[dict],
                moderators=(), circle: Circle | None = None) -> Circle:
    """Create a circle in the clinician's clinic, or change one they moderate. Whoever
    saves it moderates it; other moderators must be clinicians or peer workers of the
    same clinic. Only a clinician sets a circle up or changes it."""
    if not clinician.is_clinician:
        raise CircleError("name", "Only a clinician can set up or change a circle.")
    if clinician.clinic_id is None:
        raise CircleError("name", "Circles belong to a clinic, and you aren't in one yet. "
                                  "Ask your clinic's administrator to add you.")
    others = [m for m in moderators if m.pk != clinician.pk]
    if any(m.clinic_id != clinician.clinic_id or not (m.is_clinician or m.is_peer_worker)
           or not m.is_active for m in others):
        raise CircleError("moderators",
                          "Moderators must be clinicians or peer workers in your clinic.")
    with transaction.atomic():
        circle = circle or Circle(clinic_id=clinician.clinic_id)
        circle.name, circle.about, circle.staffed = name, about, staffed
        circle.time_zone = clinician.time_zone or circle.time_zone
        circle.save()
        circle.moderators.set([clinician, *others])
        record(Action.CIRCLE_CHANGED, actor=clinician, target=f"circle:{circle.pk}",
               detail={"moderators": sorted(m.pk for m in [clinician, *others])})
    return circle


# How far back a moderator sees a member's hidden posts: what they decide with, in place
# of automatic strikes. A person posting through a crisis is paused by a human who has
# read them, never by a counter.
HIDDEN_WINDOW = timedelta(days=90)


def hidden_lately(members, now: datetime | None = None):
    """Members with `hidden_lately`: how many of their posts a moderator hid recently."""
    since = (now or timezone.now()) - HIDDEN_WINDOW
    return members.annotate(hidden_lately=Count(
        "posts", filter=Q(posts__status=Post.Status.HIDDEN, posts__decided_at__gte=since)))


def unmoderated_in(clinic_id):
    """Circles of a clinic with no active clinician moderating: nobody can offer places
    or change them, and unless a peer worker still moderates, nobody reads what is held.
    Each has `readers`: how many active moderators it still has."""
    clinicians = (Circle.moderators.through.objects
                  .filter(user__is_active=True, user__role=Role.CLINICIAN)
                  .values("circle_id"))
    return (Circle.objects.filter(clinic_id=clinic_id).exclude(pk__in=clinicians)
            .annotate(readers=Count("moderators", filter=Q(moderators__is_active=True)))
            .order_by("name"))


def unmoderated(clinician: User):
    """What a clinician of the clinic is asked to take on."""
    if not clinician.is_clinician or clinician.clinic_id is None:
        return Circle.objects.none()
    return unmoderated_in(clinician.clinic_id)


def left_unmoderated(sender, person: User, **kwargs) -> str | None:
    """On a deactivation: the circles it left with no clinician moderating, in a sentence
    for whoever deactivated them."""
    circles = list(unmoderated_in(person.clinic_id).filter(moderators=person))
    if not circles:
        return None
    which = ", ".join(c.name for c in circles)
    unread = (" Held posts there now wait for nobody." if any(not c.readers for c in circles)
              else "")
    return (f"They were the last clinician moderating {which}: until another clinician "
            f"takes it on under Circles, nobody can offer places or change it.{unread} "
            f"Your clinic's clinicians see it on their check-in page.")


def take_on(clinician: User, circle_id: int) -> Circle:
    """A clinician of the clinic becomes a moderator of a circle no clinician moderates.
    One that a clinician still moderates is not theirs to take: Http404 in the view."""
    with transaction.atomic():
        circle = Circle.objects.select_for_update().filter(pk=circle_id).first()
        if circle is None or not unmoderated(clinician).filter(pk=circle_id).exists():
            raise Circle.DoesNotExist
        circle.moderators.add(clinician)
        record(Action.CIRCLE_CHANGED, actor=clinician, target=f"circle:{circle.pk}",
               detail={"took_on": clinician.pk})
    return circle


def invitable(clinician: User, circle: Circle):
    """Clients the clinician works with who have no place in the circle yet."""
    placed = Member.objects.filter(circle=circle).values("client_id")
    return (User.objects.filter(pk__in=CareLink.objects.active().filter(clinician=clinician)
                                .values("client_id"), is_active=True)
            .exclude(pk__in=placed).order_by("display_name"))


def invite(clinician: User, circle: Circle, client: User) -> Member:
    """Offer a client a place. Joining is theirs to choose; nobody joins them."""
    if not invitable(clinician, circle).filter(pk=client.pk).exists():
        raise CircleError("client", "Choose one of your clients who isn't in this circle.")
    with transaction.atomic():
        member = Member.objects.create(circle=circle, client=client, invited_by=clinician)
        record(Action.CIRCLE_INVITED, actor=clinician, subject=client,
               target=f"circle:{circle.pk}")
    return member


def join(member: Member, display_name: str) -> Member:
    """Take up an invitation (or come back after leaving) under a chosen name."""
    name = " ".join(display_name.split())
    client = member.client
    if not name:
        raise CircleError("display_name", "Choose a name to be known by here.")
    if len(name) > MAX_NAME_CHARS:
        raise CircleError("display_name", f"Your name here: keep it to {MAX_NAME_CHARS} "
                                          "characters or fewer.")
    own = {client.display_name.strip().casefold(), client.email.casefold(),
           client.email.split("@")[0].casefold()}
    if "@" in name or name.casefold() in own:
        raise CircleError("display_name", "Your name here: choose one that isn't your "
                                          "account name or email, so you stay private.")
    taken = (Member.objects.filter(circle=member.circle, status=Member.Status.JOINED,
                                   display_name__iexact=name).exclude(pk=member.pk))
    if taken.exists():
        raise CircleError("display_name", "Someone here already goes by that name. "
                                          "Choose another.")
    member.display_name, member.status = name, Member.Status.JOINED
    member.joined_at, member.left_at = timezone.now(), None
    member.save(update_fields=["display_name", "status", "joined_at", "left_at"])
    return member


def leave(member: Member) -> Member:
    """One tap out. What they posted stays, shown as from "someone who left". They can
    delete any of it from Circles without coming back (or come back and change it), and
    closing their account erases all of it."""
    if member.status != Member.Status.LEFT:
        member.status, member.left_at = Member.Status.LEFT, timezone.now()
        member.save(update_fields=["status", "left_at"])
    return member


# --- Writing --------------------------------------------------------------------------

@dataclass
class Written:
    post: Post
    prompt: bool  # show the writer their plan and the crisis lines
    contact: list[str]  # the kinds of contact detail found (contact.KINDS)

    @property
    def held(self) -> bool:
        return self.post.status == Post.Status.HELD


def write(member: Member, *, body: str, warning: str = "", parent: Post | None = None,
          post: Post | None = None) -> Written:
    """Post, reply, or change one's own post. Screened first, and held for a moderator
    when the words sound at risk, carry contact details or a link, or the member's
    posting is paused. Otherwise published at once. Always saved."""
    if member.status != Member.Status.JOINED:
        raise CircleError("body", "Join the circle to post in it.")
    if parent is not None and (parent.circle_id != member.circle_id or parent.is_reply):
        raise CircleError("parent", "Reply to a post in this circle.")
    now = timezone.now()
    with transaction.atomic():
        if post is None:
            post = Post(circle=member.circle, client=member.client, member=member,
                        parent=parent, is_reply=parent is not None)
        else:
            post.edited_at = now
        post.body, post.warning = body, warning.strip()
        client = member.client
        # The moderator reads the words first. The writer's care team is flagged as for a
        # worksheet: that it was a hard moment, and where, never the words.
        screen_writing(post, "\n".join(t for t in (post.warning, body) if t), client=client,
                       scope="diary", where="A circle post", day=client_today(client),
                       with_excerpt=False)
        found = contact.found(body) + [k for k in contact.found(post.warning)
                                       if k not in contact.found(body)]
        # What people decided stays until a moderator looks: a post held by reports, or
        # hidden and then changed, waits whatever the writer changes. The screener's
        # reasons are worked out afresh from the new words.
        kept = [h for h in post.held_for if h in (Hold.REPORTS, Hold.CHANGED)] \
            if post.status == Post.Status.HELD else []
        if post.status == Post.Status.HIDDEN:
            kept = [Hold.CHANGED]
        reasons = ([Hold.RISK] if needs_prompt(post) else []) + \
                  ([Hold.CONTACT] if found else []) + \
                  ([Hold.PAUSED] if member.is_paused(now) else []) + kept
        if reasons:
            post.status, post.held_for = Post.Status.HELD, [str(r) for r in reasons]
        else:
            post.status, post.held_for = Post.Status.PUBLISHED, []
            post.published_at = post.published_at or now
        post.save()
    return Written(post, needs_prompt(post), found)


def delete_post(member: Member, post: Post) -> None:
    """A writer deletes their own post for real. Others' replies to it stay, under "a post
    that's no longer here"."""
    if post.member_id != member.pk:
        raise CircleError("post", "You can only delete your own posts.")
    post.delete()


def react(member: Member, post: Post, kind: str) -> bool:
    """Say something kind, or take it back: returns True when it is now said."""
    if member.status != Member.Status.JOINED or not visible_to_members(post):
        raise CircleError("kind", "This post isn't open for replies.")
    if kind not in Reaction.Kind.values:
        raise CircleError("kind", "Choose “with you” or “thank you for sharing”.")
    gone, _ = Reaction.objects.filter(post=post, client=member.client, kind=kind).delete()
    if gone:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, client=member.client, kind=kind)
    except IntegrityError:  # a second tap that raced the first
        pass
    return True


def report(member: Member, post: Post) -> bool:
    """Ask a moderator to look. Returns True when this report held the post: from
    REPORTS_TO_HOLD different members it waits for a moderator, whoever they are."""
    if member.status != Member.Status.JOINED or not visible_to_members(post):
        raise CircleError("post", "This post is already with a moderator.")
    if post.member_id == member.pk:
        raise CircleError("post", "This is your own post: you can change or delete it.")
    with transaction.atomic():
        _, created = Report.objects.get_or_create(post=post, client=member.client)
        reports = Report.objects.filter(post=post).count()
        if created and reports >= REPORTS_TO_HOLD:
            held = Post.objects.filter(pk=post.pk, status=Post.Status.PUBLISHED).update(
                status=Post.Status.HELD, held_for=[*post.held_for, str(Hold.REPORTS)])
            return bool(held)
    return False


# --- Reading --------------------------------------------------------------------------

def visible_to_members(post: Post) -> bool:
    return post.status == Post.Status.PUBLISHED


# Threads on one page of a feed: a few phone screens, each with its replies. A smaller
# page opens sooner on a weak signal; "Older posts" brings the next.
FEED_PAGE = 10


def feed(member: Member, *, page_size: int = FEED_PAGE, before: datetime | None = None):
    """Posts for a member, newest first: everything published, and their own posts
    whatever their state, each with its replies (published, or their own)."""
    shown = Q(status=Post.Status.PUBLISHED) | Q(member=member)
    top = Post.objects.filter(is_reply=False).select_related("member")
    if before is not None:
        top = top.filter(created_at__lt=before)
    # Two narrow queries rather than one with OR, so each walks an index: the newest
    # published posts, and the member's own that aren't published (a handful at most;
    # a member is of one circle, so their own are found through the member's index).
    posts = sorted([*top.filter(circle=member.circle, status=Post.Status.PUBLISHED)
                    .order_by("-created_at")[:page_size + 1],
                    *top.filter(member=member).exclude(status=Post.Status.PUBLISHED)],
                   key=lambda p: p.created_at, reverse=True)[:page_size + 1]
    more = len(posts) > page_size
    posts = posts[:page_size]
    replies = (Post.objects.filter(shown, parent__in=posts).select_related("member")
               .order_by("created_at"))
    by_parent: dict = {}
    for reply in replies:
        by_parent.setdefault(reply.parent_id, []).append(reply)
    for post in posts:
        post.shown_replies = by_parent.get(post.pk, [])
    # Replies whose post was erased with its writer's account: rare, so found through a
    # small index of their own rather than by walking the circle's posts.
    orphans = list(Post.objects.filter(shown, circle=member.circle, is_reply=True,
                                       parent__isnull=True).select_related("member")
                   .order_by("-created_at")[:page_size]) if before is None else []
    _attach_reactions(member, [*posts, *(r for rs in by_parent.values() for r in rs),
                               *orphans])
    return posts, orphans, more


def _attach_reactions(member: Member, posts: list[Post]) -> None:
    """Who said what on each post (names, never a count), and what this member said."""
    said: dict = {}
    for r in (Reaction.objects.filter(post__in=posts)
              .values("post_id", "kind", "client_id").order_by("created_at")):
        said.setdefault(r["post_id"], []).append(r)
    names = dict(Member.objects.filter(circle=member.circle, status=Member.Status.JOINED,
                                       client__in={r["client_id"] for rs in said.values()
                                                   for r in rs})
                 .values_list("client_id", "display_name")) if said else {}
    names[member.client_id] = "you"
    reported = set(Report.objects.filter(post__in=posts, client=member.client)
                   .values_list("post_id", flat=True))
    for post in posts:
        rows = said.get(post.pk, [])
        post.mine = {r["kind"] for r in rows if r["client_id"] == member.client_id}
        post.kind_words = [
            (label, [names[r["client_id"]] for r in rows
                     if r["kind"] == kind and r["client_id"] in names])
            for kind, label in Reaction.Kind.choices]
        post.reported = post.pk in reported


def next_look(circle: Circle, now: datetime | None = None) -> str:
    """When a moderator will next read held posts, in words that follow "will read it"."""
    if not circle.moderators.filter(is_active=True).exists():
        return ("once someone at the clinic takes it on (its moderators have left, and "
                "nobody has yet)")
    now = now or timezone.now()
    parsed = [windows.Window.parse(w) for w in circle.staffed]
    if not parsed:
        return "when a moderator next signs in"  # no staffed hours set: the honest answer
    tz = ZoneInfo(circle.time_zone)
    at = windows.release_time(parsed, tz, now)
    if at <= now:
        return "soon (a moderator is on now)"
    local = at.astimezone(tz)
    day = "today" if local.date() == now.astimezone(tz).date() else f"on {local:%A}"
    return f"{day} from {windows._clock(local.time())}"


# --- Moderating -----------------------------------------------------------------------

RISK_ORDER = {"urgent": 0, "ideation": 1, "distress": 2, "none": 3}


def queue(moderator: User):
    """Held posts in the circles they moderate: the most at risk first, then the oldest."""
    held = list(Post.objects.filter(circle__moderators=moderator, status=Post.Status.HELD)
                .select_related("member", "circle")
                .annotate(report_count=Count("reports")))
    return sorted(held, key=lambda p: (RISK_ORDER.get(p.risk_level, 3), p.created_at))


def waiting(moderator: User) -> list[dict]:
    """What waits in each circle they moderate: how many held posts, and whether any of
    them sound at risk. Counts only, never words: it is shown on every page they open."""
    by_circle: dict = {}
    for circle_id, name, level in (Post.objects.filter(circle__moderators=moderator,
                                                       status=Post.Status.HELD)
                                   .values_list("circle_id", "circle__name", "risk_level")):
        row = by_circle.setdefault(circle_id, {"pk": circle_id, "name": name, "held": 0,
                                               "worst": "none"})
        row["held"] += 1
        if RISK_ORDER.get(level, 3) < RISK_ORDER[row["worst"]]:
            row["worst"] = level
    return sorted(by_circle.values(), key=lambda r: (RISK_ORDER[r["worst"]], r["name"]))


def _decide(moderator: User, post: Post, status: str, action: str, **detail) -> Post:
    if not may_moderate(moderator, post.circle):
        raise CircleError("post", "Only this circle's moderators can do that.")
    post.status, post.decided_at, post.decided_by = status, timezone.now(), moderator
    if status == Post.Status.PUBLISHED:
        post.held_for = []
        post.published_at = post.published_at or post.decided_at
    post.save()
    record(action, actor=moderator, subject=post.client_id, target=f"circle:{post.circle_id}",
           detail={"post": str(post.pk), **detail})
    return post


def approve(moderator: User, post: Post, *, warning: str | None = None) -> Post:
    """Publish a held post, optionally with a content warning the moderator writes."""
    with transaction.atomic():
        if warning is not None and warning.strip() != (post.text("warning") or ""):
            post.warning = warning.strip()
            record(Action.CIRCLE_WARNING_SET, actor=moderator, subject=post.client_id,
                   target=f"circle:{post.circle_id}", detail={"post": str(post.pk)})
        return _decide(moderator, post, Post.Status.PUBLISHED, Action.CIRCLE_POST_APPROVED,
                       held_for=list(post.held_for))


def hide(moderator: User, post: Post, *, reason: str) -> Post:
    """Hide a post from the circle, with a reason its writer sees. Nothing is deleted."""
    if not reason.strip():
        raise CircleError("reason", "Reason: say in a sentence why, for the person who "
                                    "wrote it.")
    with transaction.atomic():
        post.moderator_note = reason.strip()
        return _decide(moderator, post, Post.Status.HIDDEN, Action.CIRCLE_POST_HIDDEN)


def pause(moderator: User, member: Member, *, until: datetime | None, reason: str) -> Member:
    """Pause a member's posting until a time (None ends a pause). While paused, what they
    write is kept and waits for a moderator; they see the reason."""
    if not may_moderate(moderator, member.circle):
        raise CircleError("member", "Only this circle's moderators can do that.")
    if until is not None and not reason.strip():
        raise CircleError("reason", "Reason: say in a sentence why, for the member.")
    with transaction.atomic():
        member.paused_until = until
        member.pause_reason = reason.strip() if until else None
        member.save(update_fields=["paused_until", "pause_reason"])
        record(Action.CIRCLE_MEMBER_PAUSED, actor=moderator, subject=member.client_id,
               target=f"circle:{member.circle_id}",
               detail={"until": until.isoformat() if until else None})
    return member
