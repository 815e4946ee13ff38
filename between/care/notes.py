"""A clinician's private clinical notes: on a client, and optionally on one session."""

from django.db.models import Prefetch
from django.utils import timezone

from between.accounts.models import User
from between.care.models import ClinicalNote, TherapySession


def write_note(author: User, client: User, body: str,
               session: TherapySession | None = None) -> ClinicalNote:
    """A new note. Not screened: these are a clinician's words, not the client's."""
    return ClinicalNote.objects.create(author=author, client=client, session=session,
                                       body=body.strip())


def edit_note(note: ClinicalNote, body: str, session: TherapySession | None) -> ClinicalNote:
    """The author corrects their note; the page then says when it was last changed."""
    note.body, note.session, note.edited_at = body.strip(), session, timezone.now()
    note.save(update_fields=["body", "session", "edited_at"])
    return note


def own_notes(author: User, client: User):
    """The author's notes on this client, newest first, with their sessions."""
    return (ClinicalNote.objects.filter(author=author, client=client)
            .select_related("session"))


def on_sessions(author: User) -> Prefetch:
    """For a list of sessions: each one's notes by this author, oldest first."""
    return Prefetch("clinical_notes", to_attr="own_notes",
                    queryset=ClinicalNote.objects.filter(author=author).order_by("created_at"))
