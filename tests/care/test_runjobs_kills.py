"""Kill `between runjobs` 100 times while it sends: no email is lost, and any duplicate is
one the stated lease allows (a worker killed after the server took it), with the same
Message-ID. Runs real processes against their own SQLite database and a local SMTP sink."""

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from verify.jobs import kill_while_sending
from verify.smtp import Sink

ROOT = Path(__file__).resolve().parents[2]
KILLS = 100
EMAILS = 600


def _between(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "between", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True, **kwargs)


@pytest.mark.slow
def test_killing_runjobs_while_it_sends_loses_nothing_and_duplicates_only_inside_the_lease(
        tmp_path):
    sink = Sink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = {**os.environ, "BETWEEN_VAR_DIR": str(tmp_path), "BETWEEN_EMAIL_HOST": "127.0.0.1",
           "BETWEEN_EMAIL_PORT": str(sink.server_address[1]), "BETWEEN_EMAIL_USE_TLS": "0",
           "BETWEEN_EMAIL_LEASE_SECONDS": "2", "DJANGO_SETTINGS_MODULE": "between.settings"}
    env.pop("DATABASE_URL", None)
    _between(env, "migrate", "--no-input", "-v0")
    _between(env, "shell", "-c",
             "from between.care.models import OutboundEmail\n"
             f"for n in range({EMAILS}):\n"
             "    OutboundEmail.queue(to=f'p{n}@example.org', subject='Between', text='hi')")

    kills = kill_while_sending(env, sink, KILLS, seed=20261201)
    assert kills == KILLS, f"only {kills} kills before the queue emptied: queue more email"

    # Let every lease run out, then let one worker finish the queue in peace.
    time.sleep(2.5)
    for _ in range(5):
        _between(env, "runjobs", "--once")
        time.sleep(2.5)
    sink.shutdown()

    counts = Counter(sink.accepted)
    expected = _between(env, "shell", "-c",
                        "from between.care.models import OutboundEmail\n"
                        "print('\\n'.join(e.message_id for e in OutboundEmail.objects.all()))\n"
                        "print('UNSENT', OutboundEmail.objects.filter(sent_at=None).count())"
                        ).stdout.splitlines()
    unsent = int(next(line for line in expected if line.startswith("UNSENT")).split()[1])
    ids = {line.strip() for line in expected if line.startswith("<between-email-")}
    assert len(ids) == EMAILS and unsent == 0
    assert ids <= set(counts), f"lost: {len(ids - set(counts))} emails"
    duplicated = {m: c for m, c in counts.items() if c > 1}
    # Each kill can leave at most the one email it had handed over unmarked, and it goes
    # again only once that email's lease (2 s here) has run out.
    assert sum(c - 1 for c in duplicated.values()) <= kills
    for message_id in duplicated:
        first, *again = sink.when[message_id]
        assert all(later - first >= 1.9 for later in again), message_id
    print(f"\n{kills} kills, {len(sink.accepted)} deliveries of {EMAILS} emails, "
          f"{len(duplicated)} sent twice (same Message-ID), 0 lost")
