"""`deploy.py --rehearse`: the whole deployment, done first on a throw-away fork of the target chain.

A sponsor deploying with real money wants to know, before the first transaction, what the deployment will cost on
*that* chain (its fees, its storage-deposit prices, its code already uploaded) and whether every constructor and
call fits its blocks. Estimating that from outside is guesswork; doing it is exact. So the rehearsal starts
chopsticks forking the target chain at its newest block (`local-chain/chain.cjs fork`), deploys the project there
with the real signer (signatures are checked for real; nothing done on the fork reaches the target), and compares
what the deployer's account lost with what it holds on the target:

- spent: the fall of its free balance, all of it (fees, storage deposits, the endowments of new contracts);
- of which held: the rise of its reserved balance (pallet-contracts holds the deposit of uploaded code there; the
  storage deposits of instantiated contracts move to the contracts' own accounts and are held there);
- enough: whether what it can spend on the target (free, less what a freeze keeps) covers the spend with a
  margin (MARGIN_PERCENT) for fees that move with the chain's load.

Exit 0 when the deployment went through on the fork and the deployer can pay for it, 1 otherwise. The manifest the
rehearsal writes (in a temporary directory) is thrown away with the fork.
"""
from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import deploy
from rendering import DeployError

#: twox128("System") ++ twox128("Account"): the prefix of every account's `AccountInfo`.
SYSTEM_ACCOUNT = bytes.fromhex("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
#: The spend is compared with the spendable balance with this much to spare (fees follow the chain's load).
MARGIN_PERCENT = 10
#: The longest a rehearsal may take (the toll road takes about 2.5 min on the local chain): past it, the signer
#: and the fork are stopped and the rehearsal fails, instead of waiting forever on a fork or a target gone silent.
REHEARSAL_S = 30 * 60
#: How long the fork may take to read the target's state and build its first block.
FORK_READY_S = 180


@dataclass
class Balance:
    free: int
    reserved: int
    frozen: int = 0

    def spendable(self, existential_deposit: int) -> int:
        """What the account can pay out and stay alive, as pallet-balances counts it for a fee or a deposit (both
        keep the payer alive): its free balance less the larger of the part a freeze (a lock, a vesting) keeps,
        which the reserved balance may already cover, and the existential deposit."""
        return max(0, self.free - max(self.frozen - self.reserved, existential_deposit))


def account_key(address: str) -> str:
    """The storage key of `address`'s `AccountInfo` (Blake2_128Concat of the account id)."""
    who = deploy.public_key(address)
    return "0x" + (SYSTEM_ACCOUNT + hashlib.blake2b(who, digest_size=16).digest() + who).hex()


def balance(node: deploy.Node, address: str) -> Balance:
    """`address`'s free and reserved balance (an `AccountInfo`: nonce, consumers, providers, sufficients as u32,
    then free, reserved, frozen and flags as u128); zero for an account the chain does not know."""
    raw = node.rpc("state_getStorage", [account_key(address)])
    if not raw:
        return Balance(0, 0)
    data = bytes.fromhex(raw[2:])
    # 4 x u32 (nonce and reference counts) then 4 x u128 (free, reserved, frozen, flags): 80 bytes. A chain with
    # another layout (a u64 nonce) would be misread at these offsets, so it is refused instead.
    if len(data) != 80:
        raise DeployError(f"the chain's AccountInfo for {address} is {len(data)} bytes, not the 80-byte layout expected")
    field = lambda i: int.from_bytes(data[16 + 16 * i:32 + 16 * i], "little")  # noqa: E731
    return Balance(field(0), field(1), field(2))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Fork:
    """A chopsticks fork of the chain at `url`, on 127.0.0.1, for as long as the `with` lasts."""

    def __init__(self, url: str, workdir: Path):
        self.url = url
        self.log = workdir / "fork.log"
        self.fork_url = ""
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Fork":
        script = Path(__file__).parent / "local-chain" / "chain.cjs"
        # The fork gets no secret: not in its arguments, not in its environment.
        env = {k: v for k, v in os.environ.items() if k != "DEPLOY_SURI"}
        env["CHOPSTICKS_HOME"] = deploy.chopsticks_home()
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(["node", str(script), "fork", self.url, str(free_port())], stdout=log,
                                         stderr=subprocess.STDOUT, env=env)
        try:
            return self._wait_ready()
        except BaseException:
            # `with` calls __exit__ only after __enter__ returned: a failure or a kill while waiting stops the fork.
            self.__exit__(None, None, None)
            raise

    def _wait_ready(self) -> "Fork":
        until = time.monotonic() + FORK_READY_S
        while time.monotonic() < until:
            if self.proc.poll() is not None:
                raise DeployError(f"the fork of {self.url} stopped: {self._tail()}")
            # The address the fork says it serves (chopsticks moves to the next port if the one asked is taken):
            # the rehearsal must sign for the fork, never for whatever else listens on the port it asked for.
            ready = re.search(r"ready (ws://127\.0\.0\.1:\d+) forked", self.log.read_text(errors="replace"))
            if ready:
                self.fork_url = ready.group(1)
                return self
            time.sleep(0.5)
        raise DeployError(f"the fork of {self.url} was not ready after {FORK_READY_S} s: {self._tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def _tail(self) -> str:
        lines = self.log.read_text(errors="replace").strip().splitlines()
        return " | ".join(lines[-5:]) or "(no output)"

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


#: The chain's decimals, as `system_properties` gives them (12 on the contracts node), set by `rehearse`.
DECIMALS = 12


def units(v: int) -> str:
    """`v` base units as whole units of the chain (exact: integer arithmetic, trailing zeros dropped)."""
    sign, v = ("-", -v) if v < 0 else ("", v)
    whole, frac = divmod(v, 10 ** DECIMALS)
    frac_text = f"{frac:0{DECIMALS}d}".rstrip("0") if DECIMALS else ""
    return f"{sign}{whole:,}{'.' + frac_text if frac_text else ''}"


def verdict(spent: int, spendable_on_target: int) -> tuple[bool, str]:
    """Whether `spendable_on_target` pays `spent` with MARGIN_PERCENT to spare, and the sentence that says so."""
    need = spent + spent * MARGIN_PERCENT // 100
    if spendable_on_target >= need:
        return True, (f"enough: the deployer can spend {units(spendable_on_target)}, the deployment needs "
                      f"{units(spent)} ({units(need)} with {MARGIN_PERCENT}% to spare)")
    return False, (f"NOT ENOUGH: the deployer can spend {units(spendable_on_target)}, the deployment needs "
                   f"{units(spent)} ({units(need)} with {MARGIN_PERCENT}% to spare): fund it with at least "
                   f"{units(need - spendable_on_target)} more before deploying")


def rehearse(args, project: dict, arts: dict, secret: str) -> int:
    """Deploys `project` on a fork of `args.url` with the deployer's secret and reports what it costs there."""
    global DECIMALS
    target = deploy.Node(args.url)
    target.chain_facts()
    decimals = (target.rpc("system_properties") or {}).get("tokenDecimals", 12)
    DECIMALS = int(decimals[0] if isinstance(decimals, list) else decimals)
    # A CI timeout or Ctrl-C stops the fork too (the `with` below ends on SystemExit).
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return _rehearse(args, project, arts, secret, target)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _rehearse(args, project: dict, arts: dict, secret: str, target: deploy.Node) -> int:
    with tempfile.TemporaryDirectory(prefix="rehearsal-") as tmp, Fork(args.url, Path(tmp)) as fork:
        print(f"rehearsing on a fork of {args.url} at {fork.fork_url} (thrown away afterwards)")
        node = deploy.Node(fork.fork_url)
        facts = node.chain_facts()
        signer = deploy.Signer(fork.fork_url, secret)
        stop = threading.Event()
        timed_out = threading.Event()

        def watchdog():
            # A dead fork or a rehearsal past its time: stop the signer, whose next answer is then "stopped".
            until = time.monotonic() + REHEARSAL_S
            while not stop.wait(2):
                if not fork.alive() or time.monotonic() > until:
                    if fork.alive():
                        timed_out.set()
                    signer.proc.kill()
                    return

        threading.Thread(target=watchdog, daemon=True).start()
        try:
            before = balance(node, signer.address)
            on_target = balance(target, signer.address)
            fork_args = copy.copy(args)
            fork_args.url = fork.fork_url
            fork_args.manifest = Path(tmp) / "manifest.json"
            # A deployment already begun is rehearsed from where it stands, as the real run will resume it.
            if args.manifest and Path(args.manifest).is_file():
                shutil.copy(args.manifest, fork_args.manifest)
            try:
                deploy.deploy(fork_args, project, node, facts, signer, arts)
            except (DeployError, ValueError) as e:  # ValueError: a reply line cut by the watchdog's kill
                if not fork.alive():
                    raise DeployError(f"the fork of {args.url} stopped during the rehearsal: {fork._tail()}") from None
                if timed_out.is_set():
                    raise DeployError(f"the rehearsal took longer than {REHEARSAL_S // 60} min (is {args.url} answering?)") \
                        from None
                raise DeployError(f"the rehearsal failed on the fork, so the real deployment would too: {e}") from None
            after = balance(node, signer.address)
            existential_deposit = int(signer.existential_deposit())
        finally:
            stop.set()
            signer.close()
    spent = before.free - after.free
    held = after.reserved - before.reserved
    print(f"the rehearsal deployed {project['project']['name']} on the fork as {signer.address}:")
    print(f"  spent {units(spent)} of free balance: {units(held)} held on the deployer's account (the deposits of "
          f"the code it uploaded, returned if that code is removed) and {units(spent - held)} paid out: fees, and "
          "the storage deposits and endowments the new contracts hold")
    ok, sentence = verdict(spent, on_target.spendable(existential_deposit))
    print(f"  {sentence} (the account keeps its existential deposit of {units(existential_deposit)})")
    print(f"  spent_base_units={spent} held_base_units={held}")
    return 0 if ok else 1
