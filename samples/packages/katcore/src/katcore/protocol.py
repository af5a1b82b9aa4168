"""The line protocol: one message per line, ``?request``, ``!reply`` or ``#inform``.

A message is ``<type><name>[<id>] <arg> <arg> ...``. The optional message id in square
brackets lets a client keep several requests in flight on one connection: the reply and
the informs that belong to a request carry its id. Arguments are separated by single
spaces; inside an argument a space is written ``\\_``, a backslash ``\\\\``, an empty
argument ``\\@``, and newline, carriage return, tab, escape and NUL as ``\\n \\r \\t \\e \\0``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

REQUEST, REPLY, INFORM = "?", "!", "#"
_NAME = re.compile(r"^([?!#])([A-Za-z][A-Za-z0-9-]*)(?:\[([0-9]+)\])?$")
_ESCAPES = {"\\": "\\\\", " ": "\\_", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e", "\0": "\\0"}
_UNESCAPES = {v[1]: k for k, v in _ESCAPES.items()}
MAX_LINE = 64 * 1024


class ProtocolError(ValueError):
    """A line that is not a valid message."""


@dataclass(frozen=True)
class Message:
    kind: str
    name: str
    args: tuple[str, ...] = field(default_factory=tuple)
    mid: int | None = None

    @classmethod
    def request(cls, name: str, *args: object, mid: int | None = None) -> "Message":
        return cls(REQUEST, name, tuple(format_arg(a) for a in args), mid)

    @classmethod
    def reply(cls, name: str, *args: object, mid: int | None = None) -> "Message":
        return cls(REPLY, name, tuple(format_arg(a) for a in args), mid)

    @classmethod
    def inform(cls, name: str, *args: object, mid: int | None = None) -> "Message":
        return cls(INFORM, name, tuple(format_arg(a) for a in args), mid)

    @property
    def ok(self) -> bool:
        return self.kind == REPLY and bool(self.args) and self.args[0] == "ok"

    def encode(self) -> bytes:
        head = f"{self.kind}{self.name}" + (f"[{self.mid}]" if self.mid is not None else "")
        return (" ".join([head, *(escape(a) for a in self.args)]) + "\n").encode("utf-8")

    def __str__(self) -> str:
        return self.encode().decode("utf-8").rstrip("\n")


def format_arg(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def escape(arg: str) -> str:
    if arg == "":
        return "\\@"
    return "".join(_ESCAPES.get(ch, ch) for ch in arg)


def unescape(text: str) -> str:
    if text == "\\@":
        return ""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(text) or text[i + 1] not in _UNESCAPES:
            raise ProtocolError(f"invalid escape at position {i} in argument {text!r}")
        out.append(_UNESCAPES[text[i + 1]])
        i += 2
    return "".join(out)


def parse(line: bytes | str) -> Message:
    """Parse one line (with or without its trailing newline) into a Message."""
    if isinstance(line, bytes):
        if len(line) > MAX_LINE:
            raise ProtocolError(f"line longer than {MAX_LINE} bytes")
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError(f"line is not UTF-8: {exc}") from None
    line = line.rstrip("\r\n")
    if not line.strip():
        raise ProtocolError("empty line")
    parts = [p for p in line.replace("\t", " ").split(" ") if p != ""]
    match = _NAME.match(parts[0])
    if not match:
        raise ProtocolError(f"bad message head {parts[0]!r}: expected ?name, !name or #name with optional [id]")
    kind, name, mid = match.groups()
    return Message(kind, name, tuple(unescape(p) for p in parts[1:]), int(mid) if mid else None)
