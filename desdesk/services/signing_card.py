"""Signing keys on a smart card or token (PKCS#11): the Italian CNS / firma digitale.

The card's maker ships a PKCS#11 library (bit4id, Athena/IDProtect, OpenSC …) that
desdesk loads with python-pkcs11; pyHanko's `PKCS11Signer` then signs with the key,
which never leaves the card. A CNS carries two certificates: one to log in to public
services (digitalSignature only) and one to sign documents (nonRepudiation): only the
latter makes a firma digitale, so that is the one chosen, and a card without it is
refused.

The PIN is passed to the card to open the session and dropped: it is never stored,
logged, or put in a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pkcs11
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pkcs11 import Attribute, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11_errors
from pyhanko.sign.pkcs11 import PKCS11Signer

from desdesk.i18n import _
from desdesk.services.signing import Credentials, SigningError, common_name

LIBRARY_FIELD = "library"
TOKEN_FIELD = "token"
PIN_FIELD = "pin"

# Where the usual Italian card drivers install their PKCS#11 library, most likely first.
KNOWN_LIBRARIES: tuple[str, ...] = (
    "/usr/lib/libbit4xpki.so",
    "/usr/lib/x86_64-linux-gnu/libbit4xpki.so",
    "/usr/local/lib/libbit4xpki.so",
    "/usr/lib/libASEP11.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/Library/bit4id/pkcs11/libbit4xpki.dylib",
    "C:\\Windows\\System32\\bit4xpki.dll",
)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A card (token) seen in a reader (slot)."""

    slot: int
    label: str
    manufacturer: str
    model: str = ""
    serial: str = ""

    @property
    def description(self) -> str:
        """What the card list shows: its label and who made it."""
        maker = " ".join(part for part in (self.manufacturer, self.model) if part)
        return f"{self.label} ({maker})" if maker else self.label


def installed_libraries(candidates: tuple[str, ...] = KNOWN_LIBRARIES) -> list[str]:
    """The known driver locations that exist on this computer, in preference order."""
    return [name for name in candidates if Path(name).is_file()]


def _load(library: Path | str) -> Any:
    """The PKCS#11 library, loaded and initialised; a clear `SigningError` when it is
    not one (a missing file, another kind of file, a driver for another system)."""
    path = str(library).strip()
    try:
        if not path:
            raise p11_errors.PKCS11Error("no library")
        return pkcs11.lib(path)
    except p11_errors.PKCS11Error as exc:
        message = _(
            "La libreria del lettore {name} non si carica: installa il software della "
            "carta (ad esempio bit4id, Athena/IDProtect) o scegli il file giusto."
        )
        raise SigningError(message.format(name=Path(path).name), LIBRARY_FIELD) from exc


def list_tokens(library: Path | str) -> list[TokenInfo]:
    """The initialised cards present in the readers the library knows."""
    lib = _load(library)
    try:
        slots = lib.get_slots(token_present=True)
    except p11_errors.PKCS11Error as exc:
        raise _card_error(exc) from exc
    found = []
    for slot in slots:
        try:
            token = slot.get_token()
        except p11_errors.PKCS11Error:
            continue  # removed meanwhile, or not readable: not a card to offer
        if not token.flags & TokenFlag.TOKEN_INITIALIZED:
            continue
        serial = token.serial.decode(errors="replace") if token.serial else ""
        found.append(
            TokenInfo(
                slot=int(slot.slot_id),
                label=token.label,
                manufacturer=token.manufacturer_id,
                model=token.model,
                serial=serial.strip(),
            )
        )
    return found


@contextmanager
def card_credentials(library: Path | str, token_label: str, pin: str) -> Iterator[Credentials]:
    """The card's firma digitale key and certificate, for as long as the block lasts
    (the session with the card is closed at its end)."""
    lib = _load(library)
    token = _find_token(lib, token_label)
    if token.flags & TokenFlag.USER_PIN_LOCKED:
        raise _pin_locked()
    try:
        session = token.open(user_pin=pin)
    except p11_errors.PinIncorrect as exc:
        raise _wrong_pin(lib, token_label) from exc
    except p11_errors.PKCS11Error as exc:
        raise _card_error(exc) from exc
    try:
        yield _credentials_on(session, token_label)
    finally:
        with suppress(p11_errors.PKCS11Error):  # a card pulled out: nothing to close
            session.close()


def _find_token(lib: Any, token_label: str) -> Any:
    try:
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if token.label == token_label:
                return token
    except p11_errors.PKCS11Error as exc:
        raise _card_error(exc) from exc
    message = _("La carta «{label}» non è nel lettore: inseriscila e cerca di nuovo le carte.")
    raise SigningError(message.format(label=token_label), TOKEN_FIELD)


def _credentials_on(session: Any, token_label: str) -> Credentials:
    try:
        certificates = [
            (bytes(obj[Attribute.ID]), x509.load_der_x509_certificate(obj[Attribute.VALUE]))
            for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
        ]
    except (p11_errors.PKCS11Error, ValueError) as exc:
        raise _card_error(exc) from exc
    chosen = _signing_certificate(certificates)
    if chosen is None:
        message = _(
            "Sulla carta «{label}» non c'è un certificato di firma digitale (con uso «non "
            "ripudio»): c'è solo quello per l'accesso ai servizi."
        )
        raise SigningError(message.format(label=token_label), TOKEN_FIELD)
    object_id, certificate = chosen
    if not _has_signing_key(session, object_id):
        message = _("Sulla carta «{label}» manca la chiave del certificato di firma di {name}.")
        raise SigningError(
            message.format(label=token_label, name=common_name(certificate)), TOKEN_FIELD
        )
    authorities = [_asn1(c) for _id, c in certificates if _is_authority(c)]
    signer = PKCS11Signer(
        session, signing_cert=_asn1(certificate), key_id=object_id, ca_chain=authorities
    )
    return Credentials(signer=signer, certificate=certificate)


def _signing_certificate(
    certificates: list[tuple[bytes, x509.Certificate]],
) -> tuple[bytes, x509.Certificate] | None:
    """The nonRepudiation certificate; among several, one valid today, else the newest."""
    signing = [(i, c) for i, c in certificates if _non_repudiation(c)]
    if not signing:
        return None
    now = datetime.now(UTC)
    valid = [(i, c) for i, c in signing if c.not_valid_before_utc <= now <= c.not_valid_after_utc]
    return max(valid or signing, key=lambda pair: pair[1].not_valid_after_utc)


def _non_repudiation(certificate: x509.Certificate) -> bool:
    """Stricter than the PKCS#12 check: on a CNS a certificate without key usage is
    not the signing one."""
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(usage.content_commitment)


def _is_authority(certificate: x509.Certificate) -> bool:
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    except x509.ExtensionNotFound:
        return False
    return bool(constraints.value.ca)


def _has_signing_key(session: Any, object_id: bytes) -> bool:
    query = {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.ID: object_id}
    try:
        return any(True for _key in session.get_objects(query))
    except p11_errors.PKCS11Error as exc:
        raise _card_error(exc) from exc


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


# -- errors in the user's words ---------------------------------------------------------


def _wrong_pin(lib: Any, token_label: str) -> SigningError:
    """Wrong PIN; the card may now say that one try is left, or that it is locked."""
    flags = TokenFlag(0)
    try:
        for slot in lib.get_slots(token_present=True):
            token = slot.get_token()
            if token.label == token_label:
                flags = token.flags
    except p11_errors.PKCS11Error:
        pass
    if flags & TokenFlag.USER_PIN_LOCKED:
        return _pin_locked()
    if flags & TokenFlag.USER_PIN_FINAL_TRY:
        message = _(
            "Il PIN della carta non è corretto. Attenzione: resta un solo tentativo, poi "
            "la carta si blocca."
        )
    else:
        message = _(
            "Il PIN della carta non è corretto. Attenzione: dopo alcuni tentativi "
            "sbagliati la carta si blocca."
        )
    return SigningError(message, PIN_FIELD)


def _pin_locked() -> SigningError:
    message = _(
        "Il PIN della carta è bloccato: sbloccalo con il PUK, con il programma della "
        "carta, e riprova."
    )
    return SigningError(message, PIN_FIELD)


def _card_error(exc: Exception) -> SigningError:
    """Any other refusal of the card or its library, said by kind."""
    if isinstance(exc, p11_errors.PinLocked):
        return _pin_locked()
    if isinstance(exc, p11_errors.PinIncorrect):
        return SigningError(_("Il PIN della carta non è corretto."), PIN_FIELD)
    if isinstance(exc, (p11_errors.PinLenRange, p11_errors.PinInvalid)):
        return SigningError(
            _("Il PIN scritto non ha la lunghezza o le cifre giuste per questa carta."),
            PIN_FIELD,
        )
    if isinstance(exc, p11_errors.PinExpired):
        return SigningError(
            _("Il PIN della carta è scaduto: cambialo con il programma della carta."),
            PIN_FIELD,
        )
    if isinstance(exc, (p11_errors.TokenNotPresent, p11_errors.DeviceRemoved)):
        return SigningError(
            _("La carta è stata tolta dal lettore: inseriscila e riprova."), TOKEN_FIELD
        )
    kind = type(exc).__name__
    return SigningError(
        _("La carta non risponde come dovrebbe ({kind}): toglila, reinseriscila e riprova.").format(
            kind=kind
        ),
        TOKEN_FIELD,
    )
