"""Schemathesis hooks for scripts/api-fuzz.sh: credentials per operation, exact-byte signing.

Credentials come from the environment (written by seed.py):
  PERPETUA_FUZZ_ADMIN_TOKEN    operator bearer token, for /v1/admin/*
  PERPETUA_FUZZ_API_KEY/SECRET an API key of the fuzz user, for the J/K routes (signed as API.md §2.2)
  PERPETUA_FUZZ_ACCESS_TOKEN   a JWT of a second user, for the JWT-only routes and one J/K request in five
                               (that user's keys may be deleted by the run, the signing key's are not)
  PERPETUA_FUZZ_LOGOUT_TOKEN   a JWT of a third user, for logout only (the first success ends it)
  PERPETUA_FUZZ_SYMBOLS        comma-separated listed symbols that positive cases use most of the time
  PERPETUA_FUZZ_BASE           the server, read for tick sizes and mark prices so that some generated
                               orders are valid and the stateful phase has orders to follow links from

The signature covers the bytes really sent, so it is computed on the prepared request, right
before it leaves (requests.Session.send), not on the generated case: the auth provider only
marks the request, and probes that strip or replace the credentials (ignored_auth) stay unsigned.
"""
import hashlib
import hmac
import json
import os
import random
import time
import urllib.request
from decimal import ROUND_HALF_UP, Decimal

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
# Its own generator: Hypothesis warns about the shared `random` module inside strategies.
RNG = random.Random(20260105)


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
        if "apiKey" in schemes and API_KEY and not (ACCESS_TOKEN and RNG.random() < 0.2):
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


BASE = os.environ.get("PERPETUA_FUZZ_BASE")
_market = {"specs": {}, "marks": {}, "at": 0.0}


def _get(path):
    with urllib.request.urlopen(BASE + path, timeout=5) as response:
        return json.load(response)["data"]


def _mark_and_spec(symbol):
    """The symbol's spec and mark price, read at most every 20 s; None when unknown."""
    if not BASE:
        return None
    try:
        if not _market["specs"]:
            _market["specs"] = {item["symbol"]: item for item in _get("/v1/public/market/symbols")}
        if time.time() - _market["at"] > 20:
            _market["marks"] = {t["symbol"]: t["markPrice"] for t in _get("/v1/public/market/ticker") if t["markPrice"]}
            _market["at"] = time.time()
    except Exception:
        return None
    spec, mark = _market["specs"].get(symbol), _market["marks"].get(symbol)
    return (spec, Decimal(mark)) if spec and mark else None


def _on_grid(value, step):
    step = Decimal(step)
    return str((value / step).to_integral_value(ROUND_HALF_UP) * step)


def _tradable(order, symbol):
    """Half the time, an order (or amendment) the book accepts: a price near the mark, a small quantity."""
    known = _mark_and_spec(symbol)
    if known is None or RNG.random() < 0.5:
        return
    spec, mark = known
    if "quantity" in order:
        order["quantity"] = _on_grid(Decimal(spec["minQty"]) * RNG.randint(1, 5), spec["stepSize"])
    if order.get("type") == "MARKET":
        order["price"] = None
    elif "price" in order or order.get("type") == "LIMIT":
        offset = Decimal(RNG.randint(-200, 200)) / Decimal(10000)
        order["price"] = _on_grid(mark * (1 + offset), spec["tickSize"])


def _tradable_condition(order, symbol):
    """Half the time, a condition order whose trigger is a few percent away on the side that waits."""
    known = _mark_and_spec(symbol)
    if known is None or RNG.random() < 0.5:
        return
    spec, mark = known
    kind, side = order.get("type") or "", order.get("side")
    rises = (side == "BUY") == kind.startswith("STOP")  # stop BUY and take-profit SELL wait for a rise
    trigger = mark * (Decimal("1.03") if rises else Decimal("0.97"))
    order.update(quantity=_on_grid(Decimal(spec["minQty"]) * RNG.randint(1, 5), spec["stepSize"]), closePosition=None,
                 reduceOnly=False, triggerPrice=_on_grid(trigger, spec["tickSize"]), activationPrice=None,
                 callbackRate=None, price=_on_grid(trigger, spec["tickSize"]) if kind.endswith("LIMIT") else None)
    if kind == "TRAILING_STOP_MARKET":
        order.update(triggerPrice=None, callbackRate="0.01")


@schemathesis.hook
def map_case(context, case):
    """Positive cases name a listed symbol 3 times in 4, so that they reach past the symbol check,
    and orders are often tradable, so that they reach the book."""
    meta = getattr(case, "meta", None)
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE or RNG.random() < 0.25:
        return case
    symbol = RNG.choice(SYMBOLS)
    if isinstance(case.query, dict) and "symbol" in case.query:
        case.query["symbol"] = symbol
    if isinstance(case.body, dict):
        operation = case.operation.definition.raw.get("operationId")
        if "symbol" in case.body:
            case.body["symbol"] = symbol
            if operation in ("placeOrder", "moveOrder"):
                _tradable(case.body, symbol)
            elif operation == "placeConditionOrder":
                _tradable_condition(case.body, symbol)
        for item in case.body.get("orders") or []:
            if isinstance(item, dict):
                if "symbol" in item:
                    item["symbol"] = symbol
                _tradable(item, symbol)
    return case
