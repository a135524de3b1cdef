"""Digital signature of approved documents: PAdES with pyHanko (the only pyHanko user).

A signature is appended to the approved PDF as an *incremental update*: the approved
bytes stay, untouched, a prefix of the signed file, so `verify` can still recognise the
revision and any PDF reader shows the document as it was approved. Each signature gets
its own field (Firma1, Firma2, …), so a second signer can sign the signed copy again;
the signed copy kept in the archive accumulates them.

The signer's credentials come from a PKCS#12 file (.p12/.pfx) and a password, or from
a smart card (PKCS#11, Italian CNS: desdesk/services/signing_card.py) and its PIN, asked
each time: they only live in the call that opens the file or the card, never stored.

The visible signature is a small one-line box at the foot of the last page, in the
strip every desdesk page keeps free between the body and the footer rule (see
desdesk/reports/base.py: body down to 20 mm, footer rule at 14 mm). Slots go left to
right, then upwards, so later signatures do not cover earlier ones.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.hazmat.primitives.serialization import pkcs12 as pyca_pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _, format_date

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

MM = 72 / 25.4
_STRIP_BOTTOM = 14 * MM + 1.5  # just above the footer rule
_STRIP_HEIGHT = 15.0  # up to the bottom of the body (20 mm): one line of 7 pt
_SIDE_MARGIN = 18 * MM
_SLOTS_PER_ROW = 2
_MAX_SLOT_WIDTH = 110 * MM
_FIELD_PREFIX = "Firma"

CERTIFICATE_FIELD = "certificate"
PASSWORD_FIELD = "password"

STAMP_TEXT = "Firmato digitalmente da %(signer)s il %(when)s"

_STAMP_STYLE = TextStampStyle(
    stamp_text=STAMP_TEXT,
    border_width=1,
    text_box_style=TextBoxStyle(
        font_size=7,
        leading=8,
        box_layout_rule=SimpleBoxLayoutRule(  # pyHanko's default pads the text by 10 pt
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MIN
        ),
    ),
    inner_content_layout=SimpleBoxLayoutRule(
        x_align=AxisAlignment.ALIGN_MIN,
        y_align=AxisAlignment.ALIGN_MID,
        margins=Margins(left=4, right=4, top=0, bottom=3),  # the baseline sits on the box
    ),
)


class SigningError(DesdeskError):
    """The document could not be signed (certificate, password, document); the message
    says why in Italian. `field` names what the user should correct when it is one
    thing they picked or typed (CERTIFICATE_FIELD or PASSWORD_FIELD), else "".
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Credentials:
    """A signer's key and certificate, from a PKCS#12 file or a smart card."""

    signer: signers.Signer
    certificate: x509.Certificate

    @property
    def common_name(self) -> str:
        return common_name(self.certificate)

    @property
    def not_before(self) -> datetime:
        return self.certificate.not_valid_before_utc

    @property
    def not_after(self) -> datetime:
        return self.certificate.not_valid_after_utc


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What the validator says about one signature of a PDF."""

    field_name: str
    signer: str
    signing_time: datetime | None
    intact: bool  # the bytes it covers are unchanged and the signature matches them
    trusted: bool  # the certificate chains to one of the trust roots given
    covers_whole_document: bool  # nothing was added to the file after it


def common_name(certificate: x509.Certificate) -> str:
    """The subject's common name (the signer's name on an Italian certificate)."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else certificate.subject.rfc4514_string()
    return value.decode() if isinstance(value, bytes) else str(value)


# -- credentials ------------------------------------------------------------------


def load_credentials(p12_path: Path | str, password: str) -> Credentials:
    """Open a PKCS#12 file with its password; a clear `SigningError` when it fails."""
    path = Path(p12_path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = _("Non riesco a leggere il certificato {name}: {reason}.")
        raise SigningError(
            message.format(name=name, reason=os_error_reason(exc)), CERTIFICATE_FIELD
        ) from exc
    passphrase = password.encode() or None
    try:
        key, certificate, _others = pyca_pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError as exc:
        if _looks_like_pkcs12(data):
            message = _("La password del certificato {name} non è corretta.")
            raise SigningError(message.format(name=name), PASSWORD_FIELD) from exc
        message = _("{name} non è un certificato PKCS#12 (.p12 o .pfx).")
        raise SigningError(message.format(name=name), CERTIFICATE_FIELD) from exc
    if key is None or certificate is None:
        message = _("{name} non contiene una chiave privata e il suo certificato.")
        raise SigningError(message.format(name=name), CERTIFICATE_FIELD)
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, (), passphrase=passphrase)
    except ValueError as exc:  # a key type pyHanko cannot sign with
        message = _("Il certificato {name} non si può usare per firmare.")
        raise SigningError(message.format(name=name), CERTIFICATE_FIELD) from exc
    return Credentials(signer=signer, certificate=certificate)


def _looks_like_pkcs12(data: bytes) -> bool:
    """Whether `data` is a PKCS#12 structure (then a failure to open it is the password)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data)
        return pfx["version"].native is not None and pfx["auth_safe"] is not None
    except (ValueError, TypeError):
        return False


def check_validity(credentials: Credentials, moment: datetime | None = None) -> None:
    """Refuse a certificate that is expired or not yet valid at `moment` (now)."""
    now = moment or datetime.now(UTC)
    if now < credentials.not_before:
        message = _(
            "Il certificato di {name} sarà valido solo dal {day}: non si può ancora firmare."
        )
        raise SigningError(
            message.format(name=credentials.common_name, day=format_date(credentials.not_before))
        )
    if now > credentials.not_after:
        raise SigningError(
            _("Il certificato di {name} è scaduto il {day}: rinnovalo per firmare.").format(
                name=credentials.common_name, day=format_date(credentials.not_after)
            )
        )
    if not _for_signing(credentials.certificate):
        message = _(
            "Il certificato di {name} non è un certificato di firma (manca l'uso «non "
            "ripudio»): scegli il certificato di sottoscrizione."
        )
        raise SigningError(message.format(name=credentials.common_name), CERTIFICATE_FIELD)


def _for_signing(certificate: x509.Certificate) -> bool:
    """Whether the certificate may sign documents: nonRepudiation (contentCommitment),
    which Italian signing certificates carry and pyHanko's validator requires; an
    authentication certificate (a CNS login one) has digitalSignature only."""
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True  # no restriction stated
    return bool(usage.content_commitment)


# -- signing ----------------------------------------------------------------------


def sign_pdf(
    pdf: bytes,
    credentials: Credentials,
    *,
    signer_label: str = "",
    reason: str = "",
    location: str = "",
) -> bytes:
    """`pdf` with one more PAdES signature, appended as an incremental update.

    The signature is visible on the last page ("Firmato digitalmente da … il …").
    """
    check_validity(credentials)
    label = signer_label.strip() or credentials.common_name
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        existing = _signature_field_names(writer)
        name = _new_field_name(existing)
        box = _signature_box(writer, len(existing))
    except Exception as exc:  # pyHanko's reader raises many kinds
        raise SigningError(_("Il documento non è un PDF che si possa firmare.")) from exc
    metadata = signers.PdfSignatureMetadata(
        field_name=name,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason.strip() or None,
        location=location.strip() or None,
        name=label,
    )
    signer = signers.PdfSigner(
        metadata,
        signer=credentials.signer,
        stamp_style=_STAMP_STYLE,
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, on_page=-1, box=box),
    )
    now = datetime.now().astimezone()
    when = f"{format_date(now)} {now:%H:%M}"
    try:
        out = signer.sign_pdf(writer, appearance_text_params={"signer": label, "when": when})
    except Exception as exc:
        raise SigningError(_("La firma non è riuscita: {error}").format(error=exc)) from exc
    return bytes(out.getvalue())


def _signature_field_names(writer: IncrementalPdfFileWriter) -> list[str]:
    return [name for name, _value, _ref in fields.enumerate_sig_fields(writer)]


def _new_field_name(existing: Sequence[str]) -> str:
    taken = set(existing)
    number = len(taken) + 1
    while f"{_FIELD_PREFIX}{number}" in taken:
        number += 1
    return f"{_FIELD_PREFIX}{number}"


def _signature_box(writer: IncrementalPdfFileWriter, index: int) -> tuple[int, int, int, int]:
    """Slot `index` in the free strip at the foot of the last page."""
    page, _resources = writer.find_page_for_modification(-1)[:2]
    media_box = [float(v) for v in page.get_object()["/MediaBox"]]
    left, width = media_box[0], media_box[2] - media_box[0]
    slot_width = min((width - 2 * _SIDE_MARGIN) / _SLOTS_PER_ROW, _MAX_SLOT_WIDTH)
    row, column = divmod(index, _SLOTS_PER_ROW)
    x0 = left + _SIDE_MARGIN + column * slot_width
    y0 = media_box[1] + _STRIP_BOTTOM + row * (_STRIP_HEIGHT + 2)
    return (round(x0), round(y0), round(x0 + slot_width - 4), round(y0 + _STRIP_HEIGHT))


# -- validation -------------------------------------------------------------------


def validate(pdf: bytes, trust_roots: Iterable[Any] | None = None) -> list[SignatureCheck]:
    """Every signature of `pdf`, checked offline against `trust_roots`.

    `trust_roots` are certificates (cryptography or asn1crypto objects); with none, no
    signature is trusted and only integrity is checked. A signature the validator
    cannot process at all counts as not intact.
    """
    roots = [_asn1_certificate(c) for c in trust_roots or ()]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        raise SigningError(_("Il file non è un PDF leggibile.")) from exc
    with _quiet_pyhanko():
        return [_check(sig, roots) for sig in embedded]


@contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs an untrusted chain or a broken signature as an error with its
    traceback; here that is an answer, not a failure, and the log file is for failures."""
    logger = logging.getLogger("pyhanko")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _check(embedded: Any, roots: list[asn1_x509.Certificate]) -> SignatureCheck:
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    name = str(embedded.field_name)
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception:
        return SignatureCheck(name, _signer_of(embedded), None, False, False, False)
    covers = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    return SignatureCheck(
        field_name=name,
        signer=str(status.signing_cert.subject.native.get("common_name", "")),
        signing_time=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_document=covers,
    )


def _signer_of(embedded: Any) -> str:
    try:
        return str(embedded.signer_cert.subject.native.get("common_name", ""))
    except Exception:
        return ""


def _asn1_certificate(certificate: Any) -> asn1_x509.Certificate:
    if isinstance(certificate, asn1_x509.Certificate):
        return certificate
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


# -- the service ------------------------------------------------------------------


class SigningService:
    """Signs the archived approved revisions of a district's documents."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def sign_document(
        self,
        document_id: int,
        p12_path: Path | str,
        password: str,
        *,
        reason: str = "",
        location: str = "",
    ) -> ArchivedDocumentRow:
        """Sign the approved revision (its signed copy, if any: signatures accumulate)
        and keep the result in the archive; the password is used once and dropped."""
        row = self._approved(document_id)
        credentials = load_credentials(p12_path, password)
        return self._sign_with(row, credentials, reason, location)

    def sign_document_with_card(
        self,
        document_id: int,
        library: Path | str,
        token_label: str,
        pin: str,
        *,
        reason: str = "",
        location: str = "",
    ) -> ArchivedDocumentRow:
        """Sign with the firma digitale certificate of a smart card (CNS), stored like
        a PKCS#12 signature; the PIN goes to the card once and is dropped."""
        # Imported here: signing_card builds on this module's Credentials.
        from desdesk.services.signing_card import card_credentials

        row = self._approved(document_id)
        with card_credentials(library, token_label, pin) as credentials:
            return self._sign_with(row, credentials, reason, location)

    def _approved(self, document_id: int) -> ArchivedDocumentRow:
        row = self._workspace.archive.get(document_id)
        if not row.approved:
            raise SigningError(
                _("Si firmano solo i documenti approvati: approva prima {title}.").format(
                    title=row.title
                )
            )
        return row

    def _sign_with(
        self, row: ArchivedDocumentRow, credentials: Credentials, reason: str, location: str
    ) -> ArchivedDocumentRow:
        """Add the signature to the newest copy (signed, if it is) and keep the result."""
        archive = self._workspace.archive
        pdf = archive.pdf(row.id, signed=row.signed)
        name = credentials.common_name
        signed = sign_pdf(pdf, credentials, signer_label=name, reason=reason, location=location)
        return archive.store_signed(row.id, signed, name)

    def default_location(self) -> str:
        """Where the district is: the comune of its seat, else its territory."""
        profile = self._workspace.district.profile()
        return (profile.comune or profile.territory or "").strip()
