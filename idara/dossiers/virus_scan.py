"""The virus scanner's hook: every uploaded file goes through ClamAV's daemon where one is
configured (`CLAMD_SOCKET` or `CLAMD_ADDRESS`), over its INSTREAM protocol.

A scanner that is configured but does not answer refuses the file (fail closed): a filing
waits a few minutes rather than let an unchecked file in.
"""

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024


class ScanFailed(ConnectionError):
    """The scanner is configured but could not be asked."""


def scanner_configured() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_ADDRESS)


def infection(upload) -> str | None:
    """The name of what the scanner found in the file, or None if it is clean or no scanner
    is configured."""
    if not scanner_configured():
        return None
    try:
        with _connect() as conn:
            conn.sendall(b"zINSTREAM\0")
            upload.seek(0)
            for chunk in upload.chunks(CHUNK):
                conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            reply = _read_reply(conn)
    except OSError as error:
        raise ScanFailed(str(error)) from error
    finally:
        upload.seek(0)
    if reply.endswith("FOUND"):
        return reply.removeprefix("stream:").removesuffix("FOUND").strip()
    if reply.endswith("OK"):
        return None
    raise ScanFailed(reply)


def _connect() -> socket.socket:
    timeout = settings.CLAMD_TIMEOUT_SECONDS
    if settings.CLAMD_SOCKET:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(timeout)
        conn.connect(settings.CLAMD_SOCKET)
        return conn
    host, _, port = settings.CLAMD_ADDRESS.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def _read_reply(conn: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0"):
        data = conn.recv(4096)
        if not data:
            break
        reply += data
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
