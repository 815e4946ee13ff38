import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.accounts.models import Role

INVITATION_DAYS = 7


AS_WORDS = {Role.CLINICIAN: "a clinician", Role.PEER_WORKER: "a peer worker",
            Role.ADMIN: "an administrator"}


class StaffInvitation(models.Model):
    """An administrator's invitation to a clinician or administrator, by email link.
    Only a hash of the token is kept; the link works once, for a week."""

    clinic = models.ForeignKey("accounts.Clinic", models.CASCADE, related_name="+")
    email = models.EmailField()
    role = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Invitation of {self.email} as {self.role}"

    @property
    def role_words(self) -> str:
        """'a clinician', 'a peer worker', 'an administrator': as the invitation says it."""
        return AS_WORDS.get(self.role, AS_WORDS[Role.CLINICIAN])

    def expired(self, now=None) -> bool:
        return (now or timezone.now()) - self.created_at > timezone.timedelta(
            days=INVITATION_DAYS)

    @property
    def waiting(self) -> bool:
        return not (self.accepted_at or self.cancelled_at or self.expired())


class MfaReset(models.Model):
    """Someone lost their second factor. An administrator asks, with a reason; where the
    clinic has a second administrator, that one approves before it happens."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Second-factor reset for {self.person}"


class Handover(models.Model):
    """Care moving to another clinician, or one more joining the team, which happens only
    when the client agrees in the app."""

    class Kind(models.TextChoices):
        HAND_OVER = "hand_over", "Hand over"
        ADD = "add", "Add to the team"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    from_clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True,
                                       blank=True, related_name="+")
    to_clinician = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    agreed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.client} to {self.to_clinician}"


class SignUp(models.Model):
    """Someone asking for a client account at a clinic that allows self-signup. The account
    is made only when they open the link emailed to them, so an address proves itself,
    and the page never says whether an address already has an account."""

    clinic = models.ForeignKey("accounts.Clinic", models.CASCADE, related_name="+")
    email = models.EmailField()
    display_name = models.CharField(max_length=100)
    password = models.CharField(max_length=256)  # already hashed, like User.password
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    LIFETIME = timezone.timedelta(days=2)

    def __str__(self) -> str:
        return f"Sign-up at {self.clinic}"

    def usable(self) -> bool:
        return self.used_at is None and timezone.now() - self.created_at < self.LIFETIME


class Team(models.Model):
    """Clinicians in one clinic who work together (a DBT consultation team, a skills
    group). Being in a team shows who else works with a client; it opens nothing: each
    clinician still sees only what each client shares with them."""

    clinic = models.ForeignKey("accounts.Clinic", models.CASCADE, related_name="teams")
    name = models.CharField(max_length=80)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="teams",
                                     blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["clinic", "name"],
                                               name="one_team_name_per_clinic")]

    def __str__(self) -> str:
        return self.name
