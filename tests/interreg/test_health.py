import json

import pytest


@pytest.mark.django_db
def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable(run_manage):
    # A fresh process whose database is a port nobody listens on.
    result = run_manage(
        "shell",
        "-c",
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code); print(r.content.decode())",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable",
    )

    status, body = result.stdout.strip().splitlines()[-2:]
    assert status == "503", result.stderr
    assert json.loads(body)["status"] == "error"
