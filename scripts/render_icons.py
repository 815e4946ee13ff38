"""Render the app icons' PNGs from their SVG sources with Debian's chromium.

Run after changing an SVG: .venv/bin/python scripts/render_icons.py
The icons were drawn for this project (a warm dot held between two arcs); no third-party
artwork is used.
"""

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "between" / "static" / "between" / "icons"
RENDERS = [("icon.svg", "icon-192.png", 192), ("icon.svg", "icon-512.png", 512),
           ("icon-maskable.svg", "icon-maskable-512.png", 512),
           ("icon-maskable.svg", "apple-touch-icon.png", 180)]


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        for source, target, size in RENDERS:
            svg = (ICONS / source).read_text().replace("<svg ", f'<svg width="{size}" '
                                                                f'height="{size}" ', 1)
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<body style="margin:0">{svg}</body>')
            page.screenshot(path=str(ICONS / target), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
