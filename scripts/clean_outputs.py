#!/usr/bin/env python3
"""Removes every build output the project itself generates, keeping compiled third-party dependencies and
installed tools: what `.ci/run` does first, so CI walks the path a fresh machine walks for everything the project
builds (a step that only works because an earlier run left a file behind fails in CI too).

    python3 scripts/clean_outputs.py CACHE_DIR [REPO_DIR]    remove, then check that nothing is left (exit 1 if so)
    python3 scripts/clean_outputs.py --check CACHE_DIR [REPO_DIR]   only check

Removed, in the build cache (every cargo target directory in it, found by its profile directories) and in the
clone:
- the compiled artifacts of the project's own crates: the eight contracts, suite-traits, the drink crate, its
  test binaries and binaries (scenario, bench, fuzz), whether native (unit tests, test binaries) or wasm32 (contract builds, shells,
  ink_e2e's own builds): their `deps/`, `.fingerprint/`, `build/` and `incremental/` entries and the profile
  directory's own files, so cargo compiles them again;
- the contract bundles, Wasm and metadata (`<contract>.contract`, `.wasm`, `.json`, `.shell.contract`) wherever a
  build wrote them (drink's `e2e-tests/target/ink`, `cargo contract`'s `target/ink`, ink_e2e's), the kept shells
  (`ink-split/<crate>/`, `split-deploy/<crate>/`);
- reports and walks in `target/`, the local chain's state (`chain/`), the app's build (`dist/`, generated clients
  `src/contracts/`, `public/deployment/`), the clone's `deployments/`, Python caches.

Kept: third-party crates compiled for the host and for wasm32 (the Substrate tree behind drink, ink! for each
contract's build), installed tools (`tools/` with cargo-contract, `chopsticks/`, the runtime's Wasm and genesis,
which install.sh rebuilds when its recipe changes), npm's `node_modules`.
"""
import re
import shutil
import sys
from pathlib import Path

PROFILE_DIRS = {"debug", "release"}
ARTIFACT_DIRS = ("deps", ".fingerprint", "build", "incremental", "examples")


def project_names(repo: Path) -> set[str]:
    """Crate, package, binary and test-target names of the project, in cargo's file-name spelling ('_')."""
    names = {"infra_suite_e2e", "metadata_gen", "metadata-gen"} | contract_names(repo)
    for folder in ("e2e-tests/tests", "e2e-tests/src/bin"):
        names |= {f.stem for f in (repo / folder).glob("*.rs")}
    return names


def contract_names(repo: Path) -> set[str]:
    return {d.name.replace("-", "_") for d in (repo / "contracts").iterdir() if (d / "Cargo.toml").is_file()}


def artifact_pattern(names: set[str]) -> re.Pattern:
    # `libproject_token-0123456789abcdef.rlib`, `project_token-0123…`, `suite-traits-0123…` (fingerprints use the
    # package name), `project_token.wasm`, `project_token.d`, `scenario`: a name, then a hash, an extension or
    # nothing.
    spelled = set(names) | {n.replace("_", "-") for n in names}
    alternatives = "|".join(sorted(map(re.escape, spelled), key=len, reverse=True))
    return re.compile(rf"^(lib)?({alternatives})(-[0-9a-f]{{16}})?(\..*)?$")


def bundle_pattern(names: set[str]) -> re.Pattern:
    contracts = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"^({contracts})(\.shell)?\.(contract|json|wasm)$")


def profile_dirs(cache: Path):
    """Every cargo profile directory in the cache: `<target>/debug`, `<target>/release`,
    `<target>/<triple>/release`, ... (any depth: contract-build nests a target directory per contract)."""
    for path in cache.rglob("*"):
        if path.name in PROFILE_DIRS and path.is_dir() and not path.is_symlink():
            if any((path / d).is_dir() for d in ("deps", ".fingerprint")):
                yield path


def outputs(cache: Path, repo: Path) -> list[Path]:
    names = project_names(repo)
    artifact = artifact_pattern(names)
    bundle = bundle_pattern(contract_names(repo))
    found = []
    for profile in profile_dirs(cache):
        for entry in profile.iterdir():
            if entry.is_file() and artifact.match(entry.name):
                found.append(entry)
        for sub in ARTIFACT_DIRS:
            folder = profile / sub
            if folder.is_dir():
                found += [e for e in folder.iterdir() if artifact.match(e.name)]
    in_profiles = {p for p in found}
    for path in cache.rglob("*"):
        if path in in_profiles or path.is_symlink():
            continue
        if path.is_file() and (path.suffix == ".contract" or bundle.match(path.name)) and "/node_modules/" not in str(path):
            found.append(path)
    # Whole folders that hold only what the project built or ran.
    for folder in ("e2e-local-target/ink-split", "split-deploy", "chain", "contracts-target/walks"):
        for kept in (cache / folder).glob("*"):
            # The shells' shared cargo target ('build', 'shell-build', 'full-build') holds third-party wasm32
            # builds: its project entries are found above; everything else here is a kept shell or run state.
            if kept.name not in ("build", "shell-build", "full-build") and not kept.name.startswith(
                    ("shell-build-", "full-build-")):
                found.append(kept)
    for name in ("scenario-report.json", "chain-walk-report.json", "bench-report.json"):
        if (cache / "contracts-target" / name).exists():
            found.append(cache / "contracts-target" / name)
    for rel in ("deployments", "app/dist", "app/dist-doctored", "app/src/contracts", "app/public/deployment"):
        if (repo / rel).exists():
            found.append(repo / rel)
    found += [p for p in repo.rglob("__pycache__") if "node_modules" not in p.parts]
    return sorted(set(found))


def remove(path: Path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    cache = Path(args[0])
    repo = Path(args[1]) if len(args) > 1 else Path(__file__).resolve().parent.parent
    if not check_only:
        found = outputs(cache, repo) if cache.is_dir() else []
        total = sum(size(p) for p in found)
        for path in found:
            remove(path)
        print(f"removed {len(found)} project build outputs ({total / 1e6:.0f} MB) from {cache} and {repo}")
    left = outputs(cache, repo) if cache.is_dir() else []
    if left:
        print(f"error: {len(left)} project build outputs are still there, e.g.:", file=sys.stderr)
        for path in left[:10]:
            print(f"  {path}", file=sys.stderr)
        return 1
    print("no project build outputs left: the next build starts from sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
