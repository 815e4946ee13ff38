import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from between.audit.models import GENESIS, Action, AuditEvent, ChainHead


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


def record_read(clinician, client, target: str) -> AuditEvent:
    """A clinician looked at a client's data. The client sees this on their privacy page."""
    return record(Action.READ, actor=clinician, subject=client, target=target)


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
