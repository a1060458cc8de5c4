#!/usr/bin/env python3
"""Deploys the whole suite onto a pallet-contracts node with `cargo contract` (5.0.x) and writes a manifest.

    deploy-scripts/deploy.py --url ws://127.0.0.1:9944 --suri //Alice --project deploy-scripts/projects/toll-road.toml

Order (each later contract needs the earlier ones' addresses):
  registry -> token -> oracle -> escrow -> distributor -> usage pass -> governor -> handover to the governor.
Every step is recorded in the manifest as soon as it lands on chain, so a re-run against the same chain skips what
is done (idempotent by manifest) and an interrupted run resumes where it stopped. A manifest from another chain
(other genesis hash) is refused rather than trusted.

The manifest (JSON) is what a front-end loads: chain (name, genesis hash, block), every contract's address, code
hash and metadata path, and the roles granted. Python 3.11+ standard library only; `cargo contract` does the
signing, the dry runs and the SCALE encoding from each contract's metadata.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rendering import (DeployError, allowed_call, check_project, country_args, distributor_config, feed_config,
                       governor_params, is_sponsor_side, meter_args, offering_terms, opt, oracle_args, pass_args,
                       pass_class, registry_table, role_args, rule, seq, tax_args, token_args, verifier_args)

REPO = Path(__file__).resolve().parent.parent

#: Deployment order; the key is the crate (and artifact) name, the value the short name the TOML and the manifest use.
CONTRACTS = {
    "compliance_registry": "registry",
    "project_token": "token",
    "iot_oracle": "oracle",
    "crowdfund_escrow": "escrow",
    "dividend_distributor": "distributor",
    "usage_pass": "pass",
    "governor": "governor",
}
#: The messages of the `Admin` trait every contract but the governor implements (full labels: `cargo contract
#: --message` takes a trait message by its label, as in the metadata).
ADMIN = "Admin::admin"
TRANSFER_ADMIN = "Admin::transfer_admin"
#: A read-only message each contract answers, used to check a manifest's address really holds that contract.
PROBE = {
    "registry": ADMIN,
    "token": ADMIN,
    "oracle": ADMIN,
    "escrow": ADMIN,
    "distributor": ADMIN,
    "pass": ADMIN,
    "governor": "params",
}
#: `Timestamp::Now` storage key (twox128("Timestamp") ++ twox128("Now")).
TIMESTAMP_NOW = "0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb"




# ---------------------------------------------------------------------------------------------------------- node


class Node:
    """JSON-RPC over HTTP to the node behind `url` (substrate nodes and chopsticks serve HTTP on the ws port)."""

    def __init__(self, url: str):
        if not re.match(r"^wss?://[^/\s]+", url):
            raise DeployError(f"--url must look like ws://host:port, got {url!r}")
        self.url = url
        self.http = "http" + url[2:] if url.startswith("ws") else url

    def rpc(self, method: str, params: list | None = None):
        body = json.dumps({"id": 1, "jsonrpc": "2.0", "method": method, "params": params or []}).encode()
        req = urllib.request.Request(self.http, body, {"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                answer = json.load(resp)
        except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
            raise DeployError(
                f"cannot reach a node at {self.url} ({getattr(e, 'reason', e)}). Is it running, and is the port "
                "right? `./chain.sh start` starts a local one on ws://127.0.0.1:9944."
            ) from None
        except json.JSONDecodeError:
            raise DeployError(f"{self.url} answered, but not with JSON-RPC: is it a Substrate node?") from None
        if "error" in answer:
            raise DeployError(f"node refused {method}: {answer['error'].get('message', answer['error'])}")
        return answer["result"]

    def chain_facts(self) -> dict:
        version = self.rpc("state_getRuntimeVersion")
        contracts_api = "0x" + hashlib.blake2b(b"ContractsApi", digest_size=8).hexdigest()
        if not any(api == contracts_api for api, _ in version["apis"]):
            raise DeployError(
                f"the node at {self.url} ({version['specName']}) has no pallet-contracts (ContractsApi): the suite "
                "needs a Wasm contracts chain"
            )
        return {
            "name": self.rpc("system_chain"),
            "runtime": f"{version['specName']}/{version['specVersion']}",
            "genesis_hash": self.rpc("chain_getBlockHash", [0]),
            # Dev chains restarted from the same genesis share its hash; their first block tells them apart.
            "block_1_hash": self.rpc("chain_getBlockHash", [1]),
        }

    def best_block(self) -> int:
        return int(self.rpc("chain_getHeader")["number"], 16)

    def now_ms(self) -> int:
        raw = self.rpc("state_getStorage", [TIMESTAMP_NOW])
        if not raw:
            return int(time.time() * 1000)
        return int.from_bytes(bytes.fromhex(raw[2:]), "little")


# --------------------------------------------------------------------------------------------- cargo contract


@dataclass
class Artifact:
    crate: str
    bundle: Path  # the .contract file (code + metadata)
    metadata: Path  # the .json metadata beside it
    code_hash: str
    selectors: dict  # message label -> selector
    # A split contract (suite_traits::split): the bundle above is its shell (the full code's metadata with the
    # shell's Wasm), and this is the full code, to upload before the shell is instantiated.
    full: "Artifact | None" = None


#: The split contracts, and the variable their shell build reads the full code's hash from.
SPLIT = {
    "project_token": "PROJECT_TOKEN_FULL_CODE_HASH",
    "compliance_registry": "COMPLIANCE_REGISTRY_FULL_CODE_HASH",
    "dividend_distributor": "DIVIDEND_DISTRIBUTOR_FULL_CODE_HASH",
    "governor": "GOVERNOR_FULL_CODE_HASH",
    "iot_oracle": "IOT_ORACLE_FULL_CODE_HASH",
    "usage_pass": "USAGE_PASS_FULL_CODE_HASH",
}


def metadata_path(crate: str, code: str) -> str:
    """Where a deployment keeps the metadata of `crate` built as `code` (relative to the manifest's folder)."""
    return f"metadata/{code.removeprefix('0x')[:16]}/{crate}.json"


def code_mismatches(recorded: dict, on_chain: str | None, local: "Artifact | None", metadata_hash: str | None) \
        -> list[str]:
    """What does not match for one contract of a manifest (`recorded`, its entry): the code hash on chain, the one
    the manifest records, the local verifiable build's (shell and pinned full code) and the kept metadata's.
    An empty list: the code on chain is the code built here from this checkout."""
    wrong = []
    manifest = recorded.get("code_hash")
    if on_chain is None:
        wrong.append(f"no contract at {recorded.get('address')} on this chain")
    elif on_chain != manifest:
        wrong.append(f"code on chain {on_chain} is not the manifest's {manifest}")
    if metadata_hash != manifest:
        wrong.append(f"the kept metadata ({recorded.get('metadata')}) describes code {metadata_hash}, not {manifest}")
    if local is None:
        wrong.append(f"no local build of {recorded.get('crate')} to compare with")
        return wrong
    if local.code_hash != manifest:
        wrong.append(f"the local build is {local.code_hash}, not the manifest's {manifest}")
    full = recorded.get("full_code_hash")
    if (local.full.code_hash if local.full else None) != full:
        wrong.append(f"the full code the local shell pins is {local.full.code_hash if local.full else None}, "
                     f"not the manifest's {full}")
    return wrong


def code_hash(wasm: bytes) -> str:
    """The code hash pallet-contracts gives a Wasm blob (BLAKE2b-256), as 0x-hex."""
    return "0x" + hashlib.blake2b(wasm, digest_size=32).hexdigest()


def compose_split(full: dict, shell_wasm: bytes, full_bundle_name: str) -> dict:
    """The deployable bundle of a split contract: the full code's metadata (every selector, the constructor) with
    the shell's Wasm and hash, and where the full code is, under source.build_info.split."""
    out = json.loads(json.dumps(full))
    source = out["source"]
    build_info = dict(source.get("build_info") or {})
    build_info["split"] = {
        "full_code_hash": source["hash"],
        "full_bundle": full_bundle_name,
        "shell_features": ["hot-shell"],
    }
    source.update({"wasm": "0x" + shell_wasm.hex(), "hash": code_hash(shell_wasm), "build_info": build_info})
    return out


def shell_sources_key(crate: str, full_hash: str) -> str:
    """What a shell is kept under: its full code's hash and every file it is compiled from (the crate's and the
    shared traits' sources and manifests, the workspace manifest, the toolchain)."""
    h = hashlib.blake2b(full_hash.encode(), digest_size=16)
    files = [REPO / "Cargo.toml", REPO / "rust-toolchain.toml"]
    for root in (REPO / "contracts" / crate, REPO / "contracts" / "suite-traits"):
        files += sorted(p for p in root.rglob("*")
                        if p.suffix in (".rs", ".toml") and "target" not in p.relative_to(REPO).parts)
    for f in files:
        if f.is_file():
            h.update(str(f.relative_to(REPO)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


#: The rustc wrapper every contract build goes through (`scripts/rustc-stable-ids`): without it, the Wasm depends on
#: the checkout's path and an auditor's build from another path gives other code hashes.
STABLE_IDS = REPO / "scripts" / "rustc-stable-ids"
CARGO_LOCKED = REPO / "scripts" / "cargo-locked"
TOOLCHAIN = re.search(r'^channel = "([^"]+)"', (REPO / "rust-toolchain.toml").read_text(), re.MULTILINE).group(1)


def stable_ids_key() -> str:
    """The wrapper's hash, in the name of every contract build directory: cargo does not rebuild when the wrapper
    changes, so crates compiled through another version of it must never be reused (as in scripts/env.sh)."""
    return hashlib.sha256(STABLE_IDS.read_bytes()).hexdigest()[:12]


def share_target(build_dir: Path, crate: str):
    """contract-build gives each crate its own directory under `build_dir/ink`; like scripts/env.sh, make it a link
    to one shared directory, so ink! and core for wasm32 are built once for all crates, not once per crate."""
    ink = build_dir / "ink"
    shared = ink / "shared"
    shared.mkdir(parents=True, exist_ok=True)
    link = ink / crate
    if link.is_symlink() and os.readlink(link) == "shared":
        return
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to("shared")


def contract_build_env(**extra: str) -> dict:
    """The environment of a `cargo contract build`: this process's, with the path-independent crate identities, the
    checkout's Cargo.lock (scripts/cargo-locked: contract-build would otherwise resolve every dependency afresh),
    this checkout's toolchain, and without an inherited target directory (cargo contract picks its own under the
    target it is given)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR", "INFRA_SUITE_REAL_CARGO")}
    env["RUSTC_WRAPPER"] = str(STABLE_IDS)
    env["CARGO"] = str(CARGO_LOCKED)
    env["RUSTUP_TOOLCHAIN"] = TOOLCHAIN
    env.update(extra)
    return env


def contract_build_cmd(manifest: Path, *args: str) -> list[str]:
    """`cargo contract build --release --quiet ARGS --manifest-path MANIFEST`, run as the cargo-contract binary
    itself, so the environment of `contract_build_env` reaches contract-build exactly as given ($CARGO above all:
    contract-build runs it for every cargo command)."""
    binary = shutil.which("cargo-contract")
    if binary is None:
        raise DeployError("cargo-contract is not installed: run deploy-scripts/local-chain/install.sh "
                          "(it installs cargo-contract 5.0.3 into the build cache)")
    return [binary, "contract", "build", "--release", "--quiet", *args, "--manifest-path", str(manifest)]


def build_code(crate: str, build_dir: Path, features: list[str], env_extra: dict) -> bytes:
    """`cargo contract build --release --generate code-only` of `crate` into `build_dir`; the optimised Wasm."""
    env = contract_build_env(CARGO_TARGET_DIR=str(build_dir), **env_extra)
    share_target(build_dir, crate)
    manifest = REPO / "contracts" / crate / "Cargo.toml"
    extra = ["--generate", "code-only"] + (["--features", ",".join(features)] if features else [])
    if subprocess.run(contract_build_cmd(manifest, *extra), env=env).returncode != 0:
        raise DeployError(f"building {crate} {' '.join(features)} failed (its output is above)")
    return (build_dir / "ink" / crate / f"{crate}.wasm").read_bytes()


def check_shell(crate: str, shell_wasm: bytes, full_hash: str):
    """A shell delegates to the hash compiled into it: it must be `full_hash`, the code deployed beside it."""
    if bytes.fromhex(full_hash[2:]) not in shell_wasm:
        raise DeployError(f"the {crate} shell does not carry the hash of its full code {full_hash}: it would hand "
                          "every admin message to other code. Rebuild both (deploy.py --build)")


def build_shell(crate: str, full_hash: str) -> bytes:
    """`cargo contract build --release --features hot-shell` of `crate` against the full code `full_hash`, kept in
    the build cache until the full code or a source changes. The full code must be the build of these very sources
    (builds are deterministic): a shell pins whatever hash it is given, and would otherwise hand the admin messages
    to an older full code for good."""
    split_cache = Path(os.environ.get("INFRA_SUITE_CACHE", Path.home() / ".cache" / "infra-suite")) / "split-deploy"
    cache = split_cache / crate
    kept = cache / f"{shell_sources_key(crate, full_hash)}.wasm"
    if kept.is_file():
        wasm = kept.read_bytes()
        check_shell(crate, wasm, full_hash)
        return wasm
    print(f"checking the {crate} full code {full_hash[:18]}... against the sources", flush=True)
    # One build directory for every crate's full code and one for every shell (each is a whole cargo target: one
    # per crate would cost gigabytes apiece); the per-crate ones of earlier versions go.
    for stale in (cache / "full-build", cache / "build"):
        shutil.rmtree(stale, ignore_errors=True)
    key = stable_ids_key()
    for stale in [*split_cache.glob("full-build*"), *split_cache.glob("shell-build*")]:
        if not stale.name.endswith(key):
            shutil.rmtree(stale, ignore_errors=True)
    rebuilt = code_hash(build_code(crate, split_cache / f"full-build-{key}", [], {}))
    if rebuilt != full_hash:
        raise DeployError(f"the {crate} full code in the artifacts ({full_hash}) is not the build of the current "
                          f"sources ({rebuilt}): rebuild the artifacts (deploy.py --build, or ./test.sh) first")
    print(f"building the {crate} shell over it", flush=True)
    wasm = build_code(crate, split_cache / f"shell-build-{key}", ["hot-shell"], {SPLIT[crate]: full_hash})
    check_shell(crate, wasm, full_hash)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.wasm"):
        old.unlink()
    kept.write_bytes(wasm)
    return wasm


def load_artifact(directory: Path, crate: str) -> Artifact:
    bundle = directory / crate / f"{crate}.contract"
    if not bundle.is_file():
        raise DeployError(
            f"missing artifact {bundle}. Build the contracts first (`deploy-scripts/deploy.py --build ...` runs "
            f"`cargo contract build --release` for each) or point --artifacts at a directory holding "
            f"<name>/<name>.contract"
        )
    data = json.loads(bundle.read_text())
    full = None
    if crate in SPLIT and "split" not in (data["source"].get("build_info") or {}):
        # A full build: deploy its shell over it.
        full = _artifact(crate, bundle, data)
        wasm = bytes.fromhex(data["source"]["wasm"][2:])
        if code_hash(wasm) != data["source"]["hash"]:
            raise DeployError(f"{bundle}: the code does not match its hash; rebuild it")
        shell = compose_split(data, build_shell(crate, data["source"]["hash"]), bundle.name)
        bundle = bundle.with_name(f"{crate}.shell.contract")
        bundle.write_text(json.dumps(shell))
        data = shell
    elif crate in SPLIT:
        # An already composed bundle: its full code lies beside it, and must be the one the shell names.
        split = data["source"]["build_info"]["split"]
        full_path = bundle.with_name(split["full_bundle"])
        full_data = json.loads(full_path.read_text())
        full_wasm = bytes.fromhex(full_data["source"]["wasm"][2:])
        if code_hash(full_wasm) != full_data["source"]["hash"] or full_data["source"]["hash"] != split["full_code_hash"]:
            raise DeployError(f"{bundle}: the full code beside it ({full_path.name}) is not the one its shell names")
        check_shell(crate, bytes.fromhex(data["source"]["wasm"][2:]), split["full_code_hash"])
        full = _artifact(crate, full_path, full_data)
    art = _artifact(crate, bundle, data)
    art.full = full
    return art


def _artifact(crate: str, bundle: Path, data: dict) -> Artifact:
    metadata = bundle.with_suffix(".json")
    if not metadata.is_file() or metadata.stat().st_mtime < bundle.stat().st_mtime:
        # The metadata is the bundle without the code.
        source = {k: v for k, v in data["source"].items() if k != "wasm"}
        metadata.write_text(json.dumps({**data, "source": source}, indent=1))
    selectors = {m["label"]: m["selector"] for m in data["spec"]["messages"]}
    return Artifact(crate, bundle, metadata, data["source"]["hash"], selectors)


class CargoContract:
    """`cargo contract` against one node, for what needs no secret: dry-run queries (as a public development
    account) and `info`. Transactions are signed by [`Signer`]. Failures become a DeployError that explains itself."""

    def __init__(self, url: str, suri: str):
        self.url, self.suri = url, suri
        self.base = ["cargo", "contract"]

    def _run(self, args: list[str], what: str) -> dict:
        cmd = self.base + args + ["--url", self.url, "--suri", self.suri, "--output-json"]
        env = {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            # cargo contract prints its JSON error on stderr.
            raise DeployError(explain(what, first_json(proc.stderr) or first_json(proc.stdout), proc.stderr,
                                      self.suri))
        return first_json(proc.stdout) or {}

    def code_on_chain(self, address: str) -> str | None:
        """The code hash of the contract at `address` (`cargo contract info`; no signer), or None if none is there."""
        cmd = self.base + ["info", "--contract", address, "--url", self.url, "--output-json"]
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"})
        if proc.returncode != 0:
            return None
        out = first_json(proc.stdout) or {}
        found = out.get("code_hash")
        return found if isinstance(found, str) else None

    def query(self, art: Artifact, address: str, message: str, args: list[str] | None = None) -> dict:
        cli = ["call", str(art.bundle), "--contract", address, "--message", message]
        if args:
            cli += ["--args", *args]
        return self._run(cli, f"query {message} on {art.crate}")


def chopsticks_home() -> str:
    """Where install.sh put chopsticks and the @polkadot/api the node helpers load."""
    home = os.environ.get("CHOPSTICKS_HOME") or str(
        Path(os.environ.get("INFRA_SUITE_CACHE", Path.home() / ".cache" / "infra-suite")) / "chopsticks")
    if not (Path(home) / "node_modules" / "@polkadot" / "api").is_dir():
        raise DeployError(f"deploy.py signs and reads the chain with @polkadot/api from {home}; run "
                          "deploy-scripts/local-chain/install.sh once (it installs it with chopsticks)")
    return home


#: The well-known development accounts, the only secrets deploy.py takes on its command line (they are public).
DEV_SURI = re.compile(r"//[A-Za-z0-9]+")


def read_secret(args) -> str:
    """The deployer's secret URI: a public development account given with --suri, or a real secret from the file
    --suri-file names (its first line) or the DEPLOY_SURI environment variable. Never from the command line, where
    other users of the machine can read it."""
    if args.suri_file:
        try:
            secret = args.suri_file.read_text().splitlines()[0].strip()
        except (OSError, IndexError):
            raise DeployError(f"--suri-file {args.suri_file}: cannot read a secret from its first line") from None
        return secret
    if os.environ.get("DEPLOY_SURI"):
        return os.environ["DEPLOY_SURI"].strip()
    if not DEV_SURI.fullmatch(args.suri):
        raise DeployError("--suri takes only a public development account (//Alice, //Bob, ...): pass a real "
                          "secret in a file (--suri-file PATH, first line) or in DEPLOY_SURI, never on a command "
                          "line, where other users of the machine can read it")
    return args.suri


class Signer:
    """The deployment's transactions, signed outside `cargo contract` (which takes its signer only on its command
    line): `cargo contract encode` gives each call's input (no secret needed), and `local-chain/sign.cjs`, which
    reads the secret from its standard input, dry-runs, signs and submits it. The secret is never on a command
    line, in the environment of a child, in a log, an error or the manifest."""

    def __init__(self, url: str, secret: str):
        self.url = url
        self._secret = secret
        script = Path(__file__).parent / "local-chain" / "sign.cjs"
        self._err = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the child
        self.proc = subprocess.Popen(["node", str(script), url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._err, text=True,
                                     env={**os.environ, "CHOPSTICKS_HOME": chopsticks_home(), "DEPLOY_SURI": ""})
        self.proc.stdin.write(secret + "\n")
        self.proc.stdin.flush()
        self.address = self._ask({"op": "address"}, "the signer")["address"]

    def scrub(self, text: str) -> str:
        """`text` with the secret (and its phrase, without a derivation path) replaced, in case anything echoed it."""
        for part in {self._secret, self._secret.split("//")[0].strip()}:
            if len(part) >= 4:
                text = text.replace(part, "(secret)")
        return text

    def _ask(self, request: dict, what: str) -> dict:
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        if not line:
            raise DeployError(f"{what}: the signer stopped (is the node at {self.url} reachable?)")
        answer = json.loads(line)
        if not answer.get("ok"):
            raise DeployError(self.scrub(explain_signer(what, answer, self.address if hasattr(self, "address")
                                                        else "the signer")))
        return answer

    def existential_deposit(self) -> str:
        """The chain's existential deposit in base units (a decimal string)."""
        return self._ask({"op": "existential_deposit"}, "the existential deposit")["existential_deposit"]

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._err.close()

    def _transaction_done(self):
        """A transaction is in a block. With DEPLOY_TEST_CRASH_AFTER_TRANSACTION set (the kill-and-resume test in
        chain.sh), the process dies here at once, before the manifest records it: the worst moment to crash."""
        if os.environ.get("DEPLOY_TEST_CRASH_AFTER_TRANSACTION"):
            os._exit(75)

    def upload(self, art: "Artifact") -> str:
        out = self._ask({"op": "upload", "bundle": str(art.bundle)}, f"upload {art.crate}")
        if not out.get("already"):
            self._transaction_done()
        return out["code_hash"]

    def instantiate(self, art: "Artifact", args: list[str], salt: str, adopt: bool) -> tuple[str, bool]:
        """The new contract's address, and whether it was already there: an interrupted run of this deployment
        instantiated it (taken over only with `adopt`, when the deployment's manifest existed before this run)."""
        data = encode(art, "new", args)
        out = self._ask({"op": "instantiate", "code_hash": art.code_hash, "data": data, "salt": salt,
                         "adopt": adopt}, f"instantiate {art.crate}")
        if not out.get("already"):
            self._transaction_done()
        return out["contract"], bool(out.get("already"))

    def call(self, art: "Artifact", address: str, message: str, args: list[str]) -> dict:
        data = encode(art, message, args)
        out = self._ask({"op": "call", "dest": address, "data": data}, f"{message} on {art.crate}")
        self._transaction_done()
        return out

    def settle(self):
        """Waits until no transaction of the signer waits in the node's pool."""
        self._ask({"op": "settle"}, "waiting for the signer's pending transactions")

    def holds(self, art: "Artifact", address: str, view: str, view_args: list[str], expect: tuple,
              sent: tuple[str, list[str]]) -> bool:
        """Whether the chain already holds what message `sent` = (label, args) would set (see READ_BACK)."""
        if expect[0] == "admin_offered":
            if self.read(art, address, ADMIN) == public_key(expect[1]):
                return True
            return self.read(art, address, view, view_args) == b"\x01" + public_key(expect[1])
        message_input = None
        if expect[0] == "input_from":
            message_input = bytes.fromhex(encode(art, sent[0], sent[1])[2:])
        return answer_holds(self.read(art, address, view, view_args), expect, message_input)

    def read(self, art: "Artifact", address: str, message: str, args: list[str] | None = None) -> bytes:
        """The SCALE answer of a dry run of `message` after ink!'s `Ok` byte (the `Result<_, LangError>` of every
        ink! 5 message); a refused read is a DeployError."""
        data = encode(art, message, args or [])
        out = self._ask({"op": "query", "dest": address, "data": data}, f"read {message} on {art.crate}")
        raw = bytes.fromhex(out["data"][2:])
        if out.get("reverted") or not raw or raw[0] != 0:
            raise DeployError(f"read {message} on {art.crate} at {address}: refused ({out['data']})")
        return raw[1:]

    def query(self, art: "Artifact", address: str, message: str, args: list[str] | None = None) -> dict:
        # A dry run: a public development account is its origin; the secret is not needed.
        return CargoContract(self.url, "//Alice").query(art, address, message, args)


def encode(art: "Artifact", label: str, args: list[str]) -> str:
    """The SCALE input of message or constructor `label` with `args` (cargo contract's syntax), as 0x-hex."""
    cmd = ["cargo", "contract", "encode", str(art.metadata), "--message", label]
    if args:
        cmd += ["--args", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"})
    found = re.search(r"Encoded data:\s*([0-9A-Fa-f]+)", proc.stdout)
    if proc.returncode != 0 or not found:
        detail = (proc.stderr.strip() or proc.stdout.strip() or "no output").splitlines()[0]
        raise DeployError(f"encode {label} of {art.crate}: {detail}")
    return "0x" + found.group(1).lower()


def explain_signer(what: str, answer: dict, signer: str) -> str:
    """The signer's refusal as one sentence a deployer can act on."""
    error = str(answer.get("error", "no answer"))
    if re.search(r"Inability to pay|balance too low|InsufficientBalance|FundsUnavailable|StorageDepositNotEnough"
                 r"|1010|payment", error):
        return (f"{what}: the signer {signer} cannot pay the fees or the storage deposit ({error}). Fund it, or "
                "sign with another account.")
    if "DuplicateContract" in error:
        return (f"{what}: this signer already deployed this project id on this chain (the address is taken). Use "
                "the manifest of that deployment (--manifest), or give the project a new [project] id.")
    if "revert" in answer:
        return f"{what}: the contract refused it (return data {answer['revert']})"
    return f"{what} failed: {error}"


def first_json(text: str) -> dict | None:
    """The JSON object at the start of `text`, if there is one."""
    text = text.strip()
    if not text.startswith("{"):
        return None
    try:
        return json.JSONDecoder().raw_decode(text)[0]
    except json.JSONDecodeError:
        return None


def explain(what: str, parsed: dict, stderr: str, suri: str) -> str:
    """Turns cargo contract's failure output into one sentence a deployer can act on."""
    text = json.dumps(parsed) + "\n" + stderr
    detail = ""
    if parsed:
        err = parsed.get("generic_error", {}).get("error") if "generic_error" in parsed else parsed
        if isinstance(err, str):
            detail = err.split("\n\nStack backtrace")[0].strip()
        elif err:
            detail = json.dumps(err)
    if not detail:
        detail = (stderr.strip().splitlines() or ["no output"])[0]
    # 1010 is the transaction pool's "invalid transaction"; with `payment` it means the fee cannot be paid.
    if re.search(r"Inability to pay|balance too low|InsufficientBalance|FundsUnavailable|StorageDepositNotEnough"
                 r"|ServerError\(1010\).*payment", text):
        return (f"{what}: the signer {suri} cannot pay the fees or the storage deposit ({detail}). Fund it, or "
                "pass another --suri.")
    if "DuplicateContract" in text:
        return (f"{what}: this signer already deployed this project id on this chain (the address is taken). Use "
                "the manifest of that deployment (--manifest), or give the project a new [project] id.")
    if re.search(r"Connection refused|error trying to connect|Networking or low-level protocol", text):
        return f"{what}: lost the node ({detail})."
    if "Invalid SURI" in text or "secret" in text.lower() and "invalid" in text.lower():
        return f"{what}: --suri {suri!r} is not a valid secret URI ({detail})."
    return f"{what} failed: {detail}"


# ------------------------------------------------------------------------------------------------- deployment


class Deployment:
    def __init__(self, args, project: dict, node: Node, facts: dict, cc: CargoContract, arts: dict):
        self.args, self.p, self.node, self.cc, self.arts = args, project, node, cc, arts
        self.manifest_path: Path = args.manifest
        # The manifest is written before the first transaction: if it exists, this deployment started before, and
        # a contract at one of its derived addresses is its own (otherwise another deployment's: refused).
        self.started_before = self.manifest_path.is_file()
        self.m = self._load_manifest(facts)
        # A run killed after a transaction was in a block, before the manifest recorded it, left at most one
        # transaction unrecorded: the one of the first step the manifest lacks. A resumed run reads that step back
        # from the chain before sending it (instantiations and uploads always look first: see Signer).
        self.resuming = bool(self.m["steps"]) and not self.m["complete"]

    # -- manifest
    def _load_manifest(self, facts: dict) -> dict:
        if self.manifest_path.is_file():
            m = json.loads(self.manifest_path.read_text())
            recorded = m["chain"].get("block_1_hash")
            if m["chain"]["genesis_hash"] != facts["genesis_hash"] or (recorded and recorded != facts["block_1_hash"]):
                raise DeployError(
                    f"{self.manifest_path} belongs to another chain (genesis {m['chain']['genesis_hash']}, block 1 "
                    f"{recorded}; this node: {facts['genesis_hash']}, {facts['block_1_hash']}): a restarted dev "
                    "chain? Move the manifest away, or pass another --manifest, to deploy anew."
                )
            if m["project"]["id"] != self.p["project"]["id"]:
                raise DeployError(f"{self.manifest_path} is the manifest of project {m['project']['id']!r}")
            if m["project"].get("parameters_sha256") != parameters_hash(self.p):
                raise DeployError(
                    f"{self.manifest_path} was deployed with other parameters (the project file, --id or --set "
                    f"{m.get('overrides', [])} differ): a deployment keeps the parameters it started with")
            return m
        return {
            "format": 1,
            # The parameters deployed (the file's, after --id and --set), so a manifest shows what it describes.
            "project": {"id": self.p["project"]["id"], "name": self.p["project"]["name"],
                        "parameters_sha256": parameters_hash(self.p)},
            # The parameters changed from the project file's (deploy.py --set), as given.
            "overrides": list(self.args.set),
            "chain": {"url": self.node.url, **facts},
            # The signer's address (never its secret).
            "deployer": getattr(self.cc, "address", None) or self.args.suri,
            "contracts": {},
            "roles": [],
            "steps": [],
            "complete": False,
        }

    def save(self):
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.m, indent=2) + "\n")
        tmp.replace(self.manifest_path)

    def done(self, step: str) -> bool:
        return step in self.m["steps"]

    def mark(self, step: str):
        self.m["steps"].append(step)
        self.save()

    # -- names
    def account(self, ref: str) -> str:
        """An account reference of the TOML: a name in [accounts], a deployed contract's short name, or an address."""
        if ref in self.m["contracts"]:
            return self.m["contracts"][ref]["address"]
        accounts = self.p.get("accounts", {})
        if ref in accounts:
            return accounts[ref]
        if re.fullmatch(r"[1-9A-HJ-NP-Za-km-z]{46,48}", ref):
            return ref
        raise DeployError(f"unknown account {ref!r}: add it to [accounts] or use an SS58 address")

    def addr(self, short: str) -> str:
        return self.m["contracts"][short]["address"]

    # -- steps
    def instantiate(self, short: str, args: list[str]):
        step = f"instantiate:{short}"
        if self.done(step):
            self.log(f"  {short}: already at {self.addr(short)}")
            return
        crate = next(c for c, s in CONTRACTS.items() if s == short)
        art = self.arts[crate]
        self.resuming = False
        # The shell locks its full code when instantiated: the full code goes on chain first (the step names the
        # hash, so a resumed run after a rebuild uploads the new full code).
        if art.full and not self.done(f"upload:{short}:full:{art.full.code_hash}"):
            self.cc.upload(art.full)
            self.mark(f"upload:{short}:full:{art.full.code_hash}")
        if not self.done(f"upload:{short}"):
            self.cc.upload(art)
            self.mark(f"upload:{short}")
        salt = "0x" + hashlib.blake2b(f"{self.p['project']['id']}/{short}".encode(), digest_size=16).hexdigest()
        address, already = self.cc.instantiate(art, args, salt, self.started_before)
        # Content-addressed: a later build (another code hash) writes beside it, never over what this
        # deployment's manifest points to.
        metadata = metadata_path(crate, art.code_hash)
        (self.manifest_path.parent / metadata).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(art.metadata, self.manifest_path.parent / metadata)
        self.m["contracts"][short] = {
            "crate": crate,
            "address": address,
            "code_hash": art.code_hash,
            **({"full_code_hash": art.full.code_hash} if art.full else {}),
            "metadata": metadata,
            "block": self.node.best_block(),
        }
        self.mark(step)
        self.log(f"  {short}: {'found on chain (an interrupted run made it)' if already else 'instantiated'} at "
                 f"{address}")

    def call(self, short: str, message: str, args: list[str], role: dict | None = None):
        step = f"call:{short}.{message}({','.join(args)})"
        if self.done(step):
            return
        crate = self.m["contracts"][short]["crate"]
        read_back, self.resuming = self.resuming, False
        if read_back and self.already_on_chain(short, message, args):
            self.log(f"  {short}.{message}: found on chain (an interrupted run sent it)")
        else:
            self.cc.call(self.arts[crate], self.addr(short), message, args)
        if role:
            self.m["roles"].append(role)
        self.mark(step)
        self.log(f"  {short}.{message}({', '.join(a if len(a) < 60 else a[:57] + '...' for a in args)})")

    def already_on_chain(self, short: str, message: str, args: list[str]) -> bool:
        """Whether `message` with `args` already took effect: a run killed after its transaction was in a block,
        before the manifest recorded it. Every message of the deployment is read back (READ_BACK): a second feed,
        rule or class would shift every later index, a second bind, regulator or acceptance is refused, and a
        setter sent twice would log its event twice."""
        if message not in READ_BACK:
            raise DeployError(f"{short}.{message} has no read-back (deploy.py READ_BACK): a resumed run could not "
                              "tell whether an interrupted one sent it")
        art = self.arts[self.m["contracts"][short]["crate"]]
        address = self.addr(short)
        view, view_args, expect = READ_BACK[message](args)
        if expect[0] == "index":
            # Feeds, rules and classes are numbered from 0 in the order added: this one's number is how many the
            # manifest records already.
            index = sum(1 for s in self.m["steps"] if s.startswith(f"call:{short}.{message}("))
            view_args, expect = [str(index)], ("some",)
        if expect[0] == "admin_of_target":
            target = next((s for s, c in self.m["contracts"].items() if c["address"] == args[0]), None)
            if target is None:
                raise DeployError(f"accept_admin_of {args[0]}: not a contract of this deployment")
            art, address, expect = self.arts[self.m["contracts"][target]["crate"]], args[0], ("account", address)
        return self.cc.holds(art, address, view, view_args, expect, (message, args))

    def grant(self, contract: str, role: str, holder_ref: str, via: str, args: list[str]):
        holder = self.account(holder_ref)
        self.call(contract, via, args, {"contract": contract, "role": role, "holder": holder_ref, "address": holder})

    def log(self, line: str):
        print(line, flush=True)

    # -- the suite
    def run(self):
        started = time.time()
        if self.resuming:
            # A transaction the killed run submitted may still be waiting for a block: read nothing back before
            # it is in one (or gone), or a second copy would be sent.
            self.log("resuming: waiting until no transaction of the deployer is pending")
            self.cc.settle()
        self.fix_deployment_time()
        for step in (self.registry, self.token, self.token_roles, self.registry_roles, self.token_countries,
                     self.oracle, self.oracle_feeds_and_rules, self.escrow, self.distributor, self.usage_pass,
                     self.governor, self.handover):
            step()
        self.finish(started)

    def fix_deployment_time(self):
        """Times in the TOML are relative to the deployment; fixed once, so a resumed run computes the same args."""
        self.m.setdefault("deployed_at_ms", self.node.now_ms())
        self.base = self.m["deployed_at_ms"]
        self.save()

    def finish(self, started: float):
        self.m["complete"] = True
        self.m["chain"]["block"] = self.node.best_block()
        self.m["finished_at"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        self.save()
        self.log(f"deployed in {time.time() - started:.0f} s; manifest {self.manifest_path}")

    def registry(self):
        self.log("registry")
        self.instantiate("registry", [])

    def token(self):
        self.log("token")
        self.instantiate("token", token_args(self.p["token"], self.addr("registry")))
        # The registry tells the token of every link change, so a wallet counts towards its identity at once.
        self.call("registry", "bind_token", [self.addr("token")])

    def token_roles(self):
        t = self.p["token"]
        for role, key in (("Agent", "agents"), ("Guardian", "guardians")):
            for who in t.get(key, []):
                self.grant("token", role, who, "grant_role", [self.account(who), role])
        for who in t.get("exempt", []):
            self.grant("token", "exempt", who, "set_exempt", [self.account(who), "true"])

    def registry_roles(self):
        # Verifiers only now: an account the token exempts cannot be linked to an identity, so no registrar may get
        # the chance to link one before its exemption.
        reg = registry_table(self.p["registry"])
        for i, v in enumerate(reg.get("verifiers", [])):
            self.grant("registry", "verifier:" + "+".join(v["claim_types"]), v["verifier"], "set_verifier",
                       verifier_args(v, self.account, f"registry.verifiers[{i}]"))
        for r in reg.get("regulators", []):
            self.grant("registry", "regulator", r, "add_regulator", [self.account(r)])

    def token_countries(self):
        for i, c in enumerate(self.p["token"].get("countries", [])):
            self.call("token", "set_country_listed", country_args(c, f"token.countries[{i}]"))

    def oracle(self):
        self.log("oracle")
        o = self.p["oracle"]
        self.instantiate("oracle", oracle_args(o))
        self.grant("token", "Guardian", "oracle", "grant_role", [self.addr("oracle"), "Guardian"])
        self.call("oracle", "set_token", [opt(self.addr("token"))])
        # The sponsor's side is marked before anyone becomes a stakeholder: an attestation counts as independent or
        # not as the mark stands when it is made, so no stakeholder may attest unmarked in between (even if the
        # deployment is interrupted here and resumed).
        for r in o.get("roles", []):
            if is_sponsor_side(r):
                self.grant("oracle", "SponsorSide", r["account"], "set_role",
                           [self.account(r["account"]), "SponsorSide", "true"])
        for i, r in enumerate(o.get("roles", [])):
            self.grant("oracle", r["role"], r["account"], "set_role", role_args(r, self.account, f"oracle.roles[{i}]"))

    def oracle_feeds_and_rules(self):
        o = self.p["oracle"]
        for i, f in enumerate(o.get("feeds", [])):
            self.call("oracle", "add_feed", [feed_config(f, f"oracle.feeds[{i}]")])
            for d in f.get("devices", []):
                self.grant("oracle", f"device:feed{i}", d, "set_device", [str(i), self.account(d), "true"])
        for i, r in enumerate(o.get("rules", [])):
            self.call("oracle", "add_rule", [rule(r, f"oracle.rules[{i}]")])

    def escrow(self):
        self.log("escrow")
        terms = offering_terms(self.p["offering"], self.account, self.addr, self.base)
        self.instantiate("escrow", [self.addr("token"), self.addr("registry"), terms])
        self.grant("token", "Issuer", "escrow", "grant_role", [self.addr("escrow"), "Issuer"])

    def distributor(self):
        self.log("distributor")
        d = self.p["distributor"]
        self.instantiate("distributor", [self.addr("token"), self.addr("registry"),
                                         distributor_config(d, self.account)])
        for who in d.get("excluded", []):
            self.call("distributor", "set_excluded", [self.account(who), "true"])
        for who in d.get("depositors", []):
            self.grant("distributor", "depositor", who, "set_depositor", [self.account(who), "true"])
        for i, tax in enumerate(d.get("tax", [])):
            self.call("distributor", "set_tax_rate", tax_args(tax, f"distributor.tax[{i}]"))

    def usage_pass(self):
        self.log("usage pass")
        u = self.p["pass"]
        self.instantiate("pass", pass_args(u, self.account, self.base))
        for i, c in enumerate(u.get("classes", [])):
            self.call("pass", "add_class", [pass_class(c, self.base, f"pass.classes[{i}]")])
        for i, meter in enumerate(u.get("meters", [])):
            self.grant("pass", "meter", meter["meter"], "set_meter",
                       meter_args(meter, self.account, f"pass.meters[{i}]"))

    def allow_list(self, key: str, default: list) -> list[str]:
        """The governor's allow-list `key` (`allowed` or `emergency_allowed`), selectors read from the metadata."""
        entries = []
        for a in self.p["governor"].get(key, default):
            target = a["contract"]
            crate = next(c for c, s in CONTRACTS.items() if s == target)
            sel = self.arts[crate].selectors.get(a["message"])
            if sel is None:
                raise DeployError(f"governor.{key}: {target} has no message {a['message']!r}")
            entries.append(allowed_call(self.addr(target), sel, a.get("returns", "ResultOk")))
        return entries

    def governor(self):
        self.log("governor")
        g = self.p["governor"]
        allowed = self.allow_list("allowed", [])
        # The emergency track's own short list: by default only resuming the token after a halt.
        emergency_allowed = self.allow_list("emergency_allowed",
                                            [{"contract": "token", "message": "Haltable::resume"}])
        guardian = opt(self.account(g["guardian"])) if g.get("guardian") else "None"
        self.instantiate("governor", [self.addr("token"), self.addr("registry"), governor_params(g), guardian,
                                      seq(allowed), seq(emergency_allowed), seq([self.addr("oracle")])])
        self.call("oracle", "set_governor", [opt(self.addr("governor"))])

    def handover(self):
        if not self.p["governor"].get("handover", True):
            return
        self.log("handover to the governor")
        for short in ("registry", "token", "oracle", "escrow", "distributor", "pass"):
            self.call(short, TRANSFER_ADMIN, [self.addr("governor")])
            self.grant("governor", f"admin of {short}", "governor", "accept_admin_of", [self.addr(short)])

    def verify(self) -> list[str]:
        """Asks every contract in the manifest its probe message; after the handover each one's admin must be the
        governor. Returns one line per contract."""
        lines = []
        governor = self.m["contracts"].get("governor", {}).get("address")
        handed_over = any(s.startswith("call:governor.accept_admin_of") for s in self.m["steps"])
        for short, c in self.m["contracts"].items():
            out = self.cc.query(self.arts[c["crate"]], c["address"], PROBE[short])
            value = out.get("data")
            if out.get("reverted") or value is None:
                raise DeployError(f"{short} at {c['address']} does not answer {PROBE[short]}: {out}. Was the chain "
                                  f"reset since {self.manifest_path} was written? Move the manifest away to redeploy.")
            shown = compact(value)
            if PROBE[short] == ADMIN:
                admin = literal(value)
                shown = "governor" if admin == governor else admin
                if handed_over and admin != governor:
                    raise DeployError(f"{short}'s admin is {admin}, not the governor {governor}")
            lines.append(f"  {short:<12} {c['address']}  {PROBE[short]} -> {shown}")
        return lines


def verify_deployment(manifest_path: Path, url: str, artifacts: Path) -> int:
    """`--verify`: for every contract of a deployment, the code hash on chain against the manifest's, the local
    verifiable build's (its shell and the full code the shell pins) and the kept metadata's; then every contract
    answers and, after the handover, the governor is every admin. Prints one row per contract; 1 on any mismatch."""
    if not manifest_path.is_file():
        raise DeployError(f"no manifest {manifest_path}")
    m = json.loads(manifest_path.read_text())
    node = Node(url)
    facts = node.chain_facts()
    if m["chain"]["genesis_hash"] != facts["genesis_hash"]:
        raise DeployError(f"{manifest_path} describes a deployment on another chain (genesis "
                          f"{m['chain']['genesis_hash']}; this node: {facts['genesis_hash']})")
    # Queries are dry runs: the dev account is only their origin, never a signer of anything.
    cc = CargoContract(url, "//Alice")
    arts = {}
    for c in m["contracts"].values():
        try:
            arts[c["crate"]] = load_artifact(artifacts, c["crate"])
        except DeployError:
            arts[c["crate"]] = None
    failures = 0
    print(f"{'contract':<12} {'code on chain':<20} {'manifest':<20} {'local build':<20} verdict")
    for short, c in m["contracts"].items():
        on_chain = cc.code_on_chain(c["address"])
        try:
            kept = json.loads((manifest_path.parent / c["metadata"]).read_text())
            metadata_hash = kept["source"]["hash"]
        except (OSError, KeyError, json.JSONDecodeError):
            metadata_hash = None
        local = arts[c["crate"]]
        wrong = code_mismatches(c, on_chain, local, metadata_hash)
        short_hash = lambda h: (h or "-")[:18]
        print(f"{short:<12} {short_hash(on_chain):<20} {short_hash(c.get('code_hash')):<20} "
              f"{short_hash(local.code_hash if local else None):<20} {'ok' if not wrong else 'MISMATCH'}")
        for why in wrong:
            print(f"    {why}")
        failures += bool(wrong)
    if failures:
        print(f"{failures} contract(s) do not match: this is not the code of this checkout", file=sys.stderr)
        return 1
    governor = m["contracts"].get("governor", {}).get("address")
    handed_over = any(s.startswith("call:governor.accept_admin_of") for s in m["steps"])
    for short, c in m["contracts"].items():
        if PROBE[short] != ADMIN:
            continue
        out = cc.query(arts[c["crate"]], c["address"], ADMIN)
        admin = literal(out.get("data"))
        if handed_over and admin != governor:
            print(f"{short}'s admin is {admin}, not the governor {governor}", file=sys.stderr)
            return 1
    admins = "the governor is every admin" if handed_over else "no handover recorded"
    print(f"every contract runs the code built here; {admins}")
    return 0


def _flag(arg: str) -> bytes:
    return b"\x01" if arg == "true" else b"\x00"


#: How a resumed deployment reads back each message it sends: message -> (view, the view's args, what the view
#: answers once the message took effect). Expectations: ("bytes", b) the answer is b; ("input_from", n) the
#: answer is the message's own SCALE input from byte n (its value after selector and key); ("contains", account,
#: bool) a Vec<AccountId> answer holds account or not; ("account", address) the answer is that account;
#: ("admin_offered", address) `Admin::pending_admin` names it or the admin already is it (checked on both views);
#: ("exempt", b) an AccountState with that exemption; ("listing", i, b) a country_listing pair's i-th flag;
#: ("index", ..) the next feed, rule or class exists; ("admin_of_target",) the contract named by the first argument
#: has the caller contract (the governor) as admin.
READ_BACK = {
    "add_regulator": lambda a: ("is_regulator", [a[0]], ("bytes", b"\x01")),
    "bind_token": lambda a: ("bound_tokens", [], ("contains", a[0], True)),
    "add_feed": lambda a: ("feed", [], ("index",)),
    "add_rule": lambda a: ("rule", [], ("index",)),
    "add_class": lambda a: ("class", [], ("index",)),
    "accept_admin_of": lambda a: (ADMIN, [], ("admin_of_target",)),
    TRANSFER_ADMIN: lambda a: ("Admin::pending_admin", [], ("admin_offered", a[0])),
    "grant_role": lambda a: ("has_role", [a[0], a[1]], ("bytes", b"\x01")),
    "set_exempt": lambda a: ("account_state", [a[0]], ("exempt", _flag(a[1]))),
    "set_verifier": lambda a: ("verifier_claims", [a[0]], ("input_from", 4 + 32)),
    "set_country_listed": lambda a: ("country_listing", [a[0]], ("listing", 0 if a[1] == "true" else 1, _flag(a[2]))),
    "set_token": lambda a: ("token", [], ("input_from", 4)),
    "set_governor": lambda a: ("governor", [], ("input_from", 4)),
    "set_role": lambda a: ("has_role", [a[0], a[1]], ("bytes", _flag(a[2]))),
    "set_device": lambda a: ("is_device", [a[0], a[1]], ("bytes", _flag(a[2]))),
    "set_depositor": lambda a: ("is_depositor", [a[0]], ("bytes", _flag(a[1]))),
    "set_excluded": lambda a: ("excluded", [], ("contains", a[0], a[1] == "true")),
    "set_tax_rate": lambda a: ("tax_rate", [a[0]], ("input_from", 4 + 2)),
    "set_meter": lambda a: ("meter_classes", [a[0]], ("input_from", 4 + 32)),
}


def answer_holds(answer: bytes, expect: tuple, message_input: bytes | None) -> bool:
    """Whether a view's SCALE `answer` (after ink!'s Ok byte) is what `expect` says (see READ_BACK);
    `message_input` is the read-back message's own SCALE input (for ("input_from", n))."""
    kind = expect[0]
    if kind == "bytes":
        return answer == expect[1]
    if kind == "some":
        return answer[:1] == b"\x01"
    if kind == "input_from":
        return message_input is not None and answer == message_input[expect[1]:]
    if kind == "contains":
        return account_in(expect[1], answer) == expect[2]
    if kind == "account":
        return answer == public_key(expect[1])
    if kind == "exempt":
        # AccountState { identity: Option<u64>, frozen: bool, exempt: bool, .. }
        at = (9 if answer[:1] == b"\x01" else 1) + 1
        return answer[at:at + 1] == expect[1]
    if kind == "listing":
        return answer[expect[1]:expect[1] + 1] == expect[2]
    raise DeployError(f"unknown read-back {expect!r}")


BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def public_key(address: str) -> bytes:
    """The 32-byte account of an SS58 address (a one-byte network prefix, as on the chains the suite targets)."""
    n = 0
    for ch in address:
        if ch not in BASE58:
            raise DeployError(f"{address!r} is not an SS58 address")
        n = n * 58 + BASE58.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\x00" * (len(address) - len(address.lstrip("1"))) + raw
    if len(raw) != 35:
        raise DeployError(f"{address!r} is not a one-byte-prefix SS58 address")
    checksum = hashlib.blake2b(b"SS58PRE" + raw[:33], digest_size=64).digest()[:2]
    if checksum != raw[33:]:
        raise DeployError(f"{address!r}: wrong SS58 checksum")
    return raw[1:33]


def account_in(address: str, scale_vec: bytes) -> bool:
    """Whether the SCALE `Vec<AccountId>` `scale_vec` holds `address`."""
    key = public_key(address)
    mode = scale_vec[0] & 3 if scale_vec else 0
    start = {0: 1, 1: 2, 2: 4}.get(mode, len(scale_vec))
    items = scale_vec[start:]
    return any(items[i:i + 32] == key for i in range(0, len(items) - 31, 32))


def literal(value) -> str | None:
    """The first literal inside cargo contract's JSON rendering of a value (e.g. the account in `Ok(5F...)`)."""
    if isinstance(value, dict):
        if "Literal" in value:
            return value["Literal"]
        for v in value.values():
            found = literal(v)
            if found:
                return found
    if isinstance(value, list):
        for v in value:
            found = literal(v)
            if found:
                return found
    return None


def compact(value) -> str:
    s = json.dumps(value, separators=(",", ":"))
    return s if len(s) < 70 else s[:67] + "..."










def build_contracts(artifacts: Path):
    """`cargo contract build --release` of each contract; cargo contract writes to the workspace's target/ink."""
    expected = REPO / "target" / "ink"
    if artifacts.resolve() != expected.resolve():
        raise DeployError(f"--build writes the artifacts to {expected}; drop --artifacts or point it there")
    for crate in CONTRACTS:
        manifest = REPO / "contracts" / crate / "Cargo.toml"
        print(f"building {crate}", flush=True)
        if subprocess.run(contract_build_cmd(manifest), env=contract_build_env()).returncode != 0:
            raise DeployError(f"cargo contract build failed for {crate} (its output is above)")


# ------------------------------------------------------------------------------------------------ chain check


def render_check(report: dict) -> tuple[list[str], bool]:
    """The lines `--check` prints for `report` (what local-chain/check.cjs read), and whether every contract fits."""
    limits = report.get("limits", {})
    lines = [f"chain {report.get('chain')} ({report.get('runtime')})"]
    if not report.get("contracts_pallet"):
        lines.append("  no pallet-contracts: this chain cannot host the suite (it needs pallet-contracts and Wasm "
                     "contracts; a pallet-revive chain needs the move described in the README)")
        return lines, False
    max_code = limits.get("max_code_len")
    weights = limits.get("block_weights") or {}
    normal = ((weights.get("perClass") or {}).get("normal") or {})
    max_extrinsic = (normal.get("maxExtrinsic") or {})
    max_block = weights.get("maxBlock") or {}
    lines += [
        f"  pallet-contracts: max code length {max_code} bytes, max storage key {limits.get('max_storage_key_len')} "
        f"bytes, deposit {limits.get('deposit_per_byte')} per byte and {limits.get('deposit_per_item')} per item",
        f"  block: max weight ref_time {max_block.get('refTime')} ps, proof {max_block.get('proofSize')} bytes; "
        f"max normal extrinsic ref_time {max_extrinsic.get('refTime')} ps, proof {max_extrinsic.get('proofSize')} "
        "bytes",
    ]
    fits = True
    for c in report.get("contracts", []):
        problems = []
        if c.get("error"):
            problems.append(c["error"])
        if max_code is not None and c.get("wasm_bytes", 0) > max_code:
            problems.append(f"{c['wasm_bytes']} bytes of Wasm exceed the chain's {max_code}")
        upload = c.get("upload") or {}
        if upload and not upload.get("ok"):
            problems.append(f"the runtime refuses the code: {upload.get('reason')}")
        verdict = "fits" if not problems else "DOES NOT FIT: " + "; ".join(problems)
        deposit = f", upload deposit {upload['deposit']}" if upload.get("ok") else ""
        lines.append(f"  {c['crate']:<22} {c.get('wasm_bytes', 0):>7} bytes  {verdict}{deposit}")
        fits = fits and not problems
    lines.append("every contract fits this chain" if fits else "some contracts do not fit this chain")
    return lines, fits


#: The node methods `app/scripts/walk.mjs` drives the chain with (blocks on demand and clock moves: chopsticks).
WALK_RPCS = ("dev_newBlock", "dev_timeTravel")


def walk_rpcs_offered(node: Node) -> bool:
    """Whether `node` offers every method of WALK_RPCS; prints the verdict."""
    offered = set(node.rpc("rpc_methods").get("methods", []))
    missing = [m for m in WALK_RPCS if m not in offered]
    if missing:
        print(f"{node.url} lacks {', '.join(missing)}: the walk makes blocks and moves the clock with chopsticks' "
              "dev RPCs; start a chain with ./chain.sh start (or walk only an in-process chain: ./run.sh)")
        return False
    print(f"{node.url} offers the walk's {', '.join(WALK_RPCS)}")
    return True


def check_chain(url: str, artifacts: Path) -> int:
    """`--check`: what the chain at `url` offers contracts, and whether each of the suite's contracts fits it."""
    node = Node(url)
    try:
        node.chain_facts()
    except DeployError as e:
        if "ContractsApi" not in str(e):
            raise
        print(f"{url}: {e}")
        return 1
    arts = {crate: load_artifact(artifacts, crate) for crate in CONTRACTS}
    home = os.environ.get("CHOPSTICKS_HOME") or str(
        Path(os.environ.get("INFRA_SUITE_CACHE", Path.home() / ".cache" / "infra-suite")) / "chopsticks")
    if not (Path(home) / "node_modules" / "@polkadot" / "api").is_dir():
        raise DeployError(f"--check reads the chain with @polkadot/api from {home}; run "
                          "deploy-scripts/local-chain/install.sh once (it installs it with chopsticks)")
    script = Path(__file__).parent / "local-chain" / "check.cjs"
    argv = ["node", str(script), url] + [f"{crate}={a.bundle}" for crate, a in arts.items()]
    argv += [f"{crate}.full={a.full.bundle}" for crate, a in arts.items() if a.full]
    run = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "CHOPSTICKS_HOME": home})
    if run.returncode != 0:
        raise DeployError(f"reading the chain failed: {run.stderr.strip() or run.stdout.strip()}")
    lines, fits = render_check(json.loads(run.stdout))
    print("\n".join(lines))
    return 0 if fits else 1


def parameters_hash(project: dict) -> str:
    """SHA-256 of the project's parameters in a canonical JSON form (sorted keys)."""
    canonical = json.dumps(project, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def override(project: dict, assignment: str):
    """Applies `--set a.b.c=VALUE` to the parsed project. Only a key the file already has can change, so a typo
    fails here instead of deploying the file's value."""
    key, sep, raw = assignment.partition("=")
    if not sep or not key:
        raise DeployError(f"--set {assignment!r}: expected KEY=VALUE")
    *parents, last = key.split(".")
    table = project
    for part in parents:
        table = table.get(part) if isinstance(table, dict) else None
        if not isinstance(table, dict):
            raise DeployError(f"--set {key}: the project has no table {part!r} there")
    if last not in table:
        raise DeployError(f"--set {key}: the project has no parameter {last!r} there")
    current = table[last]
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        if not isinstance(current, str):
            raise DeployError(f"--set {key}={raw}: not a TOML value") from None
        value = raw
    if type(value) is not type(current):
        raise DeployError(f"--set {key}={raw}: a {type(value).__name__}, where the project has a "
                          f"{type(current).__name__} ({current!r})")
    table[last] = value


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="ws://127.0.0.1:9944", help="node websocket URL (default %(default)s)")
    ap.add_argument("--suri", default="//Alice",
                    help="a public development account to sign with (default %(default)s); a real secret goes in "
                    "--suri-file or DEPLOY_SURI, never on the command line")
    ap.add_argument("--suri-file", type=Path, help="file whose first line is the signer's secret URI or mnemonic")
    ap.add_argument("--project", type=Path, help="project parameters (TOML); required unless --check")
    ap.add_argument("--manifest", type=Path, help="manifest path (default deployments/<project id>.json)")
    ap.add_argument("--id", help="deploy the project under this id instead of its own: another copy on the same "
                    "chain (the id salts every address and names the manifest)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="change one parameter the project file has, e.g. governor.normal.voting_period=10 or "
                    "'offering.cooling_off_ms=\"7 days\"' (VALUE in TOML syntax, of the type the file has; "
                    "repeatable)")
    ap.add_argument("--artifacts", type=Path, default=REPO / "target" / "ink",
                    help="directory with <crate>/<crate>.contract (default %(default)s)")
    ap.add_argument("--build", action="store_true", help="build the contracts with cargo contract first")
    ap.add_argument("--verify-only", action="store_true", help="only check that the manifest's contracts answer")
    ap.add_argument("--verify", action="store_true",
                    help="deploy nothing: compare every contract of --manifest on the chain with the manifest, the "
                    "local verifiable build (--artifacts, or --build) and the kept metadata, and check who is admin")
    ap.add_argument("--check", action="store_true",
                    help="deploy nothing: report what the chain offers contracts and whether each contract fits; with "
                    "--project, also rehearse the deployment on a fork (as --rehearse) to check the deployer's balance")
    ap.add_argument("--rehearse", action="store_true",
                    help="with --project: deploy it first on a throw-away fork of --url (chopsticks) with the real "
                    "signer, and report what it costs there against the deployer's free balance (exit 1 if short)")
    ap.add_argument("--walk", action="store_true",
                    help="with --check: also check that the node offers what ./run.sh --url's walk needs "
                    "(chopsticks' dev_newBlock and dev_timeTravel)")
    args = ap.parse_args(argv)
    try:
        if args.check:
            if args.build:
                build_contracts(args.artifacts)
            if args.walk and not walk_rpcs_offered(Node(args.url)):
                return 1
            fits = check_chain(args.url, args.artifacts)
            if args.project is None:
                print("the deployer's balance was not checked: with --project (and the deployer's secret in "
                      "--suri-file or DEPLOY_SURI), --check also rehearses the deployment on a fork of the chain and "
                      "compares what it costs there with what the deployer can spend")
                return fits
            project = load_project(args)
            arts = {crate: load_artifact(args.artifacts, crate) for crate in CONTRACTS}
            import rehearse  # noqa: PLC0415 - only the rehearsal needs it, and it imports this module
            affordable = rehearse.rehearse(args, project, arts, read_secret(args))
            return max(fits, affordable)
        if args.verify:
            if args.manifest is None:
                raise DeployError("--verify needs --manifest")
            if args.build:
                build_contracts(args.artifacts)
            return verify_deployment(args.manifest, args.url, args.artifacts)
        if args.project is None:
            raise DeployError("--project is required (or --check)")
        project = load_project(args)
        args.manifest = args.manifest or REPO / "deployments" / f"{project['project']['id']}.json"
        if args.build:
            build_contracts(args.artifacts)
        arts = {crate: load_artifact(args.artifacts, crate) for crate in CONTRACTS}
        node = Node(args.url)
        facts = node.chain_facts()
        print(f"chain {facts['name']} ({facts['runtime']}) at {args.url}, genesis {facts['genesis_hash'][:18]}...")
        if args.rehearse:
            import rehearse  # noqa: PLC0415 - only the rehearsal needs it, and it imports this module
            return rehearse.rehearse(args, project, arts, read_secret(args))
        signer = Signer(args.url, read_secret(args))
        try:
            return deploy(args, project, node, facts, signer, arts)
        finally:
            signer.close()
    except DeployError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyError as e:
        print(f"error: {args.project} lacks the parameter {e}", file=sys.stderr)
        return 1


def load_project(args) -> dict:
    """`--project`'s parameters with `--id` and every `--set` applied, checked."""
    if not args.project.is_file():
        raise DeployError(f"no project file {args.project}")
    try:
        project = tomllib.loads(args.project.read_text())
    except tomllib.TOMLDecodeError as e:
        raise DeployError(f"{args.project}: {e}") from None
    if args.id:
        project["project"]["id"] = args.id
    for assignment in args.set:
        override(project, assignment)
    check_project(project)
    return project


def deploy(args, project: dict, node: Node, facts: dict, signer: Signer, arts: dict) -> int:
    """Deploys (or resumes, or checks) one project with `signer`, then asks every contract to answer."""
    d = Deployment(args, project, node, facts, signer, arts)
    if d.m["complete"]:
        print(f"{project['project']['name']} is already deployed on this chain ({args.manifest}); checking it")
    elif args.verify_only:
        raise DeployError(f"{args.manifest} records an unfinished deployment; run without --verify-only")
    else:
        print(f"deploying {project['project']['name']} as {signer.address}")
        d.run()
    print("every contract answers:")
    for line in d.verify():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
