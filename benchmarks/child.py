"""Run one command and write its wall time and peak memory to a file:
`python benchmarks/child.py RESULT -- COMMAND...`.

A small process of its own between the benchmark and the command measured: on Linux a
new process's peak resident memory (`ru_maxrss`) starts from that of the process that
spawned it, and the benchmark's own, after generating a district or laying out PDFs,
can exceed what is measured. This launcher imports next to nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def main() -> int:
    result, separator, *command = sys.argv[1:]
    if separator != "--" or not command:
        print(__doc__, file=sys.stderr)
        return 2
    started = time.perf_counter()
    child = subprocess.Popen(command)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    code = child.returncode = os.waitstatus_to_exitcode(status)
    with open(result, "w", encoding="utf-8") as handle:
        handle.write(f"{elapsed} {usage.ru_maxrss} {code}\n")  # maxrss in KiB on Linux
    return 0


if __name__ == "__main__":
    sys.exit(main())
