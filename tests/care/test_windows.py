from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from between.care.windows import Window, _aware, is_open, occurrences, release_time

ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Pacific/Auckland",
         "Asia/Kolkata", "UTC"]
FRIDAY_9 = [Window(4, time(9), time(10))]


def test_message_sent_outside_waits_for_the_next_window():
    london = ZoneInfo("Europe/London")
    tuesday_night = datetime(2026, 11, 24, 23, 30, tzinfo=london)
    assert release_time(FRIDAY_9, london, tuesday_night) == datetime(2026, 11, 27, 9, 0,
                                                                      tzinfo=london)


def test_message_sent_inside_an_open_window_is_released_now():
    london = ZoneInfo("Europe/London")
    friday = datetime(2026, 11, 27, 9, 30, tzinfo=london)
    assert release_time(FRIDAY_9, london, friday) == friday and is_open(FRIDAY_9, london, friday)


def test_window_keeps_its_wall_clock_time_across_the_clocks_going_back():
    london = ZoneInfo("Europe/London")
    # Clocks go back on Sunday 25 October 2026; Friday windows either side stay at 9:00.
    before = release_time(FRIDAY_9, london, datetime(2026, 10, 20, tzinfo=london))
    after = release_time(FRIDAY_9, london, datetime(2026, 10, 27, tzinfo=london))
    assert (before.hour, after.hour) == (9, 9)
    assert before.utcoffset() == timedelta(hours=1) and after.utcoffset() == timedelta(0)


def test_window_in_a_spring_forward_gap_still_opens_that_day():
    new_york = ZoneInfo("America/New_York")
    sunday_2_30 = [Window(6, time(2, 30), time(3, 30))]  # 8 March 2026: 2:00 -> 3:00
    got = release_time(sunday_2_30, new_york, datetime(2026, 3, 7, 12, tzinfo=new_york))
    assert got.date().isoformat() == "2026-03-08" and (got.hour, got.minute) == (3, 30)


@settings(max_examples=300, deadline=None)
@given(zone=st.sampled_from(ZONES),
       now=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                        timezones=st.just(UTC)),
       windows=st.lists(st.builds(
           lambda d, h, m, length: Window(d, time(h, m),
                                          (datetime(2000, 1, 1, h, m) +
                                           timedelta(minutes=length)).time()),
           st.integers(0, 6), st.integers(0, 22), st.sampled_from([0, 15, 30, 45]),
           st.integers(15, 59)), min_size=1, max_size=4))
def test_no_window_is_ever_moved_or_skipped(zone, now, windows):
    tz = ZoneInfo(zone)
    released = release_time(windows, tz, now)
    assert released >= now
    # Nothing opens between now and the release: no window was skipped.
    for start, end in occurrences(windows, tz, now):
        if now <= start < released:
            raise AssertionError(f"skipped the window at {start}")
        if start <= now < end:
            assert released == now
    # The release, if in the future, is at a window's wall-clock start on its weekday
    # (or just after a daylight-saving gap that swallowed that start).
    if released > now:
        local = released.astimezone(tz)
        expected = {_aware(local.date(), w.start, tz) for w in windows
                    if w.weekday == local.weekday()}
        assert released in expected
