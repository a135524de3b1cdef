"""PyInstaller's entry script: the frozen `desdesk` runs the same entry point as the command."""

import sys

from desdesk.main import main

if __name__ == "__main__":
    sys.exit(main())
