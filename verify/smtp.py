"""Just enough SMTP for `make verify` and the suite: accepts mail slowly and remembers
each Message-ID, so a test can count what was delivered, and when."""

import contextlib
import re
import socketserver
import threading
import time


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to accept mail, slowly, and remember each Message-ID it took."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.accepted: list[str] = []
        self.when: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.connected = threading.Event()
        super().__init__(("127.0.0.1", 0), SinkHandler)


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        # A sender killed mid-conversation resets the connection: nothing more to take.
        with contextlib.suppress(ConnectionError):
            self.converse()

    def converse(self):
        self.server.connected.set()
        self.reply("220 sink")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 sink")
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 ok")
            elif command == "DATA":
                self.reply("354 go on")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    chunk = self.rfile.readline()
                    if not chunk:
                        return  # the sender died mid-message: nothing was accepted
                    data += chunk
                time.sleep(0.01)  # a mail server takes a moment; kills land in between
                found = re.search(rb"^Message-ID:\s*(\S+)", data, re.M | re.I)
                message_id = found.group(1).decode() if found else "?"
                with self.server.lock:
                    self.server.accepted.append(message_id)
                    self.server.when.setdefault(message_id, []).append(time.monotonic())
                self.reply("250 accepted")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")
