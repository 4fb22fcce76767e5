"""Production settings send the security headers and keep /halsa/ reachable over HTTP."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
from django.test import Client
client = Client()
out = {}
for path, secure in [("/accounts/login/", True), ("/accounts/login/", False), ("/halsa/", False)]:
    r = client.get(path, secure=secure)
    out[f"{path} {secure}"] = {"status": r.status_code, "headers": dict(r.headers),
                               "location": r.get("Location", ""),
                               "cookies": {k: m.OutputString() for k, m in r.cookies.items()}}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings",
        "DEBUG": "false",
        "SECRET_KEY": "test-" + "x" * 60,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("HUB_INSECURE_HTTP", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers(production):
    login = production["/accounts/login/ True"]
    headers = login["headers"]

    assert login["status"] == 200
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_production_redirects_http_to_https_except_the_health_check(production):
    assert production["/accounts/login/ False"]["status"] == 301
    assert production["/accounts/login/ False"]["location"].startswith("https://")
    assert production["/halsa/ False"]["status"] == 200


def test_production_cookies_are_secure(production):
    cookies = production["/accounts/login/ True"]["cookies"]

    assert "Secure" in cookies["csrftoken"]
    assert "HttpOnly" in cookies["csrftoken"]
