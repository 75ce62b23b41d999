#!/usr/bin/env python3
"""Crash test over HTTP (issue #4): drive the real `perpetua serve` with signed requests
(API.md section 2.2) for many accounts, kill it with SIGKILL at random moments, restart it
on the same data directory, and check over the API after every restart that

- every acknowledged effect is there: each acknowledged order exists (GET
  /v1/private/order, and in the user's open orders or order history) with at least the
  acknowledged executed quantity, a status no less final, and the acknowledged price and
  quantity (unless a later unanswered move touched it); each acknowledged cancel left it
  CANCELED; each acknowledged fill is in /v1/private/order/trades; each acknowledged
  deposit and withdrawal is in the account change log exactly once;
- nothing is half-applied: every order's fills add up to its executed quantity, every fill
  belongs to one of the user's orders, every order carries a clientOrderId this test sent
  (an unanswered one is either absent or whole), rejected requests left nothing behind,
  each user's change log adds up to the wallet balance the engine reports (every row's
  balanceAfter is the running sum), and every DEPOSIT / WITHDRAW row is one this test sent;
- the API.md section 9 invariants hold: per symbol the long sizes equal the short sizes;
  money is conserved, wallets + insurance fund + fee income - entry notional of the open
  positions = deposits - withdrawals (both from the change logs, which the unanswered
  requests make necessary), to within the rounding of the displayed entry prices; no
  account has a negative available balance;
- the projector caught up without duplicates: change-log ids and trade ids are unique per
  user, order history and open orders do not overlap, every trade id has exactly two fills
  (one MAKER, one TAKER, same symbol, price and quantity, opposite sides), and the trade ids
  are exactly 1..n where n is the trade count of `perpetua replay` on the journal the kill
  left.

Every answered request (HTTP 200 with code 0, or an error code of API.md section 3, which is
an acknowledged outcome too) is appended to DIR/acks.jsonl and fsync'd before it counts;
requests the kill cut off are appended as "unknown". The users' API keys are kept in
DIR/keys.json. At the end the server gets SIGTERM and must exit 0, and `perpetua replay`
from the journal alone must print the same state hash as `perpetua replay --from-snapshot`.

Usage: crash-test-http.py PERPETUA_BINARY [--cycles 20] [--seed 1] [--users 20] [--threads 4]
Python 3 standard library only.
"""
import argparse, hashlib, hmac, http.client, json, os, random, secrets, shutil, signal, socket, subprocess
import sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from urllib.parse import urlencode

SYMBOLS = {
    # symbol: (index price, tick, step, min qty steps, max qty steps)
    "BTCUSDT": (Decimal("50000"), Decimal("0.1"), Decimal("0.001"), 1, 40),
    "ETHUSDT": (Decimal("3000"), Decimal("0.01"), Decimal("0.001"), 2, 600),
}
FINAL = {"FILLED", "CANCELED", "EXPIRED", "REJECTED"}
RANK = {"NEW": 0, "PARTIALLY_FILLED": 1}
RECV_WINDOW = "30000"
SEED_DEPOSIT = Decimal("1000000")
# API.md section 2.2 test vector (vectors/wire.json): the signing code is checked against it.
VECTOR = ("s3cr3t-Example-Secret-0001", "1763700000000pk_test_4f2a9c5000GET/v1/private/user/asset",
          "c459b1e80554e50d7ccead09f0a0a49eec67b36cc751d805d2eb90b0a25f3810")


def address(u):
    """Each user's requests come from an address of its own, as from separate clients: the
    server limits every request per IP as well (API.md section 4); the operator uses 127.0.0.2."""
    return f"127.0.0.{10 + u}"


def sign(secret, text):
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def symbol_body(symbol, base):
    brackets, floor = [], "0"
    for i, (cap, lev, mmr) in enumerate([("50000", 100, "0.005"), ("250000", 50, "0.01"), ("3000000", 20, "0.025"),
                                         ("100000000", 5, "0.1")]):
        brackets.append({"bracket": i + 1, "maxLeverage": lev, "notionalFloor": floor, "notionalCap": cap,
                         "maintMarginRate": mmr})
        floor = cap
    index, tick, step, lo, hi = SYMBOLS[symbol]
    return {"symbol": symbol, "baseAsset": base, "quoteAsset": "USDT", "contractType": "PERPETUAL", "status": "TRADING",
            "tickSize": str(tick), "stepSize": str(step), "minQty": str(step), "maxQty": "1000", "minNotional": "5",
            "priceBandRate": "0.05", "maxLeverage": 100, "leverageBrackets": brackets,
            "feeTiers": [{"tier": 0, "minVolume30d": "0", "makerRate": "0.0002", "takerRate": "0.0005"},
                         {"tier": 1, "minVolume30d": "15000000", "makerRate": "0.00016", "takerRate": "0.0004"}],
            "fundingIntervalHours": 8}


class NoResponse(Exception):
    """The request got no HTTP response: its outcome is unknown."""


class Client:
    """One keep-alive connection to the server; `source` picks the local address (a login
    per 127.0.0.x address keeps clear of the 10-per-minute login limit per IP)."""

    def __init__(self, port, source="127.0.0.1", timeout=60):
        self.port, self.source, self.timeout, self.conn = port, source, timeout, None

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def request(self, method, path, query=None, body=None, key=None, bearer=None, retry_429=False):
        """(HTTP status, envelope dict, raw bytes of the body sent). Raises NoResponse."""
        raw_query = urlencode(query) if query else ""
        raw_body = json.dumps(body, separators=(",", ":")) if body is not None else ""
        target = path + ("?" + raw_query if raw_query else "")
        while True:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            if bearer:
                headers["Authorization"] = "Bearer " + bearer
            if key:
                timestamp = str(int(time.time() * 1000))
                headers.update({"X-API-KEY": key["apiKey"], "X-API-TIMESTAMP": timestamp, "X-API-RECV-WINDOW": RECV_WINDOW,
                                "X-API-SIGNATURE": sign(key["secret"], timestamp + key["apiKey"] + RECV_WINDOW + method + target + raw_body)})
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                                           source_address=(self.source, 0))
                self.conn.request(method, target, body=raw_body.encode() if body is not None else None, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                status = response.status
                retry_after = response.getheader("Retry-After")
            except (OSError, http.client.HTTPException) as error:
                self.close()
                raise NoResponse(f"{type(error).__name__}: {error}")
            try:
                envelope = json.loads(data)
            except ValueError:
                envelope = {"code": None, "msg": data[:200].decode(errors="replace"), "data": None}
            if status == 429 and retry_429:
                time.sleep(float(retry_after or 1))
                continue
            return status, envelope, raw_body


class Failure(Exception):
    pass


def call(client, method, path, query=None, body=None, key=None, bearer=None):
    """A request that must succeed (seeding, verification): its data, or Failure."""
    try:
        status, env, _ = client.request(method, path, query, body, key, bearer, retry_429=True)
    except NoResponse as error:
        raise Failure(f"{method} {path}: no response ({error})")
    if status != 200 or env.get("code") != 0:
        raise Failure(f"{method} {path} {query or ''} {body or ''}: HTTP {status} {json.dumps(env)[:400]}")
    return env["data"]


def pages(client, path, key, query=None):
    items, cursor = [], None
    while True:
        q = dict(query or {}, limit=500)
        if cursor:
            q["cursor"] = cursor
        page = call(client, "GET", path, q, key=key)
        items += page["items"]
        cursor = page.get("nextCursor")
        if not cursor:
            return items


class AckLog:
    """Append-only, fsync'd record of every answered (and every cut-off) request."""

    def __init__(self, path):
        self.path = path
        self.file = open(path, "a", encoding="utf-8")
        self.lock = threading.Lock()
        self.seq = sum(1 for _ in open(path, encoding="utf-8"))

    def append(self, record):
        with self.lock:
            self.seq += 1
            record["seq"] = self.seq
            self.file.write(json.dumps(record, separators=(",", ":")) + "\n")
            self.file.flush()
            os.fsync(self.file.fileno())
            return self.seq

    def read(self):
        with open(self.path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]


class Server:
    def __init__(self, binary, data, token, logfile):
        self.binary, self.data, self.token, self.logfile = binary, data, token, logfile
        self.proc, self.port, self.early_banner = None, None, 0

    def start(self, timeout=120):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        log = open(self.logfile, "ab")
        offset = log.tell()
        env = dict(os.environ, PERPETUA_ADMIN_TOKEN=self.token)
        started = time.time()
        # The whole journal is kept (no pruning behind snapshots), so that the final check can
        # rebuild the state from the journal alone however long the run.
        self.proc = subprocess.Popen([self.binary, "serve", "--data", self.data, "--port", str(self.port), "--no-demo",
                                      "--set", "durability.pruneJournal=false"],
                                     stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        while time.time() - started < timeout:
            with open(self.logfile, "rb") as f:
                f.seek(offset)
                if b"perpetua listening on" in f.read():
                    # The banner can come a few milliseconds before the socket accepts.
                    while time.time() - started < timeout:
                        try:
                            socket.create_connection(("127.0.0.1", self.port), timeout=5).close()
                            return time.time() - started
                        except OSError:
                            self.early_banner += 1
                            time.sleep(0.005)
            if self.proc.poll() is not None:
                raise Failure(f"the server exited with status {self.proc.returncode} at start:\n{self.tail(offset)}")
            time.sleep(0.02)
        raise Failure(f"the server did not listen within {timeout} s:\n{self.tail(offset)}")

    def tail(self, offset=0, lines=30):
        with open(self.logfile, "rb") as f:
            f.seek(offset)
            return "\n".join(f.read().decode(errors="replace").splitlines()[-lines:])

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def terminate(self, timeout=120):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None


def replay(binary, data, snapshot=False):
    cmd = [binary, "replay", "--data", data] + (["--from-snapshot"] if snapshot else [])
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise Failure(f"{' '.join(cmd[1:])} failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- seeding

def seed(port, token, users, keys_path):
    admin = Client(port, source="127.0.0.2")
    for symbol, base in (("BTCUSDT", "BTC"), ("ETHUSDT", "ETH")):
        call(admin, "POST", "/v1/admin/symbols", body=symbol_body(symbol, base), bearer=token)
        call(admin, "POST", "/v1/admin/index-price", body={"symbol": symbol, "price": str(SYMBOLS[symbol][0])}, bearer=token)

    def make_user(i):
        client = Client(port, source=address(i))
        username, password = f"crash{i:02d}", "pw-" + secrets.token_hex(8) + "9a"
        user_id = call(client, "POST", "/v1/admin/users", body={"username": username, "password": password}, bearer=token)["userId"]
        login = call(client, "POST", "/v1/public/user/login", body={"username": username, "password": password})
        created = call(client, "POST", "/v1/private/user/api-key/create",
                       body={"label": "crash-test", "permissions": ["READ", "TRADE"], "ipWhitelist": []},
                       bearer=login["accessToken"])
        client.close()
        return {"userId": user_id, "username": username, "apiKey": created["apiKey"], "secret": created["apiSecret"]}

    with ThreadPoolExecutor(4) as pool:
        keys = list(pool.map(make_user, range(users)))
    with open(keys_path + ".tmp", "w") as f:
        json.dump(keys, f)
        f.flush()
        os.fsync(f.fileno())
    os.rename(keys_path + ".tmp", keys_path)
    admin.close()
    return keys


# ---------------------------------------------------------------------------- traffic

class Traffic:
    """Threads that send random signed requests until stopped; thread t owns the users
    u with u % threads == t, so each user's requests are sequential and their log order is
    the order the server saw them in."""

    def __init__(self, port, token, keys, log, cycle, threads, rng_seed, open_orders):
        self.port, self.token, self.keys, self.log, self.cycle = port, token, keys, log, cycle
        self.threads, self.rng_seed, self.open_orders = threads, rng_seed, open_orders
        self.stop = threading.Event()
        self.counts = {"acked": 0, "unknown": 0, "errors": 0, "fills": 0, "5xx": 0}
        self.lock = threading.Lock()
        self.workers = []

    def start(self):
        for t in range(self.threads):
            worker = threading.Thread(target=self.run, args=(t,), daemon=True)
            worker.start()
            self.workers.append(worker)

    def join(self):
        self.stop.set()
        for worker in self.workers:
            worker.join(120)

    def run(self, t):
        rng = random.Random(self.rng_seed * 1000 + t)
        mine = [u for u in range(len(self.keys)) if u % self.threads == t]
        clients = {u: Client(self.port, source=address(u)) for u in mine}
        admin = Client(self.port, source="127.0.0.2")
        n = 0
        while not self.stop.is_set():
            n += 1
            u = rng.choice(mine)
            op = self.pick(rng, u, t, n)
            client = admin if op["admin"] else clients[u]
            try:
                status, env, raw = client.request(op["method"], op["path"], body=op["body"],
                                                  key=None if op["admin"] else self.keys[u],
                                                  bearer=self.token if op["admin"] else None)
            except NoResponse as error:
                self.record(op, u, None, {"code": None, "msg": str(error)}, unknown=True)
                break  # the server is gone: the kill came
            if status >= 500:
                # 90001 (overloaded / shutting down) means unknown by contract; 500 is a bug.
                self.record(op, u, status, env, unknown=True)
                with self.lock:
                    self.counts["5xx"] += 1
                continue
            self.record(op, u, status, env)
        for client in list(clients.values()) + [admin]:
            client.close()

    def pick(self, rng, u, t, n):
        coid = f"c{self.cycle}t{t}n{n}"
        symbol = rng.choice(list(SYMBOLS))
        index, tick, step, lo, hi = SYMBOLS[symbol]
        opens = [o for o, s in self.open_orders[u].items() if s == symbol]
        r = rng.random()
        if len(opens) > 60:
            r = 0.6  # keep well under the open-order cap
        qty = step * rng.randint(lo, hi)
        if r < 0.45:
            side = rng.choice(["BUY", "SELL"])
            offset = Decimal(str(rng.uniform(-0.003, 0.001)))
            if side == "SELL":
                offset = -offset
            price = (index * (1 + offset) / tick).quantize(Decimal(1)) * tick
            tif = rng.choices(["GTC", "IOC", "FOK", "POST_ONLY"], [70, 10, 10, 10])[0]
            body = {"symbol": symbol, "side": side, "type": "LIMIT", "quantity": str(qty), "price": str(price),
                    "timeInForce": tif, "clientOrderId": coid}
            return {"kind": "place", "method": "POST", "path": "/v1/private/order/place", "body": body, "admin": False}
        if r < 0.55:
            body = {"symbol": symbol, "side": rng.choice(["BUY", "SELL"]), "type": "MARKET", "quantity": str(qty),
                    "clientOrderId": coid}
            return {"kind": "place", "method": "POST", "path": "/v1/private/order/place", "body": body, "admin": False}
        if r < 0.75 and opens:
            body = {"symbol": symbol, "orderId": rng.choice(opens)}
            return {"kind": "cancel", "method": "POST", "path": "/v1/private/order/cancel", "body": body, "admin": False}
        if r < 0.92 and opens:
            body = {"symbol": symbol, "orderId": rng.choice(opens)}
            if rng.random() < 0.7:
                offset = Decimal(str(rng.uniform(-0.003, 0.003)))
                body["price"] = str((index * (1 + offset) / tick).quantize(Decimal(1)) * tick)
            if "price" not in body or rng.random() < 0.4:
                body["quantity"] = str(qty)
            return {"kind": "move", "method": "POST", "path": "/v1/private/order/move", "body": body, "admin": False}
        # Money in and out, each amount unique (cycle, thread, counter in the last 8 decimals),
        # so a change-log row says which request made it.
        tag = Decimal(self.cycle * 1_000_000 + t * 100_000 + n % 100_000) / 10 ** 8
        if rng.random() < 0.6:
            amount = Decimal(rng.randint(100, 5000)) + tag
            return {"kind": "deposit", "method": "POST", "path": "/v1/admin/deposit", "admin": True,
                    "body": {"userId": self.keys[u]["userId"], "asset": "USDT", "amount": str(amount)}}
        amount = Decimal(rng.randint(10, 500)) + tag
        return {"kind": "withdraw", "method": "POST", "path": "/v1/admin/withdraw", "admin": True,
                "body": {"userId": self.keys[u]["userId"], "asset": "USDT", "amount": str(amount)}}

    def record(self, op, u, status, env, unknown=False):
        record = {"cycle": self.cycle, "user": u, "kind": op["kind"], "body": op["body"], "status": status,
                  "code": env.get("code"), "msg": env.get("msg") if env.get("code") else None, "unknown": unknown}
        data = env.get("data")
        if isinstance(data, dict) and "orderId" in data:
            record["order"] = {k: data.get(k) for k in ("orderId", "clientOrderId", "symbol", "status", "price", "quantity",
                                                        "executedQty", "type", "timeInForce")}
        elif data is not None and op["admin"]:
            record["data"] = data
        self.log.append(record)  # fsync'd before it counts
        order = record.get("order")
        if order and not unknown:
            if record["code"] == 0 or record["code"] == 13015:
                if order["status"] in FINAL:
                    self.open_orders[u].pop(order["orderId"], None)
                else:
                    self.open_orders[u][order["orderId"]] = order["symbol"]
        if not unknown and record["code"] in (13013, 13014) and op["kind"] in ("cancel", "move"):
            self.open_orders[u].pop(op["body"]["orderId"], None)
        with self.lock:
            if unknown:
                self.counts["unknown"] += 1
            else:
                self.counts["acked"] += 1
                self.counts["errors"] += record["code"] != 0
                if order and record["code"] == 0 and Decimal(order["executedQty"]) > 0:
                    self.counts["fills"] += 1


# ---------------------------------------------------------------------------- verification

def fetch_user(port, key, u):
    client = Client(port, source=address(u))
    try:
        return {
            "asset": call(client, "GET", "/v1/private/user/asset", key=key),
            "positions": call(client, "GET", "/v1/private/position/positions", key=key),
            "open": call(client, "GET", "/v1/private/order/current", key=key),
            "history": pages(client, "/v1/private/order/history", key),
            "trades": pages(client, "/v1/private/order/trades", key),
            "changes": pages(client, "/v1/private/user/account-change-log", key),
        }
    finally:
        client.close()


def verify(port, token, keys, records, cycle, trade_count):
    """Everything the log says against what the server holds; returns (problems, stats)."""
    problems = []
    P = problems.append
    began = int(time.time() * 1000) - 2000
    with ThreadPoolExecutor(4) as pool:
        state = list(pool.map(lambda u: fetch_user(port, keys[u], u), range(len(keys))))
    admin = Client(port, source="127.0.0.2")
    fund = call(admin, "GET", "/v1/admin/insurance-fund", bearer=token)

    # Per user: the orders, fills and change log as the server holds them.
    all_fills = {}
    long_size, short_size = {s: Decimal(0) for s in SYMBOLS}, {s: Decimal(0) for s in SYMBOLS}
    wallets, entry_net, entry_slack = Decimal(0), Decimal(0), Decimal(0)
    money_rows = {"DEPOSIT": {}, "WITHDRAW": {}}
    orders_by_user, filled_by_user = [], []
    for u, s in enumerate(state):
        who = f"user {keys[u]['username']}"
        orders = {}
        for o in s["open"]:
            if o["orderId"] in orders:
                P(f"{who}: order {o['orderId']} listed twice among open orders")
            orders[o["orderId"]] = o
        for o in s["history"]:
            if o["orderId"] in orders:
                P(f"{who}: order {o['orderId']} both open and in the history, or twice in the history")
            orders[o["orderId"]] = o
            if o["status"] not in FINAL:
                P(f"{who}: order {o['orderId']} in the history with status {o['status']}")
        coids = {}
        for o in orders.values():
            if o.get("clientOrderId"):
                if o["clientOrderId"] in coids:
                    P(f"{who}: clientOrderId {o['clientOrderId']} on orders {coids[o['clientOrderId']]} and {o['orderId']}")
                coids[o["clientOrderId"]] = o["orderId"]
        orders_by_user.append(orders)
        filled = {}
        filled_by_user.append(filled)
        seen_trades = set()
        for f in s["trades"]:
            if f["tradeId"] in seen_trades:
                P(f"{who}: trade {f['tradeId']} listed twice in the user's fills")
            seen_trades.add(f["tradeId"])
            all_fills.setdefault(f["tradeId"], []).append((u, f))
            filled[f["orderId"]] = filled.get(f["orderId"], Decimal(0)) + Decimal(f["qty"])
            if f["orderId"] not in orders:
                P(f"{who}: fill of trade {f['tradeId']} for order {f['orderId']}, which is not among the user's orders")
        for oid, o in orders.items():
            if filled.get(oid, Decimal(0)) != Decimal(o["executedQty"]):
                P(f"{who}: order {oid} ({o['status']}) executedQty {o['executedQty']} but its fills add up to {filled.get(oid, 0)}")
        # The change log: unique ids, a running sum that matches balanceAfter, ending at the wallet.
        ids = [int(c["id"]) for c in s["changes"]]
        if len(set(ids)) != len(ids):
            P(f"{who}: {len(ids) - len(set(ids))} duplicate account-change-log ids")
        running = Decimal(0)
        for c in sorted(s["changes"], key=lambda c: int(c["id"])):
            running += Decimal(c["amount"])
            if running != Decimal(c["balanceAfter"]):
                P(f"{who}: change {c['id']} ({c['type']} {c['amount']}) has balanceAfter {c['balanceAfter']}, the log adds up to {running}")
                break
            if c["type"] in money_rows:
                money_rows[c["type"]].setdefault((u, abs(Decimal(c["amount"]))), []).append(c)
        wallet = Decimal(s["asset"]["walletBalance"])
        if running != wallet:
            P(f"{who}: the change log adds up to {running}, the wallet holds {wallet}")
        if Decimal(s["asset"]["availableBalance"]) < 0:
            P(f"{who}: negative available balance {s['asset']['availableBalance']}")
        wallets += wallet
        for p in s["positions"]:
            size = Decimal(p["size"])
            if size == 0:
                continue
            entry = Decimal(p["entryPrice"])
            if p["side"] == "LONG":
                long_size[p["symbol"]] += size
                entry_net += size * entry
            else:
                short_size[p["symbol"]] += size
                entry_net -= size * entry
            # The entry price is shown to the tick's decimals: up to one of those per unit of size.
            entry_slack += size * Decimal(1).scaleb(-max(0, -entry.as_tuple().exponent))
            if p["marginMode"] != "CROSS":
                P(f"{who}: {p['symbol']} position in {p['marginMode']} margin, which this test never set")

    # The projector: every trade has two fills, ids 1..n, n = the journal's trade count.
    for tid, fills in all_fills.items():
        if len(fills) != 2:
            P(f"trade {tid} has {len(fills)} fills: {[(keys[u]['username'], f['orderId']) for u, f in fills]}")
            continue
        (u1, a), (u2, b) = fills
        if ({a["role"], b["role"]} != {"MAKER", "TAKER"} or {a["side"], b["side"]} != {"BUY", "SELL"}
                or a["price"] != b["price"] or a["qty"] != b["qty"] or a["symbol"] != b["symbol"]):
            P(f"trade {tid}: the two fills disagree: {a} / {b}")
    n_fills = sum(len(f) for f in all_fills.values())
    ids = sorted(int(t) for t in all_fills)
    if n_fills != 2 * len(all_fills):
        P(f"{n_fills} fills for {len(all_fills)} distinct trade ids (want {2 * len(all_fills)})")
    if trade_count is not None and ids != list(range(1, trade_count + 1)):
        missing = sorted(set(range(1, trade_count + 1)) - set(ids))
        extra = sorted(set(ids) - set(range(1, trade_count + 1)))
        P(f"trade ids in the fills: {len(ids)} (max {ids[-1] if ids else 0}), the journal holds {trade_count} trades; "
          f"missing {missing[:10]}, unexpected {extra[:10]}")

    # §9: long = short per symbol; money conserved.
    for symbol in SYMBOLS:
        if long_size[symbol] != short_size[symbol]:
            P(f"{symbol}: long sizes {long_size[symbol]} != short sizes {short_size[symbol]}")
    deposits = sum(amount * len(rows) for (_, amount), rows in money_rows["DEPOSIT"].items())
    withdrawals = sum(amount * len(rows) for (_, amount), rows in money_rows["WITHDRAW"].items())
    held = wallets + Decimal(fund["balance"]) + Decimal(fund["feeIncome"]) - entry_net
    gap = held - (deposits - withdrawals)
    if abs(gap) > entry_slack + Decimal("0.00000001") * (len(keys) + 2):
        P(f"money not conserved: wallets {wallets} + insurance fund {fund['balance']} + fee income {fund['feeIncome']} "
          f"- net entry notional {entry_net} = {held}, deposits {deposits} - withdrawals {withdrawals} = {deposits - withdrawals} "
          f"(gap {gap}, rounding allows {entry_slack})")

    # The log against the state.
    sent_coids = [dict() for _ in keys]  # clientOrderId -> record
    expect = {}  # (user, orderId) -> expectations from the acknowledged responses
    unknown_moves = {}
    deposits_seen = {"DEPOSIT": {}, "WITHDRAW": {}}
    acked_money = Decimal(0)
    for r in records:
        u, kind, body, code = r["user"], r["kind"], r["body"], r["code"]
        if kind == "place":
            sent_coids[u][body["clientOrderId"]] = r
        if kind in ("deposit", "withdraw"):
            table = deposits_seen["DEPOSIT" if kind == "deposit" else "WITHDRAW"]
            table[(u, Decimal(body["amount"]))] = r
            continue
        order = r.get("order")
        if r["unknown"]:
            if kind == "move":
                unknown_moves.setdefault((u, body["orderId"]), []).append(body)
            continue
        if kind == "place" and code != 0:
            continue  # rejected: checked below through its clientOrderId
        if order and code == 0:
            e = expect.setdefault((u, order["orderId"]), {"executed": Decimal(0), "status": "NEW", "cycle": r["cycle"]})
            e["executed"] = max(e["executed"], Decimal(order["executedQty"]))
            if order["status"] in FINAL or RANK.get(order["status"], 2) >= RANK.get(e["status"], 2):
                e["status"] = order["status"]
            e["price"], e["quantity"], e["seq"] = order["price"], order["quantity"], r["seq"]
            e["after_unknown_move"] = False
            if kind == "cancel" and order["status"] != "CANCELED":
                P(f"acknowledged cancel (log #{r['seq']}) answered status {order['status']}")
            e["symbol"] = order["symbol"]
        if kind == "move" and code != 0 and code not in (13013, 13014):
            pass
    for (u, oid), moves in unknown_moves.items():
        if (u, oid) in expect:
            expect[(u, oid)].setdefault("unknown_moves", []).extend(moves)

    checked_single = 0
    clients = {}

    def client_of(u):
        if u not in clients:
            clients[u] = Client(port, source=address(u))
        return clients[u]
    for (u, oid), e in expect.items():
        who = f"user {keys[u]['username']}"
        o = orders_by_user[u].get(oid)
        if o is None:
            P(f"{who}: acknowledged order {oid} ({e['symbol']}) is neither open nor in the history")
            continue
        if e["cycle"] == cycle:
            # The single-order endpoint for everything acknowledged in this cycle.
            one = call(client_of(u), "GET", "/v1/private/order", {"symbol": e["symbol"], "orderId": oid}, key=keys[u])
            checked_single += 1
            if (one["status"], one["executedQty"]) != (o["status"], o["executedQty"]):
                P(f"{who}: order {oid}: GET /v1/private/order says {one['status']} {one['executedQty']}, the lists {o['status']} {o['executedQty']}")
        if filled_by_user[u].get(oid, Decimal(0)) < e["executed"]:
            P(f"{who}: order {oid} was acknowledged with executedQty {e['executed']}, "
              f"its fills in /v1/private/order/trades add up to {filled_by_user[u].get(oid, 0)}")
        if Decimal(o["executedQty"]) < e["executed"]:
            P(f"{who}: order {oid} executedQty {o['executedQty']} < acknowledged {e['executed']}")
        if e["status"] in FINAL and o["status"] != e["status"]:
            P(f"{who}: order {oid} acknowledged {e['status']}, now {o['status']}")
        elif RANK.get(o["status"], 2) < RANK.get(e["status"], 2):
            P(f"{who}: order {oid} acknowledged {e['status']}, now {o['status']} (less final)")
        allowed = [(e["price"], e["quantity"])]
        for m in e.get("unknown_moves", []):
            allowed += [(m.get("price", p), m.get("quantity", q)) for p, q in list(allowed)]
        if not any(_same(o["price"], p) and _same(o["quantity"], q) for p, q in allowed):
            P(f"{who}: order {oid} is {o['price']} x {o['quantity']}, acknowledged {e['price']} x {e['quantity']}")

    # Every order of a user must come from a request this test sent; rejected and unanswered
    # places either left nothing or a whole order.
    unknown_found = unknown_absent = 0
    for u, orders in enumerate(orders_by_user):
        who = f"user {keys[u]['username']}"
        by_coid = {o.get("clientOrderId"): o for o in orders.values()}
        for o in orders.values():
            if o.get("clientOrderId") not in sent_coids[u]:
                P(f"{who}: order {o['orderId']} (clientOrderId {o.get('clientOrderId')}, source {o.get('source')}) was never sent")
        for coid, r in sent_coids[u].items():
            o = by_coid.get(coid)
            if r["unknown"]:
                if r["cycle"] == cycle:
                    try:
                        status, env, _ = client_of(u).request("GET", "/v1/private/order", {"symbol": r["body"]["symbol"], "clientOrderId": coid},
                                                        key=keys[u], retry_429=True)
                    except NoResponse as error:
                        raise Failure(f"GET /v1/private/order: no response ({error})")
                    found = env.get("data") if env.get("code") == 0 else None
                    if env.get("code") not in (0, 13013):
                        P(f"{who}: GET order by clientOrderId {coid}: HTTP {status} {env}")
                    if (found is None) != (o is None):
                        P(f"{who}: unanswered order {coid}: GET by clientOrderId says {'absent' if found is None else 'present'}, the lists the opposite")
                    unknown_found += found is not None
                    unknown_absent += found is None
            elif r["code"] != 0:
                if o is not None and (o["status"] not in FINAL or Decimal(o["executedQty"]) != 0):
                    P(f"{who}: rejected order {coid} (code {r['code']}) exists: {o['status']} {o['executedQty']}")
            elif o is None:
                P(f"{who}: acknowledged order {coid} (log #{r['seq']}) not found")

    # Deposits and withdrawals: each acknowledged one exactly once, unanswered at most once,
    # rejected never, nothing this test did not send.
    for kind in ("DEPOSIT", "WITHDRAW"):
        rows, sent = money_rows[kind], deposits_seen[kind]
        for (u, amount), r in sent.items():
            n = len(rows.get((u, amount), []))
            applied = not r["unknown"] and r["code"] == 0
            if applied and n != 1:
                P(f"acknowledged {kind} of {amount} for {keys[u]['username']} (log #{r['seq']}) is in the change log {n} times")
            elif r["unknown"] and n > 1:
                P(f"unanswered {kind} of {amount} for {keys[u]['username']} is in the change log {n} times")
            elif not r["unknown"] and r["code"] != 0 and n:
                P(f"rejected {kind} of {amount} for {keys[u]['username']} (code {r['code']}) is in the change log")
            if applied:
                acked_money += amount if kind == "DEPOSIT" else -amount
        for (u, amount) in rows:
            if (u, amount) not in sent:
                P(f"{kind} row of {amount} for {keys[u]['username']} that this test never sent")
    for client in clients.values():
        client.close()
    admin.close()
    # Rows the timers wrote while the check read (funding at an 8-hour boundary, a
    # liquidation): the reads of different users may then disagree; the caller re-reads once.
    timer_rows = sum(1 for st in state for c in st["changes"]
                     if c["type"] in ("FUNDING_FEE", "LIQUIDATION_FEE", "INSURANCE_CLEAR", "ADL") and c["time"] >= began)
    stats = {"timer_rows": timer_rows, "orders": sum(len(o) for o in orders_by_user), "trades": len(all_fills), "fills": n_fills,
             "single": checked_single, "unknown_found": unknown_found, "unknown_absent": unknown_absent,
             "gap": gap, "slack": entry_slack, "net_money": deposits - withdrawals, "acked_money": acked_money}
    return problems, stats


def _same(a, b):
    if a is None or b is None:
        return a == b
    return Decimal(a) == Decimal(b)


# ---------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--min-run", type=float, default=0.5)
    parser.add_argument("--max-run", type=float, default=3.0)
    parser.add_argument("--keep", action="store_true", help="keep the work directory (it is kept anyway on failure)")
    args = parser.parse_args()
    assert sign(VECTOR[0], VECTOR[1]) == VECTOR[2], "HMAC signing does not match the API.md test vector"
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="perpetua-crash-http-")
    data = os.path.join(work, "data")
    keys_path = os.path.join(work, "keys.json")
    log = AckLog(os.path.join(work, "acks.jsonl"))
    token = "crash-" + secrets.token_hex(16)
    server = Server(binary, data, token, os.path.join(work, "server.log"))
    started = time.time()
    failures = 0
    totals = {"acked": 0, "unknown": 0, "errors": 0, "5xx": 0}
    print(f"work directory {work}", flush=True)
    try:
        server.start()
        keys = seed(server.port, token, args.users, keys_path)
        admin = Client(server.port, source="127.0.0.2")
        for k in keys:
            amount = SEED_DEPOSIT + Decimal(len(log.read()) + 1) / Decimal(10 ** 8)
            u = keys.index(k)
            status, env, _ = admin.request("POST", "/v1/admin/deposit", body={"userId": k["userId"], "asset": "USDT", "amount": str(amount)},
                                           bearer=token, retry_429=True)
            log.append({"cycle": 0, "user": u, "kind": "deposit", "body": {"userId": k["userId"], "amount": str(amount)},
                        "status": status, "code": env.get("code"), "unknown": False, "data": env.get("data")})
            if env.get("code") != 0:
                raise Failure(f"seed deposit: {env}")
        admin.close()
        print(f"seeded 2 symbols and {len(keys)} users with API keys ({keys_path}) in {time.time() - started:.1f} s", flush=True)
        open_orders = [dict() for _ in keys]
        for cycle in range(1, args.cycles + 1):
            with open(keys_path) as f:
                keys = json.load(f)  # every cycle signs with the keys kept in the work directory
            traffic = Traffic(server.port, token, keys, log, cycle, args.threads, args.seed * 1000 + cycle, open_orders)
            traffic.start()
            run_for = rng.uniform(args.min_run, args.max_run)
            time.sleep(run_for)
            server.kill()
            traffic.join()
            counts = traffic.counts
            for k in totals:
                totals[k] += counts[k]
            problems = []
            if counts["5xx"]:
                problems.append(f"{counts['5xx']} responses with HTTP 5xx (see {log.path})")
            journal = replay(binary, data)
            restart = server.start()
            try:
                p, stats = verify(server.port, token, keys, log.read(), cycle, journal["trades"])
                if p and stats["timer_rows"]:
                    print(f"cycle {cycle:2d}: {len(p)} problems while the timers wrote {stats['timer_rows']} funding or "
                          f"liquidation rows; reading again: {'; '.join(p[:3])}", flush=True)
                    p, stats = verify(server.port, token, keys, log.read(), cycle, journal["trades"])
                problems += p
            except Failure as error:
                problems.append(f"verification could not run: {error}")
                stats = None
            # The next cycle's traffic starts from what the server holds.
            if stats is not None:
                for u in range(len(keys)):
                    open_orders[u].clear()
            if stats is not None:
                for u, k in enumerate(keys):
                    client = Client(server.port, source=address(u))
                    for o in call(client, "GET", "/v1/private/order/current", key=k):
                        open_orders[u][o["orderId"]] = o["symbol"]
                    client.close()
            status = "ok" if not problems else f"FAILED ({len(problems)}): " + "; ".join(problems[:8])
            detail = ""
            if stats:
                detail = (f"; state: {stats['orders']} orders, {stats['trades']} trades = journal's {journal['trades']}, "
                          f"{stats['single']} orders read one by one, unanswered orders {stats['unknown_found']} applied / "
                          f"{stats['unknown_absent']} not, money gap {stats['gap']:.8f} (rounding allows {stats['slack']:.8f})")
            print(f"cycle {cycle:2d}: killed after {run_for:.2f} s at journal sequence {journal['lastSequence']}: "
                  f"{counts['acked']} acknowledged ({counts['errors']} with an error code, {counts['fills']} with fills), "
                  f"{counts['unknown']} unknown; restarted in {restart:.1f} s{detail}; {status}", flush=True)
            failures += bool(problems)
        # The end: a clean shutdown, then the journal alone must equal snapshot + journal.
        code = server.terminate()
        if code != 0:
            print(f"final: SIGTERM: the server exited with {code}, want 0:\n{server.tail(lines=15)}")
            failures += 1
        else:
            print("final: SIGTERM: the server exited 0")
        alone = replay(binary, data)
        snap = replay(binary, data, snapshot=True)
        if (alone["stateHash"], alone["lastSequence"]) != (snap["stateHash"], snap["lastSequence"]):
            print(f"final: journal alone {alone} != snapshot + journal {snap}")
            failures += 1
        else:
            print(f"final: journal alone = snapshot + journal at sequence {alone['lastSequence']}: "
                  f"state hash {alone['stateHash']}, {alone['trades']} trades")
        # And a clean restart from the shutdown snapshot still holds everything.
        restart = server.start()
        problems, stats = verify(server.port, token, keys, log.read(), None, alone["trades"])
        code = server.terminate()
        if code != 0:
            problems.append(f"SIGTERM after the clean restart: exit status {code}, want 0")
        if problems:
            print(f"final: clean restart FAILED ({len(problems)}): " + "; ".join(problems[:8]))
            failures += 1
        else:
            print(f"final: clean restart in {restart:.1f} s: {stats['orders']} orders and {stats['trades']} trades verified, "
                  f"money gap {stats['gap']}; SIGTERM exit 0")
    except Failure as error:
        print(f"FAILED: {error}")
        failures += 1
    finally:
        if server.proc and server.proc.poll() is None:
            server.kill()
    if server.early_banner:
        print(f"note: the listening banner came before the port accepted connections ({server.early_banner} refused attempts)")
    print(f"{args.cycles} cycles: {totals['acked']} acknowledged requests ({totals['errors']} with an error code), "
          f"{totals['unknown']} unknown, {totals['5xx']} 5xx; {failures} failed ({time.time() - started:.0f} s)")
    if failures or args.keep:
        print(f"kept {work} (acks.jsonl, keys.json, server.log, data/)")
    else:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
