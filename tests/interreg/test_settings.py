import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.conftest import PROJECT_DIR

PRODUCTION = "interreg.settings.production"


def test_production_refuses_to_start_without_secret_key(run_manage):
    result = run_manage("check", settings=PRODUCTION, SECRET_KEY="")

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "SECRET_KEY is not set: the production settings refuse to start without "
        "the SECRET_KEY environment variable."
    ]


def test_deploy_check_is_clean_with_a_proper_production_environment(run_manage):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="interreg.no,www.interreg.no",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


SERVER_SETTINGS = """
import sys
from django.conf import settings
import {module}
print(settings.SETTINGS_MODULE, settings.DEBUG)
"""


@pytest.mark.parametrize("module", ["interreg.wsgi", "interreg.asgi"])
def test_server_without_settings_module_gets_production_settings(module):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run(
        [sys.executable, "-c", SERVER_SETTINGS.format(module=module)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [PRODUCTION, "False"]


@pytest.mark.parametrize("module", ["interreg.wsgi", "interreg.asgi"])
def test_server_without_settings_module_or_secret_key_refuses_to_start(module):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
