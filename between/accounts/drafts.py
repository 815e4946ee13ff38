"""Never lose a word: what a client was writing is kept until they save it.

Drafts are written as the client types (from the page's script) and, whatever the script
does, from the very request that arrives after an idle sign-out: that request's words are
kept before the session ends, and are back on the page after signing in again.
"""

import json
from datetime import timedelta

from django.utils import timezone

from between.accounts.models import Draft, FormSubmission, User

# Form plumbing, not words: never kept.
SKIP = {"csrfmiddlewaretoken", "form_token"}
MAX_DRAFT_CHARS = 100_000  # every field on a page together; beyond this nothing is a draft


def keep_draft(client: User, path: str, fields: dict[str, list[str]]) -> Draft | None:
    """Keep a page's unsaved fields; an empty one removes the draft."""
    kept = {name: values for name, values in fields.items()
            if name not in SKIP and any(v.strip() for v in values)}
    if not kept:
        discard_draft(client, path)
        return None
    data = json.dumps(kept, ensure_ascii=False)
    if len(data) > MAX_DRAFT_CHARS:
        return None
    # Safe against a second save of the same page at the same moment (two tabs, the page's
    # script and a late POST): the later one updates the row the first made.
    draft, _ = Draft.objects.update_or_create(
        client=client, path=path, defaults={"fields": data, "updated_at": timezone.now()})
    return draft


def draft_for(client: User, path: str) -> Draft | None:
    return Draft.objects.filter(client=client, path=path).first()


def discard_draft(client: User, path: str) -> None:
    Draft.objects.filter(client=client, path=path).delete()


def forget_form_tokens(older_than: timedelta = timedelta(days=1)) -> int:
    """A token only has to outlive a double tap or a retry; run by `between runjobs`."""
    return FormSubmission.objects.filter(created_at__lt=timezone.now() - older_than
                                         ).delete()[0]
