"""The reportlab settings that keep large PDFs fast still give PDFs that read back."""

from __future__ import annotations

import importlib.util

from desdesk.services.workspace import Workspace
from tests.pdfs import flat, read_pdf
from tests.report_district import ACCENTED, documents, populate


def test_streams_are_not_ascii85_encoded_and_read_back(workspace: Workspace) -> None:
    populate(workspace)

    data = documents(workspace).register_pdf()

    assert b"/ASCII85Decode" not in data
    assert b"/FlateDecode" in data
    assert ACCENTED in flat(read_pdf(data).text)


def test_reportlab_accelerators_are_installed() -> None:
    assert importlib.util.find_spec("_rl_accel") is not None
