"""`manage.py create_local_admin`: a local superuser that can use the admin as is."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ACCOUNT = "/admin/account/"


def form_as_shown(form):
    """What a browser sends when the form is submitted without changing anything."""
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in {"file", "submit", "button"}:
            data[name] = field.get("value", "")
    return data


def test_the_local_admin_saves_its_account_settings_as_they_are(client, html):
    output = StringIO()
    call_command("create_local_admin", stdout=output)
    password = re.search(r"password: (\S+)", output.getvalue()).group(1)
    logged_in = client.post(
        "/admin/login/", {"username": "admin", "password": password}
    )
    assert logged_in.status_code == 302

    page = html(client.get(ACCOUNT))
    form = page.select_one("form[action='/admin/account/'], main form[method=post]")
    response = client.post(ACCOUNT, form_as_shown(form))

    assert response.status_code == 302, html(response).select(".error-message")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.get_full_name()
    assert admin.email == "admin@localhost"


def test_running_it_again_keeps_the_existing_user(client):
    call_command("create_local_admin", stdout=StringIO())
    password_hash = User.objects.get(username="admin").password

    output = StringIO()
    call_command("create_local_admin", stdout=output)

    assert "already exists" in output.getvalue()
    assert User.objects.get(username="admin").password == password_hash
