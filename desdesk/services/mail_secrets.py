"""The SMTP password in the operating system's keyring, where there is one.

Never in the preferences file. Every failure of the keyring (no backend, a locked or
broken one, no D-Bus session) means "no keyring": the password is then asked each time
and nothing crashes.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE_PREFIX = "desdesk SMTP"


def _service(host: str) -> str:
    return f"{SERVICE_PREFIX} {host.strip().lower()}"


def keyring_available() -> bool:
    """Whether a real keyring backend is active (not keyring's "fail" or "null" one)."""
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend):
            return bool(backend.backends)
        return True
    except Exception as exc:  # any keyring trouble means: no keyring
        log.info("No usable keyring: %s", exc)
        return False


def stored_password(host: str, user: str) -> str | None:
    """The password kept for `user` on `host`, or None (none kept, or no keyring)."""
    if not host or not user or not keyring_available():
        return None
    try:
        import keyring

        return keyring.get_password(_service(host), user)
    except Exception as exc:
        log.info("Keyring read failed: %s", exc)
        return None


def store_password(host: str, user: str, password: str) -> bool:
    """Keep the password; False when there is no keyring or it refused."""
    if not host or not user or not keyring_available():
        return False
    try:
        import keyring

        keyring.set_password(_service(host), user, password)
        return True
    except Exception as exc:
        log.info("Keyring write failed: %s", exc)
        return False


def forget_password(host: str, user: str) -> bool:
    """Remove a kept password; False when none was kept or there is no keyring."""
    if not host or not user or not keyring_available():
        return False
    try:
        import keyring

        keyring.delete_password(_service(host), user)
        return True
    except Exception as exc:  # PasswordDeleteError: nothing was kept
        log.info("Keyring delete failed: %s", exc)
        return False
