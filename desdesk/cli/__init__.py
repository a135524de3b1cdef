"""Thin argparse layer over the services."""

# The sub-command names, known without importing the commands (and the services they
# need), so that `desdesk FILE.des` starts the GUI without that cost. A test keeps this
# equal to `desdesk.cli.commands.COMMANDS`.
COMMAND_NAMES = frozenset(
    {
        "new",
        "demo",
        "members",
        "report",
        "assemblies",
        "calendar",
        "budget",
        "check",
        "verify",
        "documents",
        "backup",
        "backups",
        "restore",
        "person",
    }
)
