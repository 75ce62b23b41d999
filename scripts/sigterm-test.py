#!/usr/bin/env python3
"""Graceful shutdown test (issue #7, point 6) against the real `perpetua serve` binary.

1. A bad configuration value stops start-up: exit status 78 and one line on standard
   error naming the key (a flag, an environment variable and a configuration file).
2. Under load (several users placing resting orders over keep-alive connections), the
   server gets SIGTERM. It must exit 0 and log the drain; requests answered during the drain
   are either accepted (code 0) or refused with 90001; none is a 5xx other than 503/90001.
   While it runs, a second server on its data directory is refused, and one on its port
   says the port is in use (and never that it is listening).
3. A second start on the same data directory recovers (reports how long it took), is
   `/ready`, and has every order that was acknowledged, with its price and quantity, under
   its clientOrderId. Then SIGTERM again: exit 0.

Usage: sigterm-test.py PERPETUA_BINARY [--users 4] [--seconds 3]
Python 3 standard library only; reuses crash-test-http.py's client and server helpers.
"""
import argparse, importlib.util, json, os, random, secrets, shutil, subprocess, sys, tempfile, threading, time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("crash_http", os.path.join(HERE, "crash-test-http.py"))
crash = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crash)
Client, Server, Failure, NoResponse, call = crash.Client, crash.Server, crash.Failure, crash.NoResponse, crash.call


def bad_configuration(binary, work):
    """Each bad value stops start-up with status 78 and names its key."""
    config = os.path.join(work, "bad.json")
    with open(config, "w") as f:
        json.dump({"rateLimits": {"ordersPerUser": {"capacity": "many"}}}, f)
    cases = [
        (["--set", "auth.bcryptCost=3"], {}, "auth.bcryptCost"),
        (["--port", "abc"], {}, "port (command line)"),
        (["--clock", "sundial"], {}, "clock (command line)"),
        (["--set", "noequals"], {}, "--set takes key=value"),
        ([], {"PERPETUA_PORT": "eighty"}, "PERPETUA_PORT"),
        ([], {"PERPETUA_RATE_LIMIT_ENABLED": "false"}, "PERPETUA_RATE_LIMIT_ENABLED"),
        (["--config", config], {}, "rateLimits.ordersPerUser.capacity"),
    ]
    for args, env, key in cases:
        out = subprocess.run([binary, "serve", "--data", os.path.join(work, "never"), "--no-demo"] + args,
                             capture_output=True, text=True, timeout=60, env=dict(os.environ, **env))
        lines = [line for line in out.stderr.splitlines() if line.strip()]
        if out.returncode != 78 or len(lines) != 1 or key not in lines[0]:
            raise Failure(f"bad configuration {args} {env}: status {out.returncode}, stderr {out.stderr!r}")
        print(f"refused: {lines[0]}")


def refused_second_start(binary, work, data, port):
    """While a server runs: a second one on its data directory is refused (the journal has one
    writer), and one on its port says the port is in use without claiming to listen."""
    same_data = subprocess.run([binary, "serve", "--data", data, "--port", "0", "--no-demo"],
                               capture_output=True, text=True, timeout=120)
    if same_data.returncode == 0 or "in use by another perpetua process" not in same_data.stderr:
        raise Failure(f"second server on the data directory: status {same_data.returncode}, stderr {same_data.stderr!r}")
    print(f"refused: {same_data.stderr.strip().splitlines()[-1]}")
    same_port = subprocess.run([binary, "serve", "--data", os.path.join(work, "other"), "--port", str(port), "--no-demo"],
                               capture_output=True, text=True, timeout=120)
    if (same_port.returncode == 0 or f"cannot listen on 127.0.0.1:{port}" not in same_port.stderr
            or "listening" in same_port.stdout):
        raise Failure(f"second server on the port: status {same_port.returncode}, "
                      f"stdout {same_port.stdout!r}, stderr {same_port.stderr!r}")
    print(f"refused: {same_port.stderr.strip().splitlines()[-1]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="perpetua-sigterm-")
    ok = False
    try:
        bad_configuration(binary, work)
        data, token = os.path.join(work, "data"), "sigterm-" + secrets.token_hex(16)
        server = Server(binary, data, token, os.path.join(work, "server.log"))
        server.start()
        keys = crash.seed(server.port, token, args.users, os.path.join(work, "keys.json"))
        refused_second_start(binary, work, data, server.port)
        admin = Client(server.port, source="127.0.0.2")
        for key in keys:
            call(admin, "POST", "/v1/admin/deposit", body={"userId": key["userId"], "asset": "USDT", "amount": "1000000"},
                 bearer=token)
        admin.close()

        # Each writer keeps at most 100 of its orders open (the cap is 200 per symbol): past
        # that it cancels its oldest, so the run mixes placements and cancels.
        acked, canceled, cancel_unknown, refused, unknown, bad = {}, set(), set(), [0], [0], []
        lock = threading.Lock()
        stop = threading.Event()

        def answer(status, env, on_ok):
            with lock:
                if status == 200 and env.get("code") == 0:
                    on_ok()
                elif env.get("code") == 90001 and status == 503:
                    refused[0] += 1
                elif env.get("code") != 11001:
                    bad.append((status, env))

        def load(u):
            client, rng, n, open_ids = Client(server.port, source=crash.address(u), timeout=30), random.Random(u), 0, []
            while not stop.is_set():
                n += 1
                if len(open_ids) >= 100:
                    cid = open_ids.pop(0)
                    method, path, body = "POST", "/v1/private/order/cancel", {"symbol": "BTCUSDT", "clientOrderId": cid}
                    on_ok = lambda cid=cid: canceled.add(cid)
                    on_unknown = lambda cid=cid: cancel_unknown.add(cid)
                else:
                    cid = f"st{u}x{n}"
                    price = str(Decimal(48000) + Decimal(rng.randrange(0, 10000)) / 10)
                    method, path = "POST", "/v1/private/order/place"
                    body = {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC", "quantity": "0.001",
                            "price": price, "clientOrderId": cid}
                    on_ok = None
                    on_unknown = lambda: None
                try:
                    status, env, _ = client.request(method, path, body=body, key=keys[u])
                except NoResponse:
                    with lock:
                        unknown[0] += 1
                        on_unknown()
                    if stop.is_set():
                        break
                    time.sleep(0.01)
                    continue
                if on_ok is None:
                    def on_ok(cid=cid, price=body["price"], env=env):
                        acked[cid] = (u, price, env["data"]["orderId"])
                        open_ids.append(cid)
                answer(status, env, on_ok)
            client.close()

        threads = [threading.Thread(target=load, args=(u,)) for u in range(args.users)]
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        before = len(acked)
        signalled = time.time()
        status = server.terminate(timeout=120)
        drained = time.time() - signalled
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join()
        log = server.tail(lines=400)
        if status != 0:
            raise Failure(f"SIGTERM under load: exit status {status}, expected 0:\n{server.tail()}")
        if "draining" not in log or "stopped cleanly" not in log:
            raise Failure(f"the log does not show the drain and a clean stop:\n{server.tail()}")
        if bad:
            raise Failure(f"unexpected answers during the run: {bad[:5]}")
        if before == 0:
            raise Failure("no order was acknowledged before SIGTERM")
        print(f"SIGTERM after {before} acknowledged orders: exit 0 in {drained:.2f} s; {len(acked)} orders and "
              f"{len(canceled)} cancels acknowledged in all, "
              f"{refused[0]} refused with 90001 while draining, {unknown[0]} cut off (connection closed)")

        took = server.start()
        ready = call(Client(server.port), "GET", "/ready")
        missing = []
        clients = {}
        for cid, (u, price, order_id) in sorted(acked.items()):
            client = clients.setdefault(u, Client(server.port, source=crash.address(u)))
            got = call(client, "GET", "/v1/private/order", {"symbol": "BTCUSDT", "clientOrderId": cid}, key=keys[u])
            expected = {"CANCELED"} if cid in canceled else {"NEW", "CANCELED"} if cid in cancel_unknown else {"NEW"}
            if (got["orderId"] != order_id or Decimal(got["price"]) != Decimal(price) or Decimal(got["quantity"]) != Decimal("0.001")
                    or got["status"] not in expected):
                missing.append((cid, sorted(expected), got))
        for client in clients.values():
            client.close()
        if missing:
            raise Failure(f"{len(missing)} acknowledged orders differ or are missing after the restart: {missing[:5]}")
        print(f"restart: listening after {took:.2f} s, ready at sequence {ready['durableSequence']}, "
              f"all {len(acked)} acknowledged orders present, "
              f"{len(canceled)} acknowledged cancels CANCELED")
        status = server.terminate(timeout=120)
        if status != 0:
            raise Failure(f"second SIGTERM: exit status {status}")
        print("sigterm test passed")
        ok = True
    except Failure as error:
        print(f"FAILED: {error}", file=sys.stderr)
    finally:
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work directory kept: {work}", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
