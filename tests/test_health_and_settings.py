"""/halsa/ for load balancers, and settings that refuse to run production unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_python(code, **env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db
def test_health_answers_200_without_login_when_the_database_answers(client):
    response = client.get("/halsa/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/halsa/');"
        "print(r.status_code, r.json()['status'])"
    )
    # Nothing listens on port 1: the database is unreachable, for real.
    result = run_python(
        code, DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere", ALLOWED_HOSTS="testserver"
    )

    assert result.stdout.strip() == "503 error", result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": "hub.example.se"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
        ({"SECRET_KEY": "kort", "ALLOWED_HOSTS": "hub.example.se"}, "Set SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secret_key_and_allowed_hosts(env, message):
    result = run_python("import django; django.setup()", DEBUG="false", **env)

    assert result.returncode != 0
    assert message in result.stderr


def test_a_bad_boolean_in_the_environment_fails_loudly():
    result = run_python("import django; django.setup()", DEBUG="kanske")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("module", ["hub.wsgi", "hub.asgi"])
def test_a_server_process_freezes_what_start_up_made_so_collections_skip_it(module):
    # Without it, a full collection walks every module and model object, every few dozen
    # requests: the slowest 5 % of requests in `make bench` (hub/startup.py).
    result = run_python(
        f"import gc, sys, {module}; "
        "print(gc.get_freeze_count(), 'hub.views' in sys.modules, 'services.views' in sys.modules)"
    )

    frozen, views_loaded, services_loaded = result.stdout.split()
    assert int(frozen) > 10_000, result.stderr
    assert views_loaded == services_loaded == "True"  # the URLconf was read before freezing


def test_without_redis_the_worker_processes_of_one_host_share_one_cache(tmp_path):
    """Sessions and derived figures are cached: a logout or a change one gunicorn worker
    saw must be seen by the others, so production never uses a per-process cache."""
    env = {"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "hub.example.se",
           "REDIS_URL": "", "CACHE_DIR": str(tmp_path)}  # fmt: skip
    setup = "import django; django.setup(); from django.core.cache import cache; "

    first = run_python(setup + "cache.set('utloggad', 'ja', 60)", **env)
    second = run_python(setup + "print(cache.get('utloggad'))", **env)

    assert first.returncode == 0, first.stderr
    assert second.stdout.strip() == "ja", second.stderr


def _redis_answers():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_every_process_shares_one_cache_through_it():
    """REDIS_URL is what several hosts need: its client library is installed with the hub,
    and two processes see each other's entries."""
    env = {"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "hub.example.se",
           "REDIS_URL": "redis://127.0.0.1:6379/15"}  # fmt: skip
    setup = "import django; django.setup(); from django.core.cache import cache, caches; "

    backend = "print(type(caches['default']).__name__); "
    first = run_python(setup + backend + "cache.set('utloggad', 'ja', 60)", **env)
    second = run_python(setup + "print(cache.get('utloggad')); cache.delete('utloggad')", **env)

    assert first.stdout.strip() == "RedisCache", first.stderr
    assert second.stdout.strip() == "ja", second.stderr


def test_without_a_cache_folder_two_databases_on_one_host_never_share_a_cache():
    code = "from django.conf import settings; print(settings.CACHES['default']['LOCATION'])"
    env = {"DEBUG": "false", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "hub.example.se",
           "REDIS_URL": "", "CACHE_DIR": ""}  # fmt: skip

    one = run_python(code, DATABASE_URL="postgres://h:5432/aihubben", **env).stdout
    other = run_python(code, DATABASE_URL="postgres://h:5432/aihubben_bench", **env).stdout

    assert "aihubben-cache-" in one
    assert one != other
