#!/usr/bin/env python3
"""Issue 15's table: SIGINT and SIGTERM at moments of `hil latency` and `hil run`, and kill -9 of each
process kind, then what is left (processes, /dev/shm/hil-* objects, socket folders) and, after the
next run on the same lock folder, what is still left. Prints a Markdown table.

Usage: ci/tests/signal_table.py [--latency] [--run [--suite NAME]] [--kill [--no-signals]] [--signals INT,TERM] [--run-moments 5,30,...]
Needs the CLI built (HIL_CLI, default harness/Hil.Cli/bin/Release/net10.0/hil.dll) and build/dext.
Each trial runs in its own session (so SIGINT is not ignored as for a background job), its own lock
folder and results folder; its processes are found by a tag in their environment, so other runs on
the host are never counted or touched.
"""
import argparse, glob, json, os, signal, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.environ.get("HIL_CLI", os.path.join(ROOT, "harness/Hil.Cli/bin/Release/net10.0/hil.dll"))
EXIT_WAIT = 180  # seconds a signalled run may take to end before it counts as hung


def tagged(tag):
    """pid -> kind of every live, non-zombie process carrying the tag."""
    found = {}
    for d in glob.glob("/proc/[0-9]*"):
        try:
            with open(d + "/environ", "rb") as f:
                if ("HIL_TABLE_TAG=" + tag).encode() not in f.read():
                    continue
            with open(d + "/stat") as f:
                stat = f.read()
            if stat[stat.rindex(")") + 2] == "Z":
                continue
            with open(d + "/cmdline", "rb") as f:
                argv = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
            found[int(d[6:])] = kind(argv)
        except (OSError, ValueError):
            continue
    return found


def kind(argv):
    text = " ".join(argv)
    for name in ("hil-simhost", "hil-floor", "testhost", "vstest", "hil.dll", "dotnet test", "MSBuild"):
        if name in text:
            return {"hil.dll": "hil", "vstest": "dotnet test", "dotnet test": "dotnet test"}.get(name, name)
    return os.path.basename(argv[0]) if argv else "?"


def leftovers(tag, pids):
    procs = tagged(tag)
    shm = [p for pid in pids for p in glob.glob(f"/dev/shm/hil-{pid}-*")]
    socks = [p for pid in pids for p in glob.glob(f"{tempfile.gettempdir()}/hil-sim-{pid}-*")]
    return procs, shm, socks


def first_verdict(work):
    try:
        with open(os.path.join(work, "results", "fixtures.log")) as f:
            return any(l.strip().startswith(("Passed ", "Failed ")) for l in f)
    except OSError:
        return False


def moment(text):
    return text if text.startswith("suite+") else float(text)


def results_valid(folder):
    bad = []
    for path in glob.glob(os.path.join(folder, "allure", "*-result.json")):
        with open(path) as f:
            r = json.load(f)
        if "stop" not in r or r.get("stage") == "running":
            bad.append(os.path.basename(path))
    return "n/a" if not os.path.isdir(os.path.join(folder, "allure")) else ("yes" if not bad else f"no ({len(bad)})")


def latency_args(samples=20000, rate=2000):
    return ["latency", "--rig", "rigs/sim.yaml", "--topology", "app-relay", "--samples", str(samples), "--rate", str(rate)]


def trial(verb_args, at, sig, target_kind, env_extra):
    tag = uuid.uuid4().hex
    work = tempfile.mkdtemp(prefix="hil-table-")
    env = dict(os.environ, HIL_TABLE_TAG=tag, HIL_LOCK_DIR=os.path.join(work, "locks"))
    env.update(env_extra)
    args = list(verb_args)
    if args[0] == "run":
        args += ["--results", os.path.join(work, "results"), "--report", os.path.join(work, "report"),
                 "--history", os.path.join(work, "history.jsonl")]
    # A shell without job control starts background commands with SIGINT ignored, and an ignored
    # signal stays ignored across exec: give the run the default back, as a terminal would.
    proc = subprocess.Popen(["dotnet", CLI] + args, cwd=ROOT, env=env, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                            stdout=open(os.path.join(work, "out.log"), "w"), stderr=subprocess.STDOUT)
    seen = {}
    deadline = time.monotonic() + (at if isinstance(at, float) else 900)
    suite_started = None
    while time.monotonic() < deadline and proc.poll() is None:
        seen.update(tagged(tag))
        if isinstance(at, str) and suite_started is None and first_verdict(work):
            # "suite+S": S seconds after the suite's first test verdict (the build is over by then).
            suite_started = time.monotonic()
            deadline = suite_started + float(at.split("+")[1])
        time.sleep(0.1)
    seen.update(tagged(tag))
    ended_before = proc.poll() is not None
    victim = proc.pid if target_kind == "hil" else next((p for p, k in seen.items() if k == target_kind and os.path.exists(f"/proc/{p}")), None)
    if victim is not None and not ended_before:
        try:
            os.kill(victim, sig)
        except ProcessLookupError:
            victim = None
    try:
        code = proc.wait(EXIT_WAIT)
    except subprocess.TimeoutExpired:
        code = "hung"
    time.sleep(2)
    pids = set(seen) | {proc.pid}
    procs, shm, socks = leftovers(tag, pids)
    valid = results_valid(os.path.join(work, "results")) if args[0] == "run" else "n/a"
    # The next run on the same lock folder takes the stale lock over (if any) and heals.
    nxt = subprocess.run(["dotnet", CLI] + latency_args(200, 1000) + ["--no-floor"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    healed = [l for l in nxt.stderr.splitlines() if "removed what" in l or "left nothing" in l]
    procs2, shm2, socks2 = leftovers(tag, pids)
    for p in procs2:  # never leave anything behind the table itself
        os.kill(p, signal.SIGKILL)
    with open(os.path.join(work, "out.log")) as f:
        tail = [l for l in f.read().splitlines() if l.startswith("hil:")][-1:]
    if isinstance(code, int) and code < 0:
        # Ended by the signal's default action (before the runtime set its handlers): a shell says 128 + N.
        code = f"{128 - code} (signal's default action)"
    return dict(code=code, victim="-" if victim is None else seen.get(victim, "hil"), ended_before=ended_before,
                left=count(procs, shm, socks), valid=valid, after=count(procs2, shm2, socks2), next=nxt.returncode,
                healed="; ".join(healed)[:120], said=(tail[0][:80] if tail else ""), work=work,
                kinds=",".join(sorted(set(seen.values()))))


def count(procs, shm, socks):
    """'N proc (kinds), N shm, N sock': the kinds say whose processes were left."""
    kinds = ", ".join(sorted(set(procs.values())))
    return f"{len(procs)} proc{f' ({kinds})' if kinds else ''}, {len(shm)} shm, {len(socks)} sock"


def row(label, r):
    print(f"| {label} | {r['victim']} | {r['code']} | {r['said']} | {r['valid']} | {r['left']} | {r['next']} | {r['after']} | {r['healed']} |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", action="store_true")
    ap.add_argument("--run", action="store_true")
    ap.add_argument("--kill", action="store_true")
    ap.add_argument("--no-signals", action="store_true", help="only the kill -9 trials (with --kill)")
    ap.add_argument("--signals", default="INT,TERM", help="which of INT,TERM to send")
    ap.add_argument("--latency-moments", default="0.3,1.5,3,6,9")
    ap.add_argument("--run-moments", default="5,60,suite+0,suite+2,suite+5,suite+10,suite+20,suite+30,suite+45,suite+60",
                    help="seconds after start, or suite+S: S seconds after the suite's first test verdict")
    ap.add_argument("--kinds", default="hil,dotnet test,testhost,hil-simhost", help="hil run's process kinds to kill -9")
    ap.add_argument("--suite", default="smoke",
                    help="hil run's suite; smoke ends within ~10 s of its first verdict, so later moments need a longer one (nightly)")
    a = ap.parse_args()
    if not os.path.isfile(CLI):
        sys.exit(f"signal_table.py: {CLI} not found: build the CLI (./hil doctor) or name it in HIL_CLI")
    print("| trial | signalled | exit | last hil: line | results valid | left after exit | next run exit | left after next run | next run said |")
    print("|---|---|---|---|---|---|---|---|---|", flush=True)
    signals = [] if a.no_signals else [("SIG" + s, getattr(signal, "SIG" + s)) for s in a.signals.split(",")]
    for name, sig in signals:
        if a.latency:
            for at in map(float, a.latency_moments.split(",")):
                row(f"hil latency, {name} at {at:g} s", trial(latency_args(), at, sig, "hil", {}))
        if a.run:
            for at in map(moment, a.run_moments.split(",")):
                row(f"hil run --suite {a.suite}, {name} at {at if isinstance(at, str) else f'{at:g}'} s", trial(["run", "--suite", a.suite], at, sig, "hil", {}))
    if a.kill:
        if a.latency:
            for k, at in (("hil", 4.0), ("hil-simhost", 4.0), ("hil-floor", 4.0)):
                row(f"hil latency, kill -9 {k} at {at:g} s", trial(latency_args(), at, signal.SIGKILL, k, {}))
        if a.run:
            for k in a.kinds.split(","):
                row(f"hil run --suite {a.suite}, kill -9 {k} at suite+5 s", trial(["run", "--suite", a.suite], "suite+5", signal.SIGKILL, k, {}))


if __name__ == "__main__":
    sys.exit(main())
