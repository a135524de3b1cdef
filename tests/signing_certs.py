"""A throwaway certification authority and signer certificates, made in the test.

Nothing with a key is committed: every test builds its own CA and PKCS#12 file in
`tmp_path`. The leaf certificate has the key usages an Italian signing certificate
has (digitalSignature + nonRepudiation), which pyHanko requires by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "segreta-123"


@dataclass(frozen=True)
class TestCa:
    __test__ = False  # not a pytest class

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Prova desdesk"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def make_ca(common_name: str = "CA di prova desdesk") -> TestCa:
    key = _key()
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=30))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return TestCa(key, certificate)


def make_signer(
    ca: TestCa,
    common_name: str = "Maria Rossi",
    *,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    non_repudiation: bool = True,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A leaf certificate for signing (digitalSignature + nonRepudiation); without
    nonRepudiation it is like an authentication (CNS login) certificate."""
    key = _key()
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from or now - timedelta(days=1))
        .not_valid_after(valid_until or now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=non_repudiation,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    return key, certificate


def write_p12(
    path: Path,
    ca: TestCa,
    common_name: str = "Maria Rossi",
    *,
    password: str = PASSWORD,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    non_repudiation: bool = True,
) -> Path:
    """A PKCS#12 file with the signer's key, certificate and the CA certificate."""
    key, certificate = make_signer(
        ca,
        common_name,
        valid_from=valid_from,
        valid_until=valid_until,
        non_repudiation=non_repudiation,
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=certificate,
        cas=[ca.certificate],
        encryption_algorithm=BestAvailableEncryption(password.encode()),
    )
    path.write_bytes(data)
    return path
