#!/usr/bin/env python3
"""Is the build verifiable? `reproducible.py CRATE [--expect-full HASH] [--expect-shell HASH]` copies this checkout's
tracked files (as they are in the working tree; nothing untracked, so no secret file left beside them) to two new
directories at different depths and names, builds CRATE's full code and, for a split contract, its shell over that
full code (`cargo contract build --release`, the build an auditor runs) in each, and compares the code hashes with
each other and with `--expect-full`/`--expect-shell` (what a deployment's manifest records). Exit 0 when every hash
agrees; 1 with the hashes when they differ; 2 when a build itself failed.

The copies share one cargo target directory under the build cache, so the crates from crates.io compile once;
the contract and suite-traits, whose paths differ, are compiled again from each copy (cargo keys a path crate by
its path). Used by ../../chain.sh on the token, the contract whose shell pins a full code.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import deploy  # noqa: E402


def copy_checkout(repo: Path, dest: Path):
    files = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", "--cached"],
                           capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        src = repo / name.decode()
        if src.is_file() and not src.is_symlink():
            target = dest / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def build(checkout: Path, crate: str, target: Path, features: list[str], env_extra: dict) -> str:
    # The copy's own wrappers (and so its own Cargo.lock): what is compared is the build procedure of the sources as checked out there.
    env = deploy.contract_build_env(CARGO_TARGET_DIR=str(target), RUSTC_WRAPPER=str(checkout / "scripts" / "rustc-stable-ids"),
                                    CARGO=str(checkout / "scripts" / "cargo-locked"), **env_extra)
    extra = ["--generate", "code-only"] + (["--features", ",".join(features)] if features else [])
    cmd = deploy.contract_build_cmd(checkout / "contracts" / crate / "Cargo.toml", *extra)
    print(f"  building {crate} {' '.join(features) or 'full code'} in {checkout}", flush=True)
    if subprocess.run(cmd, env=env, cwd=checkout).returncode != 0:
        raise deploy.DeployError(f"building {crate} in {checkout} failed (its output is above)")
    wasm = (target / "ink" / crate / f"{crate}.wasm").read_bytes()
    return "0x" + hashlib.blake2b(wasm, digest_size=32).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("crate", choices=sorted(deploy.CONTRACTS))
    ap.add_argument("--expect-full", help="the full code hash a manifest records (0x...)")
    ap.add_argument("--expect-shell", help="the shell's code hash a manifest records (0x...)")
    args = ap.parse_args()
    cache = Path(os.environ.get("INFRA_SUITE_CACHE", Path.home() / ".cache" / "infra-suite"))
    # Named after the rustc wrapper's hash: crates compiled through another version of it are never reused.
    target = cache / f"reproducible-target-{deploy.stable_ids_key()}"
    for stale in cache.glob("reproducible-target*"):
        if stale != target:
            shutil.rmtree(stale, ignore_errors=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="infra-repro-") as tmp:
        checkouts = {"copy A": Path(tmp) / "a" / "infra-suite",
                     "copy B": Path(tmp) / "b" / "another" / "deeper" / "checkout-of-the-suite"}
        for name, path in checkouts.items():
            copy_checkout(deploy.REPO, path)
            full = build(path, args.crate, target, [], {})
            shell = None
            if args.crate in deploy.SPLIT:
                shell = build(path, args.crate, target, ["hot-shell"], {deploy.SPLIT[args.crate]: full})
            results[name] = (full, shell)
    expected = {"copy A": results["copy A"]}
    wrong = []
    for name, hashes in results.items():
        print(f"  {name}: full code {hashes[0]}" + (f", shell {hashes[1]}" if hashes[1] else ""))
        if hashes != expected["copy A"]:
            wrong.append(f"{name} differs from copy A")
    if args.expect_full and results["copy A"][0] != args.expect_full:
        wrong.append(f"the full code {results['copy A'][0]} is not the manifest's {args.expect_full}")
    if args.expect_shell and results["copy A"][1] != args.expect_shell:
        wrong.append(f"the shell {results['copy A'][1]} is not the manifest's {args.expect_shell}")
    for line in wrong:
        print(f"  NOT REPRODUCIBLE: {line}")
    if wrong:
        return 1
    print(f"  {args.crate}: the same code hashes from two checkout paths"
          + (" and as deployed" if args.expect_full else ""))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (deploy.DeployError, subprocess.CalledProcessError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
