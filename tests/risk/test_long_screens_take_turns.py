"""Long texts are screened one at a time in each process, so a flood of them shares the CPU
with the crisis page two ways, not nine; short ones never wait."""

import threading
import time

from between.risk import screen as screening


def test_long_screens_take_turns_and_short_ones_do_not_wait(monkeypatch):
    inside, release = [], threading.Event()

    def held(text):
        """A long screen that stays inside until told to finish."""
        if len(text) > screening.LONG_TEXT:
            inside.append(text)
            release.wait(10)
        return screening.Screening(screening.Level.NONE, ())

    monkeypatch.setattr(screening, "_screen", held)
    long_text = "a quiet day " * 300
    threads = [threading.Thread(target=screening.screen, args=(long_text,)) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(200):
        if inside:
            break
        time.sleep(0.01)
    time.sleep(0.1)  # the others have had every chance to get in too
    assert len(inside) == 1, "one long screen at a time"
    assert screening.screen("a short note").level == screening.Level.NONE
    assert not release.is_set(), "the short one finished while a long one held the turn"
    release.set()
    for t in threads:
        t.join()
    assert len(inside) == 3, "the others had their turns"
