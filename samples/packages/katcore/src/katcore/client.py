"""Blocking client with a reader thread; several requests may be in flight at once."""
from __future__ import annotations

import itertools
import logging
import socket
import threading
from dataclasses import dataclass, field
from typing import Callable

from .protocol import INFORM, MAX_LINE, REPLY, Message, ProtocolError, parse

log = logging.getLogger(__name__)


class RequestError(Exception):
    """A request was answered with ``fail`` or ``invalid``."""


@dataclass
class Reply:
    message: Message
    informs: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.message.ok

    @property
    def args(self) -> tuple[str, ...]:
        """Reply arguments after the status word."""
        return self.message.args[1:]

    def check(self) -> "Reply":
        if not self.ok:
            raise RequestError(f"?{self.message.name} failed: {' '.join(self.message.args)}")
        return self


class _Pending:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.informs: list[Message] = []
        self.reply: Message | None = None
        self.error: Exception | None = None


class Client:
    def __init__(self, host: str, port: int, connect_timeout: float = 3.0,
                 on_inform: Callable[[Message], None] | None = None,
                 on_disconnect: Callable[[], None] | None = None) -> None:
        self.host, self.port, self.connect_timeout = host, port, connect_timeout
        self._on_inform, self._on_disconnect = on_inform, on_disconnect
        self._sock: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._lock = threading.Lock()
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)

    @property
    def connected(self) -> bool:
        return self._sock is not None

    def connect(self) -> "Client":
        sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        self._sock = sock
        threading.Thread(target=self._read_loop, args=(sock,), name=f"client-{self.host}:{self.port}", daemon=True).start()
        return self

    def __enter__(self) -> "Client":
        return self if self.connected else self.connect()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def request(self, name: str, *args: object, timeout: float = 5.0) -> Reply:
        sock = self._sock
        if sock is None:
            raise ConnectionError(f"not connected to {self.host}:{self.port}")
        mid = next(self._ids)
        pending = _Pending()
        with self._lock:
            self._pending[mid] = pending
        try:
            with self._send_lock:
                sock.sendall(Message.request(name, *args, mid=mid).encode())
            if not pending.done.wait(timeout):
                raise TimeoutError(f"?{name} to {self.host}:{self.port} got no reply within {timeout:.1f} s")
        finally:
            with self._lock:
                self._pending.pop(mid, None)
        if pending.reply is not None:
            return Reply(pending.reply, pending.informs)
        raise pending.error or ConnectionError(f"connection to {self.host}:{self.port} lost")

    def _read_loop(self, sock: socket.socket) -> None:
        try:
            reader = sock.makefile("rb")
            while True:
                line = reader.readline(MAX_LINE + 1)
                if not line:
                    break
                if line.strip():
                    self._deliver(line)
        except (OSError, ValueError):
            pass
        finally:
            if self._sock is sock:
                self.close()
            with self._lock:
                pending, self._pending = list(self._pending.values()), {}
            for p in pending:
                p.error = ConnectionError(f"connection to {self.host}:{self.port} lost")
                p.done.set()
            if self._on_disconnect:
                self._on_disconnect()

    def _deliver(self, line: bytes) -> None:
        try:
            msg = parse(line)
        except ProtocolError as exc:
            log.warning("ignoring bad line from %s:%d: %s", self.host, self.port, exc)
            return
        with self._lock:
            pending = self._pending.get(msg.mid) if msg.mid is not None else None
            if pending is not None and msg.kind == REPLY:
                del self._pending[msg.mid]  # answered: a later disconnect must not turn it into an error
        if pending is None:
            if msg.kind == INFORM and self._on_inform:
                self._on_inform(msg)
            return
        if msg.kind == INFORM:
            pending.informs.append(msg)
        elif msg.kind == REPLY:
            pending.reply = msg
            pending.done.set()
