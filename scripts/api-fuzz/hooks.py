"""Schemathesis hooks for scripts/api-fuzz.sh: credentials per operation, exact-byte signing.

Credentials come from the environment (written by seed.py):
  PERPETUA_FUZZ_ADMIN_TOKEN    operator bearer token, for /v1/admin/*
  PERPETUA_FUZZ_API_KEY/SECRET an API key of the fuzz user, for the J/K routes (signed as API.md §2.2)
  PERPETUA_FUZZ_ACCESS_TOKEN   a JWT of a second user, for the JWT-only routes and one J/K request in five
                               (that user's keys may be deleted by the run, the signing key's are not)
  PERPETUA_FUZZ_LOGOUT_TOKEN   a JWT of a third user, for logout only (the first success ends it)
  PERPETUA_FUZZ_SYMBOLS        comma-separated listed symbols that positive cases use most of the time

The signature covers the bytes really sent, so it is computed on the prepared request, right
before it leaves (requests.Session.send), not on the generated case: the auth provider only
marks the request, and probes that strip or replace the credentials (ignored_auth) stay unsigned.
"""
import hashlib
import hmac
import os
import random
import time

import requests
import schemathesis
from schemathesis import GenerationMode

ADMIN_TOKEN = os.environ.get("PERPETUA_FUZZ_ADMIN_TOKEN")
API_KEY = os.environ.get("PERPETUA_FUZZ_API_KEY")
API_SECRET = os.environ.get("PERPETUA_FUZZ_API_SECRET", "")
ACCESS_TOKEN = os.environ.get("PERPETUA_FUZZ_ACCESS_TOKEN")
LOGOUT_TOKEN = os.environ.get("PERPETUA_FUZZ_LOGOUT_TOKEN")
SYMBOLS = [s for s in os.environ.get("PERPETUA_FUZZ_SYMBOLS", "BTCUSDT").split(",") if s]
SIGN_ME = "sign-at-send"


def _schemes(case):
    security = case.operation.definition.raw.get("security")
    return {name for requirement in (security or []) for name in requirement}


@schemathesis.auth(refresh_interval=None, retry_on=[])
class PerpetuaAuth:
    """The operator token on operator routes, the API key on J/K routes, the JWT on JWT-only ones."""

    def get(self, case, context):
        schemes = _schemes(case)
        if "operatorAuth" in schemes and ADMIN_TOKEN:
            return ("bearer", ADMIN_TOKEN)
        if case.operation.definition.raw.get("operationId") == "logout":
            return ("bearer", LOGOUT_TOKEN) if LOGOUT_TOKEN else None
        if "apiKey" in schemes and API_KEY and not (ACCESS_TOKEN and random.random() < 0.2):
            return ("apikey", API_KEY)
        if "bearerAuth" in schemes and ACCESS_TOKEN:
            return ("bearer", ACCESS_TOKEN)
        return None

    def set(self, case, data, context):
        kind, value = data
        case.headers = case.headers or {}
        if kind == "bearer":
            case.headers["Authorization"] = f"Bearer {value}"
        else:
            case.headers["X-API-KEY"] = value
            case.headers["X-API-TIMESTAMP"] = "0"
            case.headers["X-API-RECV-WINDOW"] = "10000"
            case.headers["X-API-SIGNATURE"] = SIGN_ME


_send = requests.Session.send


def _signed_send(self, request, **kwargs):
    headers = request.headers
    if headers.get("X-API-SIGNATURE") == SIGN_ME and headers.get("X-API-KEY") == API_KEY:
        timestamp = str(int(time.time() * 1000))
        window = headers.get("X-API-RECV-WINDOW") or "5000"
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        payload = (timestamp + API_KEY + window + request.method.upper() + request.path_url).encode("utf-8") + body
        headers["X-API-TIMESTAMP"] = timestamp
        headers["X-API-SIGNATURE"] = hmac.new(API_SECRET.encode("utf-8"), payload, hashlib.sha256).hexdigest()
    return _send(self, request, **kwargs)


requests.Session.send = _signed_send


@schemathesis.hook
def map_case(context, case):
    """Positive cases name a listed symbol 3 times in 4, so that they reach past the symbol check."""
    meta = getattr(case, "meta", None)
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE or random.random() < 0.25:
        return case
    symbol = random.choice(SYMBOLS)
    if isinstance(case.query, dict) and "symbol" in case.query:
        case.query["symbol"] = symbol
    if isinstance(case.body, dict):
        if "symbol" in case.body:
            case.body["symbol"] = symbol
        for item in case.body.get("orders") or []:
            if isinstance(item, dict) and "symbol" in item:
                item["symbol"] = symbol
    return case
