"""A small SMTP server on a thread that records what it accepts, for tests with a real worker.

It speaks enough SMTP for ``smtplib`` (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). A message is
**delivered** when the server replies ``250`` to its DATA, the moment a real server takes
responsibility for it. Tests can script replies per recipient (``451`` a few times, ``550`` always) and
close a **gate**: after ``hold_after`` deliveries, every further message is held after its DATA, before
the reply, until the gate is opened. A held message whose client has gone away (its worker was killed)
is dropped, as a real server drops a transaction that the client never completed.
"""

import email
import socket
import socketserver
import threading
import time
from collections import Counter


class SmtpSink:
    def __init__(self):
        self.deliveries = []
        self.dropped = 0
        self.held = 0
        self._admitted = 0
        self._lock = threading.Lock()
        self._scripts = {}
        self._refusals = {}
        self.hold_after = None
        self.holding = threading.Event()
        self.gate_open = threading.Event()
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler, bind_and_activate=True)
        self.server.daemon_threads = True
        self.server.sink = self
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="smtp-sink", daemon=True)

    # --- control from the test ----------------------------------------------------------------------
    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self.gate_open.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def script(self, recipient, replies):
        """Answer RCPT for ``recipient`` with these replies, one per attempt, then accept."""
        with self._lock:
            self._scripts[recipient.lower()] = list(replies)

    def refuse(self, recipient, reply):
        """Answer RCPT for ``recipient`` with ``reply`` every time."""
        with self._lock:
            self._refusals[recipient.lower()] = reply

    def close_gate_after(self, count):
        with self._lock:
            self._admitted = len(self.deliveries)
        self.hold_after = count
        self.gate_open.clear()
        self.holding.clear()

    def open_gate(self):
        self.hold_after = None
        self.gate_open.set()

    def delivered_count(self):
        with self._lock:
            return len(self.deliveries)

    def message_id_counts(self):
        with self._lock:
            return Counter(delivery["message_id"] for delivery in self.deliveries)

    def delivered_to(self, recipient):
        with self._lock:
            return [d for d in self.deliveries if recipient.lower() in d["recipients"]]

    # --- called by the handler ----------------------------------------------------------------------
    def rcpt_reply(self, recipient):
        with self._lock:
            if recipient in self._refusals:
                return self._refusals[recipient]
            replies = self._scripts.get(recipient)
            if replies:
                return replies.pop(0)
        return "250 2.1.5 OK"

    def accept(self, handler, recipients, data):
        """Record the message and return the reply, or None to drop it (client gone while held)."""
        with self._lock:  # decide and count in one step, so no more than hold_after pass the gate
            hold = self.hold_after is not None and self._admitted >= self.hold_after
            if not hold:
                self._admitted += 1
        if hold:
            with self._lock:
                self.held += 1
            self.holding.set()
            self.gate_open.wait(timeout=120)
            if handler.client_gone(deadline=5):
                with self._lock:
                    self.dropped += 1
                return None
        message = email.message_from_bytes(data)
        with self._lock:
            self.deliveries.append(
                {
                    "message_id": message["Message-ID"],
                    "recipients": recipients,
                    "subject": message["Subject"],
                    "data": data,
                }
            )
        return "250 2.0.0 Queued"


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def client_gone(self, *, deadline):
        """True once the peer has closed the connection (polled up to ``deadline`` seconds)."""
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            try:
                if self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                    return True
            except BlockingIOError:
                pass
            except OSError:
                return True
            time.sleep(0.05)
        return False

    def handle(self):
        sink = self.server.sink
        recipients = []
        self.reply("220 sink.test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                self.wfile.flush()
            elif verb in {"HELO", "NOOP"}:
                self.reply("250 OK")
            elif verb in {"MAIL", "RSET"}:
                recipients = []
                self.reply("250 2.1.0 OK")
            elif verb == "RCPT":
                address = command.partition(":")[2].strip().strip("<>").lower()
                answer = sink.rcpt_reply(address)
                if answer.startswith("250"):
                    recipients.append(address)
                self.reply(answer)
            elif verb == "DATA":
                if not recipients:
                    self.reply("503 5.5.1 No valid recipients")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data()
                if data is None:
                    return
                answer = sink.accept(self, recipients, data)
                if answer is None:
                    return
                self.reply(answer)
                recipients = []
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("502 5.5.2 Command not recognised")

    def _read_data(self):
        lines = []
        while True:
            line = self.rfile.readline()
            if not line:
                return None
            if line in {b".\r\n", b".\n"}:
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)
