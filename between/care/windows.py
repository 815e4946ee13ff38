"""Check-in windows: when a clinician reads messages, in their own time zone.

A window is a weekday and a start and end time on the wall clock where the clinician
is. Daylight-saving changes must not move a window off its wall-clock time, nor skip
one: each is computed from the local date, then made aware with zoneinfo.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Window:
    weekday: int  # 0 = Monday
    start: time
    end: time

    @classmethod
    def parse(cls, raw: dict) -> "Window":
        return cls(int(raw["weekday"]), time.fromisoformat(raw["start"]),
                   time.fromisoformat(raw["end"]))

    def as_dict(self) -> dict:
        return {"weekday": self.weekday, "start": self.start.strftime("%H:%M"),
                "end": self.end.strftime("%H:%M")}

    def describe(self) -> str:
        return f"{DAYS[self.weekday]}s, {_clock(self.start)} to {_clock(self.end)}"


def _clock(t: time) -> str:
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def _aware(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The instant the wall clock in tz shows `at` on `day`.

    In a spring-forward gap (02:30 that never happens) it is the first instant after the
    gap, so the window still opens that day rather than being skipped.
    """
    # fold=0 reads a missing time with the offset from before the change, so going
    # through UTC lands on the first real instant after the gap; other times round-trip
    # unchanged, and an ambiguous time (clocks going back) is its first occurrence.
    naive = datetime.combine(day, at)
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


def occurrences(windows: list[Window], tz: ZoneInfo, around: datetime,
                days: int = 9) -> list[tuple[datetime, datetime]]:
    """(start, end) of each window from the day before `around` for `days` days."""
    local_day = around.astimezone(tz).date() - timedelta(days=1)
    out = []
    for offset in range(days):
        day = local_day + timedelta(days=offset)
        for w in windows:
            if day.weekday() == w.weekday:
                out.append((_aware(day, w.start, tz), _aware(day, w.end, tz)))
    return sorted(out)


def release_time(windows: list[Window], tz: ZoneInfo, now: datetime) -> datetime:
    """When something sent at `now` reaches the clinician: now, if a window is open;
    otherwise the start of the next window. With no windows, at once."""
    if not windows:
        return now
    for start, end in occurrences(windows, tz, now):
        if start <= now < end:
            return now
        if start > now:
            return start
    raise AssertionError("a weekly window always occurs within nine days")


def is_open(windows: list[Window], tz: ZoneInfo, now: datetime) -> bool:
    return any(start <= now < end for start, end in occurrences(windows, tz, now))


def from_text(text: str) -> list[dict]:
    """Windows written as "Friday 09:00-10:00; Mon 14:00-15:30" (any day name or its first
    three letters; ";" or "," between windows). Raises ValueError saying what is wrong."""
    windows = []
    for part in (p.strip() for p in text.replace(",", ";").split(";")):
        if not part:
            continue
        day, _, times = part.partition(" ")
        found = [i for i, name in enumerate(DAYS)
                 if len(day) >= 3 and name.lower().startswith(day.lower())]
        start, _, end = times.strip().partition("-")
        try:
            window = Window(found[0], time.fromisoformat(start.strip()),
                            time.fromisoformat(end.strip()))
        except (IndexError, ValueError):
            raise ValueError(f"Write \"{part}\" as a day and two times, like "
                             "\"Friday 09:00-10:00\".") from None
        if window.end <= window.start:
            raise ValueError(f"In \"{part}\", the start must come before the end.")
        windows.append(window.as_dict())
    return windows


def as_text(windows: list[dict]) -> str:
    return "; ".join(f"{DAYS[w.weekday]} {w.start:%H:%M}-{w.end:%H:%M}"
                     for w in map(Window.parse, windows))
