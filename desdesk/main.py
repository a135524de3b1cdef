"""The `desdesk` entry point: a sub-command goes to the CLI, anything else opens the GUI.

Kept apart from both so that the CLI never imports Qt and the GUI never imports argparse
commands it does not need.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from desdesk.cli import COMMAND_NAMES

    if args and (args[0] in COMMAND_NAMES or args[0] in ("-h", "--help", "--version")):
        from desdesk.cli.main import run_cli

        return run_cli(args)
    from desdesk.ui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
