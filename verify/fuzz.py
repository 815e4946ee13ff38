"""Generated API requests from the OpenAPI schema, with each role's token and with none.

schemathesis sends schema-valid and schema-breaking requests to every operation and checks
each answer: no server error, status code and body as the schema declares, content type
and headers right, a 405 that says which methods would do, authentication not ignored.
Our own check (verify/hooks.py) adds that every 400, 413 and 422 names its field.

Left out, with the reason: `positive_data_acceptance` (a request that fits the schema must
be accepted). Some rules can't be written in JSON Schema: a diary card is for one of the
last seven days, a questionnaire's answers are complete, a range ends after it starts.
Those answer 422 naming the field, which the other checks do look at.
"""

import json
import subprocess
from pathlib import Path

from verify.common import PYTHON, Figure, Installation, Server

ROLES = ("client", "clinician", "admin", None)  # None: no token at all


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    examples = 8 if bounded else 100
    generated, server_errors, schema, unnamed, other = 0, 0, 0, 0, []
    for role in ROLES:
        report = inst.tmp / f"schemathesis-{role or 'anonymous'}.json"
        auth = ["-H", f"Authorization: Bearer {inst.token(role)}"] if role else []
        subprocess.run(
            [str(Path(PYTHON).parent / "schemathesis"), "run",
             f"{server.base}/api/openapi.json", *auth, "-n", str(examples), "--seed", "7",
             "--checks", "all", "--exclude-checks", "positive_data_acceptance",
             "--no-color", "--report", "json", "--report-json-path", str(report),
             "--generation-database", "none", "--workers", "2"],
            env={**inst.env, "SCHEMATHESIS_HOOKS": "verify.hooks"}, cwd=inst.tmp,
            capture_output=True, text=True, timeout=3600)
        found = json.loads(report.read_text())
        generated += found["test_cases"]["generated"]
        for failure in found["failures"]:
            if failure["type"] == "ServerError":
                server_errors += failure["count"]
            elif failure["code"] == "ST901":
                unnamed += failure["count"]
            else:
                schema += failure["count"]
                other.append(f"{role}: {failure['code']} {failure['title']} "
                             f"({', '.join(failure['operations'][:3])})")
        other += [f"{role}: error {e}" for e in found.get("errors", [])]
    for line in other:
        print("   ", line)
    return [
        Figure("API fuzzing: requests, 4 roles", generated),
        Figure("API fuzzing: server errors", server_errors, "0", server_errors == 0),
        Figure("API fuzzing: answers that break the schema", schema, "0", schema == 0),
        Figure("API fuzzing: 400/413/422 not naming the field", unnamed, "0", unnamed == 0),
    ]
