"""Every argument deploy.py renders from the two example projects, checked against the built contracts' metadata:
struct and variant names, field names and the kind of each value (bool, integer, text, account, option, list).
A Rust field or variant renamed without `rendering.py` following fails here, not in a deployment. So does one
renamed without the project files' keys following: a table's keys are the Rust names of what it fills
(`rendering.TABLES`), checked against the metadata's field names and its constructors' and messages' argument labels
(an entry of `token.countries`, `registry.verifiers`, ... has the labels of the message it becomes).

The metadata is what the drink tests' build writes (`e2e-tests/target/ink/<crate>/<crate>.json`); `./test.sh` runs
this after that build and sets INFRA_SUITE_REQUIRE_METADATA=1, so a missing build fails instead of skipping.

    python3 -m unittest discover -s deploy-scripts
"""
import copy
import json
import os
import re
import tomllib
import unittest
from pathlib import Path

import rendering

HERE = Path(__file__).resolve().parent
METADATA = HERE.parent / "e2e-tests" / "target" / "ink"
REQUIRED = os.environ.get("INFRA_SUITE_REQUIRE_METADATA") == "1"
ADDRESS = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"  # any well-formed SS58 address


# ----------------------------------------------------------------------------------------- a SCON reader


def parse(text: str):
    """The value tree of the SCON subset rendering.py writes."""
    tokens = re.findall(r'"(?:\\.|[^"\\])*"|-?[A-Za-z0-9_]+|[{}()\[\],:]', text)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take(expected=None):
        nonlocal pos
        tok = tokens[pos]
        if expected is not None and tok != expected:
            raise ValueError(f"expected {expected!r}, got {tok!r} in {text!r}")
        pos += 1
        return tok

    def items(close):
        out = []
        while peek() != close:
            out.append(value())
            if peek() == ",":
                take(",")
        take(close)
        return out

    def value():
        tok = take()
        if tok.startswith('"'):
            return ("str", json.loads(tok))
        if re.fullmatch(r"-?\d+", tok):
            return ("num", int(tok))
        if tok.startswith("0x"):
            return ("hex", tok)
        if tok == "[":
            return ("seq", items("]"))
        if tok == "(":
            return ("tuple", items(")"))
        if peek() == "(":
            take("(")
            return ("call", tok, items(")"))
        if peek() == "{":
            take("{")
            fields = {}
            while peek() != "}":
                name = take()
                take(":")
                fields[name] = value()
                if peek() == ",":
                    take(",")
            take("}")
            return ("struct", tok, fields)
        return ("ident", tok)

    tree = value()
    if pos != len(tokens):
        raise ValueError(f"trailing input in {text!r}")
    return tree


# ---------------------------------------------------------------------------------- metadata type checks


class Types:
    def __init__(self, metadata: dict):
        self.by_id = {t["id"]: t["type"] for t in metadata["types"]}
        self.spec = metadata["spec"]

    def arg(self, callable_label: str, index: int, constructor: bool) -> int:
        kind = "constructors" if constructor else "messages"
        entry = next(c for c in self.spec[kind] if c["label"] == callable_label)
        return entry["args"][index]["type"]["type"]

    def arg_names(self, callable_label: str, constructor: bool = True) -> list[str]:
        kind = "constructors" if constructor else "messages"
        entry = next(c for c in self.spec[kind] if c["label"] == callable_label)
        return [a["label"] for a in entry["args"]]

    def field_names(self, type_id: int) -> list[str]:
        return [f["name"] for f in self.by_id[type_id]["def"]["composite"]["fields"]]

    def field_type(self, type_id: int, name: str) -> int:
        field = next(f for f in self.by_id[type_id]["def"]["composite"]["fields"] if f["name"] == name)
        return field["type"]

    def element(self, type_id: int) -> int:
        return self.by_id[type_id]["def"]["sequence"]["type"]

    def check(self, type_id: int, v, where: str):
        t = self.by_id[type_id]
        d, path = t["def"], t.get("path", [])
        if "primitive" in d:
            prim = d["primitive"]
            if prim == "bool":
                assert v in (("ident", "true"), ("ident", "false")), f"{where}: bool expected, got {v}"
            elif prim == "str":
                assert v[0] == "str", f"{where}: text expected, got {v}"
            else:
                assert v[0] == "num", f"{where}: {prim} expected, got {v}"
        elif "compact" in d:
            self.check(d["compact"]["type"], v, where)
        elif "sequence" in d:
            assert v[0] == "seq", f"{where}: a list expected, got {v}"
            for i, item in enumerate(v[1]):
                self.check(d["sequence"]["type"], item, f"{where}[{i}]")
        elif "array" in d:
            assert v[0] == "hex", f"{where}: {d['array']['len']} bytes as 0x-hex expected, got {v}"
        elif "tuple" in d:
            assert v[0] == "tuple" and len(v[1]) == len(d["tuple"]), f"{where}: a {len(d['tuple'])}-tuple expected"
            for i, (tid, item) in enumerate(zip(d["tuple"], v[1])):
                self.check(tid, item, f"{where}.{i}")
        elif "composite" in d:
            self.composite(path, d["composite"].get("fields", []), v, where)
        elif "variant" in d:
            self.variant(path, d["variant"].get("variants", []), v, where)
        else:
            raise AssertionError(f"{where}: unexpected type {t}")

    def composite(self, path, fields, v, where):
        name = path[-1] if path else "?"
        if name == "AccountId":
            assert v[0] == "ident" and len(v[1]) >= 46, f"{where}: an SS58 account expected, got {v}"
            return
        if fields and all(f.get("name") for f in fields):
            assert v[0] == "struct" and v[1] == name, f"{where}: `{name} {{ .. }}` expected, got {v}"
            rendered, declared = set(v[2]), [f["name"] for f in fields]
            assert rendered == set(declared), (
                f"{where}: {name} fields differ: rendered {sorted(rendered)}, the contract has {sorted(declared)}")
            for f in fields:
                self.check(f["type"], v[2][f["name"]], f"{where}.{f['name']}")
        else:
            assert v[0] == "call" and v[1] == name and len(v[2]) == len(fields), \
                f"{where}: `{name}(..)` expected, got {v}"
            for i, (f, item) in enumerate(zip(fields, v[2])):
                self.check(f["type"], item, f"{where}.{i}")

    def variant(self, path, variants, v, where):
        name = path[-1] if path else "?"
        by_name = {x["name"]: x for x in variants}
        if v[0] == "ident":
            chosen, given = v[1], None
        elif v[0] in ("call", "struct"):
            chosen, given = v[1], v
        else:
            raise AssertionError(f"{where}: a variant of {name} expected, got {v}")
        assert chosen in by_name, f"{where}: {name} has no variant {chosen} (it has {sorted(by_name)})"
        fields = by_name[chosen].get("fields", [])
        if given is None:
            assert not fields, f"{where}: {name}::{chosen} takes fields"
        elif given[0] == "call":
            assert len(fields) == len(given[2]) and not any(f.get("name") for f in fields), \
                f"{where}: {name}::{chosen} is not a tuple variant of {len(given[2])}"
            for i, (f, item) in enumerate(zip(fields, given[2])):
                self.check(f["type"], item, f"{where}.{chosen}.{i}")
        else:
            declared = {f["name"]: f for f in fields}
            assert set(given[2]) == set(declared), (
                f"{where}: {name}::{chosen} fields differ: rendered {sorted(given[2])}, declared {sorted(declared)}")
            for fname, item in given[2].items():
                self.check(declared[fname]["type"], item, f"{where}.{chosen}.{fname}")


def load(crate: str) -> Types | None:
    path = METADATA / crate / f"{crate}.json"
    if not path.is_file():
        return None
    return Types(json.loads(path.read_text()))


def account(_ref: str) -> str:
    return ADDRESS


class RenderedArgumentsMatchTheContracts(unittest.TestCase):
    def setUp(self):
        self.types = {c: load(c) for c in ("compliance_registry", "project_token", "iot_oracle", "crowdfund_escrow",
                                            "dividend_distributor", "usage_pass", "governor")}
        missing = [c for c, t in self.types.items() if t is None]
        if missing:
            message = f"no built metadata for {', '.join(missing)} under {METADATA} (./test.sh builds it first)"
            if REQUIRED:
                self.fail(message)
            self.skipTest(message)
        self.projects = {p.stem: tomllib.loads(p.read_text()) for p in sorted((HERE / "projects").glob("*.toml"))}
        self.assertGreaterEqual(len(self.projects), 2)

    def check(self, crate, label, index, rendered, constructor=False):
        types = self.types[crate]
        types.check(types.arg(label, index, constructor), parse(rendered), f"{crate}::{label}[{index}]")

    def check_message(self, crate, label, args):
        """Every argument of one call of message `label`, and their number."""
        self.assertEqual(len(args), len(self.types[crate].arg_names(label, False)), f"{crate}::{label} arguments")
        for i, arg in enumerate(args):
            self.check(crate, label, i, arg)

    def test_every_argument_of_both_projects_fits_its_contract(self):
        base = 1_700_000_000_000
        for name, p in self.projects.items():
            with self.subTest(project=name):
                t = p["token"]
                for i, arg in enumerate(rendering.token_args(t, ADDRESS)):
                    self.check("project_token", "new", i, arg, constructor=True)
                for c in t.get("countries", []):
                    self.check_message("project_token", "set_country_listed", rendering.country_args(c))
                for v in p["registry"].get("verifiers", []):
                    self.check_message("compliance_registry", "set_verifier", rendering.verifier_args(v, account))
                o = p["oracle"]
                for i, arg in enumerate(rendering.oracle_args(o)):
                    self.check("iot_oracle", "new", i, arg, constructor=True)
                for r in o.get("roles", []):
                    self.check_message("iot_oracle", "set_role", rendering.role_args(r, account))
                for f in o.get("feeds", []):
                    self.check("iot_oracle", "add_feed", 0, rendering.feed_config(f))
                for r in o.get("rules", []):
                    self.check("iot_oracle", "add_rule", 0, rendering.rule(r))
                terms = rendering.offering_terms(p["offering"], account, account, base)
                self.check("crowdfund_escrow", "new", 2, terms, constructor=True)
                config = rendering.distributor_config(p["distributor"], account)
                self.check("dividend_distributor", "new", 2, config, constructor=True)
                for tax in p["distributor"].get("tax", []):
                    self.check_message("dividend_distributor", "set_tax_rate", rendering.tax_args(tax))
                for i, arg in enumerate(rendering.pass_args(p["pass"], account, base)):
                    self.check("usage_pass", "new", i, arg, constructor=True)
                for c in p["pass"].get("classes", []):
                    self.check("usage_pass", "add_class", 0, rendering.pass_class(c, base))
                for m in p["pass"].get("meters", []):
                    self.check_message("usage_pass", "set_meter", rendering.meter_args(m, account))
                g = p["governor"]
                self.check("governor", "new", 2, rendering.governor_params(g), constructor=True)
                entry = rendering.allowed_call(ADDRESS, "0x12345678", "ResultOk")
                self.check("governor", "new", 4, rendering.seq([entry]), constructor=True)

    def test_a_renamed_field_is_caught(self):
        # The check itself: the same rules with one field under an old name must be refused.
        rules = rendering.compliance_rules(self.projects["toll-road"]["token"])
        renamed = rules.replace("holder_limit", "max_holders")
        with self.assertRaisesRegex(AssertionError, "fields differ"):
            self.check("project_token", "new", 4, renamed, constructor=True)
        with self.assertRaisesRegex(AssertionError, "bool expected"):
            self.check("project_token", "new", 4, rules.replace("sender_needs_claims: false",
                                                                 "sender_needs_claims: 0"), constructor=True)
        with self.assertRaisesRegex(AssertionError, "has no variant"):
            self.check("iot_oracle", "add_rule", 0, rendering.rule(
                {"feed": 0, "condition": {"Above": 1}, "consecutive": 1}).replace("HaltToken", "Halt"))

    @staticmethod
    def rust_names(ty: dict) -> dict[str, set[str]]:
        """What each kind of table in `rendering.TABLES` fills, by the metadata's names (`ty`: crate -> Types): a
        struct's fields, a constructor's or a message's argument labels (less those deploy.py fills from elsewhere:
        addresses, the rules' struct, `set_role`'s `granted`)."""
        offering = ty["crowdfund_escrow"].arg("new", 2, True)
        params = ty["governor"].arg("new", 2, True)
        return {
            "registry": set(ty["compliance_registry"].arg_names("new")),
            "registry.verifiers": set(ty["compliance_registry"].arg_names("set_verifier", False)),
            "token": set(ty["project_token"].field_names(ty["project_token"].arg("new", 4, True)))
            | set(ty["project_token"].arg_names("new")) - {"registry", "rules"},
            "token.countries": set(ty["project_token"].arg_names("set_country_listed", False)),
            "oracle": set(ty["iot_oracle"].arg_names("new")),
            "oracle.roles": set(ty["iot_oracle"].arg_names("set_role", False)) - {"granted"},
            "oracle.feeds": set(ty["iot_oracle"].field_names(ty["iot_oracle"].arg("add_feed", 0, False))),
            "oracle.rules": set(ty["iot_oracle"].field_names(ty["iot_oracle"].arg("add_rule", 0, False))),
            "offering": set(ty["crowdfund_escrow"].field_names(offering)),
            "offering.tranches": set(ty["crowdfund_escrow"].field_names(
                ty["crowdfund_escrow"].element(ty["crowdfund_escrow"].field_type(offering, "tranches")))),
            "distributor": set(ty["dividend_distributor"].field_names(ty["dividend_distributor"].arg("new", 2, True))),
            "distributor.tax": set(ty["dividend_distributor"].arg_names("set_tax_rate", False)),
            "pass": set(ty["usage_pass"].arg_names("new")),
            "pass.classes": set(ty["usage_pass"].field_names(ty["usage_pass"].arg("add_class", 0, False))),
            "pass.meters": set(ty["usage_pass"].arg_names("set_meter", False)),
            "governor": set(ty["governor"].field_names(params))
            | set(ty["governor"].arg_names("new")) - {"token", "registry", "params", "openers"},
            "governor.track": set(ty["governor"].field_names(ty["governor"].field_type(params, "normal"))),
        }

    @staticmethod
    def key_mismatches(names: dict[str, set[str]]) -> list[str]:
        """Each kind of table whose keys (`rendering.TABLES`) differ from the Rust names it fills."""
        return [f"[{kind}]: rendering.py reads {sorted(rust)}, the contract has {sorted(names.get(kind, ()))}"
                for kind, (rust, _setup) in rendering.TABLES.items() if set(rust) != names.get(kind)]

    def test_every_project_key_is_the_rust_name_it_fills(self):
        names = self.rust_names(self.types)
        self.assertEqual(set(names), set(rendering.TABLES))
        self.assertEqual(self.key_mismatches(names), [])
        # Both example projects use only those keys (besides the setup keys deploy.py turns into calls).
        for name, p in self.projects.items():
            with self.subTest(project=name):
                rendering.check_project(p)

    def test_a_renamed_argument_is_caught(self):
        # The check itself: metadata in which a Rust field, a constructor's or a message's argument has another name
        # must fail the key check, naming the table whose keys no longer match.
        def renamed(crate, kind, label, old, new):
            types = copy.deepcopy(self.types)
            if kind == "field":
                fields = types[crate].by_id[label]["def"]["composite"]["fields"]
                next(f for f in fields if f["name"] == old)["name"] = new
            else:
                entry = next(c for c in types[crate].spec[kind] if c["label"] == label)
                next(a for a in entry["args"] if a["label"] == old)["label"] = new
            return self.key_mismatches(self.rust_names(types))

        rules = self.types["project_token"].arg("new", 4, True)
        for crate, kind, label, old, new, table in (
                ("project_token", "messages", "set_country_listed", "country", "code", "token.countries"),
                ("compliance_registry", "messages", "set_verifier", "verifier", "account", "registry.verifiers"),
                ("compliance_registry", "messages", "set_verifier", "claim_types", "claims", "registry.verifiers"),
                ("iot_oracle", "messages", "set_role", "account", "who", "oracle.roles"),
                ("dividend_distributor", "messages", "set_tax_rate", "bps", "rate_bps", "distributor.tax"),
                ("usage_pass", "messages", "set_meter", "meter", "account", "pass.meters"),
                ("usage_pass", "constructors", "new", "long_stop_at", "long_stop", "pass"),
                ("project_token", "field", rules, "holder_limit", "max_holders", "token")):
            with self.subTest(renamed=f"{label}.{old}"):
                mismatches = renamed(crate, kind, label, old, new)
                self.assertEqual(len(mismatches), 1, mismatches)
                self.assertTrue(mismatches[0].startswith(f"[{table}]:"), mismatches)


class Reader(unittest.TestCase):
    def test_the_reader_reads_what_rendering_writes(self):
        self.assertEqual(parse('A { x: 1, y: Some(-2), z: [B, "t"] }'),
                         ("struct", "A", {"x": ("num", 1), "y": ("call", "Some", [("num", -2)]),
                                          "z": ("seq", [("ident", "B"), ("str", "t")])}))
        self.assertEqual(parse("(5Grw, 0x12345678, ResultOk)"),
                         ("tuple", [("ident", "5Grw"), ("hex", "0x12345678"), ("ident", "ResultOk")]))




class ReadBacksMatchTheContracts(unittest.TestCase):
    """Every read-back a resumed deployment makes (deploy.py READ_BACK) names a view the contract really has, with
    as many arguments as it is given, and every message it reads back is one the contract has."""

    def test_every_view_exists_with_its_arguments(self):
        import tempfile

        import deploy
        from test_deploy import PROJECTS, FakeChain, deploy_on, fake_artifacts, project_file
        types = {c: load(c) for c in deploy.CONTRACTS}
        missing = [c for c, t in types.items() if t is None]
        if missing:
            message = f"no built metadata for {', '.join(missing)} under {METADATA} (./test.sh builds it first)"
            if REQUIRED:
                self.fail(message)
            self.skipTest(message)
        labels = {c: {m["label"] for m in t.spec["messages"]} for c, t in types.items()}
        with tempfile.TemporaryDirectory() as d:
            arts = fake_artifacts(Path(d))
            for name in PROJECTS:
                chain = FakeChain()
                deploy_on(chain, project_file(name), Path(d) / f"{name}.json", arts)
                crate_at = dict(chain.state.contracts)
                for call in chain.sent:
                    address, message, sent_args = call
                    crate = crate_at[address]
                    with self.subTest(project=name, crate=crate, message=message):
                        self.assertIn(message, labels[crate])
                        view, view_args, expect = deploy.READ_BACK[message](sent_args)
                        if expect[0] == "index":
                            view_args = ["0"]
                        target = crate_at[sent_args[0]] if expect[0] == "admin_of_target" else crate
                        self.assertIn(view, labels[target], f"{target} has no view {view}")
                        self.assertEqual(len(types[target].arg_names(view, False)), len(view_args),
                                         f"{target}::{view} arguments")
                        if expect[0] == "admin_offered":
                            self.assertIn(deploy.ADMIN, labels[target])


if __name__ == "__main__":
    unittest.main()
