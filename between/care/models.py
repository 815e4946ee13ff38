import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib import crypto
from between.lib.fields import EncryptedTextField
from between.risk.models import Screened

# Messages, check-ins and session feedback go to one linked clinician by the client's own
# choice of recipient, not through a sharing scope: their flags need only the link.
MESSAGES = "messages"


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(acknowledged_at__isnull=True)

    def visible_to(self, clinician, link):
        """Flags this clinician may see for one client, given what is shared now."""
        return self.filter(clinician=clinician, client_id=link.client_id,
                           scope__in=[*link.scopes(), MESSAGES])


class Flag(models.Model):
    """Something a clinician should see at their next check-in: a diary trigger or a risk
    screen. One row per clinician who had the matching scope when it was raised."""

    class Source(models.TextChoices):
        DIARY = "diary", "Diary card"
        SCREENING = "screening", "In their own words"
        MESSAGE = "message", "A message"
        MEASURE = "measure", "A questionnaire answer"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="flags")
    source = models.CharField(max_length=16, choices=Source.choices)
    # The consent scope this came through; revoking it hides the flag at once.
    scope = models.CharField(max_length=16)
    day = models.DateField()
    # Made of item names and numbers, never the client's own words.
    summary = models.CharField(max_length=300)
    # The client's words that led to the flag, when there are any; encrypted.
    excerpt = EncryptedTextField(null=True, blank=True,
                                 not_screened="a copy of words screened where they were written")
    # Which record the words came from ("journal.entry:<uuid>"), so that deleting it
    # takes the excerpt too. The flag itself, a safety fact, stays.
    about = models.CharField(max_length=80, blank=True, db_index=True)
    WORDS_DELETED = "deleted"
    # The screen's level when the flag came from written words ("urgent", "ideation");
    # blank for a diary threshold.
    level = models.CharField(max_length=10, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["clinician", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"Flag {self.pk} ({self.source})"

    @property
    def consent_scope(self) -> str | None:
        """The sharing scope a clinician needs to see it, or None when the link is enough."""
        return None if self.scope == MESSAGES else self.scope


class FlagEvent(models.Model):
    """A clinician closing a flag, with what was done, or reopening it: the flag's history.
    The note is the clinician's, private in the app; it is in the client's export (see the
    README on clinical notes)."""

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed"
        REOPENED = "reopened", "Reopened"

    # What was done, as the clinic would write it in a record; any number of them.
    DONE = {
        "called": "Called the client",
        "session": "Talked about it in session",
        "plan": "Went over the safety plan together",
        "crisis_team": "Referred to the crisis team",
        "no_action": "No action needed (the note says why)",
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    flag = models.ForeignKey(Flag, models.CASCADE, related_name="events")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    done = models.JSONField(default=list, blank=True)
    note = EncryptedTextField(blank=True, default="",
                              not_screened="a clinician's private note on a flag")

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"FlagEvent {self.pk} ({self.kind})"

    @property
    def done_labels(self) -> list[str]:
        return [self.DONE.get(key, key) for key in self.done]


class UrgentAlert(models.Model):
    """An urgent flag written outside every check-in time of the client's care team, and
    what the clinic's out-of-hours route did with it (see care.urgent).

    It holds no words: the summary is the flag's, made of where and what kind. A clinic
    whose route is "nobody until the next check-in time" gets a row too, never notified,
    so its administrator can see what that choice meant.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey("accounts.Clinic", models.CASCADE, related_name="urgent_alerts")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    summary = models.CharField(max_length=300)
    # The clinic's route when it was written ("duty", "inbox", "next_window" or "").
    route = models.CharField(max_length=16, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    notified = models.CharField(max_length=300, blank=True)  # who, and how
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["opened_at", "notified_at"])]

    def __str__(self) -> str:
        return f"Urgent alert {self.pk}"

    @property
    def routed(self) -> bool:
        return self.route in ("duty", "inbox")


class ContactPolicy(models.Model):
    """When a clinician reads messages. One per clinician, plus optional per-client
    overrides (client set)."""

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="contact_policies")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True,
                               blank=True, related_name="+")
    time_zone = models.CharField(max_length=64, default="Europe/London")
    windows = models.JSONField(default=list)  # [{"weekday": 4, "start": "09:00", "end": "10:00"}]
    response_time = models.CharField(max_length=200, blank=True,
                                     default="within two working days of reading")
    away_message = models.CharField(
        max_length=500, blank=True,
        default="I read messages in my check-in times, not straight away. If you need help "
                "before then, your safety plan and the crisis lines are one tap away.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clinician", "client"],
                                               name="one_policy_per_pair"),
                       models.UniqueConstraint(fields=["clinician"],
                                               condition=models.Q(client__isnull=True),
                                               name="one_default_policy")]

    def __str__(self) -> str:
        return f"Contact policy of {self.clinician_id}"

    def parsed_windows(self):
        from between.care.windows import Window

        return [Window.parse(w) for w in self.windows]

    def describe(self) -> str:
        windows = self.parsed_windows()
        return "; ".join(w.describe() for w in windows) if windows else "as messages arrive"


class Digest(models.Model):
    """What a clinician finds when a check-in window opens: released all at once."""

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="digests")
    released_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return f"Digest {self.pk} for {self.clinician_id}"


class Queued(Screened):
    """Something a client sends that waits for the clinician's next window."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    release_at = models.DateTimeField(db_index=True)
    released_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outside_window = models.BooleanField(default=False)
    digest = models.ForeignKey(Digest, models.SET_NULL, null=True, blank=True, related_name="+")
    # When the clinician first opened it, in their check-in or the conversation. The
    # client sees it on a message: "read Fri 09:14".
    read_at = models.DateTimeField(null=True, blank=True)
    # The clinician's to-do list: done with it, by whom. Never shown to the client.
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")

    class Meta:
        abstract = True
        ordering = ["sent_at"]

    @property
    def to_do_state(self) -> str:
        """new (not opened yet), read, or handled."""
        return "handled" if self.handled_at else "read" if self.read_at else "new"


class Message(Queued):
    screened_fields = ("body",)

    body = EncryptedTextField()
    # Sent to a colleague covering while this clinician was away, as the client chose.
    covering_for = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    # Which of the client's parts wrote it, if they keep a list and say so.
    written_by = models.ManyToManyField("parts.Part", blank=True, related_name="messages")

    def __str__(self) -> str:
        return f"Message {self.pk}"


class Reply(models.Model):
    """A clinician's answer to a client, in the conversation the client reads.

    Not screened for risk: a clinician's words are not the client's. Before sending,
    `care.conversation` checks only for what would harm if sent by mistake, such as
    another client's name. Sealed with the client's key, so it goes when their data does.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    body = EncryptedTextField(not_screened="a clinician's reply; checked for another "
                                           "client's name instead")
    covering_for = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    outside_window = models.BooleanField(default=False)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"Reply {self.pk}"


class Away(models.Model):
    """A clinician's time away, whole days in their own time zone, and the colleague who
    covers, if anyone. Each client chooses whether their messages go to that colleague or
    wait (CoverChoice); nobody's messages go anywhere they didn't choose."""

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="time_away")
    starts_on = models.DateField()
    ends_on = models.DateField()
    cover = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                              blank=True, related_name="covering")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F(
            "starts_on")), name="away_ends_after_it_starts")]

    def __str__(self) -> str:
        return f"{self.clinician_id} away {self.starts_on} to {self.ends_on}"


class CoverChoice(models.Model):
    """A client's answer for one clinician: while they're away, send to whoever covers,
    or wait for them. Without an answer, messages wait, and the client is told so."""

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    to_cover = models.BooleanField(default=False)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "clinician"],
                                               name="one_cover_choice_per_pair")]

    def __str__(self) -> str:
        return f"Cover choice of {self.client_id} for {self.clinician_id}"


class AgendaItem(Screened):
    """Something to bring to the next session, on a list both people see, until the
    clinician marks it talked about or whoever added it takes it off. What a client
    writes here is screened like any of their words; a message a clinician brings keeps
    the reading it had."""

    screened_fields = ("text",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Agenda item {self.pk}"


class SavedReply(models.Model):
    """A reply a clinician wrote once to use again, in their own words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="saved_replies")
    body = EncryptedTextField(owner="clinician", not_screened="a clinician's own reusable "
                                                               "reply, about no one client")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Saved reply {self.pk}"


class CheckIn(Queued):
    """The optional weekly check-in."""

    screened_fields = ("how_it_went", "what_helped", "bring_to_session")
    how_it_went = EncryptedTextField(blank=True, default="")
    peak_urge = models.PositiveSmallIntegerField(null=True, blank=True)
    what_helped = EncryptedTextField(blank=True, default="")
    bring_to_session = EncryptedTextField(blank=True, default="")

    def __str__(self) -> str:
        return f"Check-in {self.pk}"

    def text(self) -> str:
        return "\n".join(t for t in (self.how_it_went, self.what_helped,
                                      self.bring_to_session) if t)


class OutboundEmail(models.Model):
    """Email waiting to be sent by `between runjobs`. Never holds client content.

    The body can hold an invitation link, so it is sealed with a key derived from the
    master key while it waits, and emptied once sent; sent rows are deleted after
    SENT_RETENTION. Write and read it through `text`.
    """

    PURPOSE = "outbound-email"

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()  # sealed; "" once sent
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A sender's claim: nobody else sends it until this passes (see send_emails).
    claimed_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Email to {self.to}: {self.subject}"

    def _aad(self) -> bytes:
        return f"outbound_email|{self.to}".encode()

    @property
    def text(self) -> str:
        if not self.body.startswith("s1."):
            return self.body  # queued before bodies were sealed, or "" once sent
        return crypto.open_system(self.body, self.PURPOSE, self._aad())

    @text.setter
    def text(self, value: str) -> None:
        self.body = crypto.seal_system(value, self.PURPOSE, self._aad())

    @property
    def message_id(self) -> str:
        """The same on every attempt, so a rare resend is recognisably the same email."""
        host = urlsplit(settings.SITE_URL).hostname or "between.invalid"
        return f"<between-email-{self.pk}@{host}>"

    @classmethod
    def queue(cls, *, to: str, subject: str, text: str) -> "OutboundEmail":
        email = cls(to=to, subject=subject)
        email.text = text
        email.save()
        return email


class TherapySession(models.Model):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        ATTENDED = "attended", "Attended"
        CANCELLED = "cancelled", "Cancelled"
        MISSED = "missed", "Missed"
        PHONE = "phone", "By phone"
        BREAK = "break", "Break (no sessions)"

    # Sessions that took place: feedback and repair notes belong to these only.
    TOOK_PLACE = (Kind.ATTENDED, Kind.PHONE)

    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SCHEDULED)
    ends_on = models.DateField(null=True, blank=True)  # for a break

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} session {self.pk}"

    @property
    def took_place(self) -> bool:
        return self.kind in self.TOOK_PLACE


class SessionChange(models.Model):
    """One change to a session: booked, moved, cancelled (by whom, and why), attended,
    missed. The session row holds where it stands now; these say how it got there."""

    class What(models.TextChoices):
        BOOKED = "booked", "Booked"
        RESCHEDULED = "rescheduled", "Moved"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        PHONE = "phone", "Held by phone"
        MISSED = "missed", "Missed"

    class By(models.TextChoices):
        CLIENT = "client", "by the client"
        CLINICIAN = "clinician", "by the clinician"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(TherapySession, models.CASCADE, related_name="changes")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=12, choices=What.choices)
    was = models.DateTimeField(null=True, blank=True)  # the time it moved from
    cancelled_by = models.CharField(max_length=10, choices=By.choices, blank=True)
    reason = EncryptedTextField(blank=True, default="",
                                not_screened="a clinician's words on why a session changed")

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"SessionChange {self.pk} ({self.what})"


class ClinicalNote(models.Model):
    """A clinician's own note about a client, on one session or on none. Only its author
    reads it in Between; the client never sees it in the app, and it is in the client's
    export, because a right of access covers what a service records (see the README)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    session = models.ForeignKey(TherapySession, models.SET_NULL, null=True, blank=True,
                                related_name="clinical_notes")
    body = EncryptedTextField(not_screened="a clinician's private clinical note")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["author", "client", "-created_at"])]

    def __str__(self) -> str:
        return f"Clinical note {self.pk}"


class SessionFeedback(Screened):
    """A client's few words after a session: early warning of a rupture."""

    screened_fields = ("note",)
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.OneToOneField(TherapySession, models.CASCADE, related_name="feedback")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    heard = models.PositiveSmallIntegerField()
    worked_on = models.PositiveSmallIntegerField()
    approach_fits = models.PositiveSmallIntegerField()
    overall = models.PositiveSmallIntegerField()
    felt_off = models.BooleanField(default=False)
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Feedback on session {self.session_id}"


class RepairNote(Screened):
    """A note either side writes about what went wrong and how to mend it; both read it.
    The client's notes are screened; a clinician's are not about their own risk."""

    screened_fields = ("body",)
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(TherapySession, models.CASCADE, related_name="repair_notes")
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Repair note {self.pk}"


class Invitation(models.Model):
    """A clinician's invitation to a client, by email link. Only a hash of the token is kept."""

    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    email = models.EmailField()
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                               blank=True, related_name="+")

    def __str__(self) -> str:
        return f"Invitation {self.pk}"

    def expired(self) -> bool:
        return timezone.now() - self.created_at > timezone.timedelta(days=14)


class CalendarFeed(models.Model):
    """A private link a calendar app polls for one person's sessions. Only a hash of the
    link's secret is kept; the feed says "Session" and the time, nothing else."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"
