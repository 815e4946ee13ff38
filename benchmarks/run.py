"""`make bench`: run every benchmark and print its figures. Never fails on timing."""

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = ["benchmarks.http_baseline", "benchmarks.risk_latency", "benchmarks.diary_load",
              "benchmarks.crisis_under_load", "benchmarks.parts_import",
              "benchmarks.audit_under_load", "benchmarks.circle_feed"]


def main() -> None:
    for name in BENCHMARKS:
        print(f"\n### {name}")
        importlib.import_module(name).main()


if __name__ == "__main__":
    main()
