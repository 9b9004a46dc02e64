import secrets

import pytest
from django.core.management import call_command

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
