"""Smart-card (PKCS#11, CNS) signatures against a real SoftHSM token made in the test:
the card is found, the firma digitale certificate (not the login one) signs, and the
result validates; wrong PIN, locked PIN, a card without a signing certificate and a
file that is not a card library are refused in Italian, with nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from cryptography import x509
from pkcs11 import exceptions as p11_errors

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.signing import SigningError, SigningService, validate
from desdesk.services.signing_card import (
    LIBRARY_FIELD,
    PIN_FIELD,
    TOKEN_FIELD,
    _card_error,
    card_credentials,
    installed_libraries,
    list_tokens,
)
from desdesk.services.workspace import Workspace
from tests.signing_certs import TestCa, make_ca, make_signer
from tests.softhsm import (
    PIN,
    TOKEN_LABEL,
    CardObject,
    import_objects,
    init_token,
    unload_softhsm,
)


@pytest.fixture(scope="module")
def ca() -> TestCa:
    return make_ca()


@pytest.fixture
def empty_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A SoftHSM token "CNS di prova" with nothing on it; yields the library path."""
    library = init_token(tmp_path, monkeypatch)
    yield library
    unload_softhsm()


@pytest.fixture
def card(empty_card: Path, ca: TestCa) -> Path:
    """A CNS-like card: a login certificate (no nonRepudiation) and the signing one."""
    login_key, login = make_signer(ca, "Maria Rossi", non_repudiation=False)
    sign_key, signing = make_signer(ca, "Maria Rossi")
    import_objects(
        [
            CardObject("CNS0", b"\x01", login_key, login),
            CardObject("Firma digitale", b"\x02", sign_key, signing),
        ]
    )
    return empty_card


def approved_register(workspace: Workspace) -> ArchivedDocumentRow:
    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    return workspace.archive.approve(
        draft.id, Approval("Mario Bianchi", "Coordinatore", date(2026, 11, 26))
    )


def test_the_card_is_listed_with_its_maker(card: Path) -> None:
    [token] = list_tokens(card)  # SoftHSM's spare, uninitialised slot is not offered
    assert token.label == TOKEN_LABEL
    assert token.manufacturer == "SoftHSM project"
    assert token.description == "CNS di prova (SoftHSM project SoftHSM v2)"
    assert token.serial


def test_signing_with_the_card_validates_and_uses_the_non_repudiation_certificate(
    workspace: Workspace, card: Path, ca: TestCa
) -> None:
    row = approved_register(workspace)
    service = SigningService(workspace)

    signed = service.sign_document_with_card(
        row.id, card, TOKEN_LABEL, PIN, reason="Approvazione", location="Rovereto"
    )

    assert signed.signed and signed.signers == "Maria Rossi"
    pdf = workspace.archive.pdf(row.id, signed=True)
    assert pdf.startswith(workspace.archive.pdf(row.id))  # the approved bytes, untouched
    [check] = validate(pdf, [ca.certificate])
    assert check.intact and check.trusted and check.covers_whole_document
    assert check.signer == "Maria Rossi"
    with card_credentials(card, TOKEN_LABEL, PIN) as credentials:
        usage = credentials.certificate.extensions.get_extension_for_class(x509.KeyUsage)
        assert usage.value.content_commitment  # the firma digitale one, not CNS0


def test_a_second_card_signature_accumulates(workspace: Workspace, card: Path, ca: TestCa) -> None:
    row = approved_register(workspace)
    service = SigningService(workspace)
    service.sign_document_with_card(row.id, card, TOKEN_LABEL, PIN)
    service.sign_document_with_card(row.id, card, TOKEN_LABEL, PIN)

    checks = validate(workspace.archive.pdf(row.id, signed=True), [ca.certificate])
    assert [c.field_name for c in checks] == ["Firma1", "Firma2"]
    assert all(c.intact and c.trusted for c in checks)


def test_a_wrong_pin_is_refused_in_italian_and_nothing_is_stored(
    workspace: Workspace, card: Path
) -> None:
    row = approved_register(workspace)

    with pytest.raises(SigningError) as caught:
        SigningService(workspace).sign_document_with_card(row.id, card, TOKEN_LABEL, "000000")

    assert caught.value.field == PIN_FIELD
    assert caught.value.message.startswith("Il PIN della carta non è corretto.")
    assert "000000" not in caught.value.message
    assert not workspace.archive.get(row.id).signed


def test_a_file_that_is_not_a_card_library_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    row = approved_register(workspace)
    fake = tmp_path / "libfinta.so"
    fake.write_text("non una libreria")

    for library in (fake, tmp_path / "manca.so", Path("/usr/lib/x86_64-linux-gnu/libz.so.1")):
        with pytest.raises(SigningError) as caught:
            list_tokens(library)
        assert caught.value.field == LIBRARY_FIELD
        assert caught.value.message == (
            f"La libreria del lettore {library.name} non si carica: installa il software "
            "della carta (ad esempio bit4id, Athena/IDProtect) o scegli il file giusto."
        )
    with pytest.raises(SigningError, match="non si carica"):
        SigningService(workspace).sign_document_with_card(row.id, fake, TOKEN_LABEL, PIN)
    assert not workspace.archive.get(row.id).signed


def test_a_card_with_only_the_login_certificate_is_refused(
    workspace: Workspace, empty_card: Path, ca: TestCa
) -> None:
    key, login = make_signer(ca, "Maria Rossi", non_repudiation=False)
    import_objects([CardObject("CNS0", b"\x01", key, login)])
    row = approved_register(workspace)

    with pytest.raises(SigningError) as caught:
        SigningService(workspace).sign_document_with_card(row.id, empty_card, TOKEN_LABEL, PIN)

    assert caught.value.field == TOKEN_FIELD
    assert caught.value.message == (
        "Sulla carta «CNS di prova» non c'è un certificato di firma digitale (con uso «non "
        "ripudio»): c'è solo quello per l'accesso ai servizi."
    )
    assert not workspace.archive.get(row.id).signed


def test_a_card_not_in_the_reader_and_a_draft_are_refused(workspace: Workspace, card: Path) -> None:
    row = approved_register(workspace)
    service = SigningService(workspace)
    with pytest.raises(SigningError) as caught:
        service.sign_document_with_card(row.id, card, "Altra carta", PIN)
    assert caught.value.field == TOKEN_FIELD
    assert caught.value.message == (
        "La carta «Altra carta» non è nel lettore: inseriscila e cerca di nuovo le carte."
    )

    draft = workspace.catalog.generate(DocumentRequest(DocumentKind.AGREEMENT))
    with pytest.raises(SigningError, match="Si firmano solo i documenti approvati"):
        service.sign_document_with_card(draft.id, card, TOKEN_LABEL, PIN)


def test_pin_states_the_card_reports_have_their_own_messages() -> None:
    """SoftHSM never locks a PIN, so the mapping of what a real card answers is
    checked on the exceptions python-pkcs11 raises for it."""
    locked = _card_error(p11_errors.PinLocked())
    assert locked.field == PIN_FIELD
    assert locked.message == (
        "Il PIN della carta è bloccato: sbloccalo con il PUK, con il programma della "
        "carta, e riprova."
    )
    assert _card_error(p11_errors.PinExpired()).message.startswith("Il PIN della carta è scaduto")
    assert _card_error(p11_errors.PinLenRange()).field == PIN_FIELD
    removed = _card_error(p11_errors.DeviceRemoved())
    assert removed.message == "La carta è stata tolta dal lettore: inseriscila e riprova."
    other = _card_error(p11_errors.DeviceError())
    assert other.field == TOKEN_FIELD and "(DeviceError)" in other.message


def test_installed_libraries_keeps_the_existing_ones_in_order(tmp_path: Path) -> None:
    first = tmp_path / "libbit4xpki.so"
    second = tmp_path / "opensc-pkcs11.so"
    for path in (first, second):
        path.write_bytes(b"")

    found = installed_libraries((str(tmp_path / "manca.so"), str(second), str(first)))

    assert found == [str(second), str(first)]
