"""The console's function: its static files with their types, the security headers on every
answer, index.html for page routes, and no way out of static/."""

from __future__ import annotations

import base64

import pytest

from local_stack import lambdas, template
from local_stack.proxy_events import build_event
from local_stack.routing import template_router

SPEC = template.functions()["ConsoleFunction"]
console = lambdas.load_module(SPEC)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def get(target: str, method: str = "GET", **context: str) -> dict:
    """Route `target` as the local stack (and API Gateway) would, then call the handler."""
    resolution = template_router().resolve("GET", target.split("?")[0])
    assert resolution.route is not None, target
    assert resolution.route.function.logical_id == "ConsoleFunction"
    event = build_event(method=method, target=target, resolution=resolution, headers=[], body=b"")
    event["requestContext"].update(context)
    return console.lambda_handler(event, lambdas.LambdaContext("ConsoleFunction"))


def assert_secure(response: dict) -> None:
    headers = response["headers"]
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("target", ["/console", "/console/", "/console/contacts", "/console/a/b/c"])
def test_page_routes_answer_index_html_never_cached(target):
    response = get(target)
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "text/html; charset=utf-8"
    assert response["headers"]["Cache-Control"] == "no-store"
    assert '<main id="page"' in response["body"]
    assert 'src="/console/js/app.js"' in response["body"]
    assert "{{base}}" not in response["body"]
    assert_secure(response)


def test_on_the_execute_api_host_the_assets_are_named_under_the_stage():
    response = get("/console/", domainName="abc123.execute-api.us-east-1.amazonaws.com", stage="prod")
    assert 'src="/prod/console/js/app.js"' in response["body"]
    assert 'href="/prod/console/console.css"' in response["body"]


@pytest.mark.parametrize(
    ("target", "content_type"),
    [
        ("/console/js/app.js", "text/javascript; charset=utf-8"),
        ("/console/js/api.js", "text/javascript; charset=utf-8"),
        ("/console/js/ui.js", "text/javascript; charset=utf-8"),
        ("/console/console.css", "text/css; charset=utf-8"),
        ("/console/favicon.svg", "image/svg+xml"),
        ("/console/index.html", "text/html; charset=utf-8"),
    ],
)
def test_assets_have_their_content_type(target, content_type):
    response = get(target)
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == content_type
    assert response["body"]
    assert_secure(response)


@pytest.mark.parametrize(
    "target",
    [
        "/console/missing.js",
        "/console/js/missing.js",
        "/console/app.py",  # the handler's own source is not under static/
        "/console/../app.py",
        "/console/js/../../app.py",
        "/console/%2e%2e/app.py",
        "/console/%2E%2E/%2E%2E/template.yaml",
        "/console/%2e%2e%2fapp.py",
        "/console/%2Fetc%2Fpasswd",
        "/console/%2Fetc/passwd.txt",
        "/console/..%5capp.py",
        "/console/.%2fapp.py",
        "/console/js%00.js",
        "/console/index.html%00.txt",
    ],
)
def test_missing_files_and_escapes_are_404_with_the_security_headers(target):
    response = get(target)
    assert response["statusCode"] == 404, response["body"][:200]
    assert response["headers"]["Content-Type"] == "application/json"
    assert "def lambda_handler" not in response["body"] and "root:" not in response["body"]
    assert_secure(response)


@pytest.mark.parametrize("proxy", ["../app.py", "/etc/passwd", "/etc/hosts.txt", "js/../../app.py", "a//b.js", "..\\app.py"])
def test_the_handler_itself_refuses_escapes_whatever_routed_them(proxy):
    event = lambdas.api_gateway_event(
        method="GET", resource="/console/{proxy+}", path=f"/console/{proxy}", path_parameters={"proxy": proxy}
    )
    response = console.lambda_handler(event, None)
    assert response["statusCode"] == 404
    assert_secure(response)


def test_a_symlink_out_of_static_is_not_followed(tmp_path, monkeypatch):
    static = tmp_path / "static"
    static.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (static / "link.txt").symlink_to(tmp_path / "secret.txt")
    monkeypatch.setattr(console, "STATIC", static.resolve())
    event = lambdas.api_gateway_event(
        method="GET", resource="/console/{proxy+}", path="/console/link.txt", path_parameters={"proxy": "link.txt"}
    )
    assert console.lambda_handler(event, None)["statusCode"] == 404


def test_binary_assets_are_base64(tmp_path, monkeypatch):
    (tmp_path / "dot.png").write_bytes(b"\x89PNG\r\n")
    monkeypatch.setattr(console, "STATIC", tmp_path.resolve())
    event = lambdas.api_gateway_event(
        method="GET", resource="/console/{proxy+}", path="/console/dot.png", path_parameters={"proxy": "dot.png"}
    )
    response = console.lambda_handler(event, None)
    assert response["isBase64Encoded"] is True
    assert base64.b64decode(response["body"]) == b"\x89PNG\r\n"
    assert response["headers"]["Content-Type"] == "image/png"


def test_other_methods_are_refused_with_the_security_headers():
    event = lambdas.api_gateway_event(method="POST", resource="/console", path="/console")
    response = console.lambda_handler(event, None)
    assert response["statusCode"] == 405
    assert response["headers"]["Allow"] == "GET, HEAD"
    assert_secure(response)


def test_the_static_files_have_no_inline_script_style_or_handlers():
    static = SPEC.code_uri / "static"
    for path in static.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "style=" not in html and "<style" not in html, path
        assert not [attr for attr in ("onclick=", "onload=", "onerror=", "onsubmit=") if attr in html.lower()], path
        for script in html.split("<script")[1:]:
            assert " src=" in script.split(">", 1)[0], f"{path}: an inline <script>"
    for path in static.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        unsafe = (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function")
        assert [word for word in unsafe if word in text] == [], path
        assert "localStorage" not in text or path.name == "api.js", path


def test_the_console_imports_nothing_of_the_layer():
    source = (SPEC.code_uri / "app.py").read_text(encoding="utf-8")
    assert "optout" not in [line.split()[1].split(".")[0] for line in source.splitlines()
                            if line.startswith(("import ", "from "))]


@pytest.mark.parametrize(
    ("env", "connect_src"),
    [
        # The local stack: boto3 pre-signs for its moto server, so the page uploads there.
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:5123/"}, "'self' http://127.0.0.1:5123"),
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_S3": "http://s3.local:9000/x"},
         "'self' http://s3.local:9000"),
        # AWS: the bucket's global and regional hosts (boto3 pre-signs POSTs for the global one).
        ({"IMPORTS_BUCKET": "optout-imports-123456789012-eu-west-1", "AWS_REGION": "eu-west-1"},
         "'self' https://optout-imports-123456789012-eu-west-1.s3.amazonaws.com"
         " https://optout-imports-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com"),
        # Nothing a host could carry: the policy names no other origin.
        ({"IMPORTS_BUCKET": "Bad Name;script-src *", "AWS_REGION": "eu-west-1"}, "'self'"),
        ({"IMPORTS_BUCKET": "optout-imports", "AWS_REGION": "eu-west-1; script-src *"},
         "'self' https://optout-imports.s3.amazonaws.com"),
        ({"AWS_ENDPOINT_URL": "javascript:alert(1)"}, "'self'"),
        ({}, "'self'"),
    ],
)
def test_the_csp_lets_the_import_page_reach_the_imports_bucket_only(monkeypatch, env, connect_src):
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "IMPORTS_BUCKET", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    policy = get("/console/")["headers"]["Content-Security-Policy"]
    assert policy == CSP.replace("connect-src 'self'", f"connect-src {connect_src}")
