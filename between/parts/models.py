"""Parts and who was fronting when: a log that belongs to the person who keeps it.

Nothing here suggests having parts or naming them. It records what the person already
knows, in their words, and each part's details can be kept from clinicians field by field.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib import crypto
from between.lib.fields import EncryptedTextField, opened
from between.risk.models import Screened

MAX_NAME_CHARS = 100
MAX_SHORT_CHARS = 200
MAX_TEXT_CHARS = 4_000

# The details of a part a client can keep from clinicians, one by one.
PRIVATE_CHOICES = {
    "name": "Their name",
    "pronouns": "Their pronouns",
    "age_or_role": "Their age or role",
    "description": "What I wrote about them",
    "helps": "What helps them",
}


# Shown in place of words that can't be decrypted: changed outside Between, or the key lost.
UNREADABLE = "(this couldn't be opened)"


class Readable:
    """Text fields read for showing: a page lists every other row, and says plainly which
    words could not be opened, instead of failing whole."""

    text_fields: tuple[str, ...] = ()

    def text(self, field: str) -> str | None:
        """The words ("" if none), or None if they can't be opened."""
        try:
            return getattr(self, field) or ""
        except crypto.DecryptionError:
            return None

    @property
    def readable(self) -> dict[str, str]:
        return {f: UNREADABLE if (t := self.text(f)) is None else t for f in self.text_fields}

    @property
    def unreadable(self) -> list[str]:
        return [f for f in self.text_fields if self.text(f) is None]


class Part(Readable, Screened):
    """One part, as the client describes them."""

    screened_fields = ("description", "helps")
    text_fields = ("pronouns", "age_or_role", "emoji", "description", "helps")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="parts")
    name = EncryptedTextField(not_screened="a part's name")
    pronouns = EncryptedTextField(null=True, blank=True, not_screened="pronouns")
    age_or_role = EncryptedTextField(null=True, blank=True,
                                     not_screened="a few words: an age or a role")
    # One emoji, or blank; a colour is never the only way a part is told apart.
    emoji = EncryptedTextField(null=True, blank=True, not_screened="one emoji")
    colour = models.CharField(max_length=7, blank=True, default="")
    description = EncryptedTextField(null=True, blank=True)
    helps = EncryptedTextField(null=True, blank=True)
    # Which of PRIVATE_CHOICES the client keeps from clinicians.
    private = models.JSONField(default=list, blank=True)
    # Where it came from when imported ("pluralkit:abcde"), so a second import of the
    # same file updates instead of doubling.
    source_id = models.CharField(max_length=80, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Part {self.pk}"  # never the name: a str() can end up in a log line

    def shown_name(self) -> str:
        name = opened(self, "name")
        return name if name is not None else UNREADABLE

    def shown_emoji(self) -> str:
        return self.text("emoji") or ""

    def shares(self, field: str) -> bool:
        return field not in self.private


class FrontQuerySet(models.QuerySet):
    def between(self, start, end):
        """Periods that overlap [start, end); an open one runs until now."""
        return self.filter(started_at__lt=end).filter(
            models.Q(ended_at__isnull=True) | models.Q(ended_at__gt=start))


class Front(Readable, Screened):
    """A stretch of time: who was fronting, or time lost.

    A new front period that starts while another is open ends that one: that is a switch.
    Lost time is a period nobody remembers; parts may be named if the client knows.
    """

    class Kind(models.TextChoices):
        FRONT = "front", "Fronting"
        LOST = "lost", "Lost time"

    screened_fields = ("note",)
    text_fields = ("status", "note")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="fronts")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.FRONT)
    fronting = models.ManyToManyField(Part, blank=True, related_name="fronted")
    co_conscious = models.ManyToManyField(Part, blank=True, related_name="co_conscious_in")
    # "blurry", "not sure": the client's own word for how it is.
    status = EncryptedTextField(null=True, blank=True, not_screened="a word or two")
    started_at = models.DateTimeField(db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Times written after the fact are often "about".
    approximate = models.BooleanField(default=False)
    # What happened, or what set off a switch. Shared only if the client says so, and the
    # ciphertext is bound to that choice, as for a journal entry.
    note = EncryptedTextField(null=True, blank=True, bound_to=("note_shared",))
    note_shared = models.BooleanField(default=False)
    source_id = models.CharField(max_length=80, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    objects = FrontQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "started_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def duration(self, now=None):
        return (self.ended_at or now or timezone.now()) - self.started_at
