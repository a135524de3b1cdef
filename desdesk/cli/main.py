"""`desdesk COMMAND ...`: the command-line interface.

Exit codes: 0 success, 1 input refused (the reason on stderr, in the user's language),
2 usage error. Messages follow the language chosen in the preferences (or `--lang`).
An unexpected error is written with its traceback to the log file, never to the screen:
stderr gets a sentence that names the file, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence

from desdesk import __version__, argparse_it, paths, settings
from desdesk.cli.commands import COMMANDS
from desdesk.cli.district import server_note
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _, set_language
from desdesk.logs import setup_logging

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desdesk",
        description=_("desdesk: il registro e i documenti del tuo Distretto di Economia Solidale."),
        epilog=server_note(),
    )
    parser.add_argument("--version", action="version", version=f"desdesk {__version__}")
    parser.add_argument(
        "--lang", choices=("it", "en"), help=_("lingua dei messaggi (predefinita: preferenze)")
    )
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMANDO"), required=True)
    for command in COMMANDS.values():
        command.add_parser(subparsers)
    return parser


def _language_from(argv: Sequence[str]) -> str:
    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return settings.load().language


def run_cli(argv: Sequence[str]) -> int:
    language = _language_from(argv)
    set_language(language if language in ("it", "en") else "it")
    argparse_it.install()
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    with contextlib.suppress(OSError):  # no log file (an unwritable user folder): carry on
        setup_logging()
    try:
        return int(COMMANDS[args.command].run(args))
    except DesdeskError as exc:
        print(_("desdesk: errore: {message}").format(message=exc.message), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`desdesk check FILE | head`): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except Exception:
        log.exception("Unexpected error in `desdesk %s`", args.command)
        print(_unexpected_error_message(), file=sys.stderr)
        return EXIT_REFUSED


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit flush does not fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _unexpected_error_message() -> str:
    try:
        where = str(paths.log_file())
    except OSError:
        return _("desdesk: errore imprevisto, il comando non è stato completato.")
    return _(
        "desdesk: errore imprevisto, il comando non è stato completato. "
        "I dettagli tecnici sono nel file {path}"
    ).format(path=where)


def main() -> int:
    return run_cli(sys.argv[1:])
