"""`python -m desdesk` runs the same entry point as the `desdesk` command."""

import sys

from desdesk.main import main

sys.exit(main())
