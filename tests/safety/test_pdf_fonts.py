"""The PDF fonts are registered once per process, whole, however many threads draw the
first PDFs at the same moment (gunicorn's threads do: make verify found a 500 when two
first PDFs in one worker raced, one seeing the regular face before the bold existed)."""

import threading

from reportlab.lib import fonts
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from between.safety import pdf


def _forget_fonts():
    for name in ("DejaVu", "DejaVu-Bold"):
        pdfmetrics._fonts.pop(name, None)
    for key in list(fonts._tt2ps_map):
        if key[0].startswith("dejavu"):
            fonts._tt2ps_map.pop(key)
    for key in list(fonts._ps2tt_map):
        if key.startswith("dejavu"):
            fonts._ps2tt_map.pop(key)


def test_first_pdfs_drawn_at_once_in_many_threads_all_work():
    failures = []
    for _ in range(5):
        _forget_fonts()
        start = threading.Barrier(8)

        def draw(start=start):
            start.wait()
            try:
                styles = pdf._styles()
                Paragraph("<b>Ring</b> my sister", styles["h"]).wrap(200, 100)
                Paragraph("Cold water, <b>then</b> a walk", styles["item"]).wrap(200, 100)
            except Exception as e:  # noqa: BLE001 - any failure is the finding
                failures.append(repr(e))

        threads = [threading.Thread(target=draw) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not failures, failures[:3]
