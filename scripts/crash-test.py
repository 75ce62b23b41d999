#!/usr/bin/env python3
"""Crash test (issue #4): kill `perpetua crash-drill` with SIGKILL at random moments,
restart it on the same data directory, and check after every restart that

- every acknowledged command survived: the recovered sequence is at least the last ACK;
- recovery is exact and nothing unacknowledged is half-applied: every CHECKPOINT hash the
  drill printed is reproduced by replaying the journal alone up to that sequence, and the
  state recovered from snapshot + journal equals the journal-only replay;
- the API.md section 9 invariants hold (the drill checks them on start: INVARIANTS OK);
- the projector caught up without duplicates, in the SQLite store the drill projects into
  (DATA/perpetua.sqlite):
  - right after the kill, with the store as the crash left it: the fill rows are exactly
    two per trade of the engine at the stored projector sequence (the trade count comes
    from `perpetua replay --until` that sequence, an engine rebuilt from the journal
    alone), each trade id has two rows, (account, trade id) pairs are unique, and the
    trade ids run from 1 without gaps;
  - after the restart, once the drill reports it is caught up (the PROJECTED line with
    engine=, printed before it submits anything): the stored projector sequence equals
    the engine's last sequence, and the fill rows (those found after the kill plus those
    the projector wrote since the restart) are two per trade the engine has made.

Usage: crash-test.py PERPETUA_BINARY [--cycles 20] [--seed 1]
"""
import argparse, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time


class ReplayFailed(Exception):
    pass


def replay(binary, data, until=None, fatal=True):
    cmd = [binary, "replay", "--data", data] + (["--until", str(until)] if until is not None else [])
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        if not fatal:
            raise ReplayFailed(f"replay --until {until} failed ({out.returncode}): {out.stderr.strip()}")
        sys.exit(f"replay failed ({out.returncode}): {out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def read_store(data):
    """The projector's rows as the SQLite store holds them (the drill is not running)."""
    path = os.path.join(data, "perpetua.sqlite")
    if not os.path.exists(path):
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        db.execute("BEGIN")  # one read transaction: every figure from the same commit
        sequence = db.execute("SELECT last_sequence FROM projector_state WHERE id = 1").fetchone()[0]
        fills, max_trade, min_trade = db.execute("SELECT COUNT(*), MAX(trade_id), MIN(trade_id) FROM fills").fetchone()
        pairs = db.execute("SELECT COUNT(*) FROM (SELECT DISTINCT account, trade_id FROM fills)").fetchone()[0]
        odd = db.execute("SELECT COUNT(*) FROM (SELECT trade_id FROM fills GROUP BY trade_id HAVING COUNT(*) != 2)").fetchone()[0]
        db.execute("COMMIT")
    finally:
        db.close()
    return {"sequence": sequence, "fills": fills, "pairs": pairs, "odd_trades": odd,
            "max_trade": max_trade or 0, "min_trade": min_trade or 0}


def fields(line):
    """`PROJECTED 12 fills=3 engine=12 trades=1` -> {"at": 12, "fills": 3, ...}."""
    parts = line.split()
    values = {"at": int(parts[1])}
    for part in parts[2:]:
        key, _, value = part.partition("=")
        values[key] = int(value)
    return values


def caught_up_line(lines):
    return next((l for l in lines if l.startswith("PROJECTED") and "engine=" in l), None)


def check_projector_start(lines, stored_before):
    """After a restart: the drill's caught-up report against the store found after the kill."""
    line = caught_up_line(lines)
    if line is None:
        return ["the drill never reported the projector caught up"], None
    p = fields(line)
    problems = []
    if p["at"] != p["engine"]:
        problems.append(f"projector at {p['at']} != engine at {p['engine']} when caught up")
    fills = (stored_before["fills"] if stored_before else 0) + p["fills"]
    if fills != 2 * p["trades"]:
        problems.append(f"caught up with {fills} fill rows for {p['trades']} trades (want {2 * p['trades']})")
    return problems, p


def check_store(binary, data):
    """After a kill: the store as the crash left it against the journal replayed to its sequence."""
    stored = read_store(data)
    if stored is None:
        return ["no SQLite store in the data directory"], None
    problems = []
    try:
        trades = replay(binary, data, stored["sequence"], fatal=False)["trades"]
    except ReplayFailed as error:
        return [f"stored projector sequence {stored['sequence']}: {error}"], stored
    stored["trades"] = trades
    if stored["fills"] != 2 * trades:
        problems.append(f"{stored['fills']} fill rows at projected sequence {stored['sequence']}, "
                        f"where the engine had made {trades} trades (want {2 * trades})")
    if stored["pairs"] != stored["fills"]:
        problems.append(f"{stored['fills'] - stored['pairs']} duplicate (account, trade id) fills")
    if stored["odd_trades"]:
        problems.append(f"{stored['odd_trades']} trade ids without exactly two fill rows")
    if stored["fills"] and (stored["min_trade"] != 1 or stored["max_trade"] != trades):
        problems.append(f"trade ids {stored['min_trade']}..{stored['max_trade']}, want 1..{trades}")
    return problems, stored


def run_cycle(binary, data, seed, min_run, max_run):
    """Starts the drill, reads its output for a random time, kills it with SIGKILL."""
    proc = subprocess.Popen([binary, "crash-drill", "--data", data, "--seed", str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    lines, errors = [], []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    err_reader = threading.Thread(target=lambda: errors.extend(proc.stderr), daemon=True)
    reader.start(); err_reader.start()
    # Trading starts once the projector has caught up (or the invariants are broken).
    deadline = time.time() + 120
    while (not any(l.startswith("INVARIANTS BROKEN") or (l.startswith("PROJECTED") and "engine=" in l) for l in list(lines))
           and time.time() < deadline and proc.poll() is None):
        time.sleep(0.01)
    time.sleep(random.uniform(min_run, max_run))
    exited = proc.poll()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(5); err_reader.join(5)
    if exited is not None:
        errors.append(f"(the drill exited by itself with status {exited} before the kill)\n")
    return lines, errors, exited


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--min-run", type=float, default=0.2)
    parser.add_argument("--max-run", type=float, default=2.5)
    args = parser.parse_args()
    random.seed(args.seed)
    data = tempfile.mkdtemp(prefix="perpetua-crash-")
    last_ack, checkpoints, failures, stored, max_lag = 0, [], 0, None, 0
    started = time.time()
    try:
        for cycle in range(1, args.cycles + 1):
            lines, errors, exited = run_cycle(args.binary, data, args.seed + cycle, args.min_run, args.max_run)
            recovered = next((l.split() for l in lines if l.startswith("RECOVERED")), None)
            if recovered is None:
                sys.exit(f"cycle {cycle}: the drill did not start:\n{''.join(errors[-20:])}")
            seq = int(recovered[1])
            problems = []
            if exited is not None:
                problems.append(f"the drill exited with status {exited} before the kill: "
                                + "".join(l for l in lines if l.startswith("PROJECTOR FAILED")).strip()
                                + "".join(errors[-5:]).strip())
            # The projector: caught up at the restart, then exact in the store the kill left.
            start_problems, start = check_projector_start(lines, stored)
            problems += start_problems
            store_problems, stored = check_store(args.binary, data)
            problems += store_problems
            if seq < last_ack:
                problems.append(f"recovered sequence {seq} is before the last acknowledged {last_ack}")
            if not any(l.startswith("INVARIANTS OK") for l in lines):
                problems.append("invariants broken after recovery: " + "".join(l for l in lines if l.startswith("INVARIANTS")))
            # Checkpoints printed before this crash must replay exactly from the journal.
            for at, expected in checkpoints[-3:]:
                got = replay(args.binary, data, at)["stateHash"]
                if got != expected:
                    problems.append(f"checkpoint {at}: replay {got} != live {expected}")
            acks = [int(l.split()[1]) for l in lines if l.startswith("ACK")]
            new_checkpoints = [(int(l.split()[1]), l.split()[2]) for l in lines if l.startswith("CHECKPOINT")]
            if acks:
                if acks != sorted(acks):
                    problems.append("acknowledgements out of order")
                last_ack = max(last_ack, acks[-1])
            checkpoints = (checkpoints + new_checkpoints)[-20:]
            # How far the projector trailed the engine at each checkpoint (the PROJECTED line
            # printed right after it).
            for previous, line in zip(lines, lines[1:]):
                if previous.startswith("CHECKPOINT") and line.startswith("PROJECTED"):
                    max_lag = max(max_lag, int(previous.split()[1]) - fields(line)["at"])
            status = "ok" if not problems else "FAILED: " + "; ".join(problems)
            projected = ""
            if start and stored:
                projected = (f"; projector caught up at {start['at']} ({start['trades']} trades), "
                             f"after the kill stored at {stored['sequence']} with {stored['fills']} fills "
                             f"= 2 x {stored.get('trades', '?')} replayed trades")
            print(f"cycle {cycle:2d}: recovered at {seq}, {len(acks)} new acknowledgements (last {last_ack}), "
                  f"{len(new_checkpoints)} checkpoints{projected}, {status}", flush=True)
            failures += bool(problems)
        # Final: a clean start, then snapshot + journal recovery must equal the journal alone,
        # and the projector checks once more.
        lines, errors, exited = run_cycle(args.binary, data, args.seed, 0.5, 0.5)
        recovered = next(l.split() for l in lines if l.startswith("RECOVERED"))
        alone = replay(args.binary, data, int(recovered[1]))
        # The drill may apply timer commands before printing RECOVERED; compare at that sequence.
        if alone["stateHash"] != recovered[2]:
            print(f"final: recovered {recovered[2]} != journal alone {alone['stateHash']}")
            failures += 1
        else:
            print(f"final: snapshot + journal recovery equals the journal alone at {recovered[1]}")
        start_problems, start = check_projector_start(lines, stored)
        store_problems, stored = check_store(args.binary, data)
        if exited is not None:
            start_problems.append(f"the drill exited with status {exited} before the kill")
        if start_problems or store_problems:
            print("final: projector FAILED: " + "; ".join(start_problems + store_problems))
            failures += 1
        else:
            print(f"final: projector caught up at {start['at']}; after the kill the store holds "
                  f"{stored['fills']} fills = 2 x {stored['trades']} trades at sequence {stored['sequence']}, no duplicates")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print(f"projector lag at checkpoints: at most {max_lag} commands")
    print(f"{args.cycles - failures} passed, {failures} failed ({time.time() - started:.0f} s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
