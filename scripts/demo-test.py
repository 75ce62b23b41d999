#!/usr/bin/env python3
"""Demo start-up test (issue #7): start the release binary the way the README says
(`perpetua serve`, no flags) in an empty directory, and within 10 seconds read a two-sided
depth, a trade, a kline and a mark price from the API, and sign a request with the demo
API key and secret the server printed. Standard library only.

Usage: scripts/demo-test.py BINARY [--port P] [--within SECONDS]
"""
import argparse, hashlib, hmac, json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request


def get(base, path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})
    with urllib.request.urlopen(request, timeout=5) as response:
        envelope = json.loads(response.read())
    if envelope["code"] != 0:
        raise RuntimeError(f"{path}: {envelope}")
    return envelope["data"]


def signed_get(base, path, key, secret):
    timestamp, window = str(int(time.time() * 1000)), "5000"
    signature = hmac.new(secret.encode(), (timestamp + key + window + "GET" + path).encode(), hashlib.sha256).hexdigest()
    return get(base, path, {"X-API-KEY": key, "X-API-TIMESTAMP": timestamp, "X-API-RECV-WINDOW": window,
                            "X-API-SIGNATURE": signature})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--within", type=float, default=10.0)
    args = parser.parse_args()
    binary = os.path.realpath(args.binary)
    work = tempfile.mkdtemp(prefix="perpetua-demo-test-")
    log_path = os.path.join(work, "serve.log")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PERPETUA_")}
    started = time.time()
    with open(log_path, "w") as log:
        # As the README says, apart from the port (8080 may be taken on a CI machine).
        server = subprocess.Popen([binary, "serve", "--port", str(args.port)], cwd=work, stdout=log,
                                  stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{args.port}"
    seen = {}
    try:
        key = secret = None
        while time.time() - started < args.within:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}:\n" + open(log_path).read())
            text = open(log_path).read()
            if key is None:
                k = re.search(r"demo API key: (\S+)", text)
                s = re.search(r"demo API secret: (\S+)", text)
                if k and s:
                    key, secret = k.group(1), s.group(1)
            try:
                if "depth" not in seen:
                    depth = get(base, "/v1/public/market/depth?symbol=BTCUSDT&limit=5")
                    if depth["bids"] and depth["asks"]:
                        seen["depth"] = f"{len(depth['bids'])} bids, {len(depth['asks'])} asks at seq {depth['seq']}"
                if "trade" not in seen:
                    for symbol in ("BTCUSDT", "ETHUSDT", "SOLUSDT"):
                        trades = get(base, f"/v1/public/market/trades?symbol={symbol}&limit=1")
                        if trades:
                            seen["trade"] = f"{symbol} {trades[0]['qty']} @ {trades[0]['price']}"
                            seen["tradeSymbol"] = symbol
                            break
                if "trade" in seen and "kline" not in seen:
                    bars = get(base, f"/v1/public/market/klines?symbol={seen['tradeSymbol']}&interval=1m&limit=5")
                    if any(int(bar["tradeCount"]) > 0 for bar in bars):
                        seen["kline"] = f"{len(bars)} bar(s) of {seen['tradeSymbol']}"
                if "markPrice" not in seen:
                    ticker = get(base, "/v1/public/market/ticker?symbol=BTCUSDT")
                    if ticker.get("markPrice"):
                        seen["markPrice"] = ticker["markPrice"]
                if "signed" not in seen and key:
                    asset = signed_get(base, "/v1/private/user/asset", key, secret)
                    seen["signed"] = f"wallet {asset['walletBalance']} USDT"
            except (OSError, RuntimeError, KeyError, ValueError) as error:
                seen.setdefault("_errors", []).append(str(error))
            if all(name in seen for name in ("depth", "trade", "kline", "markPrice", "signed")):
                break
            time.sleep(0.2)
        elapsed = time.time() - started
        missing = [name for name in ("depth", "trade", "kline", "markPrice", "signed") if name not in seen]
        for name in ("depth", "trade", "kline", "markPrice", "signed"):
            if name in seen:
                print(f"{name}: {seen[name]}")
        if missing:
            print(f"FAILED: not seen within {args.within} s: {', '.join(missing)}")
            print("last errors:", seen.get("_errors", [])[-3:])
            print(open(log_path).read()[-2000:])
            return 1
        print(f"ok: everything seen {elapsed:.1f} s after start")
        return 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
