#!/usr/bin/env python3
"""Seeds a fresh server for the API fuzz run and prints the credentials as shell exports.

Through the operator API: BTCUSDT and ETHUSDT with index prices unless the server lists them
already (demo mode does), and a user with a deposit. Then a JWT of that user from login and an
API key from /v1/private/user/api-key/create; while a build has no session routes yet, the API
key given as DEMO_API_KEY/DEMO_API_SECRET (the demo user's, from the server's banner) signs the
J/K routes instead. Usage: seed.py BASE_URL ADMIN_TOKEN [DEMO_API_KEY DEMO_API_SECRET]
"""
import os
import json
import shlex
import sys
import urllib.error
import urllib.request

BASE, ADMIN = sys.argv[1].rstrip("/"), sys.argv[2]
USERNAME, PASSWORD = "fuzzer", "fuzz-password-1"


def call(method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def must(method, path, body=None, token=ADMIN):
    status, reply = call(method, path, body, token)
    if status != 200:
        sys.exit(f"seed: {method} {path} answered {status}: {reply}")
    return reply["data"]


def symbol(name, base, tick, step):
    return {
        "symbol": name, "baseAsset": base, "quoteAsset": "USDT", "tickSize": tick, "stepSize": step,
        "minQty": step, "maxQty": "1000", "minNotional": "5", "priceBandRate": "0.05",
        "leverageBrackets": [
            {"bracket": 1, "maxLeverage": 100, "notionalFloor": "0", "notionalCap": "50000", "maintMarginRate": "0.005"},
            {"bracket": 2, "maxLeverage": 50, "notionalFloor": "50000", "notionalCap": "1000000", "maintMarginRate": "0.01"},
        ],
        "feeTiers": [{"tier": 0, "minVolume30d": "0", "makerRate": "0.0002", "takerRate": "0.0005"}],
    }


exports = {"PERPETUA_FUZZ_ADMIN_TOKEN": ADMIN, "PERPETUA_FUZZ_SYMBOLS": "BTCUSDT,ETHUSDT"}
listed = {item["symbol"] for item in must("GET", "/v1/public/market/symbols", token=None)}
for name, base, tick, step, index in [("BTCUSDT", "BTC", "0.1", "0.001", "65000"), ("ETHUSDT", "ETH", "0.01", "0.01", "3500")]:
    if name not in listed:
        must("POST", "/v1/admin/symbols", symbol(name, base, tick, step))
        must("POST", "/v1/admin/index-price", {"symbol": name, "price": index})
user = must("POST", "/v1/admin/users", {"username": USERNAME, "password": PASSWORD})
must("POST", "/v1/admin/deposit", {"userId": user["userId"], "asset": "USDT", "amount": "1000000"})

status, reply = call("POST", "/v1/public/user/login", {"username": USERNAME, "password": PASSWORD})
if status == 200:
    # The signing key belongs to the first user, whose JWT the run never sees (so that fuzzing
    # api-key/delete-all cannot delete it); JWT-only routes use a second user's session and
    # logout a third one's.
    key = must("POST", "/v1/private/user/api-key/create",
               {"label": "fuzz", "permissions": ["READ", "TRADE"], "ipWhitelist": ["127.0.0.1", "::1"]},
               reply["data"]["accessToken"])
    exports["PERPETUA_FUZZ_API_KEY"] = key["apiKey"]
    exports["PERPETUA_FUZZ_API_SECRET"] = key["apiSecret"]
    for name, variable in [("fuzzer-session", "PERPETUA_FUZZ_ACCESS_TOKEN"), ("fuzzer-logout", "PERPETUA_FUZZ_LOGOUT_TOKEN")]:
        other = must("POST", "/v1/admin/users", {"username": name, "password": PASSWORD})
        must("POST", "/v1/admin/deposit", {"userId": other["userId"], "asset": "USDT", "amount": "100000"})
        exports[variable] = must("POST", "/v1/public/user/login", {"username": name, "password": PASSWORD}, None)["accessToken"]
elif len(sys.argv) >= 5 and sys.argv[3]:
    exports["PERPETUA_FUZZ_API_KEY"], exports["PERPETUA_FUZZ_API_SECRET"] = sys.argv[3], sys.argv[4]
    print(f"seed: login answered {status}; the J/K routes are signed with the demo user's API key", file=sys.stderr)
else:
    print(f"seed: login answered {status}; the J/K and JWT routes run without user credentials", file=sys.stderr)

for name, value in exports.items():
    print(f"export {name}={shlex.quote(value)}")
