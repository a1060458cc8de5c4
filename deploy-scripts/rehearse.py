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
- enough: whether its free balance on the target covers the spend with a margin (MARGIN) for fees that move with
  the chain's load.

Exit 0 when the deployment went through on the fork and the deployer can pay for it, 1 otherwise. The manifest the
rehearsal writes (in a temporary directory) is thrown away with the fork.
"""
from __future__ import annotations

import copy
import hashlib
import os
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import deploy
from rendering import DeployError

#: twox128("System") ++ twox128("Account"): the prefix of every account's `AccountInfo`.
SYSTEM_ACCOUNT = bytes.fromhex("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
#: The spend is compared with the free balance with this much to spare (fees follow the chain's load).
MARGIN = 0.10
#: How long the fork may take to read the target's state and build its first block.
FORK_READY_S = 180


@dataclass
class Balance:
    free: int
    reserved: int


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
    if len(data) < 16 + 32:
        raise DeployError(f"the chain's AccountInfo for {address} is {len(data)} bytes, not the layout expected")
    return Balance(int.from_bytes(data[16:32], "little"), int.from_bytes(data[32:48], "little"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Fork:
    """A chopsticks fork of the chain at `url`, on a free port of 127.0.0.1, for as long as the `with` lasts."""

    def __init__(self, url: str, workdir: Path):
        self.url = url
        self.log = workdir / "fork.log"
        self.port = free_port()
        self.fork_url = f"ws://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Fork":
        script = Path(__file__).parent / "local-chain" / "chain.cjs"
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(["node", str(script), "fork", self.url, str(self.port)], stdout=log,
                                         stderr=subprocess.STDOUT,
                                         env={**os.environ, "CHOPSTICKS_HOME": deploy.chopsticks_home()})
        until = time.monotonic() + FORK_READY_S
        while time.monotonic() < until:
            if self.proc.poll() is not None:
                raise DeployError(f"the fork of {self.url} stopped: {self._tail()}")
            if "ready ws://" in self.log.read_text(errors="replace"):
                return self
            time.sleep(0.5)
        self.__exit__(None, None, None)
        raise DeployError(f"the fork of {self.url} was not ready after {FORK_READY_S} s: {self._tail()}")

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


def verdict(spent: int, free_on_target: int) -> tuple[bool, str]:
    """Whether `free_on_target` pays `spent` with MARGIN to spare, and the sentence that says so."""
    need = spent + int(spent * MARGIN)
    if free_on_target >= need:
        return True, (f"enough: the deployer holds {units(free_on_target)} free, the deployment needs "
                      f"{units(spent)} ({units(need)} with {int(MARGIN * 100)}% to spare)")
    return False, (f"NOT ENOUGH: the deployer holds {units(free_on_target)} free, the deployment needs {units(spent)} "
                   f"({units(need)} with {int(MARGIN * 100)}% to spare): fund it with at least "
                   f"{units(need - free_on_target)} more before deploying")


def rehearse(args, project: dict, arts: dict, secret: str) -> int:
    """Deploys `project` on a fork of `args.url` with the deployer's secret and reports what it costs there."""
    global DECIMALS
    target = deploy.Node(args.url)
    target.chain_facts()
    decimals = (target.rpc("system_properties") or {}).get("tokenDecimals", 12)
    DECIMALS = int(decimals[0] if isinstance(decimals, list) else decimals)
    with tempfile.TemporaryDirectory(prefix="rehearsal-") as tmp, Fork(args.url, Path(tmp)) as fork:
        print(f"rehearsing on a fork of {args.url} at {fork.fork_url} (thrown away afterwards)")
        node = deploy.Node(fork.fork_url)
        facts = node.chain_facts()
        signer = deploy.Signer(fork.fork_url, secret)
        try:
            before = balance(node, signer.address)
            on_target = balance(target, signer.address)
            fork_args = copy.copy(args)
            fork_args.url = fork.fork_url
            fork_args.manifest = Path(tmp) / "manifest.json"
            deploy.deploy(fork_args, project, node, facts, signer, arts)
            after = balance(node, signer.address)
        finally:
            signer.close()
    spent = before.free - after.free
    held = after.reserved - before.reserved
    print(f"the rehearsal deployed {project['project']['name']} on the fork as {signer.address}:")
    print(f"  spent {units(spent)} of free balance: {units(held)} held on the deployer's account (the deposits of "
          f"the code it uploaded, returned if that code is removed) and {units(spent - held)} paid out: fees, and "
          "the storage deposits and endowments the new contracts hold")
    ok, sentence = verdict(spent, on_target.free)
    print(f"  {sentence}")
    print(f"  spent_base_units={spent} held_base_units={held}")
    return 0 if ok else 1
