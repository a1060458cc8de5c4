#!/usr/bin/env python3
"""Runs a command and never lets it stay silent: `python3 scripts/progress.py -- cargo run ...`.

A cold build of the suite runs for many minutes with little or nothing printed (drink's bundle macro builds the
eight contracts inside one `rustc` of the test crate, and cargo shows nothing of it). This wrapper passes the
command's standard output through untouched and its standard error line by line, and whenever nothing has been
printed for INTERVAL seconds (default 25) it prints one line on standard error saying what is going on, read from
the running processes: which contract is being built for wasm32 and how many are done, which crates rustc is
compiling (native or wasm32), or which test binary is running. The command's exit code is its own; Ctrl-C and
SIGTERM reach the command.

Environment: INFRA_SUITE_PROGRESS_INTERVAL (seconds; 0 turns the status lines off), INFRA_SUITE_CACHE (where the
contract bundles are counted; as scripts/env.sh sets it).
"""
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

CONTRACTS = [
    "compliance_registry", "project_token", "crowdfund_escrow", "usage_pass", "iot_oracle",
    "dividend_distributor", "governor", "minimal_psp22", "xcm_port",
]


def running_commands():
    """The command lines of every process, as `ps` prints them (Linux and macOS)."""
    try:
        out = subprocess.run(["ps", "-eo", "args="], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in out.splitlines() if line.strip()]


def contracts_done(cache, since):
    """Contracts whose bundle was written by this run (after `since`): drink's build writes them under the drink
    crate's target (e2e-local-target), `cargo contract build` under the contracts' (contracts-target)."""
    done = []
    for name in CONTRACTS:
        for root in ("e2e-local-target", "contracts-target"):
            bundle = cache / root / "ink" / name / f"{name}.contract"
            try:
                if bundle.stat().st_mtime >= since:
                    done.append(name)
                    break
            except OSError:
                pass
    return done


def describe(commands, cache, since):
    """One sentence on what the processes in `commands` are doing."""
    building, shells = set(), set()
    for c in commands:
        if " build" not in c and "rustc" not in c:
            continue
        m = re.search(r"--target-dir[= ](\S*)/ink/([a-z0-9_]+)", c)
        if m:
            # deploy paths: the split contracts' shells build under ink-split/build (e2e-tests/src/split.rs)
            (shells if "ink-split" in m.group(1) else building).add(m.group(2))
    building, split = sorted(building), sorted(shells)
    crates = []
    for c in commands:
        m = re.search(r"rustc .*--crate-name ([A-Za-z0-9_]+)", c)
        if m:
            target = "wasm32" if "wasm32-unknown-unknown" in c else "native"
            crates.append(f"{m.group(1)} ({target})")
    # binaryen (contract-build's wasm-opt) is C++ compiled from source by the wasm-opt-sys crate: minutes, silent.
    binaryen = any(("cc1plus" in c or "c++" in c) and "wasm-opt-sys" in c for c in commands)
    tests = sorted({Path(m.group(1)).name.rsplit("-", 1)[0] for c in commands
                    for m in [re.match(r"(\S+/deps/[a-z0-9_]+-[0-9a-f]{16})(\s|$)", c)] if m})
    parts = []
    if building or split:
        done = contracts_done(cache, since)
        what = ", ".join(building + [f"{s} (split shell)" for s in split])
        parts.append(f"building the contract {what} for wasm32 ({len(done)} of {len(CONTRACTS)} contracts built "
                     "so far; the first builds ink! for wasm32 once for all of them, the others take about a minute each)")
    if crates:
        shown = ", ".join(crates[:4]) + (f" and {len(crates) - 4} more" if len(crates) > 4 else "")
        parts.append(f"rustc is compiling {shown}")
    if binaryen:
        parts.append("compiling binaryen (wasm-opt, C++) from source, once: several minutes")
    if tests:
        parts.append("running the test binary " + ", ".join(tests))
    if not parts:
        parts.append("working (linking, or waiting on a build lock)")
    return "; ".join(parts)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        print("usage: progress.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    interval = float(os.environ.get("INFRA_SUITE_PROGRESS_INTERVAL", "25"))
    cache = Path(os.environ.get("INFRA_SUITE_CACHE", Path.home() / ".cache" / "infra-suite"))
    start = time.time()
    child = None

    def forward(sig, _frame):
        if child is not None and child.poll() is None:
            child.send_signal(sig)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    child = subprocess.Popen(args, stderr=subprocess.PIPE)
    last = [time.time()]
    lock = threading.Lock()

    def pump():
        # Drains the child's standard error to the end, even if ours is closed (a `| head`): a full pipe would
        # block the child.
        for raw in iter(child.stderr.readline, b""):
            with lock:
                last[0] = time.time()
                try:
                    sys.stderr.buffer.write(raw)
                    sys.stderr.buffer.flush()
                except (BrokenPipeError, OSError):
                    pass

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    while child.poll() is None:
        time.sleep(1)
        if interval <= 0 or time.time() - last[0] < interval:
            continue
        status = describe(running_commands(), cache, start)
        elapsed = int(time.time() - start)
        with lock:
            last[0] = time.time()
            try:
                sys.stderr.write(f"   ... {elapsed // 60} min {elapsed % 60:02d} s: {status}\n")
                sys.stderr.flush()
            except (BrokenPipeError, OSError):
                pass
    reader.join(timeout=5)
    # A child ended by a signal: the shell's convention, 128 + the signal's number.
    return 128 - child.returncode if child.returncode < 0 else child.returncode


if __name__ == "__main__":
    sys.exit(main())
