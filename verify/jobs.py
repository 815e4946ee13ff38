"""Kill `between runjobs` with SIGKILL while it sends email, again and again, then let one
worker finish. No email may be lost, and an email may go twice only as the README states:
when a worker died after the mail server took it, and only once its lease has run out
(the second copy has the same Message-ID, so mail software can drop it).
"""

import random
import signal
import subprocess
import threading
import time
from collections import Counter

from verify.common import PYTHON, ROOT, Figure, Installation, Server
from verify.smtp import Sink

LEASE = 2  # seconds, shortened from the default so the run stays short

QUEUE = """
from between.care.models import OutboundEmail
for n in range({count}):
    OutboundEmail.queue(to=f"p{{n}}@example.org", subject="Between", text="hi")
"""

SENT = """
from between.care.models import OutboundEmail
ids = [e.message_id for e in OutboundEmail.objects.filter(to__startswith="p")]
print("\\n".join(ids))
print("UNSENT", OutboundEmail.objects.filter(sent_at=None).count())
"""


def kill_while_sending(env: dict, sink: Sink, kills_wanted: int, *, seed: int) -> int:
    """Start `runjobs --loop`, SIGKILL it a moment after it reaches the mail server, and
    again, until `kills_wanted` kills or the queue is empty; how many kills there were."""
    rng = random.Random(seed)
    kills = 0
    while kills < kills_wanted:
        sink.connected.clear()
        worker = subprocess.Popen([PYTHON, "-m", "between", "runjobs", "--loop",
                                   "--interval", "1"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not sink.connected.wait(timeout=60):
            worker.kill()
            worker.wait()
            break  # nothing left to send
        time.sleep(rng.uniform(0, 0.15))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
    return kills


def run(inst: Installation, server: Server, *, bounded: bool) -> list[Figure]:
    kills_wanted, emails = (10, 80) if bounded else (100, 600)
    server.stop()  # this check needs only the database
    sink = Sink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    env = {**inst.env, "BETWEEN_EMAIL_HOST": "127.0.0.1",
           "BETWEEN_EMAIL_PORT": str(sink.server_address[1]), "BETWEEN_EMAIL_USE_TLS": "0",
           "BETWEEN_EMAIL_LEASE_SECONDS": str(LEASE)}
    inst.django(QUEUE.format(count=emails))
    kills = kill_while_sending(env, sink, kills_wanted, seed=20261207)
    time.sleep(LEASE + 0.5)
    for _ in range(5):  # one worker at peace finishes the queue, lease by lease
        subprocess.run([PYTHON, "-m", "between", "runjobs", "--once"], cwd=ROOT, env=env,
                       capture_output=True, check=True, timeout=600)
        time.sleep(LEASE + 0.5)
    sink.shutdown()
    lines = subprocess.run([PYTHON, "-c", "import django; django.setup()\n" + SENT],
                           cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    unsent = int(next(line for line in lines if line.startswith("UNSENT")).split()[1])
    ids = {line.strip() for line in lines if line.startswith("<")}
    counts = Counter(sink.accepted)
    lost = len(ids - set(counts)) + unsent
    early = 0  # a second copy sent before the first one's lease ran out
    for message_id, count in counts.items():
        if count > 1:
            first, *again = sink.when[message_id]
            early += sum(later - first < LEASE - 0.1 for later in again)
    twice = sum(c - 1 for c in counts.values() if c > 1)
    server.start()
    return [
        Figure(f"Jobs: SIGKILLs of runjobs while it sends {emails} emails", kills),
        Figure("Jobs: emails lost", lost, "0", lost == 0),
        Figure("Jobs: emails sent twice (same Message-ID, after the lease)", twice,
               f"≤{kills}", twice <= kills),
        Figure("Jobs: second copies inside the lease", early, "0", early == 0),
    ]
