"""Circles: small peer-support groups a clinic runs and moderates.

A member is known in a circle only by the name they choose there. What they post is
theirs, encrypted with their own data key; moderators read it because the clinic runs
the circle, and every moderation decision is in the audit log.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField, opened
from between.risk.models import Screened

MAX_POST_CHARS = 5_000
MAX_WARNING_CHARS = 100
MAX_NAME_CHARS = 40
# Reports from this many different members hold a post until a moderator looks.
REPORTS_TO_HOLD = 3
# Shown where words can't be opened: changed outside Between, or the key is gone.
UNREADABLE = "(this couldn't be opened)"
SOMEONE_WHO_LEFT = "someone who left"


class Circle(models.Model):
    """One group, such as a DBT skills group, and who looks after it."""

    clinic = models.ForeignKey("accounts.Clinic", models.PROTECT, related_name="circles")
    name = models.CharField(max_length=100)
    about = models.CharField(max_length=500, blank=True, default="")
    moderators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="moderating")
    # When a moderator reads held posts: weekly windows, as a clinician's check-in times.
    time_zone = models.CharField(max_length=64, default="Europe/London")
    staffed = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"Circle {self.pk}"


class Member(models.Model):
    """A client's place in a circle: invited, then in, or gone."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        JOINED = "joined", "In the circle"
        LEFT = "left", "Left"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(Circle, models.CASCADE, related_name="members")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="circle_places")
    display_name = models.CharField(max_length=MAX_NAME_CHARS, blank=True, default="")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # While paused, what they post waits for a moderator; the reason is shown to them.
    paused_until = models.DateTimeField(null=True, blank=True)
    pause_reason = EncryptedTextField(null=True, blank=True,
                                      not_screened="a moderator's words to a member")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["circle", "client"],
                                               name="one_place_per_circle")]

    def __str__(self) -> str:
        return f"Member {self.pk}"

    @property
    def shown_name(self) -> str:
        if self.status == self.Status.LEFT or not self.display_name:
            return SOMEONE_WHO_LEFT
        return self.display_name

    def is_paused(self, now=None) -> bool:
        return self.paused_until is not None and self.paused_until > (now or timezone.now())


class Hold(models.TextChoices):
    """Why a post waits for a moderator. Each has a plain sentence for its writer."""

    RISK = "risk", "Some words in it can mean someone is struggling"
    CONTACT = "contact", "It has contact details or a link"
    REPORTS = "reports", "Several members asked a moderator to look"
    PAUSED = "paused", "Posting is paused for now"
    CHANGED = "changed", "A moderator hid it, and it has been changed since"


class Post(Screened):
    """A post, or a reply to one. Held posts are seen by their writer and moderators only."""

    class Status(models.TextChoices):
        HELD = "held", "Waiting for a moderator"
        PUBLISHED = "published", "Posted"
        HIDDEN = "hidden", "Hidden by a moderator"

    screened_fields = ("body", "warning")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    circle = models.ForeignKey(Circle, models.CASCADE, related_name="posts")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="circle_posts")
    member = models.ForeignKey(Member, models.CASCADE, related_name="posts")
    # A reply keeps its place when the post it answered is erased with its writer's
    # account: `parent` becomes empty, `is_reply` stays.
    parent = models.ForeignKey("self", models.SET_NULL, null=True, blank=True,
                               related_name="replies")
    is_reply = models.BooleanField(default=False)
    body = EncryptedTextField()
    # A content warning folds the post until tapped. Its writer or a moderator sets it.
    warning = EncryptedTextField(blank=True, default="")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    held_for = models.JSONField(default=list, blank=True)  # Hold values
    # A moderator's reason for hiding it, which its writer sees.
    moderator_note = EncryptedTextField(null=True, blank=True,
                                        not_screened="a moderator's reason, for the writer")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["circle", "status", "is_reply", "created_at"]),
            # Replies whose post is gone (erased with its writer): few, and asked for on
            # every first page of a feed.
            models.Index(fields=["circle", "created_at"], name="circles_post_orphans",
                         condition=models.Q(is_reply=True, parent__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"Circle post {self.pk}"  # never the words: a str() can end up in a log

    def text(self, field: str) -> str:
        value = opened(self, field)
        return UNREADABLE if value is None else (value or "")

    @property
    def shown_body(self) -> str:
        return self.text("body")

    @property
    def shown_warning(self) -> str:
        return self.text("warning")

    @property
    def text_note(self) -> str:
        return self.text("moderator_note")

    @property
    def hold_reasons(self) -> list[str]:
        return [Hold(h).label for h in self.held_for if h in Hold.values]


class Reaction(models.Model):
    """A kind word on a post. Nobody sees a count; the writer sees who said it."""

    class Kind(models.TextChoices):
        WITH_YOU = "with_you", "With you"
        THANK_YOU = "thank_you", "Thank you for sharing"

    post = models.ForeignKey(Post, models.CASCADE, related_name="reactions")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "client", "kind"],
                                               name="one_reaction_of_a_kind")]

    def __str__(self) -> str:
        return f"Reaction {self.pk}"


class Report(models.Model):
    """A member asking a moderator to look at a post. One per member per post."""

    post = models.ForeignKey(Post, models.CASCADE, related_name="reports")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "client"],
                                               name="one_report_per_member")]

    def __str__(self) -> str:
        return f"Report {self.pk}"
