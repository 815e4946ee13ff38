from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from between.accounts.access import has_viewers
from between.accounts.models import Role, User
from between.care import windows
from between.circles import services
from between.circles.forms import (
    CircleForm,
    DecisionForm,
    InviteForm,
    JoinForm,
    PauseForm,
    PostForm,
    ReplyForm,
)
from between.circles.models import (
    MAX_POST_CHARS,
    MAX_WARNING_CHARS,
    Circle,
    Member,
    Post,
    Reaction,
)
from between.lib import contact
from between.lib.decorators import client_required, clinician_required, moderator_required
from between.safety.prompt import offer_plan

# --- Members -----------------------------------------------------------------------------


LEFT_SHOWN = 50  # of a left circle's own posts listed, newest first


def _member(request, circle_pk, *, joined=True) -> Member:
    """The visitor's place in a circle: one they're in, or (joined=False) one they were
    offered or left. Anything else is a 404."""
    places = Member.objects.select_related("circle")
    if joined:
        places = places.filter(status=Member.Status.JOINED)
    else:
        places = places.exclude(status=Member.Status.JOINED)
    return get_object_or_404(places, circle_id=circle_pk, client=request.user)


def _post_for_member(request, pk) -> tuple[Member, Post]:
    """A post this member may act on: published, or their own. Anything else is a 404."""
    post = get_object_or_404(Post.objects.select_related("circle", "member"), pk=pk)
    member = _member(request, post.circle_id)
    if post.member_id != member.pk and not services.visible_to_members(post):
        raise Http404
    return member, post


@client_required
def index(request):
    places = (Member.objects.filter(client=request.user).select_related("circle")
              .order_by("circle__name"))
    left = [m for m in places if m.status == Member.Status.LEFT]
    for m in left:  # what they wrote there still shows, as from "someone who left"
        m.own_posts = list(Post.objects.filter(member=m).order_by("-created_at")[:LEFT_SHOWN])
    return render(request, "circles/index.html", {
        "joined": [m for m in places if m.status == Member.Status.JOINED],
        "invited": [(m, JoinForm(auto_id=f"id_{m.circle_id}_%s")) for m in places
                    if m.status != Member.Status.JOINED],
        "left_shown": LEFT_SHOWN})


@client_required
@require_POST
def join(request, pk):
    member = _member(request, pk, joined=False)
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            services.join(member, form.cleaned_data["display_name"])
        except services.CircleError as e:
            form.add_error("display_name", str(e))
    if form.errors:
        return render(request, "circles/join.html", {"member": member, "form": form},
                      status=400)
    messages.success(request, f"Welcome. You're in {member.circle.name} as "
                              f"{member.display_name}.")
    return redirect("circle", pk)


@client_required
@require_POST
def leave(request, pk):
    member = services.leave(_member(request, pk))
    messages.success(request, f"You've left {member.circle.name}. What you posted stays, "
                              "from “someone who left”; you can come back any time.")
    return redirect("circles")


def _after_write(request, member: Member, written: services.Written, where: str):
    """What the writer is told. Risky words: their plan and the lines at once."""
    when = services.next_look(member.circle)
    if written.prompt:
        offer_plan(request, told=has_viewers(member.client, "diary"), words=False,
                   held=when)
    elif written.held and written.contact:
        messages.info(request, "Thank you for posting. So that everyone stays in a space "
                               "the clinic looks after, posts here can't carry "
                               f"{contact.describe(written.contact)}. A moderator will read "
                               f"it {when}; or change it to take that out, and it goes up "
                               "straight away.")
    elif written.held:
        messages.info(request, f"Thank you. Your posting is paused for now, so a moderator "
                               f"will read this {when} before it goes up.")
    else:
        messages.success(request, "Posted." if where == "post" else "Replied.")
    return redirect(reverse("circle", args=[member.circle_id]) + f"#p-{written.post.pk}")


@client_required
def circle(request, pk):
    member = _member(request, pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        written = services.write(member, **form.cleaned_data)
        return _after_write(request, member, written, "post")
    try:
        before = parse_datetime(request.GET.get("before", "") or "")
    except ValueError:
        return render(request, "circles/problem.html", {
            "member": member, "field": "before",
            "problem": "Older posts: that address has a date that doesn't exist."},
            status=400)
    posts, orphans, more = services.feed(member, before=before)
    return render(request, "circles/circle.html", {
        "member": member, "circle": member.circle, "form": form, "posts": posts,
        "orphans": orphans, "more": more,
        "limit": MAX_POST_CHARS, "warning_limit": MAX_WARNING_CHARS,
        "kinds": Reaction.Kind.choices,
        "next_look": services.next_look(member.circle),
        "older": posts[-1].created_at.isoformat() if more else ""},
        status=400 if form.errors else 200)


@client_required
@require_POST
def reply(request, pk):
    member, parent = _post_for_member(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return render(request, "circles/reply.html", {"form": form, "parent": parent,
                                                      "member": member}, status=400)
    try:
        written = services.write(member, parent=parent, **form.cleaned_data)
    except services.CircleError as e:
        form.add_error("body", str(e))
        return render(request, "circles/reply.html", {"form": form, "parent": parent,
                                                      "member": member}, status=400)
    return _after_write(request, member, written, "reply")


@client_required
def edit(request, pk):
    member, post = _post_for_member(request, pk)
    if post.member_id != member.pk:
        raise Http404
    initial = {"body": post.text("body"), "warning": post.text("warning")}
    form_class = ReplyForm if post.is_reply else PostForm
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        written = services.write(member, post=post, **form.cleaned_data)
        return _after_write(request, member, written, "post")
    return render(request, "circles/edit.html", {"form": form, "post": post,
                                                 "member": member},
                  status=400 if form.errors else 200)


@client_required
@require_POST
def delete(request, pk):
    member, post = _post_for_member(request, pk)
    if post.member_id != member.pk:
        raise Http404
    services.delete_post(member, post)
    messages.success(request, "Deleted.")
    return redirect("circle", member.circle_id)


@client_required
@require_POST
def react(request, pk):
    member, post = _post_for_member(request, pk)
    try:
        services.react(member, post, request.POST.get("kind", ""))
    except services.CircleError as e:
        return render(request, "circles/problem.html", {"member": member, "problem": str(e),
                                                        "field": e.field}, status=400)
    return redirect(reverse("circle", args=[member.circle_id]) + f"#p-{post.pk}")


@client_required
@require_POST
def report(request, pk):
    member, post = _post_for_member(request, pk)
    try:
        services.report(member, post)
    except services.CircleError as e:
        return render(request, "circles/problem.html", {"member": member, "problem": str(e),
                                                        "field": e.field}, status=400)
    messages.success(request, "Thank you for telling us. A moderator will look at it "
                              f"{services.next_look(member.circle)}. The writer isn't told "
                              "who asked.")
    return redirect(reverse("circle", args=[member.circle_id]) + f"#p-{post.pk}")


# --- Moderators ----------------------------------------------------------------------------


def _moderated(request, pk) -> Circle:
    return get_object_or_404(Circle, pk=pk, moderators=request.user)


def _colleagues(clinician: User):
    """Who can moderate with them: the clinic's clinicians and peer workers."""
    return (User.objects.filter(clinic_id=clinician.clinic_id, is_active=True,
                                role__in=[Role.CLINICIAN, Role.PEER_WORKER])
            .exclude(pk=clinician.pk).order_by("role", "display_name")
            if clinician.clinic_id else User.objects.none())


def _only_clinicians_change(request) -> None:
    """A peer worker moderates; setting a circle up, changing it and offering places are
    a clinician's, like anything that needs to know who a client is."""
    if request.method == "POST" and not request.user.is_clinician:
        raise Http404


@moderator_required
def care_index(request):
    _only_clinicians_change(request)
    form = CircleForm(request.POST or None, colleagues=_colleagues(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.save_circle(request.user, **form.cleaned_data)
        except services.CircleError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, "Circle set up. Now offer places to your clients.")
            return redirect("care_circle", made.pk)
    return render(request, "circles/care_index.html", {
        "circles": Circle.objects.filter(moderators=request.user),
        "unmoderated": services.unmoderated(request.user),
        "held": len(services.queue(request.user)), "form": form},
        status=400 if form.errors else 200)


@clinician_required
@require_POST
def care_take_on(request, pk):
    try:
        circle = services.take_on(request.user, pk)
    except Circle.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"You moderate {circle.name} now. Anything waiting there is "
                              "in your held posts.")
    return redirect("care_circle", circle.pk)


@moderator_required
def care_circle(request, pk):
    _only_clinicians_change(request)
    circle = _moderated(request, pk)
    initial = {"name": circle.name, "about": circle.about,
               "staffed": windows.as_text(circle.staffed),
               "moderators": circle.moderators.exclude(pk=request.user.pk)}
    form = CircleForm(request.POST or None, initial=initial,
                      colleagues=_colleagues(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_circle(request.user, circle=circle, **form.cleaned_data)
        except services.CircleError as e:
            form.add_error(e.field, str(e))
        else:
            messages.success(request, "Saved.")
            return redirect("care_circle", pk)
    members = services.hidden_lately(circle.members.order_by("status", "display_name")
                                     .select_related("client"))
    recent = (circle.posts.filter(status=Post.Status.PUBLISHED)
              .select_related("member")[:30])
    return render(request, "circles/care_circle.html", {
        "circle": circle, "form": form, "members": members, "recent": recent,
        "invite": InviteForm(clients=services.invitable(request.user, circle)),
        "next_look": services.next_look(circle)}, status=400 if form.errors else 200)


@clinician_required
@require_POST
def care_invite(request, pk):
    circle = _moderated(request, pk)
    form = InviteForm(request.POST, clients=services.invitable(request.user, circle))
    if form.is_valid():
        member = services.invite(request.user, circle, form.cleaned_data["client"])
        messages.success(request, f"Offered a place to "
                                  f"{member.client.display_name or member.client.email}. "
                                  "They choose whether to join, and the name they go by.")
        return redirect("care_circle", pk)
    return render(request, "circles/problem.html", {
        "problem": form.errors["client"][0], "field": "client",
        "back": reverse("care_circle", args=[pk])}, status=400)


@moderator_required
def care_queue(request):
    return render(request, "circles/care_queue.html", {"held": services.queue(request.user)})


@moderator_required
def care_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("circle", "member", "client"),
                             pk=pk, circle__moderators=request.user)
    initial = {"warning": post.text("warning"),
               "decision": "hide" if post.status == Post.Status.PUBLISHED else "approve"}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "approve":
            services.approve(request.user, post, warning=form.cleaned_data["warning"])
            messages.success(request, "Posted.")
        else:
            services.hide(request.user, post, reason=form.cleaned_data["reason"])
            messages.success(request, "Hidden. The writer sees your reason.")
        return redirect("care_circles_queue")
    writer = services.hidden_lately(Member.objects.filter(pk=post.member_id)).get()
    return render(request, "circles/care_post.html", {
        "post": post, "form": form, "reports": post.reports.count(),
        "hidden_lately": writer.hidden_lately},
        status=400 if form.errors else 200)


@moderator_required
@require_POST
def care_pause(request, pk):
    member = get_object_or_404(Member.objects.select_related("circle"), pk=pk,
                               circle__moderators=request.user)
    form = PauseForm(request.POST)
    if not form.is_valid():
        return render(request, "circles/problem.html", {
            "problem": next(iter(form.errors.values()))[0],
            "field": next(iter(form.errors)),
            "back": reverse("care_circle", args=[member.circle_id])}, status=400)
    day = form.cleaned_data["until"]
    until = (datetime.combine(day, time.max).replace(tzinfo=ZoneInfo(member.circle.time_zone))
             if day else None)
    if until and not timezone.now() < until <= timezone.now() + timedelta(days=366):
        return render(request, "circles/problem.html", {
            "problem": "Pause posting until: choose a day from today to a year from now.",
            "field": "until", "back": reverse("care_circle", args=[member.circle_id])},
            status=400)
    services.pause(request.user, member, until=until, reason=form.cleaned_data["reason"])
    messages.success(request, "Paused." if until else "Posting is open to them again.")
    return redirect("care_circle", member.circle_id)
