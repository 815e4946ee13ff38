"""Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payloads (RFC 8291).

The building blocks are libraries (py-vapid signs, http-ece encrypts); this module only
puts them together and speaks HTTP with the standard library. pywebpush would pull in
aiohttp and requests for the same few lines.

Every payload is one of a few fixed sets of words, padded to one length: a push service,
or anyone who reads one, learns only that Between sent something.
"""

import base64
import json
import logging
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid import Vapid02

log = logging.getLogger(__name__)

# The only things a push ever says. The service worker shows its own copy of these words
# for the kind it is told, so nothing else can reach a lock screen.
PAYLOADS = {
    "reminder": {"kind": "reminder", "title": "Between", "body": "A gentle reminder"},
    "reply": {"kind": "reply", "title": "Between", "body": "Something new in Between",
              "url": "/messages/"},
    "urgent": {"kind": "urgent", "title": "Between", "body": "An urgent flag needs attention",
               "url": "/care/urgent/"},
}
PADDED_TO = 256
TTL_SECONDS = 4 * 3600  # a reminder older than this is better not shown at all


class PushRefused(Exception):
    """The endpoint isn't one of the push services this installation talks to."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def vapid() -> Vapid02:
    """This installation's VAPID key: BETWEEN_VAPID_PRIVATE_KEY, or a development key made
    on first use in the data directory."""
    raw = settings.VAPID_PRIVATE_KEY
    if not raw:
        path = settings.VAR_DIR / "vapid.key"
        if not path.exists():
            path.write_text(new_private_key())
            path.chmod(0o600)
        raw = path.read_text().strip()
    return Vapid02.from_raw(raw.encode())


def new_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return _b64(key.private_numbers().private_value.to_bytes(32, "big"))


def public_key() -> str:
    """The application server key a browser subscribes with (base64url, uncompressed)."""
    return _b64(vapid().public_key.public_bytes(serialization.Encoding.X962,
                                                serialization.PublicFormat.UncompressedPoint))


def service_of(endpoint: str) -> str | None:
    """The push service's host, if it is one this installation will send to."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    allowed = any(host == h or host.endswith("." + h) for h in settings.PUSH_SERVICE_HOSTS)
    if not allowed or (parts.scheme != "https" and not settings.PUSH_ALLOW_HTTP):
        return None
    return host


def payload(kind: str = "reminder") -> bytes:
    text = json.dumps(PAYLOADS[kind])
    return text.ljust(PADDED_TO).encode()


def send(endpoint: str, p256dh: str, auth: str, *, kind: str = "reminder",
         timeout: float = 10) -> int:
    """Send one of the fixed payloads to one subscription. Returns the push service's HTTP status;
    404 and 410 mean the subscription is gone for good."""
    if service_of(endpoint) is None:
        raise PushRefused(endpoint)
    body = http_ece.encrypt(payload(kind), private_key=ec.generate_private_key(ec.SECP256R1()),
                            dh=_unb64(p256dh), auth_secret=_unb64(auth), salt=os.urandom(16),
                            version="aes128gcm")
    parts = urlsplit(endpoint)
    headers = vapid().sign({"aud": f"{parts.scheme}://{parts.netloc}",
                            "sub": settings.VAPID_CONTACT})
    headers.update({"TTL": str(TTL_SECONDS), "Content-Encoding": "aes128gcm",
                    "Content-Type": "application/octet-stream",
                    "Urgency": "high" if kind == "urgent" else "normal"})
    # The endpoint was checked against PUSH_SERVICE_HOSTS above: no other URL is posted to.
    request = urllib.request.Request(  # noqa: S310 - an https push service host, checked
        endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(  # noqa: S310 - the checked push service endpoint
                request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        log.warning("push service %s unreachable", parts.hostname)
        return 0
