import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from between.audit.models import GENESIS, Action, AuditEvent, ChainHead, PendingRead


def record(action: str, *, actor=None, subject=None, target: str = "",
           detail: dict | None = None) -> AuditEvent:
    """Append one event to the chain.

    1. Lock the chain head (SELECT ... FOR UPDATE; SQLite's IMMEDIATE transactions
       already serialise writers).
    2. Build the event on top of the head's seq and hash.
    3. Insert it and move the head.
    """
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_label=str(actor) if actor is not None else "",
            action=action,
            subject_id=getattr(subject, "pk", subject),
            target=target,
            detail=detail or {},
            prev_hash=head.hash,
            keyed=True,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


def record_read(clinician, client, target: str) -> PendingRead:
    """A clinician looked at a client's data. The client sees this on their privacy page
    at once. It is one plain insert, so reads never queue on the chain's head; the next
    `between runjobs` pass seals it into the chain (`seal_reads`)."""
    return PendingRead.objects.create(actor_id=getattr(clinician, "pk", None),
                                      actor_label=str(clinician),
                                      subject_id=getattr(client, "pk", client), target=target)


SEAL_BATCH = 2000


def seal_reads(batch: int = SEAL_BATCH) -> int:
    """Move waiting reads into the chain, oldest first, each hashed onto the one before
    as `record` would. Safe to run from several workers: they take turns on the head.
    Returns how many were sealed."""
    sealed = 0
    while True:
        with transaction.atomic():
            head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
            waiting = list(PendingRead.objects.order_by("id")[:batch])
            if not waiting:
                return sealed
            events, seq, prev = [], head.seq, head.hash
            for read in waiting:
                seq += 1
                event = AuditEvent(seq=seq, at=read.at, actor_id=read.actor_id,
                                   actor_label=read.actor_label, action=Action.READ,
                                   subject_id=read.subject_id, target=read.target,
                                   detail={}, prev_hash=prev, keyed=True)
                event.hash = prev = event.compute_hash()
                events.append(event)
            AuditEvent.objects.bulk_create(events)
            PendingRead.objects.filter(id__in=[r.id for r in waiting]).delete()
            head.seq, head.hash = seq, prev
            head.save(update_fields=["seq", "hash"])
        sealed += len(events)
        if len(waiting) < batch:
            return sealed


def events_about(client_id: int, *, actions=None, limit: int | None = None) -> list:
    """Every event about a client, chained or a read still waiting to be sealed, newest
    first: what their own pages and their export show."""
    chained = AuditEvent.objects.filter(subject_id=client_id).order_by("-seq")
    if actions is not None:
        chained = chained.filter(action__in=actions)
    waiting = PendingRead.objects.filter(subject_id=client_id).order_by("-id")
    if actions is not None and Action.READ not in actions:
        waiting = waiting.none()
    events = sorted([*chained[:limit], *waiting[:limit]], key=lambda e: e.at, reverse=True)
    return events[:limit]


def verify_chain() -> tuple[int, int | None, str]:
    """Walk the chain. Returns (rows checked, first broken seq or None, reason)."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        if event.seq != expected_seq:
            return checked, expected_seq, f"row {expected_seq} is missing"
        if event.prev_hash != expected_prev:
            return checked, event.seq, "does not link to the row before it"
        if event.compute_hash() != event.hash:
            return checked, event.seq, "its contents do not match its hash"
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.seq != checked or head.hash != expected_prev):
        return checked, checked + 1, "rows after it were removed from the end of the log"
    hashes = dict(AuditEvent.objects.values_list("seq", "hash"))
    for seq, digest in read_anchors():
        if hashes.get(seq) != digest:
            return checked, seq, ("an anchor written outside the database says row "
                                  f"{seq} had other contents, or the log reached it")
    return checked, None, ""


def _anchor_line(seq: int, digest: str, at: str) -> str:
    mac = hmac.new(settings.AUDIT_KEY.encode(), f"{seq}|{digest}|{at}".encode(),
                   hashlib.sha256).hexdigest()
    return f"{seq} {digest} {at} {mac}"


def anchor_head() -> bool:
    """Append the chain's head, signed, to the anchor file, if it moved since the last
    anchor. Run by `between runjobs`. Returns whether a line was written."""
    head = ChainHead.objects.filter(pk=1).first()
    if head is None or head.seq == 0:
        return False
    anchors = read_anchors()
    if anchors and anchors[-1] == (head.seq, head.hash):
        return False
    path = settings.AUDIT_ANCHOR_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as fh:
        fh.write(_anchor_line(head.seq, head.hash, timezone.now().isoformat()) + "\n")
    path.chmod(0o600)
    return True


def read_anchors() -> list[tuple[int, str]]:
    """(seq, hash) of every anchor whose signature holds; a forged line is ignored."""
    path = settings.AUDIT_ANCHOR_FILE
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="ascii", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0].isdigit() and hmac.compare_digest(
                _anchor_line(int(parts[0]), parts[1], parts[2]), line.strip()):
            found.append((int(parts[0]), parts[1]))
    return found
