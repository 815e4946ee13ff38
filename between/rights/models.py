"""What data rights need to remember: exports waiting and archives brought in. A pending
closure is `User.erase_after`."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField

COPY = "a copy of records already screened when they were written"


class Export(models.Model):
    """A ZIP of everything a client owns, offered for download once, for a limited time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)
    # The ZIP, base64, sealed with the client's key; emptied on download or expiry.
    archive = EncryptedTextField(null=True, blank=True, not_screened=COPY)

    def __str__(self) -> str:
        return f"Export {self.pk}"

    @property
    def is_waiting(self) -> bool:
        return self.ready_at is None

    @property
    def is_offered(self) -> bool:
        return (self.ready_at is not None and self.downloaded_at is None
                and self.expires_at is not None and self.expires_at > timezone.now())


class Archive(models.Model):
    """Records brought from another installation that name people who aren't here (messages,
    sessions, flags). Kept for the client to read and to export again, shown to no one else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)
    records = EncryptedTextField(not_screened=COPY)

    def __str__(self) -> str:
        return f"Archive {self.pk}"
