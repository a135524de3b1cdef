"""Start-up pauses the cyclic garbage collector and always switches it back on, with
what start-up made frozen out of its scans (an early return or an error too)."""

from __future__ import annotations

import gc

import pytest

from desdesk.ui.app import _collector_paused


def test_the_collector_waits_during_start_up_and_comes_back_after_an_error() -> None:
    assert gc.isenabled()
    try:
        with pytest.raises(RuntimeError), _collector_paused():
            assert not gc.isenabled()
            kept = [object() for _ in range(1000)]
            raise RuntimeError("apertura non riuscita")
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()  # the rest of the test session scans everything again
