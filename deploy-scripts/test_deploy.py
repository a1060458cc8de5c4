"""Unit tests of deploy.py's pure parts: argument rendering for cargo contract, error explanations, manifest
identity and resumption. The on-chain path is exercised by ../chain.sh against a real runtime.

    python3 -m unittest discover -s deploy-scripts
"""
import argparse
import contextlib
import io
import json
import os
import tempfile
import tomllib
import unittest
from pathlib import Path

import deploy
import rendering

HERE = Path(__file__).resolve().parent


class Rendering(unittest.TestCase):
    def test_claims_are_the_registry_bitmask(self):
        # Bit order is ClaimType's declaration order: Kyc, Aml, Accredited, Qualified.
        self.assertEqual(rendering.claims(["Kyc"]), "ClaimSet(1)")
        self.assertEqual(rendering.claims(["Kyc", "Aml"]), "ClaimSet(3)")
        self.assertEqual(rendering.claims(["Accredited", "Qualified"]), "ClaimSet(12)")
        self.assertEqual(rendering.claims([]), "ClaimSet(0)")
        with self.assertRaisesRegex(deploy.DeployError, "unknown claim 'KYC'"):
            rendering.claims(["KYC"])

    def test_rules_render_every_condition(self):
        base = {"feed": 0, "consecutive": 3}
        self.assertEqual(
            rendering.rule({**base, "condition": {"Above": 5000}, "resume_after": 2}),
            "Rule { feed: 0, condition: Above(5000), consecutive: 3, resume_after: 2, action: HaltToken }",
        )
        self.assertIn("Below(-10)", rendering.rule({**base, "condition": {"Below": -10}}))
        self.assertIn("DeviationAbove(400)", rendering.rule({**base, "condition": {"DeviationAbove": 400}}))
        self.assertIn(
            "AverageAbove { threshold: 7, samples: 4 }",
            rendering.rule({**base, "condition": {"AverageAbove": {"threshold": 7, "samples": 4}}}),
        )
        self.assertIn("action: Alert", rendering.rule({**base, "condition": {"Above": 1}, "action": "Alert"}))
        for bad in ({"sideways": 1}, {"above": 1}, {"Above": "1"}, {"Above": 1, "Below": 2},
                    {"AverageAbove": {"threshold": 7}}, "Above"):
            with self.assertRaisesRegex(deploy.DeployError, "oracle.rules.condition", msg=bad):
                rendering.rule({**base, "condition": bad})
        with self.assertRaisesRegex(deploy.DeployError, "HaltToken, Alert"):
            rendering.rule({**base, "condition": {"Above": 1}, "action": "halt"})

    def test_tracks_convert_hours_to_milliseconds(self):
        t = {"voting_delay": 1, "voting_period": 5, "quorum_bps": 2000, "approval_bps": 5001,
             "timelock_ms": "48 hours"}
        self.assertEqual(
            rendering.track(t),
            "TrackParams { voting_delay: 1, voting_period: 5, quorum_bps: 2000, approval_bps: 5001, "
            "timelock_ms: 172800000 }",
        )

    def test_values_with_a_unit_have_one_strict_syntax(self):
        self.assertEqual(rendering.duration_ms("4 days", "k"), 4 * rendering.DAY_MS)
        self.assertEqual(rendering.duration_ms("1 hour", "k"), rendering.HOUR_MS)
        self.assertEqual(rendering.duration_ms("90 minutes", "k"), 90 * rendering.MINUTE_MS)
        self.assertEqual(rendering.duration_ms("1_500 ms", "k"), 1_500)
        self.assertEqual(rendering.moment("30 days after deployment", "k", 1_000), 1_000 + 30 * rendering.DAY_MS)
        self.assertEqual(rendering.token_amount("100_000 tokens", 1_000, "k"), 100_000_000)
        self.assertEqual(rendering.token_amount("1 token", 7, "k"), 7)
        for bad in (4, "4", "4days", "4  days", " 4 days", "4 Days", "4 weeks", "1.5 hours", "-1 days", "4 days ",
                    "_4 days", "4_ days", "30 days after deployment", True, None):
            with self.assertRaisesRegex(deploy.DeployError, r"offering\.cooling_off_ms = .*\"4 days\"", msg=bad):
                rendering.duration_ms(bad, "offering.cooling_off_ms")
        for bad in ("30 days", "30 days after", "30 tokens after deployment", 30):
            with self.assertRaisesRegex(deploy.DeployError, "after deployment", msg=bad):
                rendering.moment(bad, "offering.deadline", 0)
        for bad in (100, "100", "100 days", "100 tokens after deployment"):
            with self.assertRaisesRegex(deploy.DeployError, "tokens", msg=bad):
                rendering.token_amount(bad, 1_000, "offering.soft_cap")

    def test_a_key_that_is_not_a_rust_name_is_refused(self):
        # An old or misspelt key, even an optional one with a default, is refused rather than ignored.
        project = tomllib.loads((HERE / "projects" / "solar-farm.toml").read_text())
        rendering.check_project(project)
        for table, old in (("token", "country_allowlist"), ("offering", "cooling_off_days"),
                           ("offering", "long_stop_days"), ("governor", "allow")):
            p = tomllib.loads((HERE / "projects" / "solar-farm.toml").read_text())
            p[table][old] = p[table].get(old, 1)
            with self.assertRaisesRegex(deploy.DeployError, f"{table} has no key {old}: its keys are"):
                rendering.check_project(p)
        p = tomllib.loads((HERE / "projects" / "solar-farm.toml").read_text())
        p["pass"]["classes"][0]["activation_in_days"] = 300
        with self.assertRaisesRegex(deploy.DeployError, r"pass\.classes\[0\] has no key activation_in_days"):
            rendering.check_project(p)
        # A list entry that becomes one message call has that message's argument labels; the old keys are refused.
        for table, key, old, new in (("registry", "verifiers", {"account": "platform_a", "claims": ["Kyc"]},
                                      "verifier, claim_types"),
                                     ("token", "countries", {"code": 276, "allow_list": True, "listed": True},
                                      "country, allow_list, listed"),
                                     ("oracle", "roles", {"account": "sponsor", "role": "Stakeholder", "on": 1},
                                      "account, role"),
                                     ("distributor", "tax", {"country": 276, "rate_bps": 2_637}, "country, bps"),
                                     ("pass", "meters", {"account": "smart_meter", "classes": [0]},
                                      "meter, classes")):
            p = tomllib.loads((HERE / "projects" / "solar-farm.toml").read_text())
            p[table][key][0] = old
            with self.assertRaisesRegex(deploy.DeployError,
                                        rf"{table}\.{key}\[0\] has no key .*: its keys are {new} \("):
                rendering.check_project(p)
        p = tomllib.loads((HERE / "projects" / "solar-farm.toml").read_text())
        p["registry"]["auditors"] = []
        with self.assertRaisesRegex(deploy.DeployError, "registry has no key auditors"):
            rendering.check_project(p)

    def test_a_project_that_cannot_keep_its_promises_is_refused_naming_the_key(self):
        """Both shipped projects keep their promises; each way of breaking one is refused with the key and why."""
        def load(name="toll-road"):
            return tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())

        for name in ("toll-road", "solar-farm", "data-centre"):
            rendering.check_promises(load(name))
        cases = []
        p = load()
        p["token"]["supply_cap"] = 399_999
        cases.append((p, r"token\.supply_cap: 399999 tokens cannot hold the offering's hard cap of 400000"))
        p = load()
        p["offering"]["lead_commitment"] = "100_001 tokens"
        cases.append((p, r"offering\.lead_commitment: 100001 tokens exceed the maximum holding of 100000"))
        p = load()
        del p["token"]["supply_cap"]
        cases.append((p, r"token\.max_holding_bps: without token\.supply_cap"))
        p = load()
        p["pass"]["classes"][0]["activation_at"] = "366 days after deployment"
        cases.append((p, r"pass\.classes\[0\]\.activation_at: the class activates when the pass's long-stop"))
        p = load()
        p["oracle"]["roles"] = [r for r in p["oracle"]["roles"] if r["account"] != "independent_inspector"]
        cases.append((p, r"oracle\.roles: with 3 stakeholders and 2 attestations .* any one stakeholder can block"))
        p = load()
        p["oracle"]["attestations_required"] = 4
        cases.append((p, r"oracle\.attestations_required: 4 attestations besides the poster need at least 5"))
        p = load()
        for r in p["oracle"]["roles"]:
            if r["account"] == "regulator":
                r["sponsor_side"] = True
        cases.append((p, r"oracle\.roles: the sponsor's side \(bridge_engineer, regulator, sponsor\) can post"))
        for project, why in cases:
            with self.assertRaisesRegex(deploy.DeployError, why):
                rendering.check_promises(project)
            with self.assertRaisesRegex(deploy.DeployError, why):
                rendering.check_project(project)

    def test_message_arguments_render_from_their_entries(self):
        acct = lambda ref: "5" + ref  # noqa: E731
        self.assertEqual(rendering.verifier_args({"verifier": "p", "claim_types": ["Kyc", "Aml"]}, acct),
                         ["5p", "ClaimSet(3)"])
        self.assertEqual(rendering.country_args({"country": 840}), ["840", "false", "true"])
        self.assertEqual(rendering.country_args({"country": 40, "allow_list": True, "listed": False}),
                         ["40", "true", "false"])
        self.assertEqual(rendering.role_args({"account": "e", "role": "Engineer"}, acct), ["5e", "Engineer", "true"])
        self.assertEqual(rendering.tax_args({"country": 250, "bps": 1_280}), ["250", "1280"])
        self.assertEqual(rendering.meter_args({"meter": "g", "classes": [0, 2]}, acct), ["5g", "5"])

    def test_tranches_release_on_the_named_condition(self):
        oracle = lambda short: "5Orc" if short == "oracle" else None  # noqa: E731
        self.assertEqual(rendering.tranche({"share_bps": 4000, "condition": "AdminApproval"}, oracle, "t"),
                         "TrancheTerms { share_bps: 4000, condition: AdminApproval }")
        self.assertEqual(
            rendering.tranche({"share_bps": 6000, "condition": {"OracleMilestone": {"milestone": 1}}}, oracle, "t"),
            "TrancheTerms { share_bps: 6000, condition: OracleMilestone { oracle: 5Orc, milestone: 1 } }")
        for bad in ({"share_bps": 1}, {"share_bps": 1, "milestone": 1}, {"share_bps": 1, "condition": "Admin"},
                    {"share_bps": 1, "condition": {"OracleMilestone": 1}}):
            with self.assertRaises((deploy.DeployError, KeyError), msg=bad):
                rendering.tranche(bad, oracle, "t")

    def test_options_and_strings(self):
        self.assertEqual(rendering.opt(None), "None")
        self.assertEqual(rendering.opt(5), "Some(5)")
        self.assertEqual(rendering.scon_str('A "12"'), '"A \\"12\\""')

    def test_literal_finds_the_account_inside_ok(self):
        value = {"Tuple": {"ident": "Ok", "values": [{"Literal": "5FYg"}]}}
        self.assertEqual(deploy.literal(value), "5FYg")
        self.assertIsNone(deploy.literal({"Tuple": {"ident": "None", "values": []}}))


class Errors(unittest.TestCase):
    def test_unfunded_signer_is_named(self):
        stderr = 'RPC error: ErrorObject { code: ServerError(1010), message: "{\\"invalid\\":{\\"payment\\":null}}" }'
        msg = deploy.explain("upload x", {}, stderr, "//Nobody")
        self.assertIn("the signer //Nobody cannot pay", msg)

    def test_generic_error_keeps_only_the_message(self):
        parsed = {"generic_error": {"error": "Pre-submission dry-run failed\n\nStack backtrace:\n 0: x"}}
        self.assertEqual(deploy.explain("call", parsed, "", "//Alice"), "call failed: Pre-submission dry-run failed")

    def test_first_json_reads_cargo_contract_stderr(self):
        self.assertEqual(deploy.first_json('{\n "a": 1\n}\n\nStack backtrace: ...'), {"a": 1})
        self.assertIsNone(deploy.first_json("error: no JSON"))

    def test_urls_are_checked(self):
        with self.assertRaisesRegex(deploy.DeployError, "ws://host:port"):
            deploy.Node("http//bad")
        self.assertEqual(deploy.Node("ws://127.0.0.1:9944").http, "http://127.0.0.1:9944")

    def test_missing_artifact_says_how_to_build(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaisesRegex(deploy.DeployError, "cargo contract build --release"):
                deploy.load_artifact(Path(d), "governor")


class FakeNode:
    url = "ws://127.0.0.1:1"

    def __init__(self, block_1="0xb1"):
        self.facts = {"name": "dev", "runtime": "r/1", "genesis_hash": "0x45", "block_1_hash": block_1}


class Manifest(unittest.TestCase):
    def setUp(self):
        self.project = tomllib.loads((HERE / "projects" / "toll-road.toml").read_text())
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name) / "m.json"
        self.args = argparse.Namespace(manifest=self.path, suri="//Alice", set=[])

    def tearDown(self):
        self.dir.cleanup()

    def deployment(self, node):
        return deploy.Deployment(self.args, self.project, node, node.facts, cc=None, arts={})

    def test_recorded_steps_are_skipped_after_a_restart_of_the_script(self):
        d = self.deployment(FakeNode())
        d.m["contracts"]["registry"] = {"crate": "compliance_registry", "address": "5Reg"}
        d.mark("instantiate:registry")
        again = self.deployment(FakeNode())
        self.assertTrue(again.done("instantiate:registry"))
        self.assertEqual(again.account("registry"), "5Reg")

    def test_a_restarted_dev_chain_is_refused(self):
        self.deployment(FakeNode(block_1="0xb1")).save()
        with self.assertRaisesRegex(deploy.DeployError, "belongs to another chain"):
            self.deployment(FakeNode(block_1="0xother"))

    def test_a_manifest_of_another_project_is_refused(self):
        d = self.deployment(FakeNode())
        d.m["project"]["id"] = "someone-else"
        d.save()
        with self.assertRaisesRegex(deploy.DeployError, "someone-else"):
            self.deployment(FakeNode())

    def test_set_changes_only_parameters_the_project_has(self):
        project = tomllib.loads((HERE / "projects" / "toll-road.toml").read_text())
        deploy.override(project, "governor.normal.voting_period=10")
        self.assertEqual(project["governor"]["normal"]["voting_period"], 10)
        deploy.override(project, "project.name='A12 rehearsal'")
        self.assertEqual(project["project"]["name"], "A12 rehearsal")
        # A value with a unit, quoted as in the file or bare.
        deploy.override(project, 'offering.cooling_off_ms="7 days"')
        self.assertEqual(project["offering"]["cooling_off_ms"], "7 days")
        deploy.override(project, "governor.normal.timelock_ms=2 hours")
        self.assertEqual(project["governor"]["normal"]["timelock_ms"], "2 hours")
        rendering.check_project(project)
        for typo in ("governor.normal.voting_period_blocks=10", "governer.normal.voting_period=10",
                     "governor.normal.voting_period.x=1", "governor.normal.voting_period",
                     "governor.normal.voting_period=1O", "governor.normal.voting_period=true",
                     "governor.normal.voting_period='10'", "offering.cooling_off_ms=7",
                     "offering.cooling_off_days=7"):
            with self.assertRaises(deploy.DeployError, msg=typo):
                deploy.override(project, typo)
        self.assertEqual(project["governor"]["normal"]["voting_period"], 10)
        # A string of the wrong shape passes --set's type check, and the check before deploying refuses it.
        deploy.override(project, "offering.cooling_off_ms=7 dayz")
        with self.assertRaisesRegex(deploy.DeployError, "offering.cooling_off_ms = '7 dayz'"):
            rendering.check_project(project)

    def test_a_manifest_deployed_with_other_parameters_is_refused(self):
        self.args.set = ["governor.normal.voting_period=10"]
        deploy.override(self.project, self.args.set[0])
        d = self.deployment(FakeNode())
        self.assertEqual(d.m["overrides"], ["governor.normal.voting_period=10"])
        d.save()
        self.deployment(FakeNode())  # the same parameters resume
        # The file's value again (a run without --set), or an edited file: refused.
        self.project["governor"]["normal"]["voting_period"] = 7_200
        with self.assertRaisesRegex(deploy.DeployError, "other parameters"):
            self.deployment(FakeNode())
        self.project["governor"]["normal"]["voting_period"] = 10
        self.project["token"]["max_holding_bps"] = 5_000
        with self.assertRaisesRegex(deploy.DeployError, "other parameters"):
            self.deployment(FakeNode())

    def test_the_pass_opens_on_the_project_oracles_milestone(self):
        d = self.deployment(FakeNode())
        d.m["contracts"]["oracle"] = {"crate": "iot_oracle", "address": "5Orc"}
        d.m["contracts"]["distributor"] = {"crate": "dividend_distributor", "address": "5Dis"}
        args = rendering.pass_args(self.project["pass"], d.account, 1_000)
        self.assertEqual(args, ['"A12 Road Pass"', '"A12P"', "5Dis", str(1_000 + 365 * rendering.DAY_MS), "5Orc", "1"])
        other = {**self.project["pass"], "opening_oracle": "regulator"}
        self.assertEqual(rendering.pass_args(other, d.account, 0)[4], self.project["accounts"]["regulator"])
        for bad in (None, -1, 2**32, "1", True):
            u = {k: v for k, v in self.project["pass"].items() if k != "opening_milestone"}
            if bad is not None:
                u["opening_milestone"] = bad
            with self.assertRaisesRegex(deploy.DeployError, "opening_milestone"):
                rendering.pass_args(u, d.account, 0)

    def test_accounts_resolve_by_name_and_address_only(self):
        d = self.deployment(FakeNode())
        self.assertEqual(d.account("sponsor"), self.project["accounts"]["sponsor"])
        self.assertEqual(d.account(self.project["accounts"]["agent"]), self.project["accounts"]["agent"])
        with self.assertRaisesRegex(deploy.DeployError, "unknown account 'nobody'"):
            d.account("nobody")


def ss58(key: bytes) -> str:
    """The SS58 address (network 42) of the 32-byte `key`: the fake chain's addresses are real ones."""
    raw = b"\x2a" + key
    raw += deploy.hashlib.blake2b(b"SS58PRE" + raw, digest_size=64).digest()[:2]
    n, out = int.from_bytes(raw, "big"), ""
    while n:
        n, r = divmod(n, 58)
        out = deploy.BASE58[r] + out
    return out


class Crash(BaseException):
    """The process dies: nothing of deploy.py's own handling runs (a BaseException, as os._exit would be)."""


class ChainState:
    """What a chain holds after a deployment's transactions: the effects the resumption must not repeat."""

    def __init__(self):
        self.codes, self.contracts = set(), {}
        self.regulators, self.bound, self.admins = set(), set(), {}
        self.added = {}  # (contract, add_feed|add_rule|add_class) -> how many
        self.applied = set()  # (contract, message, args) of every setter sent

    def summary(self):
        return (sorted(self.codes), sorted(self.contracts.items()), sorted(self.regulators), sorted(self.bound),
                sorted(self.admins.items()), sorted(self.added.items()), sorted(self.applied))


class FakeChain:
    """The node and the signer of a whole deployment: every transaction recorded and applied to `state` as the
    chain would (a second regulator, bind or acceptance refused; a second feed, rule or class added), every
    instantiation at an address derived from its salt. With `crash_after`, the process dies right after that
    many transactions are in a block."""
    url = "ws://127.0.0.1:1"
    facts = {"name": "dev", "runtime": "r/1", "genesis_hash": "0x45", "block_1_hash": "0xb1"}
    address = ss58(b"\xd0" * 32)

    def __init__(self, state: ChainState | None = None, crash_after: int | None = None):
        self.calls, self.reads, self.sent, self.block = [], [], [], 0
        self.state = state or ChainState()
        self.crash_after = crash_after

    def best_block(self):
        self.block += 1
        return self.block

    def now_ms(self):
        return 1_800_000_000_000

    def settle(self):
        self.reads.append("settle")

    def _transaction(self, call):
        self.calls.append(call)
        if self.crash_after is not None and len(self.calls) >= self.crash_after:
            raise Crash()

    def upload(self, art):
        if art.code_hash not in self.state.codes:
            self.state.codes.add(art.code_hash)
            self._transaction(("upload", art.crate))
        return art.code_hash

    def instantiate(self, art, args, salt, adopt):
        address = ss58(deploy.hashlib.blake2b((art.crate + salt).encode(), digest_size=32).digest())
        if address in self.state.contracts:
            if not adopt:
                raise deploy.DeployError("instantiate: contracts.DuplicateContract")
            return address, True
        self.state.contracts[address] = art.crate
        self._transaction(("instantiate", art.crate))
        return address, False

    def call(self, art, address, message, args):
        s = self.state
        if message == "add_regulator":
            if args[0] in s.regulators:
                raise deploy.DeployError("add_regulator: the contract refused it (AlreadyRegulator)")
            s.regulators.add(args[0])
        elif message == "bind_token":
            if args[0] in s.bound:
                raise deploy.DeployError("bind_token: the contract refused it (TokenAlreadyBound)")
            s.bound.add(args[0])
        elif message in ("add_feed", "add_rule", "add_class"):
            s.added[(address, message)] = s.added.get((address, message), 0) + 1
        elif message == "accept_admin_of":
            if s.admins.get(args[0]) == address:
                raise deploy.DeployError("accept_admin_of: the contract refused it (NotPendingAdmin)")
            s.admins[args[0]] = address
        else:
            s.applied.add((address, message, tuple(args)))
        self.sent.append((address, message, list(args)))
        self._transaction((address, message))
        return {}

    def holds(self, art, address, view, view_args, expect, sent):
        """The chain's answer to a read-back, from the effects applied (what each view would answer is checked
        against real SCALE answers in ReadBack below and on a real chain in ../chain.sh)."""
        s, (message, args) = self.state, sent
        self.reads.append(message)
        if message == "add_regulator":
            return args[0] in s.regulators
        if message == "bind_token":
            return args[0] in s.bound
        if expect[0] == "some":
            return int(view_args[0]) < s.added.get((address, message), 0)
        if message == "accept_admin_of":
            return s.admins.get(address) == expect[1]
        return (address, message, tuple(args)) in s.applied


class AnySelector(dict):
    def get(self, key, default=None):
        return "0x01020304"


PROJECTS = ("toll-road", "solar-farm", "data-centre")


def fake_artifacts(directory: Path) -> dict:
    """Artifacts for every contract with an empty metadata file in `directory`, each code hash named after its crate."""
    meta = Path(directory) / "meta.json"
    meta.write_text("{}")
    return {c: deploy.Artifact(c, meta, meta, "0x" + c, AnySelector()) for c in deploy.CONTRACTS}


def project_file(name: str) -> dict:
    return tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())


def deploy_on(chain: "FakeChain", project: dict, manifest: Path, arts: dict) -> "deploy.Deployment":
    """Runs (or resumes) the deployment of `project` on `chain` with manifest `manifest`; returns it."""
    args = argparse.Namespace(manifest=manifest, suri="//Alice", set=[])
    run = deploy.Deployment(args, project, chain, chain.facts, chain, arts)
    with contextlib.redirect_stdout(io.StringIO()):
        run.run()
    return run


class WholeDeployment(unittest.TestCase):
    def test_a_deployment_runs_every_step_once_and_a_rerun_deploys_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            arts = fake_artifacts(Path(d))
            for name in PROJECTS:
                project, manifest = project_file(name), Path(d) / f"{name}.json"
                chain = FakeChain()
                first = deploy_on(chain, project, manifest, arts)
                self.assertTrue(first.m["complete"])
                self.assertEqual(len(first.m["steps"]), len(set(first.m["steps"])), name)
                self.assertEqual([c for c in chain.calls if c[0] == "instantiate"],
                                 [("instantiate", c) for c in deploy.CONTRACTS], name)
                # The handover: each administered contract offers its role, the governor accepts it.
                offered = [chain.state.contracts[a] for a, m in chain.calls if m == "Admin::transfer_admin"]
                self.assertEqual(offered, [c for c in deploy.CONTRACTS if c != "governor"], name)
                self.assertEqual(sum(m == "accept_admin_of" for _, m in chain.calls), 6, name)
                again = FakeChain()
                second = deploy_on(again, project, manifest, arts)
                self.assertEqual(again.calls, [], f"{name}: a re-run deploys nothing")
                self.assertEqual(second.m["steps"], first.m["steps"], name)


    def test_a_deployment_killed_after_any_transaction_resumes_to_the_same_chain_and_manifest(self):
        """Killed right after each of its transactions in turn (in a block, not yet in the manifest), re-run
        until it completes: the chain holds exactly what an uninterrupted deployment leaves (no second feed, rule,
        class, contract, bind, regulator or acceptance; no step refused), and the manifest records the same steps.
        The same test on a real chain runs in ../chain.sh."""
        with tempfile.TemporaryDirectory() as d:
            arts = fake_artifacts(Path(d))
            project = project_file("data-centre")

            def deploy_once(manifest: Path, chain: FakeChain) -> dict:
                return deploy_on(chain, project, manifest, arts).m

            whole = FakeChain()
            expected = deploy_once(Path(d) / "whole.json", whole)
            transactions = len(whole.calls)
            self.assertGreater(transactions, 30)
            for k in range(1, transactions + 1):
                state, manifest = ChainState(), Path(d) / f"killed-{k}.json"
                with self.assertRaises(Crash):
                    deploy_once(manifest, FakeChain(state, crash_after=k))
                recorded = json.loads(manifest.read_text())["steps"] if manifest.exists() else []
                self.assertLess(len(recorded), len(expected["steps"]), k)
                resumed = FakeChain(state)
                m = deploy_once(manifest, resumed)
                # Only the first step the manifest lacks can have been sent: at most that one is read back.
                self.assertLessEqual(len([r for r in resumed.reads if r != "settle"]), 1, resumed.reads)
                if recorded:
                    self.assertEqual(resumed.reads[:1], ["settle"])
                self.assertEqual(len(resumed.calls), transactions - k,
                                 f"killed after transaction {k}: the re-run sent {resumed.calls[:3]}...")
                self.assertEqual(state.summary(), whole.state.summary(), f"killed after transaction {k}")
                self.assertEqual(m["steps"], expected["steps"], f"killed after transaction {k}")
                self.assertEqual(m["contracts"].keys(), expected["contracts"].keys())
                self.assertEqual(m["roles"], expected["roles"], f"killed after transaction {k}")
            # A deployment whose manifest is lost does not take over the contracts it finds at its addresses:
            # they may be another deployment's. It is refused with what to do.
            with self.assertRaisesRegex(deploy.DeployError, "DuplicateContract"):
                deploy_once(Path(d) / "lost.json", FakeChain(whole.state))


class ReadBack(unittest.TestCase):
    """The read-backs of a resumed deployment, on the SCALE answers the contracts give."""
    alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"

    def test_every_message_the_deployment_sends_has_a_read_back(self):
        with tempfile.TemporaryDirectory() as d:
            arts = fake_artifacts(Path(d))
            for name in PROJECTS:
                chain = FakeChain()
                deploy_on(chain, project_file(name), Path(d) / f"{name}.json", arts)
                sent = {m for k, m in chain.calls if k not in ("upload", "instantiate")}
                self.assertEqual(sent - set(deploy.READ_BACK), set(), name)
                self.assertEqual(chain.reads, [], f"{name}: a deployment from nothing reads nothing back")

    def test_answers_are_read_as_the_contracts_encode_them(self):
        key_a, key_b = deploy.public_key(self.alice), deploy.public_key(self.bob)
        holds = deploy.answer_holds
        self.assertTrue(holds(b"\x01", ("bytes", b"\x01"), None))
        self.assertFalse(holds(b"\x00", ("bytes", b"\x01"), None))
        self.assertTrue(holds(b"\x01" + b"\x05" * 40, ("some",), None))
        self.assertFalse(holds(b"\x00", ("some",), None))
        # set_tax_rate(250, 1500): selector, country u16, rate u16; tax_rate(250) answers the rate.
        message = b"\xaa\xbb\xcc\xdd" + (250).to_bytes(2, "little") + (1500).to_bytes(2, "little")
        self.assertTrue(holds((1500).to_bytes(2, "little"), ("input_from", 6), message))
        self.assertFalse(holds((1400).to_bytes(2, "little"), ("input_from", 6), message))
        bound = bytes([2 << 2]) + key_b + key_a
        self.assertTrue(holds(bound, ("contains", self.alice, True), None))
        self.assertFalse(holds(bytes([1 << 2]) + key_b, ("contains", self.alice, True), None))
        self.assertTrue(holds(bytes([0]), ("contains", self.alice, False), None))
        self.assertTrue(holds(key_a, ("account", self.alice), None))
        self.assertFalse(holds(key_b, ("account", self.alice), None))
        # AccountState { identity: Option<u64>, frozen, exempt, .. }: with and without an identity.
        self.assertTrue(holds(b"\x00\x00\x01" + b"\x00" * 20, ("exempt", b"\x01"), None))
        self.assertTrue(holds(b"\x01" + (7).to_bytes(8, "little") + b"\x00\x01", ("exempt", b"\x01"), None))
        self.assertFalse(holds(b"\x01" + (7).to_bytes(8, "little") + b"\x01\x00", ("exempt", b"\x01"), None))
        # country_listing: (on the allow list, on the block list).
        self.assertTrue(holds(b"\x00\x01", ("listing", 1, b"\x01"), None))
        self.assertFalse(holds(b"\x00\x01", ("listing", 0, b"\x01"), None))


class WalkPreflight(unittest.TestCase):
    """`./run.sh --url` checks the node before it deploys anything (deploy.py --check --walk)."""

    class Node:
        url = "ws://127.0.0.1:1"

        def __init__(self, methods):
            self.methods = methods

        def rpc(self, method, params=None):
            assert method == "rpc_methods"
            return {"methods": self.methods}

    def test_a_node_without_chopsticks_dev_rpcs_is_refused_before_anything_is_deployed(self):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            self.assertFalse(deploy.walk_rpcs_offered(self.Node(["chain_getHeader", "dev_newBlock"])))
        self.assertIn("lacks dev_timeTravel", out.getvalue())
        with contextlib.redirect_stdout(io.StringIO()):
            self.assertTrue(deploy.walk_rpcs_offered(self.Node(["dev_newBlock", "dev_timeTravel", "state_call"])))


class Verification(unittest.TestCase):
    """`deploy.py --verify`'s verdict for one contract (the on-chain path runs in ../chain.sh)."""

    def setUp(self):
        self.full = deploy.Artifact("project_token", Path("f"), Path("f"), "0xfull", {})
        self.shell = deploy.Artifact("project_token", Path("s"), Path("s"), "0xshell", {}, self.full)
        self.entry = {"crate": "project_token", "address": "5Tok", "code_hash": "0xshell",
                      "full_code_hash": "0xfull", "metadata": "metadata/shell/project_token.json"}

    def test_the_code_of_this_checkout_matches(self):
        self.assertEqual(deploy.code_mismatches(self.entry, "0xshell", self.shell, "0xshell"), [])

    def test_every_difference_is_named(self):
        doctored = {**self.entry, "code_hash": "0xbad"}
        wrong = deploy.code_mismatches(doctored, "0xshell", self.shell, "0xshell")
        self.assertEqual(len(wrong), 3, wrong)  # the chain, the kept metadata and the local build all differ
        self.assertIn("code on chain 0xshell is not the manifest's 0xbad", wrong[0])
        other_code = deploy.code_mismatches(self.entry, "0xother", self.shell, "0xshell")
        self.assertEqual(other_code, ["code on chain 0xother is not the manifest's 0xshell"])
        gone = deploy.code_mismatches(self.entry, None, self.shell, "0xshell")
        self.assertEqual(gone, ["no contract at 5Tok on this chain"])
        # A shell that pins other full code is other code, even where the shell's own hash was forged to match.
        other_full = deploy.Artifact("project_token", Path("s"), Path("s"), "0xshell", {},
                                     deploy.Artifact("project_token", Path("f"), Path("f"), "0xfull2", {}))
        self.assertEqual(deploy.code_mismatches(self.entry, "0xshell", other_full, "0xshell"),
                         ["the full code the local shell pins is 0xfull2, not the manifest's 0xfull"])
        self.assertEqual(deploy.code_mismatches(self.entry, "0xshell", None, "0xshell"),
                         ["no local build of project_token to compare with"])

    def test_metadata_is_kept_per_code_hash(self):
        self.assertEqual(deploy.metadata_path("governor", "0x0123456789abcdef99"),
                         "metadata/0123456789abcdef/governor.json")
        self.assertNotEqual(deploy.metadata_path("governor", "0x01"), deploy.metadata_path("governor", "0x02"))


class Secrets(unittest.TestCase):
    """The signer's secret never comes from a command line and never leaves the signer (the on-chain path, a
    failing deployment whose every output is searched for it, runs in ../chain.sh)."""

    def args(self, **kw):
        return argparse.Namespace(**{"suri": "//Alice", "suri_file": None, **kw})

    def test_only_public_development_accounts_are_taken_on_the_command_line(self):
        self.assertEqual(deploy.read_secret(self.args()), "//Alice")
        phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk//Sponsor"
        for suri in (phrase, "0x" + "11" * 32, "//Alice//stash", "//Alice///password"):
            with self.assertRaises(deploy.DeployError) as refused:
                deploy.read_secret(self.args(suri=suri))
            self.assertNotIn(suri, str(refused.exception))
            self.assertIn("--suri-file", str(refused.exception))

    def test_a_real_secret_comes_from_a_file_or_the_environment(self):
        with tempfile.TemporaryDirectory() as d:
            f = Path(d) / "secret"
            f.write_text("word " * 11 + "word\nignored\n")
            self.assertEqual(deploy.read_secret(self.args(suri_file=f)), ("word " * 11 + "word"))
            missing = Path(d) / "missing"
            with self.assertRaises(deploy.DeployError):
                deploy.read_secret(self.args(suri_file=missing))
        os.environ["DEPLOY_SURI"] = "0x" + "22" * 32
        try:
            self.assertEqual(deploy.read_secret(self.args()), "0x" + "22" * 32)
        finally:
            del os.environ["DEPLOY_SURI"]

    def test_a_refusal_names_the_signers_address_not_its_secret(self):
        said = deploy.explain_signer("instantiate token", {"ok": False, "error": "1010: Invalid Transaction: "
                                     "Inability to pay some fees"}, "5Deployer")
        self.assertIn("5Deployer cannot pay", said)
        said = deploy.explain_signer("call", {"ok": False, "error": "the message: refused", "revert": "0x0001"}, "x")
        self.assertIn("0x0001", said)


class Projects(unittest.TestCase):
    def test_every_account_reference_of_the_examples_resolves(self):
        contracts = set(deploy.CONTRACTS.values())
        for name in ("toll-road", "solar-farm", "data-centre"):
            p = tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())
            refs = []
            refs += [v["verifier"] for v in p["registry"]["verifiers"]] + p["registry"]["regulators"]
            refs += p["token"]["agents"] + p["token"]["guardians"] + p["token"]["exempt"]
            refs += [r["account"] for r in p["oracle"]["roles"]]
            refs += [d for f in p["oracle"]["feeds"] for d in f["devices"]]
            refs += [p["offering"][k] for k in ("sponsor", "lead_investor", "fee_receiver")]
            refs += [p["distributor"]["reserve"], p["distributor"]["tax_account"]] + p["distributor"]["depositors"]
            refs += [m["meter"] for m in p["pass"]["meters"]] + [p["pass"]["revenue_receiver"], p["governor"]["guardian"]]
            for ref in refs:
                self.assertTrue(ref in p["accounts"] or ref in contracts, f"{name}: {ref}")
            for a in p["governor"]["allowed"]:
                self.assertIn(a["contract"], contracts, name)
            # Every milestone something waits for (the pass's opening, escrow tranches) can be attested: a poster
            # plus `attestations_required` other stakeholders.
            stakeholders = {r["account"] for r in p["oracle"]["roles"] if r["role"] == "Stakeholder"}
            self.assertIsInstance(p["pass"]["opening_milestone"], int, name)
            self.assertGreaterEqual(len(stakeholders), p["oracle"]["attestations_required"] + 1,
                                    f"{name}: milestones could never be attested")
            shares = sum(t["share_bps"] for t in p["offering"].get("tranches", []))
            self.assertIn(shares, (0, 10_000), f"{name}: tranche shares must cover the proceeds")

    def test_every_example_offering_can_deliver_and_release_every_tranche(self):
        """The arithmetic the escrow and the token enforce on chain (the drink test
        `every_shipped_project_can_deliver_its_offering_and_release_every_tranche` runs the same terms): the lead's
        commitment and a full ticket fit the token's maximum holding, the hard cap fits the supply cap, fee and
        holdback fit the raise, a milestone tranche is attestable by the stakeholders that exist, and after the
        handover the governor may call every escrow admin message the offering needs."""
        for name in ("toll-road", "solar-farm", "data-centre"):
            p = tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())
            t, e, o = p["token"], p["offering"], p["oracle"]

            def tokens(key):
                return rendering.token_amount(e[key], 1, f"offering.{key}")

            cap = t.get("supply_cap")
            if cap and t["max_holding_bps"]:
                limit = cap * t["max_holding_bps"] // 10_000
                self.assertLessEqual(tokens("lead_commitment"), limit, f"{name}: lead above the max holding")
                self.assertLessEqual(tokens("max_ticket"), limit, f"{name}: a full ticket above the max holding")
            if cap:
                self.assertLessEqual(tokens("hard_cap"), cap, f"{name}: hard cap above the supply cap")
            self.assertLessEqual(tokens("lead_commitment"), tokens("hard_cap"), name)
            self.assertLessEqual(e["fee_bps"] + e.get("holdback_bps", 0), 10_000, name)
            tranches = e.get("tranches", [])
            if tranches or e.get("holdback_bps", 0):
                long_stop = rendering.duration_ms(e.get("long_stop_ms", "365 days"), "offering.long_stop_ms")
                self.assertGreater(long_stop, 0, f"{name}: money without a long-stop")
            if any(isinstance(tr["condition"], dict) and "OracleMilestone" in tr["condition"] for tr in tranches):
                stakeholders = {r["account"] for r in o["roles"] if r["role"] == "Stakeholder"}
                # One stakeholder posts, `attestations_required` others attest.
                self.assertGreaterEqual(len(stakeholders), o["attestations_required"] + 1,
                                        f"{name}: milestone attestation unreachable")
            if p["governor"].get("handover", True):
                allowed = {a["message"] for a in p["governor"]["allowed"] if a["contract"] == "escrow"}
                needed = {"cancel"}
                if tranches:
                    needed.add("release_tranche")
                if e.get("holdback_bps", 0):
                    needed.add("release_holdback")
                self.assertLessEqual(needed, allowed, f"{name}: the governor cannot call {needed - allowed}")


if __name__ == "__main__":
    unittest.main()


class ChainCheck(unittest.TestCase):
    """`deploy.py --check`'s verdicts on what local-chain/check.cjs read from a chain."""

    def report(self, **over):
        r = {
            "chain": "Development", "runtime": "contracts-parachain/1", "contracts_pallet": True,
            "limits": {"max_code_len": 131072, "max_storage_key_len": 128, "deposit_per_byte": 1,
                       "deposit_per_item": 10,
                       "block_weights": {"maxBlock": {"refTime": 500, "proofSize": 5000},
                                         "perClass": {"normal": {"maxExtrinsic": {"refTime": 400, "proofSize": 4000}}}}},
            "contracts": [{"crate": "project_token", "wasm_bytes": 80_000,
                           "upload": {"ok": True, "code_hash": "0x01", "deposit": "123"}}],
        }
        r.update(over)
        return r

    def test_a_contract_within_the_limits_that_the_runtime_accepts_fits(self):
        lines, fits = deploy.render_check(self.report())
        self.assertTrue(fits)
        self.assertIn("max code length 131072 bytes", "\n".join(lines))
        self.assertTrue(any("project_token" in l and "fits, upload deposit 123" in l for l in lines), lines)

    def test_code_over_the_maximum_length_does_not_fit(self):
        r = self.report()
        r["limits"]["max_code_len"] = 65_536
        lines, fits = deploy.render_check(r)
        self.assertFalse(fits)
        self.assertTrue(any("80000 bytes of Wasm exceed the chain's 65536" in l for l in lines), lines)

    def test_code_the_runtime_refuses_does_not_fit(self):
        r = self.report(contracts=[{"crate": "governor", "wasm_bytes": 100,
                                    "upload": {"ok": False, "reason": "contracts.CodeRejected"}}])
        lines, fits = deploy.render_check(r)
        self.assertFalse(fits)
        self.assertTrue(any("refuses the code: contracts.CodeRejected" in l for l in lines), lines)

    def test_a_chain_without_pallet_contracts_cannot_host_the_suite(self):
        lines, fits = deploy.render_check(self.report(contracts_pallet=False))
        self.assertFalse(fits)
        self.assertIn("no pallet-contracts", "\n".join(lines))


class SplitContracts(unittest.TestCase):
    """The token and the registry deploy as a shell over their full code (suite_traits::split)."""

    FULL_WASM = b"\x00asm full code"
    # A shell carries its full code's hash among its bytes (the constant it delegates to).
    SHELL_WASM = b"\x00asm shell" + bytes.fromhex(deploy.code_hash(FULL_WASM)[2:]) + b"end"

    def full_bundle(self):
        return {
            "source": {"hash": deploy.code_hash(self.FULL_WASM), "language": "ink! 5.1.1",
                       "compiler": "rustc 1.91.0", "wasm": "0x" + self.FULL_WASM.hex(), "build_info": {"x": 1}},
            "contract": {"name": "project_token", "version": "0.1.0", "authors": []},
            "spec": {"constructors": [], "messages": [{"label": "PSP22::transfer", "selector": "0xdb20f9f5"},
                                                      {"label": "set_rules", "selector": "0x01020304"}]},
        }

    def test_the_shell_bundle_keeps_every_selector_and_names_its_full_code(self):
        full = self.full_bundle()
        shell = deploy.compose_split(full, self.SHELL_WASM, "project_token.contract")
        self.assertEqual(shell["spec"], full["spec"])
        self.assertEqual(shell["source"]["wasm"], "0x" + self.SHELL_WASM.hex())
        self.assertEqual(shell["source"]["hash"], deploy.code_hash(self.SHELL_WASM))
        self.assertEqual(shell["source"]["build_info"]["split"]["full_code_hash"], full["source"]["hash"])
        self.assertEqual(shell["source"]["build_info"]["x"], 1)
        # The full bundle itself is left as it was.
        self.assertEqual(full["source"]["wasm"], "0x" + self.FULL_WASM.hex())

    def test_the_build_directories_change_with_the_wrapper(self):
        with tempfile.TemporaryDirectory() as d:
            wrapper = Path(d) / "rustc-stable-ids"
            saved = deploy.STABLE_IDS
            try:
                deploy.STABLE_IDS = wrapper
                wrapper.write_text("#!/bin/sh\n# one version\n")
                first = deploy.stable_ids_key()
                wrapper.write_text("#!/bin/sh\n# another version\n")
                self.assertNotEqual(deploy.stable_ids_key(), first)
            finally:
                deploy.STABLE_IDS = saved

    def test_a_crate_build_directory_is_a_link_to_the_shared_one(self):
        with tempfile.TemporaryDirectory() as d:
            build = Path(d) / "full-build-x"
            # A real directory left by the layout before is replaced by the link; the link is kept as it is after.
            (build / "ink" / "usage_pass" / "release").mkdir(parents=True)
            deploy.share_target(build, "usage_pass")
            deploy.share_target(build, "governor")
            deploy.share_target(build, "usage_pass")
            for crate in ("usage_pass", "governor"):
                self.assertTrue((build / "ink" / crate).is_symlink())
                self.assertEqual((build / "ink" / crate).resolve(), (build / "ink" / "shared").resolve())

    def test_a_shell_built_into_an_empty_cache_is_kept_and_then_reused(self):
        builds = []

        def fake_build_code(crate, build_dir, features, env_extra):
            builds.append((crate, build_dir.name, tuple(features)))
            # The full code rebuilt from the sources, then the shell carrying its hash.
            return self.FULL_WASM if not features else b"\x00asm shell " + bytes.fromhex(full_hash[2:])

        full_hash = deploy.code_hash(self.FULL_WASM)
        original, deploy.build_code = deploy.build_code, fake_build_code
        saved = os.environ.get("INFRA_SUITE_CACHE")
        try:
            with tempfile.TemporaryDirectory() as d:
                os.environ["INFRA_SUITE_CACHE"] = d
                first = deploy.build_shell("usage_pass", full_hash)
                # Build directories named after the rustc wrapper's hash (crates built through another version of it
                # are never reused).
                key = deploy.stable_ids_key()
                self.assertEqual(builds, [("usage_pass", f"full-build-{key}", ()),
                                          ("usage_pass", f"shell-build-{key}", ("hot-shell",))])
                self.assertEqual(len(list((Path(d) / "split-deploy" / "usage_pass").glob("*.wasm"))), 1)
                self.assertEqual(deploy.build_shell("usage_pass", full_hash), first)
                self.assertEqual(len(builds), 2, "the kept shell is reused")
        finally:
            deploy.build_code = original
            if saved is None:
                os.environ.pop("INFRA_SUITE_CACHE", None)
            else:
                os.environ["INFRA_SUITE_CACHE"] = saved

    def test_a_full_build_is_deployed_as_its_shell_with_the_full_code_to_upload_first(self):
        calls = []

        def fake_build(crate, full_hash):
            calls.append((crate, full_hash))
            return self.SHELL_WASM

        original, deploy.build_shell = deploy.build_shell, fake_build
        try:
            with tempfile.TemporaryDirectory() as d:
                (Path(d) / "project_token").mkdir()
                (Path(d) / "project_token" / "project_token.contract").write_text(json.dumps(self.full_bundle()))
                art = deploy.load_artifact(Path(d), "project_token")
                self.assertEqual(calls, [("project_token", deploy.code_hash(self.FULL_WASM))])
                self.assertEqual(art.code_hash, deploy.code_hash(self.SHELL_WASM))
                self.assertEqual(art.full.code_hash, deploy.code_hash(self.FULL_WASM))
                self.assertEqual(art.selectors["set_rules"], "0x01020304")
        finally:
            deploy.build_shell = original

    def test_a_composed_bundle_finds_its_full_code_beside_it(self):
        full = self.full_bundle()
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "project_token").mkdir()
            (Path(d) / "project_token" / "full.contract").write_text(json.dumps(full))
            composed = deploy.compose_split(full, self.SHELL_WASM, "full.contract")
            (Path(d) / "project_token" / "project_token.contract").write_text(json.dumps(composed))
            art = deploy.load_artifact(Path(d), "project_token")
            self.assertEqual(art.code_hash, deploy.code_hash(self.SHELL_WASM))
            self.assertEqual(art.full.code_hash, deploy.code_hash(self.FULL_WASM))

    def test_a_shell_that_names_another_full_code_is_refused(self):
        with self.assertRaisesRegex(deploy.DeployError, "does not carry the hash"):
            deploy.check_shell("project_token", b"\x00asm shell of another", deploy.code_hash(self.FULL_WASM))
        full = self.full_bundle()
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "project_token").mkdir()
            other = dict(full, source=dict(full["source"], wasm="0x" + b"\x00asm other".hex(),
                                            hash=deploy.code_hash(b"\x00asm other")))
            (Path(d) / "project_token" / "full.contract").write_text(json.dumps(other))
            composed = deploy.compose_split(full, self.SHELL_WASM, "full.contract")
            (Path(d) / "project_token" / "project_token.contract").write_text(json.dumps(composed))
            with self.assertRaisesRegex(deploy.DeployError, "not the one its shell names"):
                deploy.load_artifact(Path(d), "project_token")

    def test_a_full_code_that_does_not_match_its_hash_is_refused(self):
        bundle = self.full_bundle()
        bundle["source"]["hash"] = "0x" + "00" * 32
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "compliance_registry").mkdir()
            (Path(d) / "compliance_registry" / "compliance_registry.contract").write_text(json.dumps(bundle))
            with self.assertRaisesRegex(deploy.DeployError, "does not match its hash"):
                deploy.load_artifact(Path(d), "compliance_registry")

    def test_contracts_that_are_not_split_deploy_as_built(self):
        bundle = self.full_bundle()
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "crowdfund_escrow").mkdir()
            (Path(d) / "crowdfund_escrow" / "crowdfund_escrow.contract").write_text(json.dumps(bundle))
            art = deploy.load_artifact(Path(d), "crowdfund_escrow")
            self.assertIsNone(art.full)
            self.assertEqual(art.code_hash, deploy.code_hash(self.FULL_WASM))
