"""Bodies nobody should send: 10 MB of JSON, nesting 100,000 deep, a null byte, bytes that
are not UTF-8, JSON that is not an object. Sent to every API operation that takes a body,
as a client and as a clinician. Each must be refused with a 4xx that names the field and
keep nothing; the server must answer the next request as usual.
"""

import json
import re
import uuid

from verify.common import Figure, Installation, Server, request

PAYLOADS = {
    "10 MB of JSON": json.dumps({"text": "x" * 10_000_000}).encode(),
    "nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "a null byte": b"\x00",
    "not UTF-8": b'{"text": "\xff\xfe\xfd"}',
    "JSON that is not an object": b"[1, 2, 3]",
    "a string of NaN": b'{"text": NaN}',
}
FILL = {"uuid": str(uuid.UUID(int=0)), "integer": "1", "date": "2026-01-05", "string": "phq9"}


def _operations(schema: dict):
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            if "requestBody" not in op:
                continue
            params = {p["name"]: p["schema"] for p in op.get("parameters", [])}

            def fill(m, params=params):
                s = params.get(m.group(1), {})
                return FILL.get(s.get("format") or s.get("type"), "1")

            yield method.upper(), re.sub(r"{(\w+)}", fill, path)


def _named(body: bytes) -> bool:
    try:
        found = json.loads(body)
    except ValueError:
        return False
    return bool(found.get("errors")) and all(e.get("field") for e in found["errors"])


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    status, body, _ = request(server.base, "GET", "/api/openapi.json")
    schema = json.loads(body)
    operations = sorted(set(_operations(schema)))
    sent = errors = unnamed = 0
    for role in ("client", "clinician"):
        for method, path in operations:
            for name, payload in PAYLOADS.items():
                status, answer, _ = request(server.base, method, path, token=inst.token(role),
                                            body=payload, timeout=60)
                sent += 1
                if status == 0 or status >= 500:
                    errors += 1
                    print(f"    {role} {method} {path} with {name}: {status or 'no answer'}")
                elif status in (400, 413, 422) and not _named(answer):
                    unnamed += 1
                    print(f"    {role} {method} {path} with {name}: {status} {answer[:120]}")
    status, _, _ = request(server.base, "GET", "/healthz")
    return [
        Figure("Malformed bodies: requests", sent),
        Figure("Malformed bodies: server errors or no answer", errors, "0", errors == 0),
        Figure("Malformed bodies: 4xx not naming the field", unnamed, "0", unnamed == 0),
        Figure("Malformed bodies: server still answers", "yes" if status == 200 else "no",
               "yes", status == 200),
    ]
