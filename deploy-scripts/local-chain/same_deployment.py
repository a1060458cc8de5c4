#!/usr/bin/env python3
"""Whether two deployments of one project on one chain are the same deployment: `same_deployment.py A.json
B.json --url U --artifacts DIR`. Used by ../../chain.sh to compare a deployment killed after each of its
transactions and resumed every time (B) with one that ran uninterrupted (A).

Compared: the steps recorded and the roles granted, in order (every contract address replaced by its short name,
as the two deployments' contracts sit at different addresses, and every instant written relative to the
deployment's own start, as the two started at different times); each contract's code; and on the chain, what a
duplicated or lost transaction would change: the oracle's feeds and rules and the pass's classes (the next index
is empty on both), the tokens the registry binds, and every admin (the governor after the handover). Exit 0 when they agree, 1 with every difference listed.
"""
import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import deploy  # noqa: E402


#: Instants a project file can name are within this much of the deployment's start (ms): ten years.
SPAN_MS = 10 * 365 * 86_400_000


def normalised(m: dict) -> tuple[list, list]:
    names = {c["address"]: short for short, c in m["contracts"].items()}
    start = int(m["deployed_at_ms"])

    def relative(match: re.Match) -> str:
        n = int(match.group(0))
        return f"<start{n - start:+d}>" if abs(n - start) <= SPAN_MS else match.group(0)

    def plain(text: str) -> str:
        for address, short in names.items():
            text = text.replace(address, f"<{short}>")
        # Times in the arguments are the deployment's start plus the project file's offsets.
        return re.sub(r"(?<![0-9A-Za-z])[0-9]{12,14}(?![0-9A-Za-z])", relative, text)

    steps = [plain(s) for s in m["steps"]]
    roles = [{k: plain(str(v)) for k, v in r.items()} for r in m["roles"]]
    return steps, roles


def chain_facts(m: dict, cc: "deploy.CargoContract", arts: dict, counts: dict) -> list[str]:
    """What the chain says of deployment `m`: one line per fact, contract addresses as short names."""
    c = m["contracts"]
    names = {v["address"]: k for k, v in c.items()}

    keys = {bytes(deploy.public_key(v["address"])): k for k, v in c.items()}

    def named_accounts(value):
        """cargo contract's rendering with every account of this deployment (an SS58 literal, or 32 bytes as a
        sequence of numbers inside a Vec) replaced by the contract's short name."""
        if isinstance(value, dict):
            elems = (value.get("Seq") or {}).get("elems") if "Seq" in value else None
            if isinstance(elems, list) and len(elems) == 32 and all(isinstance(e, dict) and "UInt" in e for e in elems):
                raw = bytes(e["UInt"] for e in elems)
                if raw in keys:
                    return f"<{keys[raw]}>"
            return {k: named_accounts(v) for k, v in value.items()}
        if isinstance(value, list):
            return [named_accounts(v) for v in value]
        return value

    def ask(short: str, message: str, args: list[str] | None = None) -> str:
        out = cc.query(arts[c[short]["crate"]], c[short]["address"], message, args)
        text = json.dumps(named_accounts(out.get("data")), sort_keys=True)
        for address, name in names.items():
            text = text.replace(address, f"<{name}>")
        return text

    facts = []
    for short, message, index in (("oracle", "feed", counts["feeds"]), ("oracle", "rule", counts["rules"]),
                                  ("pass", "class", counts["classes"])):
        if short in c:
            facts.append(f"{short}.{message}({index - 1}) -> {ask(short, message, [str(index - 1)])[:60]}"
                         if index else f"{short}: none added")
            facts.append(f"{short}.{message}({index}) -> {ask(short, message, [str(index)])}")
    if "registry" in c:
        facts.append(f"registry.bound_tokens -> {ask('registry', 'bound_tokens')}")
    for short in c:
        if short != "governor":
            facts.append(f"{short}.admin -> {ask(short, deploy.ADMIN)}")
    return facts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("whole", type=Path)
    ap.add_argument("resumed", type=Path)
    ap.add_argument("--url", required=True)
    ap.add_argument("--artifacts", type=Path, default=deploy.REPO / "target" / "ink")
    args = ap.parse_args()
    a, b = json.loads(args.whole.read_text()), json.loads(args.resumed.read_text())
    wrong = []
    if not b.get("complete"):
        wrong.append(f"{args.resumed} is not complete")
    steps_a, roles_a = normalised(a)
    steps_b, roles_b = normalised(b)
    if steps_a != steps_b:
        only_a = [s for s in steps_a if s not in steps_b]
        only_b = [s for s in steps_b if s not in steps_a]
        wrong.append(f"steps differ: only uninterrupted {only_a[:5]}, only resumed {only_b[:5]} "
                     f"({len(steps_a)} vs {len(steps_b)})")
    if roles_a != roles_b:
        wrong.append("roles differ")
    for short, ca in a["contracts"].items():
        cb = b["contracts"].get(short)
        if not cb or (cb["code_hash"], cb.get("full_code_hash")) != (ca["code_hash"], ca.get("full_code_hash")):
            wrong.append(f"{short}: code differs")
    arts = {c: deploy.load_artifact(args.artifacts, c) for c in deploy.CONTRACTS}
    cc = deploy.CargoContract(args.url, "//Alice")
    counts = {"feeds": sum(s.startswith("call:oracle.add_feed(") for s in a["steps"]),
              "rules": sum(s.startswith("call:oracle.add_rule(") for s in a["steps"]),
              "classes": sum(s.startswith("call:pass.add_class(") for s in a["steps"])}
    facts_a, facts_b = chain_facts(a, cc, arts, counts), chain_facts(b, cc, arts, counts)
    for fa, fb in zip(facts_a, facts_b):
        if fa != fb:
            wrong.append(f"on chain: uninterrupted {fa} / resumed {fb}")
    for line in wrong:
        print(f"  DIFFERENT: {line}")
    if wrong:
        return 1
    print(f"  the same deployment: {len(steps_a)} steps, roles, code and, on chain, "
          + "; ".join(facts_b[:6]) + " ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
