"""WEBHOOK_URLS and WEBHOOK_SECRET: a receiver without a secret, or an address
that is not http(s), stops the site at start with a clear error."""

RECEIVER = "https://front.example.org/api/rebuild"


def test_receivers_with_a_secret_pass_the_checks(run_manage):
    result = run_manage("check", WEBHOOK_URLS=RECEIVER, WEBHOOK_SECRET="s3cret")

    assert result.returncode == 0, result.stderr


def test_receivers_without_a_secret_are_refused(run_manage):
    result = run_manage("check", WEBHOOK_URLS=RECEIVER, WEBHOOK_SECRET="")

    assert result.returncode == 1
    assert "webhooks.E001" in result.stderr
    assert "WEBHOOK_SECRET is empty" in result.stderr


def test_a_receiver_that_is_not_an_http_address_is_refused(run_manage):
    result = run_manage(
        "check",
        WEBHOOK_URLS=f"{RECEIVER},front.example.org/hook",
        WEBHOOK_SECRET="s3cret",
    )

    assert result.returncode == 1
    assert "webhooks.E002" in result.stderr
    assert "'front.example.org/hook'" in result.stderr
