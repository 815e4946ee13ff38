"""How gunicorn serves Between; it reads this file from the directory it starts in.

Threads, not one request per process: a worker busy with a long piece of screening still
has threads free, so `/crisis` never waits in a queue behind it. Screening itself holds a
per-process lock for long texts (risk.screen), so at most one long screen per worker uses
the CPU at a time, and a short switch interval hands the interpreter to the crisis page
within a millisecond.
"""

import sys

worker_class = "gthread"
threads = 8


def post_fork(server, worker):
    sys.setswitchinterval(0.001)
