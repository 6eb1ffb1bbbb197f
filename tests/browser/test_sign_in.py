"""Editors sign in with their own account (Streamlit's st.login over OpenID Connect) against a
small provider this test starts on 127.0.0.1 (tests/oidc_provider.py): an account listed in
editor_accounts writes, another account does not, and nothing leaves the machine."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from crossings.files import DATA_DIR
from devtools.browser import run_app, wait_until_rendered
from tests.oidc_provider import OidcProvider
from tests.test_importing import edited_funding

pytestmark = pytest.mark.browser
EDITOR_EMAIL = "amina@ministry.example"


def local_page(browser):
    """A page that may reach this machine (the app and the provider) and nothing else."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    return page, blocked


def upload_edit(page, base_url: str, upload) -> None:
    page.goto(f"{base_url}/import_data")
    wait_until_rendered(page)
    page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.csv']").set_input_files(str(upload))
    expect(page.get_by_text("What this file would change in funding.csv")).to_be_visible(timeout=30000)


def test_an_editor_signs_in_with_their_own_account_and_writes(browser, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("backups"))
    upload = tmp_path / "funding.csv"
    upload.write_bytes(edited_funding(folder, tmp_path))
    before = (folder / "funding.csv").read_bytes()
    with OidcProvider(EDITOR_EMAIL) as provider:
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(f'''editor_accounts = ["{EDITOR_EMAIL}"]
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "a-cookie-secret-for-this-test-only-0123456789"
client_id = "{provider.client_id}"
client_secret = "{provider.client_secret}"
server_metadata_url = "{provider.metadata_url}"
''')
        env = {"CROSSINGS_DATA_DIR": str(folder), "STREAMLIT_SECRETS_FILES": str(secrets)}
        with run_app(tmp_path, env=env) as server:
            page, blocked = local_page(browser)
            upload_edit(page, server.url, upload)
            expect(page.get_by_text("Editors sign in with their own account to write.")).to_be_visible()
            assert page.get_by_role("textbox", name="Editor password").count() == 0
            page.locator("button", has_text="Sign in to write").click()
            page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/?$"), timeout=30000)  # back from the provider
            assert "/authorize" in provider.requests and "/token" in provider.requests

            upload_edit(page, server.url, upload)
            expect(page.get_by_text("Signed in as amina@")).to_be_visible()  # a word joiner after @
            assert "which is not an editor" not in page.locator("[data-testid='stMain']").inner_text()
            page.locator("button", has_text="Replace funding.csv").click()
            expect(page.get_by_text("funding.csv was written: 5 rows")).to_be_visible(timeout=30000)
            assert (folder / "funding.csv").read_bytes() != before
            assert len(list((folder / "backups").glob("funding.*.csv"))) == 1

            # signing out: the next change asks for a sign-in again
            upload.write_bytes(upload.read_bytes().replace(b"190000", b"190001"))
            upload_edit(page, server.url, upload)
            page.locator("button", has_text="Sign out").click()
            page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/?$"), timeout=30000)
            upload_edit(page, server.url, upload)
            expect(page.locator("button", has_text="Sign in to write")).to_be_visible()
            page.context.close()

            # another account of the same provider, not listed, in another browser: it may
            # look, not write
            provider.email = "visitor@elsewhere.example"
            page, blocked_too = local_page(browser)
            upload_edit(page, server.url, upload)
            page.locator("button", has_text="Sign in to write").click()
            page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/?$"), timeout=30000)
            upload_edit(page, server.url, upload)
            expect(page.get_by_text("Signed in as visitor@")).to_be_visible()
            expect(page.get_by_text("which is not an editor on this server.")).to_be_visible()
            assert page.locator("button", has_text="Replace funding.csv").count() == 0
            blocked += blocked_too
            assert blocked == []
            page.context.close()
            assert server.outbound() == []  # the server reached the provider on this machine only
