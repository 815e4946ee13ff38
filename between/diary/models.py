import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField
from between.risk.models import Screened

BACKFILL_DAYS = 7


class Kind(models.TextChoices):
    URGE = "urge", "Urge"
    EMOTION = "emotion", "Emotion"
    BEHAVIOUR = "behaviour", "Target behaviour"


# A person's own card items get a slug that says nothing: it keys the card's answers in
# plain JSON, and a name like "purging" would say what the encrypted label hides.
OWN_SLUG_PREFIX = "own_"


def own_slug() -> str:
    return f"{OWN_SLUG_PREFIX}{uuid.uuid4().hex[:12]}"


class CardItem(models.Model):
    """One row of a client's card: an urge, an emotion or a target behaviour.

    The built-in rows keep the project's slugs; a row a client or clinician names gets an
    opaque one, and its name and unit are encrypted like everything else a person writes.
    """

    class Direction(models.TextChoices):
        DECREASE = "decrease", "Do less of"
        INCREASE = "increase", "Do more of"

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="card_items")
    # The integer id is in URLs and commitments; this is the identity its ciphertext is
    # bound to, known before insert.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    slug = models.SlugField(max_length=40)
    label = EncryptedTextField(row_id="uid", not_screened=(
        "a card row's name, up to 60 characters; logging a safety row is what prompts"))
    direction = models.CharField(max_length=8, choices=Direction.choices, blank=True)
    unit = EncryptedTextField(row_id="uid", blank=True, default="",
                              not_screened="a unit for an amount, up to 20 characters")
    trigger = models.CharField(max_length=16, blank=True)  # "die" or "self_harm" for urges
    safety = models.BooleanField(default=False)  # behaviours: logging it shows the prompt
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["client", "kind", "slug"],
                                               name="one_item_per_slug")]

    def __str__(self) -> str:
        return self.label

    @property
    def is_own(self) -> bool:
        """Named by a person rather than taken from the default card."""
        return self.slug.startswith(OWN_SLUG_PREFIX)


class DiarySettings(models.Model):
    """Per-client safety thresholds for the urges that carry a trigger."""

    client = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="diary_settings")
    die_threshold = models.PositiveSmallIntegerField(default=3)
    self_harm_threshold = models.PositiveSmallIntegerField(default=4)

    def __str__(self) -> str:
        return f"Diary settings of user {self.client_id}"


class Card(Screened):
    """One day of one client's diary card. Answers live in JSON keyed by item slug."""

    screened_fields = ("note", "present")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="cards")
    day = models.DateField()
    urges = models.JSONField(default=dict)        # {"to_die": 0-5}
    emotions = models.JSONField(default=dict)     # {"sadness": 0-5}
    behaviours = models.JSONField(default=dict)   # {"self_harm": {"done": bool, "amount": n}}
    skills = models.JSONField(default=list)       # ["wise_mind", ...]
    skills_rating = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-7
    as_prescribed = models.BooleanField(null=True)
    # As-needed doses, [{"name", "dose", "time"}] as JSON: a medicine's name is health
    # information, so it is encrypted like everything else a client writes.
    medicines = EncryptedTextField(null=True, blank=True,
                                   not_screened="medicine names and doses from a list")
    sleep_hours = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    present = EncryptedTextField(null=True, blank=True)
    note = EncryptedTextField(null=True, blank=True)
    # Which of the client's parts wrote the note, if they keep a list and say so.
    note_by = models.ManyToManyField("parts.Part", blank=True, related_name="diary_notes")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["client", "day"], name="one_card_per_day")]
        indexes = [models.Index(fields=["client", "day"])]

    def __str__(self) -> str:
        return f"Diary card of user {self.client_id} for {self.day}"

    @property
    def as_needed(self) -> list[dict]:
        return json.loads(self.medicines) if self.medicines else []

    @as_needed.setter
    def as_needed(self, doses: list[dict]) -> None:
        self.medicines = json.dumps(doses, ensure_ascii=False) if doses else None


class CardRevision(models.Model):
    """Every save of a card, whole, so edits keep their history."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    card = models.ForeignKey(Card, models.CASCADE, related_name="revisions")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)
    snapshot = EncryptedTextField(  # JSON of the card as saved
        not_screened="a copy of a card, screened when it was saved")

    class Meta:
        ordering = ["-saved_at"]

    def __str__(self) -> str:
        return f"Revision {self.pk} of {self.card_id}"


class Commitment(models.Model):
    """A commitment to stop a target behaviour, from a start date."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="commitments")
    item = models.ForeignKey(CardItem, models.CASCADE, related_name="commitments")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on"]

    def __str__(self) -> str:
        return f"Commitment to stop {self.item}"


class ItemProposal(models.Model):
    """A clinician proposes a new item for the card; only the client can add it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Not decided yet"
        ACCEPTED = "accepted", "Added"
        DECLINED = "declined", "Not added"

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = EncryptedTextField(row_id="uid", not_screened=(
        "a clinician's suggested name for a card row, up to 60 characters"))
    direction = models.CharField(max_length=8, choices=CardItem.Direction.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Proposal to add {self.label}"


class CardReminder(models.Model):
    """A daily nudge to fill the card, at a time the client picks in their own time zone.

    The email says only "a gentle reminder", never what for. Never twice in a local day,
    never in quiet hours, and it rests after `stop_after` days in a row with no card,
    saying so once, kindly.
    """

    client = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    at = models.TimeField()
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    stop_after = models.PositiveSmallIntegerField(default=7)  # 0: never rest
    # Email unless the client turns it off; devices that opted in to Web Push get it too.
    by_email = models.BooleanField(default=True)
    last_sent = models.DateField(null=True, blank=True)  # the client's local date
    unanswered = models.PositiveSmallIntegerField(default=0)
    resting = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Card reminder for {self.client_id}"

    def is_quiet(self, moment) -> bool:
        """Whether a local time of day falls in quiet hours (which may cross midnight)."""
        start, end = self.quiet_from, self.quiet_until
        if start is None or end is None or start == end:
            return False
        if start < end:
            return start <= moment < end
        return moment >= start or moment < end
