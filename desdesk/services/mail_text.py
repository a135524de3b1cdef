"""The words of an e-mail to the Centro: subject, body, attachment file names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from email.message import EmailMessage
from email.utils import format_datetime, localtime

from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.i18n import _


def slug(text: str) -> str:
    """`Rendicontazione annuale 2026` → `rendicontazione-annuale-2026` (ASCII only)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "documento"


def attachment_name(document: ArchivedDocumentRow, signed: bool) -> str:
    """`rendicontazione-annuale-2026-rev1.pdf`, `…-rev1-firmato.pdf`, `…-bozza.pdf`."""
    parts = [slug(document.title)]
    parts.append(f"rev{document.revision}" if document.revision is not None else "bozza")
    if signed:
        parts.append("firmato")
    return "-".join(parts) + ".pdf"


def unique_names(names: Iterable[str]) -> list[str]:
    """The names with `-2`, `-3`… before the extension where one repeats."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
        seen.add(candidate)
        result.append(candidate)
    return result


def default_subject(district: str, documents: Sequence[ArchivedDocumentRow]) -> str:
    """`DES Val di Sole — Rendicontazione annuale 2026`."""
    if not documents:
        return district
    return f"{district} — " + ", ".join(d.title for d in documents)


def default_body(district: str, documents: Sequence[ArchivedDocumentRow], signature: str) -> str:
    """A short, polite letter that lists the attached documents."""
    lines = [_("Buongiorno,"), ""]
    if documents:
        lines.append(_("in allegato inviamo per conto di {district}:").format(district=district))
        lines.extend(f"- {d.title}" + _describe_revision(d) for d in documents)
    else:
        lines.append(_("vi scriviamo per conto di {district}.").format(district=district))
    lines += ["", _("Cordiali saluti"), signature or district]
    if signature and signature != district:
        lines.append(district)
    return "\n".join(lines) + "\n"


def _describe_revision(document: ArchivedDocumentRow) -> str:
    if document.revision is None:
        return " " + _("(bozza)")
    return " " + _("(revisione {revision})").format(revision=document.revision)


def new_email(recipient: str, subject: str, body: str, sender: str) -> EmailMessage:
    """The text part and headers of an e-mail (no From when the sender is unknown)."""
    email = EmailMessage()
    if sender.strip():
        email["From"] = sender.strip()
    email["To"] = recipient
    email["Subject"] = subject
    email["Date"] = format_datetime(localtime())
    email.set_content(body)
    return email
