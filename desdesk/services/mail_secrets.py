"""The SMTP password in the operating system's keyring, where there is one.

Never in the preferences file, nor in a keyring that is a plain file. Every failure of the keyring (no backend, a locked or
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
    """Whether a secure keyring backend is active. Not keyring's "fail" or "null" one,
    nor one that keeps passwords in a plain file (keyrings.alt) or that keyring itself
    ranks as not recommended (priority below 1): better to ask each time."""
    try:
        import keyring
        from keyring.backends import chainer

        backend = keyring.get_keyring()
        if isinstance(backend, chainer.ChainerBackend):
            # A chain writes to the first backend that takes it: all must be secure.
            chained = list(backend.backends)
            return bool(chained) and all(_secure(b) for b in chained)
        return _secure(backend)
    except Exception as exc:  # any keyring trouble means: no keyring
        log.info("No usable keyring: %s", exc)
        return False


def _secure(backend: object) -> bool:
    from keyring.backends import fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if type(backend).__module__.startswith("keyrings.alt"):
        log.info("Keyring %s stores in plain text: not used", type(backend).__name__)
        return False
    priority = getattr(backend, "priority", 0)
    return isinstance(priority, int | float) and priority >= 1


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
