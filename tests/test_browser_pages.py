"""Sign-in, consent and logout pages in a real Chromium, against a live server.

The relying party is a small HTTP server on 127.0.0.1, so every navigation
stays on this machine. The test fails if Chromium reports a Content Security
Policy violation, which is how a too strict ``form-action`` would show.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.support import factories, flows
from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.secrets import remember


class RelyingPartyPages:
    """A relying party on 127.0.0.1 that returns a page naming the path of every GET."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = f"<html><body><p id='path'>{urlsplit(self.path).path}</p></body></html>"
                encoded = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(encoded)))
                self.end_headers()
                self.wfile.write(encoded)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def rp_pages() -> Iterator[RelyingPartyPages]:
    pages = RelyingPartyPages()
    yield pages
    pages.close()


async def test_consent_and_logout_in_chromium(live_server, rp_pages):
    from playwright.async_api import async_playwright

    executable = chromium_path()
    tenant = await factories.make_tenant("Stark Industries")
    user = await factories.make_user(tenant)
    callback = rp_pages.base + "/callback"
    signed_out = rp_pages.base + "/signed-out"
    client = await factories.make_client(
        tenant,
        redirect_uris=[callback],
        skip_consent=False,
        post_logout_redirect_uris=[signed_out],
    )
    params = flows.authorize_params(client.client_id, callback)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            console = []
            page.on("console", lambda message: console.append(message.text))

            await page.goto(live_server.base_url + "/oauth/authorize?" + urlencode(params))
            await page.fill("input[name=email]", user.email)
            await page.fill("input[name=password]", user.password)
            await page.click("button[type=submit]")
            await page.wait_for_selector("text=Allow access?")
            consent_text = await page.text_content("main")
            await page.click("button[value=allow]")
            await page.wait_for_url(callback + "?*")
            query = parse_qs(urlsplit(page.url).query)
            remember(query["code"][0])

            logout = {"client_id": client.client_id, "post_logout_redirect_uri": signed_out}
            await page.goto(live_server.base_url + "/oauth/logout?" + urlencode(logout))
            await page.wait_for_selector("text=Sign out?")
            await page.click("button[type=submit]")
            await page.wait_for_url(signed_out + "*")

            # The provider session is over: a silent request needs a login.
            silent = flows.authorize_params(client.client_id, callback, prompt="none")
            await page.goto(live_server.base_url + "/oauth/authorize?" + urlencode(silent))
            await page.wait_for_url(callback + "?*")
            after_logout = parse_qs(urlsplit(page.url).query)
        finally:
            await browser.close()

    assert "Stark Industries" in consent_text
    assert query["state"] == [params["state"]]
    assert query["iss"] == [live_server.base_url]
    assert after_logout["error"] == ["login_required"]
    violations = [text for text in console if "Content Security Policy" in text]
    assert not violations, violations
