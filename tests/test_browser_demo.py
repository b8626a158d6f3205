"""The README walk-through: sign in to the demo app in a real Chromium."""

from __future__ import annotations

import re

import pytest

from tests.conftest import start_server, stop_server
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.secrets import remember


@pytest.fixture(scope="module")
def demo_server(database, log_dir):
    server = start_server(database, log_dir, demo=True)
    yield server
    stop_server(server)


def _printed_password(server) -> str:
    printed = server.stdout_path.read_text()
    match = re.search(r"Demo user password: (\S+)", printed)
    assert match, f"serve --demo printed no demo password:\n{printed}"
    secret = re.search(r"Demo client secret: (\S+)", printed)
    assert secret, "serve --demo printed no demo client secret"
    remember(match.group(1), secret.group(1))
    return match.group(1)


async def test_demo_sign_in_in_chromium(demo_server):
    from playwright.async_api import async_playwright

    executable = chromium_path()
    password = _printed_password(demo_server)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            blocked = []
            page.on("console", lambda message: blocked.append(message.text))
            await page.goto(demo_server.base_url + "/demo")
            await page.click("text=Sign in with Ringnity")
            await page.wait_for_selector("input[name=password]")
            assert "Ringnity demo app" in await page.content()

            await page.fill("input[name=email]", "demo@example.com")
            await page.fill("input[name=password]", "not-the-password")
            await page.click("button[type=submit]")
            await page.wait_for_selector("text=Invalid email or password.")

            await page.fill("input[name=password]", password)
            await page.click("button[type=submit]")
            await page.wait_for_url(re.compile(r".*/demo/callback\?.*"))
            claims = await page.text_content("#id-token-claims")
            userinfo = await page.text_content("#userinfo")
        finally:
            await browser.close()
    assert '"email": "demo@example.com"' in claims
    assert '"tenant_slug": "demo"' in claims
    assert '"roles": [\n    "agent"\n  ]' in claims
    assert '"nonce"' in claims
    assert '"email": "demo@example.com"' in userinfo
    violations = [text for text in blocked if "Content Security Policy" in text]
    assert not violations, violations
