"""A tiny OpenID Connect provider for tests, on 127.0.0.1: it signs in one user without asking.

    with OidcProvider(email="amina@ministry.example") as provider:
        provider.issuer                 # http://127.0.0.1:PORT
        provider.metadata_url           # .../.well-known/openid-configuration

Just enough of the authorization-code flow for Streamlit's st.login (Authlib): discovery, an
authorize endpoint that redirects straight back with a code, a token endpoint that checks the
client's secret and returns an RS256-signed ID token carrying the nonce, and the signing key.
Keys are made afresh for each provider (joserfc, which Authlib itself uses).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey


class OidcProvider:
    def __init__(self, email: str, client_id: str = "crossings",
                 client_secret: str = "test-secret"):  # noqa: S107 (a test provider's)
        self.email, self.client_id, self.client_secret = email, client_id, client_secret
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        self.codes: dict[str, dict] = {}
        self.requests: list[str] = []  # the paths asked for, in order
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, body: dict, status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                provider.requests.append(url.path)
                if url.path == "/.well-known/openid-configuration":
                    self._json(provider.metadata())
                elif url.path == "/jwks":
                    self._json({"keys": [provider.key.as_dict(private=False)]})
                elif url.path == "/authorize":
                    query = {k: v[0] for k, v in parse_qs(url.query).items()}
                    if query.get("client_id") != provider.client_id:
                        self._json({"error": "unauthorized_client"}, 400)
                        return
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = {"nonce": query.get("nonce"),
                                            "redirect_uri": query["redirect_uri"]}
                    self.send_response(302)
                    self.send_header("Location", query["redirect_uri"] + "?" + urlencode(
                        {"code": code, "state": query.get("state", "")}))
                    self.end_headers()
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                url = urlparse(self.path)
                provider.requests.append(url.path)
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if url.path != "/token":
                    self._json({"error": "not_found"}, 404)
                    return
                client = (form.get("client_id"), form.get("client_secret"))
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):
                    client = tuple(base64.b64decode(basic[6:]).decode().split(":", 1))
                if client != (provider.client_id, provider.client_secret):
                    self._json({"error": "invalid_client"}, 401)
                    return
                grant = provider.codes.pop(form.get("code", ""), None)
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    self._json({"error": "invalid_grant"}, 400)
                    return
                self._json({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                            "expires_in": 3600, "id_token": provider.id_token(grant["nonce"])})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def metadata(self) -> dict:
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": "editor-1", "aud": self.client_id, "iat": now,
                  "exp": now + 600, "email": self.email, "email_verified": True, "name": "Amina"}
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
