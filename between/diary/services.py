"""Writes and reads for diary cards. Every save goes through record_card()."""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from between.accounts import keys
from between.accounts.models import User
from between.accounts.services import push_to
from between.care.services import raise_flag
from between.diary.models import (
    BACKFILL_DAYS,
    Card,
    CardItem,
    CardReminder,
    CardRevision,
    Commitment,
    DiarySettings,
    ItemProposal,
    Kind,
    own_slug,
)
from between.diary.template_data import default_card
from between.lib.errors import FieldError
from between.risk.screen import Level, Screening
from between.risk.services import screen_writing
from between.safety.services import client_today
from between.skills import library

MAX_NOTE_CHARS = 5000
MAX_PRESENT_CHARS = 200
MAX_AS_NEEDED = 10


def ensure_items(client: User) -> None:
    """Give a new client the default card."""
    if CardItem.objects.filter(client=client).exists():
        return
    data = default_card()
    rows = []
    for kind, key in ((Kind.URGE, "urges"), (Kind.EMOTION, "emotions"),
                      (Kind.BEHAVIOUR, "behaviours")):
        for i, item in enumerate(data[key]):
            rows.append(CardItem(client=client, kind=kind, slug=item["slug"],
                                 label=item["label"], direction=item.get("direction", ""),
                                 unit=item.get("unit", ""), trigger=item.get("trigger", ""),
                                 safety=item.get("safety", False), position=i))
    try:
        with transaction.atomic(), keys.one_active_key():
            CardItem.objects.bulk_create(rows)
    except IntegrityError:
        pass  # a parallel request made them first


def items_for(client: User) -> dict[str, list[CardItem]]:
    ensure_items(client)
    grouped: dict[str, list[CardItem]] = {Kind.URGE: [], Kind.EMOTION: [], Kind.BEHAVIOUR: []}
    for item in CardItem.objects.filter(client=client, active=True):
        grouped[item.kind].append(item)
    return grouped


def thresholds(client: User) -> DiarySettings:
    found = DiarySettings.objects.filter(client=client).first()
    if found:
        return found
    defaults = default_card()["thresholds"]
    return DiarySettings(client=client, die_threshold=defaults["die"],
                         self_harm_threshold=defaults["self_harm"])


def window(client: User) -> tuple[date, date]:
    today = client_today(client)
    return today - timedelta(days=BACKFILL_DAYS), today


def check_day(client: User, day: date) -> None:
    earliest, today = window(client)
    if day > today:
        raise FieldError("date", "is in the future; cards are for days that have happened")
    if day < earliest:
        raise FieldError("date", f"is more than {BACKFILL_DAYS} days ago; the last "
                                 f"{BACKFILL_DAYS} days can be filled in")


@dataclass
class CardInput:
    urges: dict[str, int] = field(default_factory=dict)
    emotions: dict[str, int] = field(default_factory=dict)
    behaviours: dict[str, dict] = field(default_factory=dict)
    skills: list[str] = field(default_factory=list)
    skills_rating: int | None = None
    as_prescribed: bool | None = None
    as_needed: list[dict] = field(default_factory=list)
    sleep_hours: Decimal | None = None
    present: str | None = None
    note: str = ""
    note_by: list | None = None  # the client's parts who wrote the note; None: unchanged


def _ratings(kind_name: str, values: dict, allowed: set[str]) -> dict[str, int]:
    clean = {}
    for slug, value in values.items():
        if slug not in allowed:
            raise FieldError(f"{kind_name}.{slug}", "is not on this card")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5:
            raise FieldError(f"{kind_name}.{slug}", "must be a whole number from 0 to 5")
        clean[slug] = value
    return clean


def validate(client: User, raw: CardInput, items: dict | None = None) -> CardInput:
    """Check every value against this client's card. Raises FieldError naming the field."""
    items = items or items_for(client)
    urges = _ratings("urges", raw.urges, {i.slug for i in items[Kind.URGE]})
    emotions = _ratings("emotions", raw.emotions, {i.slug for i in items[Kind.EMOTION]})
    behaviours = {}
    allowed = {i.slug for i in items[Kind.BEHAVIOUR]}
    for slug, value in raw.behaviours.items():
        name = f"behaviours.{slug}"
        if slug not in allowed:
            raise FieldError(name, "is not on this card")
        if not isinstance(value, dict) or not isinstance(value.get("done"), bool):
            raise FieldError(f"{name}.done", "must be true or false")
        amount = value.get("amount")
        if amount is not None:
            try:
                amount = Decimal(str(amount))
            except InvalidOperation:
                raise FieldError(f"{name}.amount", "must be a number") from None
            if amount < 0 or amount > 10000:
                raise FieldError(f"{name}.amount", "must be between 0 and 10000")
            amount = float(amount)
        behaviours[slug] = {"done": value["done"], "amount": amount}
    unknown = [s for s in raw.skills if s not in library.skills()]
    if unknown:
        raise FieldError("skills", f"unknown skill {unknown[0]!r}")
    if raw.skills_rating is not None and not 0 <= raw.skills_rating <= 7:
        raise FieldError("skills_rating", "must be from 0 to 7")
    if raw.sleep_hours is not None and not 0 <= raw.sleep_hours <= 24:
        raise FieldError("sleep_hours", "must be between 0 and 24")
    if len(raw.as_needed) > MAX_AS_NEEDED:
        raise FieldError("medication.as_needed", f"can list up to {MAX_AS_NEEDED} doses")
    as_needed = []
    for i, dose in enumerate(raw.as_needed):
        name = str(dose.get("name", "")).strip()[:60]
        if not name:
            raise FieldError(f"medication.as_needed.{i}.name", "is needed")
        as_needed.append({"name": name, "dose": str(dose.get("dose", "")).strip()[:30],
                          "time": str(dose.get("time", "")).strip()[:5]})
    if raw.present and len(raw.present) > MAX_PRESENT_CHARS:
        raise FieldError("present", f"is over {MAX_PRESENT_CHARS} characters")
    if len(raw.note or "") > MAX_NOTE_CHARS:
        raise FieldError("note", f"is over {MAX_NOTE_CHARS} characters")
    if raw.note_by and any(part.client_id != client.pk for part in raw.note_by):
        raise FieldError("note_by", "names a part that isn't on this person's list")
    return CardInput(urges=urges, emotions=emotions, behaviours=behaviours,
                     skills=list(dict.fromkeys(raw.skills)), skills_rating=raw.skills_rating,
                     as_prescribed=raw.as_prescribed, as_needed=as_needed,
                     sleep_hours=raw.sleep_hours, present=(raw.present or "").strip() or None,
                     note=raw.note or "", note_by=raw.note_by)


# How a clinician's flag names a card item the client named themselves: the flag's
# summary is stored in the clear, and the item's own name is not.
OWN_ITEM = "one of their own card items"


def reached(client: User, card: Card, items: dict | None = None,
            limits: DiarySettings | None = None) -> list[tuple[CardItem, str]]:
    """The safety thresholds this card reaches: each item, and "rated 4" or "logged"."""
    items = items or items_for(client)
    limits = limits or thresholds(client)
    found = []
    for item in items[Kind.URGE]:
        value = card.urges.get(item.slug)
        limit = {"die": limits.die_threshold, "self_harm": limits.self_harm_threshold
                 }.get(item.trigger)
        if limit is not None and value is not None and value >= limit:
            found.append((item, f"rated {value}"))
    found += [(item, "logged") for item in items[Kind.BEHAVIOUR]
              if item.safety and card.behaviours.get(item.slug, {}).get("done")]
    return found


def reached_cells(client: User, cards: dict[date, Card],
                  items: dict) -> frozenset[tuple[date, str, str]]:
    """(day, item kind, item slug) for each cell of these cards at a safety threshold."""
    limits = thresholds(client)
    return frozenset((day, item.kind, item.slug) for day, card in cards.items()
                     for item, _ in reached(client, card, items, limits))


def triggers(client: User, card: Card, items: dict | None = None,
             limits: DiarySettings | None = None) -> list[str]:
    """The safety thresholds this card reaches, in plain words."""
    return [f"{item.label} {what}" for item, what in reached(client, card, items, limits)]


def _for_flag(item: CardItem, what: str) -> str:
    return f"{OWN_ITEM} {what}" if item.is_own else f"{item.label} {what}"


@dataclass
class SaveResult:
    card: Card
    safety_prompt: bool
    reasons: list[str]
    screening: Screening | None = None


def snapshot(card: Card) -> dict:
    return {"day": card.day.isoformat(), "urges": card.urges, "emotions": card.emotions,
            "behaviours": card.behaviours, "skills": card.skills,
            "skills_rating": card.skills_rating,
            "medication": {"as_prescribed": card.as_prescribed, "as_needed": card.as_needed},
            "sleep_hours": float(card.sleep_hours) if card.sleep_hours is not None else None,
            "present": card.present, "note": card.note or ""}


@transaction.atomic
def record_card(client: User, day: date, data: CardInput) -> SaveResult:
    """Save one day's card. Never refuses a valid card because of what it says.

    1. Check the day is in the backfill window and every value is on this card.
    2. Write the card and keep a revision of it.
    3. Work out which safety thresholds it reaches. The caller shows the prompt for all
       of them; clinicians with the diary scope get a flag for any newly reached.
    4. Screen the note. At ideation or above the client sees the prompt too, and the
       clinicians get a flag with the excerpt, when the note says something new.
    """
    check_day(client, day)
    items, limits = items_for(client), thresholds(client)
    data = validate(client, data, items)
    # The first save of a day can race another (a double tap, a retry, two tabs): the row
    # is made or found here, locked, so the later save updates it instead of failing.
    card, made = Card.objects.select_for_update().get_or_create(client=client, day=day)
    before = set() if made else {(i.pk, what) for i, what in reached(client, card, items, limits)}
    card.urges, card.emotions, card.behaviours = data.urges, data.emotions, data.behaviours
    card.skills, card.skills_rating = data.skills, data.skills_rating
    card.as_prescribed, card.as_needed = data.as_prescribed, data.as_needed
    card.sleep_hours, card.present = data.sleep_hours, data.present
    card.note = data.note or None
    card.updated_at = timezone.now()
    screening = screen_writing(card, "\n".join(t for t in (data.note, data.present) if t),
                               client=client, scope="diary", where="Diary note", day=day)
    card.save()
    if data.note_by is not None:
        card.note_by.set(data.note_by)
    CardRevision.objects.create(card=card, client=client,
                                snapshot=json.dumps(snapshot(card), ensure_ascii=False))
    found = reached(client, card, items, limits)
    reasons = [f"{item.label} {what}" for item, what in found]
    new = [(item, what) for item, what in found if (item.pk, what) not in before]
    if new:
        # The summary is stored in the clear, so it names the client's own items only
        # as such; their names go in the excerpt, which is sealed.
        own = [f"{item.label} {what}" for item, what in new if item.is_own]
        raise_flag(client, scope="diary", source="diary", day=day,
                   summary=f"{day:%a %d %b}: " + "; ".join(_for_flag(*n) for n in new),
                   excerpt="; ".join(own) or None)
    if screening.level >= Level.IDEATION:
        reasons.append("What you wrote in your note")
    return SaveResult(card=card, safety_prompt=bool(reasons), reasons=reasons,
                      screening=screening)


@transaction.atomic
def add_skill_to_card(client: User, day: date, skill: str) -> Card:
    """Tick a skill on that day's card, making the card if there isn't one yet."""
    card, _ = Card.objects.select_for_update().get_or_create(client=client, day=day)
    if skill not in card.skills:
        card.skills = [*card.skills, skill]
        card.updated_at = timezone.now()
        card.save()
        CardRevision.objects.create(card=card, client=client,
                                    snapshot=json.dumps(snapshot(card), ensure_ascii=False))
    return card


def behaviours_done(client: User, day: date) -> list[str]:
    """The names of the target behaviours logged as done on that day's card."""
    card = Card.objects.filter(client=client, day=day).only("behaviours").first()
    if card is None:
        return []
    labels = {item.slug: item.label
              for item in CardItem.objects.filter(client=client, kind=Kind.BEHAVIOUR)}
    return [labels.get(slug, slug) for slug, value in card.behaviours.items()
            if value.get("done")]


def behaviour_label(client: User, slug: str) -> str | None:
    """The client's own name for one of their target behaviours."""
    item = CardItem.objects.filter(client=client, kind=Kind.BEHAVIOUR, slug=slug).first()
    return item.label if item else None


def week_cards(client: User, start: date) -> dict[date, Card]:
    cards = (Card.objects.filter(client=client, day__gte=start,
                                 day__lt=start + timedelta(days=7))
             .prefetch_related("note_by"))
    return {card.day: card for card in cards}


@dataclass
class CommitmentStatus:
    commitment: Commitment
    days_since: int
    happened_on_day: bool  # on the day being looked at, not necessarily today
    ever_since_start: bool


def commitment_statuses(client: User, day: date | None = None) -> list[CommitmentStatus]:
    """Each commitment as it stood on `day` (today by default): days since the behaviour
    last happened up to that day, and whether it happened on that day itself."""
    day = day or client_today(client)
    statuses = []
    for c in (Commitment.objects.filter(client=client, ended_on__isnull=True,
                                        started_on__lte=day).select_related("item")):
        last = (Card.objects.filter(client=client, day__gte=c.started_on, day__lte=day,
                                    **{f"behaviours__{c.item.slug}__done": True})
                .order_by("-day").values_list("day", flat=True).first())
        since = last or c.started_on
        statuses.append(CommitmentStatus(c, (day - since).days, last == day,
                                         last is not None))
    return statuses


@transaction.atomic
def add_item(client: User, *, kind: str, label: str, direction: str = "", unit: str = "",
             safety: bool = False) -> CardItem:
    """Add an item to the card, or bring back one of the same kind and name.

    Names are encrypted, so the match is made here, over the client's few items, rather
    than in the database."""
    ensure_items(client)
    label = label.strip()
    items = CardItem.objects.select_for_update().filter(client=client, kind=kind)
    same = next((i for i in items if i.label.casefold() == label.casefold()), None)
    if same is not None:
        if not same.active:
            same.active = True
            same.save(update_fields=["active"])
        return same
    return CardItem.objects.create(
        client=client, kind=kind, slug=own_slug(), label=label, unit=unit.strip(),
        safety=safety, direction=direction if kind == Kind.BEHAVIOUR else "",
        position=len(items))


def set_item_active(item: CardItem, active: bool) -> None:
    """Retiring an item hides it from new cards; past answers stay on past cards."""
    item.active = active
    item.save(update_fields=["active"])


def propose_item(clinician: User, client: User, *, kind: str, label: str,
                 direction: str = "") -> ItemProposal:
    return ItemProposal.objects.create(client=client, clinician=clinician, kind=kind,
                                       label=label.strip(), direction=direction)


@transaction.atomic
def decide_proposal(proposal, *, accept: bool) -> CardItem | None:
    proposal.status = proposal.Status.ACCEPTED if accept else proposal.Status.DECLINED
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_at"])
    if accept:
        return add_item(proposal.client, kind=proposal.kind, label=proposal.label,
                        direction=proposal.direction)
    return None


def set_thresholds(client: User, *, die: int, self_harm: int) -> DiarySettings:
    limits, _ = DiarySettings.objects.update_or_create(
        client=client, defaults={"die_threshold": die, "self_harm_threshold": self_harm})
    return limits


def start_commitment(client: User, item: CardItem, started_on: date) -> Commitment:
    Commitment.objects.filter(client=client, item=item, ended_on__isnull=True).update(
        ended_on=started_on)
    return Commitment.objects.create(client=client, item=item, started_on=started_on)


def end_commitment(commitment: Commitment) -> None:
    commitment.ended_on = client_today(commitment.client)
    commitment.save(update_fields=["ended_on"])


@dataclass
class Trend:
    label: str
    points: list[tuple[date, float | None]]  # one per period


def trends(client: User, weeks: int) -> tuple[list[Trend], list[Trend], list[date]]:
    """Urges and emotions over the last `weeks` weeks, plus skills use.

    Up to 12 weeks each point is a day; over that, each point is a week's average, so a
    year stays readable on a phone. One query, whatever the range.
    """
    today = client_today(client)
    start = today - timedelta(days=weeks * 7 - 1)
    cards = {c.day: c for c in Card.objects.filter(client=client, day__gte=start, day__lte=today)
             .only("day", "urges", "emotions", "skills", "skills_rating")}
    step = 1 if weeks <= 12 else 7
    periods = [start + timedelta(days=i) for i in range(0, weeks * 7, step)]

    def series(getter) -> list[tuple[date, float | None]]:
        out = []
        for first in periods:
            values = [v for d in range(step) if (card := cards.get(first + timedelta(days=d)))
                      and (v := getter(card)) is not None]
            out.append((first, round(sum(values) / len(values), 1) if values else None))
        return out

    items = items_for(client)
    feelings = [Trend(i.label, series(lambda c, s=i.slug, k=i.kind: (
        c.urges if k == Kind.URGE else c.emotions).get(s)))
        for i in items[Kind.URGE] + items[Kind.EMOTION]]
    skill_use = [Trend("How I used skills (0 to 7)", series(lambda c: c.skills_rating)),
                 Trend("Skills ticked", series(lambda c: len(c.skills) if c.skills else None))]
    return feelings, skill_use, periods


# An item "moved" when its last week's average differs from the weeks before by this much
# or more (ratings are 0 to 5); the summary names this many at most.
MOVED_BY = 1.0
MOVED_SHOWN = 3


@dataclass
class Moved:
    label: str
    before: float  # the average over the weeks before the last seven days
    recent: float  # the average over the last seven days

    @property
    def change(self) -> float:
        return round(self.recent - self.before, 1)


@dataclass
class BehaviourWeeks:
    label: str
    weeks: list[tuple[int, int]]  # oldest first: days logged as done, days with a card

    @property
    def newest_first(self) -> list[tuple[int, int]]:
        return self.weeks[::-1]


@dataclass
class TrendSummary:
    moved: list[Moved]
    week_starts: list[date]  # oldest first
    behaviours: list[BehaviourWeeks]

    @property
    def newest_first(self) -> list[date]:
        """On a phone the table scrolls, and this week is what matters most."""
        return self.week_starts[::-1]


def trend_summary(client: User, weeks: int) -> TrendSummary:
    """What a clinician reads first: the few urges and emotions whose last seven days moved
    most from the weeks before, and each target behaviour as days per week. One query."""
    today = client_today(client)
    start = today - timedelta(days=weeks * 7 - 1)
    recent_from = today - timedelta(days=6)
    cards = list(Card.objects.filter(client=client, day__gte=start, day__lte=today)
                 .only("day", "urges", "emotions", "behaviours"))
    items = items_for(client)
    moved = []
    for item in items[Kind.URGE] + items[Kind.EMOTION]:
        field = "urges" if item.kind == Kind.URGE else "emotions"
        before, recent = [], []
        for card in cards:
            value = getattr(card, field).get(item.slug)
            if value is not None:
                (recent if card.day >= recent_from else before).append(value)
        if before and recent:
            found = Moved(item.label, round(sum(before) / len(before), 1),
                          round(sum(recent) / len(recent), 1))
            if abs(found.change) >= MOVED_BY:
                moved.append(found)
    moved.sort(key=lambda m: -abs(m.change))
    week_starts = [start + timedelta(days=7 * i) for i in range(weeks)]
    behaviours = []
    for item in items[Kind.BEHAVIOUR]:
        per_week = [[0, 0] for _ in week_starts]
        for card in cards:
            week = (card.day - start).days // 7
            per_week[week][1] += 1
            per_week[week][0] += bool(card.behaviours.get(item.slug, {}).get("done"))
        behaviours.append(BehaviourWeeks(item.label, [tuple(w) for w in per_week]))
    return TrendSummary(moved[:MOVED_SHOWN], week_starts, behaviours)


REMINDER_SUBJECT = "Between: a gentle reminder"
# A reminder hours late (the jobs were down, or it was only just set) would come at a time
# nobody chose, perhaps the middle of the night: better none that day.
REMINDER_LATE_LIMIT = timedelta(hours=3)
REMINDER_TEXT = "A gentle reminder from Between. Open it whenever suits you.\n"
RESTING_TEXT = ("We'll stop reminding you for now. Nothing is wrong, and nothing is lost. "
                "If you'd like reminders again, you can turn them back on in Between.\n")


def set_reminder(client: User, *, at, quiet_from=None, quiet_until=None,
                 stop_after: int = 7, by_email: bool = True) -> CardReminder:
    """Turn the daily reminder on, or change it; turning it on again wakes a resting one."""
    reminder, _ = CardReminder.objects.update_or_create(client=client, defaults={
        "at": at, "quiet_from": quiet_from, "quiet_until": quiet_until,
        "stop_after": stop_after, "by_email": by_email, "resting": False, "unanswered": 0})
    return reminder


def stop_reminder(client: User) -> None:
    CardReminder.objects.filter(client=client).delete()


def send_card_reminders(now=None) -> int:
    """runjobs: queue each reminder that is due now in its client's own time zone.

    1. Skip a reminder already sent on the client's local today, not yet due, more than
       three hours late, or in quiet hours. A card already saved today counts as done:
       no email, and the count of days without a card starts again.
    2. Count the last reminded day as unanswered if it has no card.
    3. After `stop_after` unanswered days in a row, send one kind "we'll stop" and rest.
    """
    from between.care.models import OutboundEmail

    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = (CardReminder.objects.select_for_update(skip_locked=True)
               .filter(resting=False).select_related("client"))
        for reminder in due:
            tz = ZoneInfo(reminder.client.time_zone)
            local = now.astimezone(tz)
            today = local.date()
            at = datetime.combine(today, reminder.at, tzinfo=tz)
            if (reminder.last_sent == today or now < at or now - at > REMINDER_LATE_LIMIT
                    or reminder.is_quiet(local.time())):
                continue
            carded = set(Card.objects.filter(client=reminder.client, day__in=[
                today, reminder.last_sent or today]).values_list("day", flat=True))
            if today in carded:
                reminder.last_sent, reminder.unanswered = today, 0
                reminder.save(update_fields=["last_sent", "unanswered"])
                continue
            answered = reminder.last_sent is None or reminder.last_sent in carded
            reminder.unanswered = 0 if answered else reminder.unanswered + 1
            reminder.last_sent = today
            if reminder.stop_after and reminder.unanswered >= reminder.stop_after:
                # Always by email: a push can't say this, and it's the last one.
                reminder.resting = True
                OutboundEmail.queue(to=reminder.client.email, subject=REMINDER_SUBJECT,
                                    text=RESTING_TEXT)
            else:
                if reminder.by_email:
                    OutboundEmail.queue(to=reminder.client.email, subject=REMINDER_SUBJECT,
                                        text=REMINDER_TEXT)
                # After the commit: no lock is held while a push service answers.
                transaction.on_commit(lambda client=reminder.client: push_to(client))
            reminder.save(update_fields=["last_sent", "unanswered", "resting"])
            sent += 1
    return sent
