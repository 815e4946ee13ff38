import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils import timezone

GENESIS = "0" * 64

# What a clinician looked at, in the words a client would use.
READ_TARGETS = {
    "overview": "Your name and what you share",
    "journal": "Your shared journal",
    "safety_plan": "Your safety plan",
    "diary": "Your diary card",
    "messages": "Your messages and check-ins",
    "sessions": "Your session feedback and notes",
    "chains": "Your chain analyses",
    "measures": "Your questionnaire scores",
    "parts": "Your parts and front log",
    "flag": "A flag raised by what you wrote or rated, with your contact details",
}


class Action(models.TextChoices):
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    LOGOUT = "logout", "Signed out"
    MFA_ENABLED = "mfa_enabled", "Turned on two-step sign-in"
    MFA_DISABLED = "mfa_disabled", "Turned off two-step sign-in"
    READ = "read", "Viewed"
    CONSENT_GRANTED = "consent_granted", "Started sharing"
    CONSENT_REVOKED = "consent_revoked", "Stopped sharing"
    TOKEN_CREATED = "token_created", "Created API token"
    TOKEN_REVOKED = "token_revoked", "Revoked API token"
    KEYS_ROTATED = "keys_rotated", "Rotated encryption keys"
    FLAG_ACKNOWLEDGED = "flag_acknowledged", "Looked into a flag and closed it"
    FLAG_REOPENED = "flag_reopened", "Reopened a flag"
    MFA_FAILED = "mfa_failed", "Failed two-step code"
    SIGNED_OUT_EVERYWHERE = "signed_out_everywhere", "Signed out everywhere"
    LINK_ENDED = "link_ended", "Ended working together in Between"
    EXPORT_REQUESTED = "export_requested", "Asked for a copy of their data"
    EXPORTED = "exported", "Downloaded a copy of their data"
    IMPORTED = "imported", "Brought in data from another installation"
    DELETED = "deleted", "Deleted something they wrote"
    CLOSE_REQUESTED = "close_requested", "Asked to close their account"
    CLOSE_CANCELLED = "close_cancelled", "Kept their account open"
    ACCOUNT_ERASED = "account_erased", "Account closed and erased"
    URGENT_ROUTED = "urgent_routed", "Urgent flag sent to the out-of-hours route"
    URGENT_ESCALATED = "urgent_escalated", "Urgent flag sent to the second person"
    URGENT_OPENED = "urgent_opened", "Opened an urgent flag"
    URGENT_TAKEN = "urgent_taken", "Said they're on an urgent flag"
    CLINIC_SETTINGS_CHANGED = "clinic_settings", "Changed clinic settings"
    STAFF_INVITED = "staff_invited", "Invited a clinician or administrator"
    STAFF_JOINED = "staff_joined", "Joined the clinic from an invitation"
    DEACTIVATED = "deactivated", "Deactivated an account"
    REACTIVATED = "reactivated", "Reactivated an account"
    ROLE_CHANGED = "role_changed", "Changed someone's role"
    MFA_RESET_REQUESTED = "mfa_reset_requested", "Asked to reset a second factor"
    MFA_RESET = "mfa_reset", "Reset a lost second factor"
    HANDOVER_PROPOSED = "handover_proposed", "Suggested a change of clinician"
    HANDOVER_AGREED = "handover_agreed", "Agreed to a change of clinician"
    HANDOVER_DECLINED = "handover_declined", "Said no to a change of clinician"
    SIGNED_UP = "signed_up", "Made their own account"
    REPLIED = "replied", "Replied to a message"
    COVER_CHOSEN = "cover_chosen", "Chose where messages go while someone is away"
    AWAY_SET = "away_set", "Set time away"
    MEASURE_ASSIGNED = "measure_assigned", "Asked for a questionnaire"
    MEASURE_STOPPED = "measure_stopped", "Stopped asking for a questionnaire"
    TEAM_CHANGED = "team_changed", "Changed a team"
    CIRCLE_CHANGED = "circle_changed", "Set up or changed a circle"
    CIRCLE_INVITED = "circle_invited", "Offered a place in a circle"
    CIRCLE_POST_APPROVED = "circle_approved", "Let a held circle post through"
    CIRCLE_POST_HIDDEN = "circle_hidden", "Hid a circle post"
    CIRCLE_WARNING_SET = "circle_warning", "Put a content warning on a circle post"
    CIRCLE_MEMBER_PAUSED = "circle_paused", "Paused or unpaused a member's posting"
    SUMMARY_SHARED = "summary_shared", "Changed who sees a Before my appointment summary"


class AuditEvent(models.Model):
    """One row of the append-only log. `seq` is gapless; each row hashes its predecessor.

    Rows hold ids and labels, never free text. Database triggers refuse UPDATE and DELETE.
    """

    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    subject_id = models.BigIntegerField(null=True, db_index=True)
    target = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)
    # Rows written since 2026-11-30 are HMACs with BETWEEN_AUDIT_KEY; earlier ones plain
    # SHA-256. A keyed row covers its predecessor's hash, so the unkeyed past can't be
    # rewritten either without breaking the first keyed row.
    keyed = models.BooleanField(default=False)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_id", "action", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def describe(self) -> str:
        from between.accounts.models import SCOPES

        if self.action == Action.READ:
            return READ_TARGETS.get(self.target, self.target)
        label = SCOPES.get(self.target)
        return f"{self.get_action_display()}: {label}" if label else self.get_action_display()

    def compute_hash(self) -> str:
        body = {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "subject_id": self.subject_id,
            "target": self.target,
            "detail": self.detail,
            "prev": self.prev_hash,
        }
        if self.keyed:
            body["keyed"] = True
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        if self.keyed:
            return hmac.new(settings.AUDIT_KEY.encode(), canonical.encode(),
                            hashlib.sha256).hexdigest()
        return hashlib.sha256(canonical.encode()).hexdigest()


class ChainHead(models.Model):
    """The newest seq and hash. Writers lock this row, which serialises the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"Audit chain head at #{self.seq}"


class PendingRead(models.Model):
    """A clinician's read, waiting to join the chain.

    Reads are the commonest event, and many clinicians make them at once. Appending each
    to the chain would make every read take its turn on the chain's head row, so a read
    is one plain insert here instead, and `seal_reads` (every `between runjobs` pass)
    moves waiting reads into the chain in the order they were made. The client's "Who has
    seen my data" page and their export show them at once, sealed or not.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=200, blank=True)
    subject_id = models.BigIntegerField(db_index=True)
    target = models.CharField(max_length=64, blank=True)

    action = Action.READ
    detail: dict = {}

    def __str__(self) -> str:
        return f"Read waiting to join the chain: {self.target}"

    def get_action_display(self) -> str:
        return Action.READ.label

    def describe(self) -> str:
        return READ_TARGETS.get(self.target, self.target)
