import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField, opened
from between.risk.models import Screened

MAX_ENTRY_CHARS = 20_000


class EntryQuerySet(models.QuerySet):
    def shared(self):
        return self.filter(shared=True)


class Entry(Screened):
    """A private journal entry. Only the client edits it; they choose what to share."""

    screened_fields = ("body",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                               related_name="journal_entries")
    # Sharing decides who reads it, so the ciphertext is bound to it: an entry whose
    # `shared` is flipped in the database cannot be opened, and so is never shown. Change
    # `shared` only through journal.services.write_entry, which re-seals the body with it.
    body = EncryptedTextField(bound_to=("shared",))
    shared = models.BooleanField(default=False)
    # Which of the client's parts wrote it, if they keep a list and say so.
    written_by = models.ManyToManyField("parts.Part", blank=True, related_name="journal_entries")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        # Never the text: a str() can end up in a log line.
        return f"Journal entry {self.pk}"

    @property
    def readable_body(self) -> str | None:
        """The words, or None when they can't be decrypted (altered, or the key is gone)."""
        return opened(self, "body")

    def first_line(self) -> str | None:
        body = self.readable_body
        if body is None:
            return None
        line = body.strip().splitlines()[0] if body.strip() else ""
        return line[:80] + ("…" if len(line) > 80 else "")
