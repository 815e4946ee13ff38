import hashlib
import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField


class Role(models.TextChoices):
    CLIENT = "client", "Client"
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Admin"
    # Someone the clinic employs for their lived experience. They moderate circles they
    # are named on, and see nothing else of any client's: no records, no account names.
    PEER_WORKER = "peer_worker", "Peer worker"


# What a client can share with a clinician. Each is granted and revoked separately.
SCOPES = {
    "diary": "Diary card",
    "safety_plan": "Safety plan",
    "measures": "Questionnaire scores",
    "parts": "Parts",
    "journal": "Journal entries I choose to share",
}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str) -> "User":
        # Emails are stored lower-cased; people type them however they like.
        return self.get(email=username.strip().lower())


class OutOfHours(models.TextChoices):
    """Who hears of an urgent flag written outside every check-in time of the client's
    care team. A clinic chooses; until it does, the honest answer is the last one."""

    UNSET = "", "Not chosen yet"
    DUTY = "duty", "A duty clinician"
    INBOX = "inbox", "A team inbox"
    NEXT_WINDOW = "next_window", "Nobody until the next check-in time"


class Clinic(models.Model):
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Off by default: clinicians are not on call. When on, a message screened at ideation
    # or above sends the clinician a content-free email at once.
    page_on_risk = models.BooleanField(default=False)
    # Where the clinic works: its clients see that country's crisis lines until they
    # choose their own. Blank means this installation's default.
    country = models.CharField(max_length=5, blank=True, default="")
    # What the clinic must keep when a client closes their account, in its own plain
    # words, shown to the client before they close it. Between keeps nothing itself:
    # a clinic that must keep records copies them into its own record system first.
    retention_note = models.TextField(blank=True, default="")
    # The out-of-hours route: see care.urgent. Alerts say only that an urgent flag needs
    # attention, with a link; the words stay in Between.
    out_of_hours = models.CharField(max_length=16, choices=OutOfHours.choices, blank=True,
                                    default=OutOfHours.UNSET)
    duty_clinician = models.ForeignKey("User", models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    team_inbox = models.EmailField(blank=True, default="")
    escalate_to = models.ForeignKey("User", models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    escalate_after_minutes = models.PositiveSmallIntegerField(default=30)
    # Check-in windows a new clinician starts with, until they set their own; empty means
    # this installation's default (Fridays 9 to 10am).
    default_windows = models.JSONField(default=list, blank=True)
    # How long a client's session may sit idle, in minutes; empty means the installation's
    # (30 minutes for a client).
    client_idle_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    # Whether people may make a client account themselves from the clinic's sign-up link,
    # rather than only from a clinician's invitation.
    self_signup = models.BooleanField(default=False)
    # What the clinic has agreed to do about a flag, in its own words, shown beside each
    # flag of that level. Blank until someone writes it; the flag page says so.
    steps_urgent = models.TextField(blank=True, default="")
    steps_ideation = models.TextField(blank=True, default="")
    steps_other = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return self.name

    def steps_for(self, level: str) -> str:
        """The clinic's next steps for a flag of this level ("urgent", "ideation", "")."""
        return {"urgent": self.steps_urgent, "ideation": self.steps_ideation}.get(
            level, self.steps_other)

    @property
    def routes_out_of_hours(self) -> bool:
        return self.out_of_hours in (OutOfHours.DUTY, OutOfHours.INBOX)


class User(AbstractBaseUser):
    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=100)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CLIENT)
    clinic = models.ForeignKey(Clinic, models.PROTECT, null=True, blank=True,
                               related_name="clinicians")
    time_zone = models.CharField(max_length=64, default="Europe/London")
    # The country whose crisis lines this person sees; blank until they choose.
    country = models.CharField(max_length=5, blank=True, default="")
    # "Sign out everywhere": sessions that began before this end at their next request.
    # Set when a client asks to close their account: `runjobs` erases them after this
    # moment unless they keep it. On the user row, so every page can say so for free.
    erase_after = models.DateTimeField(null=True, blank=True)
    sessions_valid_after = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    # A client who chose two-step sign-in too (clinicians and admins always have it).
    mfa_enabled = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_peer_worker(self) -> bool:
        return self.role == Role.PEER_WORKER

    @property
    def needs_mfa(self) -> bool:
        """Staff see what clients write, so a password alone is never enough; a client may
        choose it too."""
        return self.role in (Role.CLINICIAN, Role.ADMIN, Role.PEER_WORKER) or self.mfa_enabled


def client_clinic(client: "User") -> Clinic | None:
    """A client's clinic: the one they joined, else their first clinician's."""
    if client.clinic_id:
        return client.clinic
    link = (CareLink.objects.active().filter(client=client, clinician__clinic__isnull=False)
            .select_related("clinician__clinic").first())
    return link.clinician.clinic if link else None


class CareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def with_scope(self, scope: str):
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        return self.active().filter(**{f"share_{scope}": True})


class CareLink(models.Model):
    """A client and a clinician working together, and what the client shares.

    Scopes are read fresh on every request: revoking one takes effect at once.
    """

    client = models.ForeignKey(User, models.CASCADE, related_name="clinician_links")
    clinician = models.ForeignKey(User, models.CASCADE, related_name="client_links")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    share_diary = models.BooleanField(default=False)
    share_safety_plan = models.BooleanField(default=False)
    share_measures = models.BooleanField(default=False)
    share_parts = models.BooleanField(default=False)
    share_journal = models.BooleanField(default=False)

    objects = CareLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "clinician"], name="one_link_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.client} ↔ {self.clinician}"

    def scopes(self) -> list[str]:
        return [s for s in SCOPES if getattr(self, f"share_{s}")]

    def is_active(self) -> bool:
        return self.ended_at is None


class DataKey(models.Model):
    """A client's data key. One is active per user. The key itself, wrapped by a master key,
    sits in the key store (WrappedKey) under `handle`, outside this database's backups.
    `wrapped` is only for keys made before the key store existed; `between migrate` moves
    them."""

    user = models.ForeignKey(User, models.CASCADE, related_name="data_keys")
    handle = models.UUIDField(null=True, unique=True, editable=False)
    wrapped = models.BinaryField(null=True, blank=True)
    master_key_id = models.CharField(max_length=16)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(retired_at__isnull=True),
                                    name="one_active_data_key"),
        ]

    def __str__(self) -> str:
        return f"Data key {self.pk} of user {self.user_id}"


class WrappedKey(models.Model):
    """A data key wrapped by a master key, kept in the `keystore` database only.

    No foreign keys: it lives in another database. `owner_id` is kept so erasure can find
    every key of a person even if their DataKey rows are already gone."""

    handle = models.UUIDField(primary_key=True)
    owner_id = models.BigIntegerField(db_index=True)
    wrapped = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Wrapped key {self.handle}"


class PushDevice(models.Model):
    """A browser that asked for reminders by Web Push. The endpoint is the browser's push
    service's address for it; the keys encrypt what is sent (always the same few words)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="push_devices")
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    service = models.CharField(max_length=200)  # the push service's host, shown to the person
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Push device {self.pk} of user {self.user_id} via {self.service}"


class AccessToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, models.CASCADE, related_name="access_tokens")
    # A name can say what the token is for ("mood app for my bipolar"): encrypted.
    name = EncryptedTextField(owner="user", not_screened="a name for an API token")
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        # Tokens are 256 random bits, so a fast hash is enough; no salt needed.
        return hashlib.sha256(secret.encode()).hexdigest()


class Draft(models.Model):
    """What someone was writing on one page and has not saved yet, kept as they type:
    `client` is whoever wrote it, a client or a clinician.

    It survives an idle sign-out, a dropped connection or a closed tab, and goes when the
    page's form is saved. Encrypted like everything they write.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey("accounts.User", models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    fields = EncryptedTextField(
        not_screened="unsaved words; they are screened when the client saves them")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "path"],
                                               name="one_draft_per_page")]

    def __str__(self) -> str:
        return f"Draft {self.pk}"


class ContactDetails(models.Model):
    """How the client's care team can reach them when a flag worries them: a phone number
    and, optionally, how they'd like to be reached. The client writes it; their linked
    clinicians see it beside a flag. Encrypted: a number says who someone is."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.OneToOneField("accounts.User", models.CASCADE, related_name="contact")
    phone = EncryptedTextField(not_screened="a phone number")
    how = EncryptedTextField(blank=True, default="",
                             not_screened="how to reach them, like 'text first'")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Contact details {self.pk}"

    @property
    def dial(self) -> str:
        """The number as a tel: link wants it: a leading + and digits."""
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class FormSubmission(models.Model):
    """A form's one-time token, once used: a second copy of the same submission (a double
    tap, a retry on a slow connection) is answered with the first one's result."""

    key = models.CharField(max_length=64, unique=True)  # sha256 of user and token
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    location = models.CharField(max_length=300, blank=True)
    # For the API's Idempotency-Key: the first answer's status and the id it created,
    # never its body, which can hold what a client wrote.
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_id = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"Form submission {self.pk}"
