"""Is an SNS signing certificate really AWS's? Its chain, its name and its dates.

A certificate fetched from ``sns.<region>.amazonaws.com`` must also chain to a trusted root
(the certifi bundle, the same roots ``requests`` trusts) and name SNS, so a self-signed
certificate can never verify. SNS serves the leaf alone; its issuing intermediate is fetched
from the leaf's Authority Information Access URL, only from Amazon's ``crt.*.amazontrust.com``
hosts, and is itself checked by the chain to the root, so plain HTTP cannot forge it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import AuthorityInformationAccessOID
from cryptography.x509.verification import DNSName, PolicyBuilder, Store, VerificationError

from .carrier_errors import SignatureError
from .sns import cached_fetch

IssuerLoader = Callable[[str], bytes]

# AWS names its SNS signing certificates sns.amazonaws.com; its guide's Java example names the
# regional endpoint instead, so that name is accepted too.
SNS_CERT_NAME = "sns.amazonaws.com"
_ISSUER_HOST = re.compile(r"^crt\.[a-z0-9-]+\.amazontrust\.com$")
_MAX_ISSUER_BYTES = 16 * 1024
_MAX_ISSUERS = 2
ISSUER_FETCH_TIMEOUT_SECONDS = 5.0

trust_store_override: Store | None = None
"""Tests only: the roots to trust instead of the certifi bundle. Never set in production."""


_PEM_END = b"-----END CERTIFICATE-----"


@cache
def _certifi_store() -> Store:
    import certifi

    with open(certifi.where(), "rb") as handle:
        blocks = [block + _PEM_END for block in handle.read().split(_PEM_END) if b"-----BEGIN" in block]
    roots = []
    for block in blocks:
        # One root this cryptography cannot parse (or will one day refuse) must not cost the rest.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    return Store(roots)


def trusted_store() -> Store:
    return trust_store_override if trust_store_override is not None else _certifi_store()


def load_certificates(data: bytes, what: str) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle, or the one of a DER file (AIA issuers are DER)."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise SignatureError(f"{what} is not a PEM certificate") from exc


def issuer_urls(cert: x509.Certificate) -> list[str]:
    try:
        access = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return []
    return [
        d.access_location.value
        for d in access
        if d.access_method == AuthorityInformationAccessOID.CA_ISSUERS
        and isinstance(d.access_location, x509.UniformResourceIdentifier)
    ][:_MAX_ISSUERS]


def check_issuer_url(url: str) -> str:
    """Only Amazon Trust Services' certificate hosts, no userinfo, port or query."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != host or parts.query:
        raise SignatureError("SNS certificate issuer URL is not a plain Amazon Trust URL")
    if not _ISSUER_HOST.match(host):
        raise SignatureError("SNS certificate issuer is not served by Amazon Trust Services")
    return url


def fetch_issuer(url: str, *, timeout: float = ISSUER_FETCH_TIMEOUT_SECONDS) -> bytes:
    """Default :data:`IssuerLoader`: the issuer certificate, fetched once per container."""
    check_issuer_url(url)
    return cached_fetch(url, timeout=timeout, max_bytes=_MAX_ISSUER_BYTES, what="the SNS certificate's issuer")


def _chains(leaf: x509.Certificate, intermediates: Sequence[x509.Certificate], host: str, moment: datetime) -> bool:
    store = trusted_store()
    for name in dict.fromkeys((SNS_CERT_NAME, host)):
        verifier = PolicyBuilder().store(store).time(moment).build_server_verifier(DNSName(name))
        try:
            verifier.verify(leaf, list(intermediates))
            return True
        except VerificationError:
            continue
    return False


def signing_key(
    pem: bytes, host: str, moment: datetime, *, issuer_loader: IssuerLoader | None = None
) -> rsa.RSAPublicKey:
    """The RSA key of a signing certificate that chains to a trusted root and names SNS."""
    leaf, *intermediates = load_certificates(pem, "SNS signing certificate")
    if not leaf.not_valid_before_utc <= moment <= leaf.not_valid_after_utc:
        raise SignatureError("SNS signing certificate is not valid at this time")
    trusted = _chains(leaf, intermediates, host, moment)
    if not trusted and not intermediates:
        fetched = [
            cert
            for url in issuer_urls(leaf)
            for cert in load_certificates((issuer_loader or fetch_issuer)(check_issuer_url(url)), "issuer")
        ]
        trusted = bool(fetched) and _chains(leaf, fetched, host, moment)
    if not trusted:
        raise SignatureError("SNS signing certificate does not chain to a trusted root for sns.amazonaws.com")
    key = leaf.public_key()
    if not isinstance(key, rsa.RSAPublicKey):
        raise SignatureError("SNS signing certificate does not hold an RSA key")
    return key
