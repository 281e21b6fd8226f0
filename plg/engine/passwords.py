"""Password hashes: the standard library's scrypt, with its cost written into each hash so that
it can be raised later without locking anyone out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
from functools import cache

from plg.errors import InvalidInput, Refused

# OWASP's minimum for scrypt: N=2^17, r=8, p=1 (128 MiB and about a third of a second a hash).
_N, _R, _P = 2**17, 8, 1
_MAXMEM = 256 * 2**20
MIN_LENGTH = 10
MAX_LENGTH = 1000

# Hashes that run at once in one process: each takes 128 MiB, so a burst of sign-ins must queue
# rather than take the server's memory. One process's limit, not any request's state.
HASHES_AT_ONCE = 2
_HASHING = threading.BoundedSemaphore(HASHES_AT_ONCE)
# How long a sign-in waits for its turn before it is asked to try again.
_TURN_SECONDS = 20


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    if not _HASHING.acquire(timeout=_TURN_SECONDS):
        raise Refused("sign_in_busy")
    try:
        return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)
    finally:
        _HASHING.release()


def checked(password: str) -> str:
    """A password as it may be set: long enough to resist guessing, short enough to hash."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH or not password.strip():
        raise InvalidInput("password_length", low=MIN_LENGTH, high=MAX_LENGTH)
    return password


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _derive(checked(password), salt, _N, _R, _P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or len(password) > MAX_LENGTH:
            return False
        found = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found, base64.b64decode(digest))


@cache
def unknown() -> str:
    """Compared against when no account has the name, so that a wrong name takes as long as a
    wrong password and the answer's timing does not tell which names exist."""
    return hash_password(secrets.token_urlsafe(MIN_LENGTH))
