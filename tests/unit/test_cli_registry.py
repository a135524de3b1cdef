"""The light list of command names that `desdesk.main` uses matches the real commands."""

from desdesk.cli import COMMAND_NAMES
from desdesk.cli.commands import COMMANDS


def test_command_names_match_the_commands() -> None:
    assert set(COMMANDS) == COMMAND_NAMES
