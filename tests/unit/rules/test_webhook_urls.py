"""Which URLs a webhook may be registered with, and which addresses the sender connects to
(rules/webhook_urls.py), table-driven."""

from __future__ import annotations

import pytest

from optout.rules.webhook_urls import address_allowed, url_problem


@pytest.mark.parametrize(
    ("url", "in_aws", "locally"),
    [
        ("https://crm.example.com/hooks/optout", None, None),
        ("https://crm.example.com:8443/hooks?x=1", None, None),
        ("https://93.184.216.34/hook", None, None),  # a public address
        ("http://crm.example.com/hook", "https", "https"),  # plain http elsewhere: refused
        ("http://127.0.0.1:8080/hook", "loopback", None),  # the local stack only
        ("http://localhost:8080/hook", "loopback", None),
        ("http://[::1]:8080/hook", "loopback", None),
        ("https://127.0.0.1/hook", "loopback", None),
        ("https://user:pass@crm.example.com/hook", "credentials", "credentials"),
        ("https://user@crm.example.com/hook", "credentials", "credentials"),
        ("https://10.0.0.5/hook", "private", "private"),
        ("https://192.168.1.1/hook", "private", "private"),
        ("https://172.16.0.1/hook", "private", "private"),
        ("https://169.254.169.254/latest/meta-data", "private", "private"),  # instance metadata
        ("https://[fe80::1]/hook", "private", "private"),  # link-local
        ("https://[::ffff:10.0.0.1]/hook", "private", "private"),  # IPv4-mapped private
        ("https://100.64.0.1/hook", "private", "private"),  # carrier-grade NAT
        ("https://0.0.0.0/hook", "private", "private"),
        ("https://metadata.google.internal/", "private network", "private network"),
        ("https://printer.local/", "private network", "private network"),
        ("https://intranet/hook", "private network", "private network"),  # a single-label name
        ("ftp://crm.example.com/hook", "https", "https"),
        ("file:///etc/passwd", "no host", "no host"),
        ("https:///hook", "no host", "no host"),
        ("https://crm.example.com/hook#frag", "fragment", "fragment"),
        ("https://crm.example.com/ho ok", "whitespace", "whitespace"),
        ("https://crm.example.com:99999/", "not valid", "not valid"),
        ("https://[::1/", "not valid", "not valid"),
        ("https://crm.example.com/" + "a" * 2100, "longer", "longer"),
    ],
)
def test_url_problem(url: str, in_aws: str | None, locally: str | None) -> None:
    for allow_loopback, expected in ((False, in_aws), (True, locally)):
        problem = url_problem(url, allow_loopback=allow_loopback)
        if expected is None:
            assert problem is None, (url, allow_loopback, problem)
        else:
            assert problem is not None and expected in problem, (url, allow_loopback, problem)


@pytest.mark.parametrize(
    ("address", "in_aws", "locally"),
    [
        ("93.184.216.34", True, True),
        ("2606:2800:220:1:248:1893:25c8:1946", True, True),
        ("127.0.0.1", False, True),
        ("::1", False, True),
        ("::ffff:127.0.0.1", False, True),
        ("10.1.2.3", False, False),
        ("169.254.169.254", False, False),
        ("fd00::1", False, False),
        ("fe80::1%eth0", False, False),
        ("224.0.0.1", False, False),  # multicast
        ("not an address", False, False),
    ],
)
def test_address_allowed(address: str, in_aws: bool, locally: bool) -> None:
    assert address_allowed(address, allow_loopback=False) is in_aws
    assert address_allowed(address, allow_loopback=True) is locally
