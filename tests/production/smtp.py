"""A mail server on loopback for the production tests: it accepts connections and says nothing
until `answer()` is called, then speaks enough SMTP to take messages, keeping each one it
accepted (`received`)."""

import email
import socket
import threading


class SilentThenAnsweringSMTP:
    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.answering = threading.Event()
        self.closed = threading.Event()
        self.received = []
        self.lock = threading.Lock()
        self.connections = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def answer(self):
        self.answering.set()

    def close(self):
        self.closed.set()
        self.answering.set()
        self.listener.close()

    def accept(self):
        while not self.closed.is_set():
            try:
                conn, _address = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        # Silent: the client waits for a greeting that does not come (until it gives up).
        self.answering.wait()
        try:
            with conn, conn.makefile("rb") as lines:
                self.converse(conn, lines)
        except OSError:
            pass  # the client gave up on us meanwhile

    def converse(self, conn, lines):
        conn.sendall(b"220 fake.example ESMTP\r\n")
        while not self.closed.is_set():
            line = lines.readline()
            if not line:
                return
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb == b"EHLO":
                conn.sendall(b"250-fake.example\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                data = []
                while (chunk := lines.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                with self.lock:
                    self.received.append(email.message_from_bytes(b"".join(data)))
                conn.sendall(b"250 accepted\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    def message_ids(self):
        with self.lock:
            return [message["Message-ID"] for message in self.received]
