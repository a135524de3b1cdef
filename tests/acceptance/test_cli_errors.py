"""An unexpected error in a command: exit 1, a sentence on stderr, the traceback in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desdesk import paths, settings
from desdesk.main import main
from desdesk.services.member_io import MemberIOService


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "vallagarina.des"
    assert run("new", path, "--name", "DES Vallagarina", "--kind", "territoriale",
               "--territory", "Vallagarina") == 0  # fmt: skip
    return path


def test_an_unexpected_error_goes_to_the_log_not_the_screen(
    district: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(self: MemberIOService, path: Path) -> int:
        raise RuntimeError("qualcosa si è rotto dentro")

    monkeypatch.setattr(MemberIOService, "export", broken)
    capsys.readouterr()

    assert run("members", "export", district, tmp_path / "aderenti.csv") == 1

    captured = capsys.readouterr()
    log_file = paths.log_file()
    assert "Traceback" not in captured.err
    assert "qualcosa si è rotto" not in captured.err
    assert captured.err.strip() == (
        "desdesk: errore imprevisto, il comando non è stato completato. "
        f"I dettagli tecnici sono nel file {log_file}"
    )
    assert captured.out == ""
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in `desdesk members`" in logged
    assert "Traceback" in logged
    assert "RuntimeError: qualcosa si è rotto dentro" in logged


def test_the_message_follows_the_language(
    district: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(self: MemberIOService, path: Path) -> int:
        raise KeyError("x")

    monkeypatch.setattr(MemberIOService, "export", broken)
    settings.save(settings.Preferences(language="en"))
    capsys.readouterr()

    assert run("members", "export", district, tmp_path / "a.csv") == 1

    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(paths.log_file()) in err
    assert "imprevisto" not in err
