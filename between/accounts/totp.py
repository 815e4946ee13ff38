import base64

import segno
from django.utils.safestring import mark_safe


def secret_of(device) -> str:
    """The base32 secret people type into an authenticator app."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1d2b36",
                                                             light="#ffffff")
    return mark_safe(svg)  # noqa: S308 - segno builds the SVG itself from our URL
