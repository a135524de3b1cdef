"""A second desdesk process for the lock tests: `python -m tests.durability.holder FILE`.

It tries to open the district and prints one line: `opened`, then keeps the file open
until it is killed (or until stdin closes), or `refused <ErrorClass> <message>` and exits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desdesk.db.district_file import DistrictFileError
from desdesk.services.workspace import open_workspace


def main(path: Path) -> None:
    try:
        workspace = open_workspace(path)
    except DistrictFileError as exc:
        print("refused", type(exc).__name__, exc.message.replace("\n", " "), flush=True)
        return
    print("opened", flush=True)
    sys.stdin.read()  # hold the file until the parent closes our stdin or kills us
    workspace.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
