"""Risk screening speed: p50/p95 per entry of up to 2,000 characters, single-threaded;
import and warm-up time; peak memory. Runs in a child process so the figures are its own.
Targets: p95 <= 10 ms, import and warm-up <= 2 s, peak memory <= 300 MB. Then the worst
cases: 100,000 characters of text built to be slow (no punctuation, repeated triggers,
chains of negation, one giant token, 100,000 characters of different sentences, clauses
packed with risk phrases); the goal there is under 100 ms.
"""

import json
import random
import resource
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "risk"


ADVERSARIAL = {
    "diary shorthand, no punctuation": "SI 4/5 ",
    "negated shorthand": "not SI 4/5 ",
    "negated wishes": "i don't want to kill myself tonight, ",
    "someone else's risk": "my friend wants to die and ",
    "one giant token": "a",
    "ordinary prose": "An ordinary sentence about the weather and my day at work. ",
}


def child() -> None:
    started = time.perf_counter()
    from between.risk.screen import screen

    screen("warm up: I want to die. no SI. this essay is killing me.")
    warm = time.perf_counter() - started
    texts = [json.loads(line)["text"] for f in sorted(DATA.rglob("*.jsonl"))
             for line in f.read_text().splitlines()]
    rng = random.Random(3)  # noqa: S311 - benchmark inputs
    entries = list(texts)
    while len(entries) < len(texts) + 400:  # longer, journal-sized entries up to 2,000 chars
        entry, target = "", rng.randint(400, 2000)
        while len(entry) < target:
            entry += rng.choice(texts) + " "
        entries.append(entry[:2000])
    timings = []
    for _ in range(3):
        for text in entries:
            t = time.perf_counter()
            screen(text)
            timings.append(time.perf_counter() - t)
    q = statistics.quantiles(timings, n=100)
    adversarial = {}
    # Repetition is the cheap attack; 100,000 characters of different risky and ordinary
    # sentences is the costly one, because no clause's reading can be reused.
    cases = {name: unit * (100_000 // len(unit) + 1) for name, unit in ADVERSARIAL.items()}
    cases["every entry in the data, run together"] = " ".join(texts)
    cases["numbered negations, no two alike"] = "".join(
        f"i don't want to kill myself {i}, " for i in range(4000))
    # The same with a made-up word in place of the number: the numbers-blind reuse of a
    # reading doesn't apply, so each clause is read afresh.
    letters = random.Random(1)

    def made_up() -> str:
        return "".join(letters.choices(string.ascii_lowercase, k=5))

    cases["negations with a different made-up word each"] = "".join(
        f"i don't want to kill myself {made_up()}, " for _ in range(4000))
    # Clauses as long as they come, each packed with negated risk phrases in a new
    # order and made unique, so every pattern runs on every clause: the most work a
    # character can cost. These are where the reading budget (WORK_FLOOR) runs out.
    phrases = ["kill myself", "overdose on my pills", "jump off the bridge", "want to die",
               "cut myself", "end my life", "hang myself", "no reason to live", "self harm",
               "slit my wrists", "better off dead"]
    cases["clauses packed with negated risk phrases"] = "".join(
        "not " + " not ".join(letters.sample(phrases, 6)) + f" {made_up()} " for _ in range(2000))
    cases["the same, as 'i don't …' clauses"] = "".join(
        "i don't " + " i don't ".join(letters.sample(phrases, 6)) + f" {made_up()}, "
        for _ in range(2000))
    for name, text in cases.items():
        text = text[:100_000]
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            result = screen(text)
            runs.append(time.perf_counter() - t)
        adversarial[name] = [round(statistics.median(runs) * 1000, 1), result.level.label]
    print(json.dumps({
        "adversarial_100k_ms": adversarial,
        "entries": len(entries), "screens": len(timings),
        "longest_chars": max(len(e) for e in entries),
        "p50_ms": round(statistics.median(timings) * 1000, 3),
        "p95_ms": round(q[94] * 1000, 3), "max_ms": round(max(timings) * 1000, 3),
        "import_and_warmup_s": round(warm, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def main() -> dict:
    out = subprocess.run([sys.executable, __file__, "--child"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    figures = json.loads(out)
    from benchmarks.common import save

    save("risk_latency", figures)
    print(f"Risk screening, single-threaded, {figures['entries']} entries up to "
          f"{figures['longest_chars']} characters, {figures['screens']} screens:")
    print(f"  p50 {figures['p50_ms']} ms  p95 {figures['p95_ms']} ms  max {figures['max_ms']} ms"
          "  (target p95 <= 10 ms)")
    print(f"  import and warm-up {figures['import_and_warmup_s']} s (target <= 2 s); "
          f"peak memory {figures['peak_rss_mb']} MB (target <= 300 MB)")
    print("  100,000 adversarial characters, median of 3 (goal < 100 ms), and the level:")
    for name, (ms, level) in figures["adversarial_100k_ms"].items():
        print(f"    {name}: {ms} ms, {level}")
    return figures


if __name__ == "__main__":
    if "--child" in sys.argv:
        sys.path.insert(0, str(ROOT))
        child()
    else:
        sys.path.insert(0, str(ROOT))
        main()
