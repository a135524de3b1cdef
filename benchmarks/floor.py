"""The floor of this stack: a bare PySide6 window that opens an SQLModel engine and runs
one query, then paints once and exits. desdesk's start-up is measured against it."""

from __future__ import annotations

import os
import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    from sqlalchemy import text
    from sqlmodel import Session, create_engine

    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with Session(engine) as session:
        count = session.execute(text("SELECT count(*) FROM member")).scalar_one()
    window = QMainWindow()
    window.setCentralWidget(QLabel(f"{count} aderenti"))
    window.resize(1200, 760)
    window.show()
    app.processEvents()
    window.close()
    engine.dispose()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # like `desdesk --quit-after-startup`: interpreter teardown not timed
