"""Web Push reminders: only to known push services, encrypted, signed, and saying nothing."""

import base64
import json
import os
import threading
from datetime import UTC, datetime, time
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from between.accounts.models import PushDevice
from between.care.models import OutboundEmail
from between.diary import services as diary
from between.lib import webpush
from tests.conftest import signed_in
from tests.factories import UserFactory


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class FakePushService:
    """A push service on localhost that keeps what it is sent and answers `status`."""

    def __init__(self, status=201):
        self.received, self.status = [], status
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.path, self.headers, body))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()


class Browser:
    """What a browser keeps for a subscription: an ECDH key pair and an auth secret."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        self.keys = {"p256dh": b64(public), "auth": b64(self.auth)}

    def read(self, body: bytes) -> bytes:
        return http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth,
                                version="aes128gcm")


@pytest.fixture
def push_service(settings):
    service = FakePushService()
    settings.PUSH_SERVICE_HOSTS = ["127.0.0.1"]
    settings.PUSH_ALLOW_HTTP = True
    settings.VAPID_PRIVATE_KEY = webpush.new_private_key()
    yield service
    service.close()


def test_a_reminder_by_push_is_encrypted_signed_padded_and_content_free(committed_db,
                                                                       push_service):
    client = UserFactory(time_zone="Europe/London")
    browser = Browser()
    response = signed_in(client).post("/push/devices/", json.dumps(
        {"endpoint": push_service.url + "/sub/abc", "keys": browser.keys}),
        content_type="application/json")
    assert response.status_code == 201 and response.json() == {"service": "127.0.0.1"}
    diary.set_reminder(client, at=time(20, 0), by_email=False)

    diary.send_card_reminders(now=datetime(2027, 1, 5, 20, 5, tzinfo=UTC))
    assert not OutboundEmail.objects.exists(), "email was turned off"
    [(path, headers, body)] = push_service.received
    assert path == "/sub/abc"
    assert headers["Content-Encoding"] == "aes128gcm" and int(headers["TTL"]) > 0
    scheme, _, params = headers["Authorization"].partition(" ")
    fields = dict(p.split("=", 1) for p in params.split(","))
    assert scheme == "vapid" and fields["k"] == webpush.public_key()
    header_b64, claims_b64, signature_b64 = fields["t"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(claims_b64 + "=="))
    assert claims["aud"] == push_service.url and claims["exp"] > 0
    # ES256 over "header.claims", with the key the browser subscribed with.
    raw = base64.urlsafe_b64decode(signature_b64 + "==")
    signature = utils.encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
    server_key = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), base64.urlsafe_b64decode(fields["k"] + "=="))
    server_key.verify(signature, f"{header_b64}.{claims_b64}".encode(),
                      ec.ECDSA(hashes.SHA256()))
    payload = browser.read(body)
    assert len(payload) == webpush.PADDED_TO, "every reminder is the same length"
    assert json.loads(payload) == {"kind": "reminder", "title": "Between",
                                   "body": "A gentle reminder"}


def test_a_subscription_the_service_says_is_gone_is_forgotten(committed_db, push_service):
    push_service.status = 410
    client = UserFactory()
    PushDevice.objects.create(user=client, endpoint=push_service.url + "/gone",
                              service="127.0.0.1", **Browser().keys)
    from between.accounts.services import push_to

    assert push_to(client) == 0
    assert not PushDevice.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["https://evil.example/collect",
                                      "http://fcm.googleapis.com/fcm/send/x",
                                      "https://fcm.googleapis.com.evil.example/x"])
def test_only_known_push_services_over_https_are_accepted(endpoint):
    client = UserFactory()
    response = signed_in(client).post("/push/devices/", json.dumps(
        {"endpoint": endpoint, "keys": Browser().keys}), content_type="application/json")
    assert response.status_code == 400
    assert "push service isn't one Between sends to" in response.json()["errors"]["endpoint"][0]
    assert not PushDevice.objects.exists()
    with pytest.raises(webpush.PushRefused):
        webpush.send(endpoint, "x", "y")


@pytest.mark.django_db
def test_bad_subscriptions_name_the_field_and_forgetting_works():
    client = UserFactory()
    http = signed_in(client)
    bad = http.post("/push/devices/", json.dumps({"endpoint": "https://fcm.googleapis.com/x"}),
                    content_type="application/json")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"keys.p256dh", "keys.auth"}
    ok = http.post("/push/devices/", json.dumps({"endpoint": "https://fcm.googleapis.com/x",
                                                 "keys": Browser().keys}),
                   content_type="application/json")
    assert ok.status_code == 201 and ok.json() == {"service": "fcm.googleapis.com"}
    http.post("/push/devices/", json.dumps({"forget": "https://fcm.googleapis.com/x"}),
              content_type="application/json")
    assert not PushDevice.objects.exists()


@pytest.mark.django_db
def test_email_off_needs_a_device_on():
    client = UserFactory()
    response = signed_in(client).post("/diary/card/reminder/", {"at": "20:00",
                                                                "stop_after": 7})
    assert response.status_code == 400
    assert "no reminder could reach you" in response.content.decode()
