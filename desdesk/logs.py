"""The log file: where unexpected errors go, with their traceback, instead of the screen.

A bottom module (anyone may import it): the GUI and the CLI both call `setup_logging`.
"""

from __future__ import annotations

import logging

from desdesk import paths

_MARK = "_desdesk"


def setup_logging() -> None:
    """Log to the user's log file; idempotent, and follows a change of user folder."""
    root = logging.getLogger()
    target = str(paths.log_file())
    for old in [h for h in root.handlers if getattr(h, _MARK, False)]:
        if isinstance(old, logging.FileHandler) and old.baseFilename == target:
            return
        root.removeHandler(old)
        old.close()
    handler = logging.FileHandler(target, encoding="utf-8", delay=True)
    setattr(handler, _MARK, True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
