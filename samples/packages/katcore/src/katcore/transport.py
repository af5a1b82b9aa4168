"""Threaded TCP listener delivering parsed messages to a handler; can halt and come back."""
from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Callable

from .protocol import MAX_LINE, Message, ProtocolError, parse

log = logging.getLogger(__name__)


class Connection:
    """One accepted client. ``send`` is safe from any thread."""

    def __init__(self, sock: socket.socket, peer: str) -> None:
        self.sock, self.peer = sock, peer
        self._send_lock = threading.Lock()
        self.closed = False

    def send(self, message: Message) -> None:
        data = message.encode()
        with self._send_lock:
            if self.closed:
                raise ConnectionError(f"connection to {self.peer} is closed")
            self.sock.sendall(data)

    def close(self) -> None:
        with self._send_lock:
            if self.closed:
                return
            self.closed = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


Handler = Callable[[Connection, Message], None]


class LineServer:
    def __init__(self, host: str, port: int, handler: Handler, on_connect: Callable[[Connection], None] | None = None) -> None:
        self.host, self.port = host, port
        self._handler, self._on_connect = handler, on_connect
        self._listener: socket.socket | None = None
        self._connections: set[Connection] = set()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._accepting = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._listen()
        self._thread = threading.Thread(target=self._accept_loop, name="accept", daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(32)
        sock.settimeout(0.2)
        self.port = sock.getsockname()[1]  # the real port when 0 was asked for
        self._listener = sock
        self._accepting.set()
        log.info("listening on %s:%d", self.host, self.port)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            listener = self._listener
            if listener is None or not self._accepting.is_set():
                time.sleep(0.05)
                continue
            try:
                sock, addr = listener.accept()
            except (socket.timeout, OSError):
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = Connection(sock, f"{addr[0]}:{addr[1]}")
            with self._lock:
                self._connections.add(conn)
            threading.Thread(target=self._serve, args=(conn,), name=f"conn-{conn.peer}", daemon=True).start()

    def _serve(self, conn: Connection) -> None:
        log.debug("client %s connected", conn.peer)
        try:
            if self._on_connect:
                self._on_connect(conn)
            reader = conn.sock.makefile("rb")
            while not conn.closed:
                line = reader.readline(MAX_LINE + 1)
                if not line:
                    break
                if not line.strip():
                    continue
                try:
                    message = parse(line)
                except ProtocolError as exc:
                    conn.send(Message.inform("log", "error", f"protocol error: {exc}"))
                    continue
                self._handler(conn, message)
        except (OSError, ValueError):
            pass  # the peer went away or we closed the socket
        finally:
            conn.close()
            with self._lock:
                self._connections.discard(conn)
            log.debug("client %s disconnected", conn.peer)

    def _close_listener(self) -> None:
        self._accepting.clear()
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # leaves LISTEN now, even while accept() still polls it
            except OSError:
                pass
            listener.close()

    def _drop_all(self) -> None:
        self._close_listener()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            conn.close()

    def halt(self, seconds: float, before_drop: Callable[[], None] | None = None) -> None:
        """Close the listener and every connection, then listen again after ``seconds``.

        ``before_drop`` runs once the listener is closed but before connections are, so a reply
        sent from it means "no new connection is accepted any more".
        """
        log.warning("halting for %.1f s: listener and %d connection(s) closed", seconds, len(self._connections))
        self._close_listener()
        if before_drop is not None:
            try:
                before_drop()
            except OSError:
                pass
        self._drop_all()

        def resume() -> None:
            if self._stopping.wait(seconds):
                return
            for attempt in range(50):
                try:
                    self._listen()
                    return
                except OSError as exc:
                    log.warning("re-listen failed (%s), attempt %d", exc, attempt + 1)
                    time.sleep(0.2)
            log.error("could not listen again on port %d", self.port)

        threading.Thread(target=resume, name="resume", daemon=True).start()

    def stop(self) -> None:
        self._stopping.set()
        self._drop_all()
        if self._thread is not None:
            self._thread.join(timeout=2)
