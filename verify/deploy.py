"""What a clinic's data-protection officer asks before it goes live.

- `between check --deploy`, with the settings the README's production table names, passes
  with no error and no warning.
- Static security analysis: ruff's `S` rules (bandit's checks, ported; the suite's lint
  runs them on every commit) find nothing in `between/`, and every line that silences one
  says why on the line itself.

Not here, and why: pip-audit. It needs a vulnerability database (PyPI's JSON API or OSV),
and neither answers from this machine. Run it where one does:
`pip-audit --vulnerability-service pypi` in the project's environment.
"""

import json
import re
import secrets
import subprocess
import tempfile
from pathlib import Path

from verify.common import PYTHON, ROOT, Figure, Installation, Server

SILENCED = re.compile(r"#\s*noqa:\s*(S\d+(?:\s*,\s*S\d+)*)(.*)$")


def _production_env(inst: Installation, var: Path) -> dict:
    env = {**inst.env, "BETWEEN_VAR_DIR": str(var),
           "BETWEEN_SQLITE_PATH": str(var / "between.sqlite3")}
    env.pop("DATABASE_URL", None)

    def between(*args):
        return subprocess.run([PYTHON, "-m", "between", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout

    master = between("generate-master-key").split()[-1]
    vapid = between("generate-vapid-key").split()[-1]
    return {**env, "BETWEEN_DEBUG": "0", "BETWEEN_HTTPS": "1",
            "BETWEEN_SECRET_KEY": secrets.token_urlsafe(50),
            "BETWEEN_MASTER_KEY": master, "BETWEEN_AUDIT_KEY": secrets.token_urlsafe(48),
            "BETWEEN_VAPID_PRIVATE_KEY": vapid,
            "BETWEEN_VAPID_CONTACT": "mailto:admin@clinic.example",
            "BETWEEN_ALLOWED_HOSTS": "between.clinic.example",
            "BETWEEN_CSRF_TRUSTED_ORIGINS": "https://between.clinic.example",
            "BETWEEN_EMAIL_HOST": "smtp.clinic.example",
            "BETWEEN_EMAIL_FROM": "Between <between@clinic.example>"}


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp) / "var"
        var.mkdir(mode=0o700)
        env = _production_env(inst, var)
        check = subprocess.run([PYTHON, "-m", "between", "check", "--deploy",
                                "--fail-level", "WARNING"], cwd=ROOT, env=env,
                               capture_output=True, text=True)
    issues = re.search(r"identified (\d+) issue", check.stdout + check.stderr)
    count = int(issues.group(1)) if issues else (0 if check.returncode == 0 else -1)
    if check.returncode:
        print("   ", (check.stdout + check.stderr).strip()[:600])

    # The project's own lint settings: S101, S105 and S106 are off there, with the reason.
    lint = subprocess.run([str(Path(PYTHON).parent / "ruff"), "check", "--output-format",
                           "json", "between"], cwd=ROOT, capture_output=True, text=True)
    findings = [f for f in json.loads(lint.stdout or "[]") if f["code"].startswith("S")]
    silenced = unexplained = 0
    for path in (ROOT / "between").rglob("*.py"):
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            found = SILENCED.search(line)
            if found:
                silenced += 1
                # The reason follows the code, after " - " ("# noqa: S308 - input escaped").
                if not found.group(2).strip(" -"):
                    unexplained += 1
                    print(f"    {path.relative_to(ROOT)}:{n} silences {found.group(1)} "
                          "without saying why")
    return [
        Figure("Deploy: `between check --deploy` issues, production settings", count, "0",
               count == 0 and check.returncode == 0),
        Figure("Static analysis (bandit's rules in ruff): findings", len(findings), "0",
               not findings),
        Figure(f"Static analysis: of {silenced} silenced lines, without a reason",
               unexplained, "0", unexplained == 0),
    ]
