"""A real PKCS#11 token for the smart-card tests: SoftHSM, made fresh in `tmp_path`.

SoftHSM stands in for an Italian CNS: `softhsm2-util` initialises an empty token in a
private token folder (SOFTHSM2_CONF points at a configuration written in the test), and
the signer's key and certificate, made with tests/signing_certs.py's CA, are imported
with python-pkcs11, key and certificate sharing CKA_ID and label as on a real card.

python-pkcs11 keeps one loaded (and initialised) copy of each library; SoftHSM reads
its configuration when initialised, so `unload_softhsm` must run after each test for
the next one to see its own token folder.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from pkcs11 import Attribute
from pkcs11.util.rsa import decode_rsa_private_key
from pkcs11.util.x509 import decode_x509_certificate

SOFTHSM_LIBRARY = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "CNS di prova"
PIN = "123456"
SO_PIN = "12345678"


@dataclass(frozen=True)
class CardObject:
    """One identity on the token: a private key and its certificate."""

    label: str
    object_id: bytes
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def init_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str = TOKEN_LABEL) -> Path:
    """An empty SoftHSM token `label` (PIN 123456) in tmp_path; returns the library."""
    tokens = tmp_path / "tokens"
    tokens.mkdir(exist_ok=True)
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    unload_softhsm()  # initialised again with this configuration on first use
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        capture_output=True,
    )
    return SOFTHSM_LIBRARY


def import_objects(objects: list[CardObject], token_label: str = TOKEN_LABEL) -> None:
    """Write each key (private, sensitive, for signing) and its certificate on the token."""
    library = pkcs11.lib(str(SOFTHSM_LIBRARY))
    token = library.get_token(token_label=token_label)
    with token.open(rw=True, user_pin=PIN) as session:
        for item in objects:
            der_key = item.key.private_bytes(
                Encoding.DER, PrivateFormat.TraditionalOpenSSL, NoEncryption()
            )
            key = decode_rsa_private_key(der_key)
            key.update(_identity(item))
            key.update({Attribute.PRIVATE: True, Attribute.SENSITIVE: True})
            session.create_object(key)
            certificate = decode_x509_certificate(item.certificate.public_bytes(Encoding.DER))
            certificate.update(_identity(item))
            session.create_object(certificate)


def _identity(item: CardObject) -> dict[Attribute, object]:
    return {Attribute.TOKEN: True, Attribute.LABEL: item.label, Attribute.ID: item.object_id}


def unload_softhsm() -> None:
    """Finalise and forget SoftHSM, so the next use reads SOFTHSM2_CONF again."""
    pkcs11.unload(str(SOFTHSM_LIBRARY))
