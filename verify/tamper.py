"""Stored ciphertext changed by someone with the database but not the keys (see
verify/tampering.py). Every changed value must be refused with a clear error.

Measured and stated, not a goal: an earlier version of the same value put back in its own
row (a rollback, as from an old backup) opens, because it is genuine ciphertext for that
row; catching it needs a version kept outside the row. The README says so.
"""

import json

from verify.common import Figure, Installation, Server


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    limit = 25 if bounded else 10_000
    results = json.loads(inst.django(f"from verify.tampering import run; run({limit})"))
    rollback = results.pop("an older version of the same value")
    tried = sum(r["tried"] for r in results.values())
    refused = sum(r["refused"] for r in results.values())
    wrong = sum(r["wrong"] for r in results.values())
    for kind, r in results.items():
        print(f"    {kind}: {r['refused']} of {r['tried']} refused")
    return [
        Figure(f"Tamper: stored values changed, {len(results)} ways", tried),
        Figure("Tamper: changed values read without an error", tried - refused, "0",
               tried > 0 and tried == refused),
        Figure("Tamper: read as other words", wrong, "0", wrong == 0),
        Figure("Tamper: an older version put back in its row, refused",
               f"{rollback['refused']} of {rollback['tried']}"),
    ]
