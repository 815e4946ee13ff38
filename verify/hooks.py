"""Checks of Between's own promises, loaded into schemathesis with SCHEMATHESIS_HOOKS."""

import schemathesis


@schemathesis.check
def errors_name_the_field(ctx, response, case):
    """Bad input (400, 413, 422) always says which field, so a person can fix it."""
    if response.status_code not in (400, 413, 422):
        return
    try:
        body = response.json()
    except ValueError:
        raise AssertionError(f"{response.status_code} that is not JSON: "
                             f"{response.text[:200]!r}") from None
    problems = body.get("errors") if isinstance(body, dict) else None
    if not problems or not all(isinstance(p, dict) and p.get("field") for p in problems):
        raise AssertionError(f"{response.status_code} without the field it is about: {body}")
