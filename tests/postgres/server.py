"""A throwaway PostgreSQL server on loopback for `make test-postgres`.

`python -m tests.postgres.server -- PYTEST-ARGS` finds Debian's server binaries
(package `postgresql`), makes a cluster in a temporary folder, starts it on 127.0.0.1
on a free port (fsync off: the data is thrown away), runs pytest with
`DESDESK_TEST_DATABASE_URL` pointing at it, and stops and removes the cluster whatever
happens. PostgreSQL refuses to run as root: under root (CI) the cluster belongs to the
`postgres` user the Debian package creates.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "desdesk_tests"


def server_binaries() -> Path:
    """The newest `/usr/lib/postgresql/N/bin` holding initdb and pg_ctl."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise SystemExit("PostgreSQL's server is not installed (Debian: apt-get install postgresql).")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    subprocess.run(_as_server_user(command), check=True, stdout=subprocess.DEVNULL)


def start(folder: Path, port: int) -> Path:
    """Make and start a cluster in `folder`; return its data directory."""
    binaries = server_binaries()
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
    _run(
        [
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ]
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    _run(
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "start",
        ]
    )
    return data


def stop(data: Path) -> None:
    _run([str(server_binaries() / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])


def wait_ready(url: str) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def create_database(port: int) -> str:
    import psycopg

    admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    wait_ready(admin)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return f"postgresql://postgres@127.0.0.1:{port}/{DATABASE}"


def main(pytest_args: list[str]) -> int:
    # Stopped with SIGTERM (a CI timeout, `kill`), the cluster is still stopped and removed.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="desdesk-pg-"))
    port = free_port()
    data: Path | None = None
    try:
        data = start(folder, port)
        url = create_database(port)
        print(f"PostgreSQL on 127.0.0.1:{port} ({folder})", flush=True)
        env = {**os.environ, "DESDESK_TEST_DATABASE_URL": url}
        command = [sys.executable, "-m", "pytest", *pytest_args]
        return subprocess.run(command, env=env, check=False).returncode
    finally:
        if data is not None:
            stop(data)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--"]:
        arguments = arguments[1:]
    sys.exit(main(arguments))
