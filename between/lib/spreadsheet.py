"""CSV that is safe to open in a spreadsheet.

A cell that begins with =, +, -, @, a tab or a carriage return is read by Excel, Sheets
and LibreOffice as a formula, so words a person wrote could run as one on a clinician's
machine. Such a cell gets a leading apostrophe, which spreadsheets show as plain text.
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer, with every cell made safe first."""

    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row) -> None:
        self._writer.writerow([safe_cell(v) for v in row])
