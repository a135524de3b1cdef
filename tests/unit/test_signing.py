"""PAdES signatures on approved documents, made with a throwaway CA and validated back
with pyHanko's validator (issue 6: "a signature validates; a tampered copy fails")."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.signing import (
    CERTIFICATE_FIELD,
    PASSWORD_FIELD,
    SigningError,
    SigningService,
    load_credentials,
    sign_pdf,
    validate,
)
from desdesk.services.workspace import Workspace
from tests.signing_certs import PASSWORD, TestCa, make_ca, write_p12


@pytest.fixture(scope="module")
def ca() -> TestCa:
    return make_ca()


@pytest.fixture
def p12(tmp_path: Path, ca: TestCa) -> Path:
    return write_p12(tmp_path / "maria.p12", ca, "Maria Rossi")


def approved_register(workspace: Workspace) -> ArchivedDocumentRow:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    return workspace.archive.approve(
        draft.id, Approval("Mario Bianchi", "Coordinatore", date(2026, 11, 26))
    )


@dataclass(frozen=True)
class Widget:
    name: str
    rect: tuple[float, float, float, float]
    appearance: str  # the appearance stream, PDF string escapes decoded
    reason: str | None
    location: str | None
    subfilter: str | None


def signature_widgets(pdf: bytes) -> list[Widget]:
    """The signature annotations of the last page."""
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    found = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/FT") != "/Sig":
            continue
        stream = annot["/AP"]["/N"].get_object().get_data().decode("latin-1")
        # PDF string escapes (\\362 = ò in WinAnsi) back to characters.
        appearance = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), stream)
        value = annot["/V"].get_object()
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        found.append(
            Widget(
                name=str(annot["/T"]),
                rect=(x0, y0, x1, y1),
                appearance=appearance,
                reason=value.get("/Reason"),
                location=value.get("/Location"),
                subfilter=value.get("/SubFilter"),
            )
        )
    return found


def test_a_signed_approved_document_validates_intact_and_trusted(
    workspace: Workspace, p12: Path, ca: TestCa
) -> None:
    row = approved_register(workspace)
    approved = workspace.archive.pdf(row.id)

    signed_row = SigningService(workspace).sign_document(
        row.id, p12, PASSWORD, reason="Approvazione", location="Rovereto"
    )

    signed = workspace.archive.pdf(row.id, signed=True)
    assert signed_row.signed and signed_row.signers == "Maria Rossi"
    assert signed.startswith(approved) and len(signed) > len(approved)
    assert workspace.archive.pdf(row.id) == approved  # the approved revision is kept
    [check] = validate(signed, [ca.certificate])
    assert (check.field_name, check.signer) == ("Firma1", "Maria Rossi")
    assert check.intact and check.trusted and check.covers_whole_document
    assert check.signing_time is not None
    assert abs(check.signing_time - datetime.now(UTC)) < timedelta(minutes=5)
    found = workspace.archive.verify(signed)
    assert found.matches and found.signed_copy and found.document is not None
    assert found.document.id == row.id and found.document.revision == 1


def test_the_signature_is_pades_and_visible_at_the_foot_of_the_last_page(
    workspace: Workspace, p12: Path
) -> None:
    row = approved_register(workspace)
    SigningService(workspace).sign_document(
        row.id, p12, PASSWORD, reason="Approvazione", location="Rovereto"
    )
    signed = workspace.archive.pdf(row.id, signed=True)

    [widget] = signature_widgets(signed)
    assert widget.subfilter == "/ETSI.CAdES.detached"
    assert (widget.reason, widget.location) == ("Approvazione", "Rovereto")
    x0, y0, x1, y1 = widget.rect
    assert x1 - x0 > 100 and 10 < y1 - y0 <= 16
    assert y0 > 14 * 72 / 25.4 and y1 <= 20 * 72 / 25.4  # between footer rule and body
    appearance = widget.appearance
    assert "Firmato digitalmente da Maria Rossi il " in appearance
    assert appearance.startswith("q q 1 0 0 1 ")  # 7 pt text, not shrunk to fit


def test_a_tampered_copy_is_not_intact(workspace: Workspace, p12: Path, ca: TestCa) -> None:
    row = approved_register(workspace)
    SigningService(workspace).sign_document(row.id, p12, PASSWORD)
    signed = workspace.archive.pdf(row.id, signed=True)
    # One byte of the document title in the approved part, which the signature covers.
    where = signed.index(b"Libro degli aderenti")
    tampered = bytearray(signed)
    tampered[where] = ord("M")

    [check] = validate(bytes(tampered), [ca.certificate])

    assert not check.intact and not check.trusted
    assert [c.intact for c in validate(signed, [ca.certificate])] == [True]
    assert not workspace.archive.verify(bytes(tampered)).matches


def test_without_trust_roots_a_signature_is_intact_but_not_trusted(
    workspace: Workspace, p12: Path, tmp_path: Path
) -> None:
    row = approved_register(workspace)
    SigningService(workspace).sign_document(row.id, p12, PASSWORD)
    signed = workspace.archive.pdf(row.id, signed=True)

    [check] = validate(signed, None)
    assert check.intact and not check.trusted
    # Another CA's root does not make it trusted either.
    [check] = validate(signed, [make_ca("Altra CA").certificate])
    assert check.intact and not check.trusted


def test_a_second_signer_signs_the_signed_copy_and_both_signatures_hold(
    workspace: Workspace, p12: Path, ca: TestCa, tmp_path: Path
) -> None:
    row = approved_register(workspace)
    service = SigningService(workspace)
    service.sign_document(row.id, p12, PASSWORD)
    first = workspace.archive.pdf(row.id, signed=True)
    second_p12 = write_p12(tmp_path / "luca.pfx", ca, "Luca Verdi", password="altra")

    signed_row = service.sign_document(row.id, second_p12, "altra")

    signed = workspace.archive.pdf(row.id, signed=True)
    assert signed.startswith(first)
    assert signed_row.signers == "Maria Rossi; Luca Verdi"
    checks = validate(signed, [ca.certificate])
    assert [(c.field_name, c.signer) for c in checks] == [
        ("Firma1", "Maria Rossi"),
        ("Firma2", "Luca Verdi"),
    ]
    assert all(c.intact and c.trusted for c in checks)
    assert [c.covers_whole_document for c in checks] == [False, True]
    one, two = (w.rect for w in signature_widgets(signed))
    assert one[2] <= two[0] or two[2] <= one[0]  # side by side, not on top of each other
    assert workspace.archive.verify(signed).signed_copy
    # The copy with only the first signature (perhaps already sent) still verifies.
    earlier = workspace.archive.verify(first)
    assert earlier.matches and earlier.signed_copy


def test_a_wrong_password_is_refused_in_italian_and_nothing_is_stored(
    workspace: Workspace, p12: Path
) -> None:
    row = approved_register(workspace)

    with pytest.raises(SigningError, match=r"La password del certificato maria\.p12 non è"):
        SigningService(workspace).sign_document(row.id, p12, "sbagliata")
    with pytest.raises(SigningError) as raised:
        load_credentials(p12, "")
    assert raised.value.field == PASSWORD_FIELD

    assert not workspace.archive.get(row.id).signed


def test_a_file_that_is_not_pkcs12_or_missing_is_refused(tmp_path: Path) -> None:
    not_p12 = tmp_path / "lettera.p12"
    not_p12.write_text("Cara Maria, ecco il certificato.")

    with pytest.raises(SigningError, match=r"lettera\.p12 non è un certificato PKCS#12"):
        load_credentials(not_p12, PASSWORD)
    with pytest.raises(SigningError) as raised:
        load_credentials(not_p12, PASSWORD)
    assert raised.value.field == CERTIFICATE_FIELD
    with pytest.raises(SigningError, match=r"Non riesco a leggere il certificato manca\.p12"):
        load_credentials(tmp_path / "manca.p12", PASSWORD)


def test_an_expired_or_not_yet_valid_certificate_is_refused(
    workspace: Workspace, ca: TestCa, tmp_path: Path
) -> None:
    row = approved_register(workspace)
    now = datetime.now(UTC)
    expired = write_p12(
        tmp_path / "scaduto.p12",
        ca,
        valid_from=now - timedelta(days=400),
        valid_until=now - timedelta(days=2),
    )
    future = write_p12(tmp_path / "futuro.p12", ca, valid_from=now + timedelta(days=3))
    service = SigningService(workspace)

    with pytest.raises(SigningError, match="Il certificato di Maria Rossi è scaduto il"):
        service.sign_document(row.id, expired, PASSWORD)
    with pytest.raises(SigningError, match="sarà valido solo dal"):
        service.sign_document(row.id, future, PASSWORD)
    # sign_pdf checks too, for callers that bypass the service.
    with pytest.raises(SigningError, match="è scaduto"):
        sign_pdf(workspace.archive.pdf(row.id), load_credentials(expired, PASSWORD))
    assert not workspace.archive.get(row.id).signed


def test_an_authentication_certificate_is_not_a_signing_one(
    workspace: Workspace, ca: TestCa, tmp_path: Path
) -> None:
    row = approved_register(workspace)
    login = write_p12(tmp_path / "cns.p12", ca, non_repudiation=False)

    with pytest.raises(SigningError, match="non è un certificato di firma") as raised:
        SigningService(workspace).sign_document(row.id, login, PASSWORD)

    assert raised.value.field == CERTIFICATE_FIELD
    assert not workspace.archive.get(row.id).signed


def test_validating_logs_nothing(
    workspace: Workspace, p12: Path, caplog: pytest.LogCaptureFixture
) -> None:
    row = approved_register(workspace)
    SigningService(workspace).sign_document(row.id, p12, PASSWORD)
    signed = workspace.archive.pdf(row.id, signed=True)

    with caplog.at_level(logging.DEBUG):
        [check] = validate(signed, None)  # untrusted: pyHanko would log an error

    assert not check.trusted
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_draft_is_refused(workspace: Workspace, p12: Path) -> None:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))

    with pytest.raises(SigningError, match="Si firmano solo i documenti approvati"):
        SigningService(workspace).sign_document(draft.id, p12, PASSWORD)

    assert not workspace.archive.get(draft.id).signed


def test_an_accented_signer_name_is_written_in_the_stamp(
    workspace: Workspace, ca: TestCa, tmp_path: Path
) -> None:
    row = approved_register(workspace)
    p12 = write_p12(tmp_path / "nicolo.p12", ca, "Niccolò Dallapè")

    signed_row = SigningService(workspace).sign_document(row.id, p12, PASSWORD)

    assert signed_row.signers == "Niccolò Dallapè"
    signed = workspace.archive.pdf(row.id, signed=True)
    [widget] = signature_widgets(signed)
    assert "Niccolò Dallapè" in widget.appearance
    [check] = validate(signed, [ca.certificate])
    assert check.signer == "Niccolò Dallapè" and check.trusted


def test_bytes_that_are_not_a_pdf_cannot_be_signed_or_validated(p12: Path) -> None:
    credentials = load_credentials(p12, PASSWORD)

    with pytest.raises(SigningError, match="non è un PDF che si possa firmare"):
        sign_pdf(b"not a pdf at all", credentials)
    with pytest.raises(SigningError, match="non è un PDF leggibile"):
        validate(b"not a pdf at all", None)


def test_an_unsigned_pdf_has_no_signatures(workspace: Workspace) -> None:
    row = approved_register(workspace)

    assert validate(workspace.archive.pdf(row.id), None) == []


def test_the_default_location_is_the_district_territory(workspace: Workspace) -> None:
    assert SigningService(workspace).default_location() == "Vallagarina"
