import io
import secrets

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_content_security_policy_without_inline_scripts(
    client, content
):
    response = client.get("/historier/elgen/")

    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_pages_forbid_sniffing_and_set_a_referrer_policy(client, content):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


def test_production_sets_hsts_and_secure_cookies(run_manage):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.X_FRAME_OPTIONS)",
        settings="interreg.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="interreg.no",
    )

    assert result.stdout.split()[-5:] == ["31536000", "True", "True", "True", "DENY"]


def test_repeated_failed_logins_lock_the_account_out(client):
    User.objects.create_user("redaktor", "r@x.no", "riktig-passord-123")
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        client.post(url, {"username": "redaktor", "password": "feil"})

    response = client.post(
        url, {"username": "redaktor", "password": "riktig-passord-123"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_user_with_an_authenticator_must_give_a_code(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.create_superuser("admin", "a@x.no", "pw")
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtail_2fa_auth"))


def test_a_user_without_an_authenticator_logs_in_with_the_password(client):
    client.force_login(User.objects.create_superuser("admin", "a@x.no", "pw"))

    assert client.get("/admin/").status_code == 200


def upload(client, name, data, content_type):
    client.force_login(User.objects.create_superuser("admin", "a@x.no", "pw"))
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )


def test_svg_images_are_refused(client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    upload(client, "logo.svg", svg, "image/svg+xml")

    assert not get_image_model().objects.filter(title="logo.svg").exists()


def test_images_with_too_many_pixels_are_refused(client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    buffer = io.BytesIO()
    PILImage.new("RGB", (100, 100), "white").save(buffer, "PNG")

    upload(client, "stort.png", buffer.getvalue(), "image/png")

    assert not get_image_model().objects.filter(title="stort.png").exists()


def test_images_over_the_size_limit_are_refused(client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    buffer = io.BytesIO()
    PILImage.effect_noise((200, 200), 100).convert("RGB").save(buffer, "PNG")

    upload(client, "tungt.png", buffer.getvalue(), "image/png")

    assert not get_image_model().objects.filter(title="tungt.png").exists()


def test_an_unreachable_database_gives_503_with_retry_after(run_manage):
    result = run_manage(
        "shell",
        "-c",
        "from django.test import Client; c = Client(); "
        "r = c.get('/api/v2/pages/'); print(r.status_code, r['Retry-After']); "
        "r = c.get('/historier/'); print(r.status_code, r['Retry-After'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable",
    )

    assert result.stdout.strip().splitlines()[-2:] == ["503 5", "503 5"], result.stderr
