"""The `desdesk` entry point: a sub-command goes to the CLI, anything else opens the GUI.

Kept apart from both so that the CLI never imports Qt and the GUI never imports argparse
commands it does not need.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from desdesk.cli.main import is_command, run_cli

    if args and (is_command(args[0]) or args[0] in ("-h", "--help", "--version")):
        return run_cli(args)
    from desdesk.ui.app import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
