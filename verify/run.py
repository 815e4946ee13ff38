"""`make verify`: attacks, crashes and generated requests against a real server, as one
table of figures. Each figure comes from this run; none is typed in.

    make verify                      full counts (about an hour)
    make verify VERIFY_ARGS=--bounded    the bounded run CI does on each database

The database is SQLite, or a fresh PostgreSQL database on the server DATABASE_URL names.
Exits 1 when any figure misses its goal.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verify import (  # noqa: E402
    bodies,
    canary,
    crash,
    deploy,
    fuzz,
    idor,
    jobs,
    races,
    tamper,
    web,
    xss,
)
from verify.common import ROOT, Server, installation  # noqa: E402

CHECKS = [fuzz, bodies, idor, web, xss, races, crash, jobs, canary, tamper, deploy]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make verify")
    parser.add_argument("--bounded", action="store_true", help="the short run CI does")
    parser.add_argument("--only", help="some of the checks, as races,crash")
    args = parser.parse_args(argv)
    chosen = [c for c in CHECKS if not args.only
              or c.__name__.rsplit(".", 1)[-1] in args.only.split(",")]
    figures = []
    with installation() as inst:
        print(f"make verify{' --bounded' if args.bounded else ''}: {inst.database}, "
              "gunicorn with 2 workers on 127.0.0.1")
        for check in chosen:
            name = check.__name__.rsplit(".", 1)[-1]
            started = time.monotonic()
            print(f"\n## {name}")
            with Server(inst) as server:
                found = check.run(inst, server, bounded=args.bounded)
            print(f"   ({time.monotonic() - started:.0f} s)")
            figures += found
    width = max(len(f.check) for f in figures)
    print(f"\n{'Check':<{width}}  {'Measured':>10}  {'Goal':>6}")
    for f in figures:
        measured = f"{f.measured:,}" if isinstance(f.measured, int) else str(f.measured)
        verdict = {True: "met", False: "MISSED", None: ""}[f.ok]
        print(f"{f.check:<{width}}  {measured:>10}  {f.goal:>6}  {verdict}")
    out = ROOT / "var" / "verify"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{inst.database.lower()}.json").write_text(json.dumps(
        [f.__dict__ for f in figures], indent=2))
    missed = [f for f in figures if f.ok is False]
    print(f"\n{len(missed)} of {sum(f.ok is not None for f in figures)} goals missed."
          if missed else "\nEvery goal met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
