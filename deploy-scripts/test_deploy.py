"""Unit tests of deploy.py's pure parts: argument rendering for cargo contract, error explanations, manifest
identity and resumption. The on-chain path is exercised by ../chain.sh against a real runtime.

    python3 -m unittest discover -s deploy-scripts
"""
import argparse
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
            rendering.rule({**base, "condition": {"above": 5000}, "resume_after": 2}),
            "Rule { feed: 0, condition: Above(5000), consecutive: 3, resume_after: 2, action: HaltToken }",
        )
        self.assertIn("Below(-10)", rendering.rule({**base, "condition": {"below": -10}}))
        self.assertIn("DeviationAbove(400)", rendering.rule({**base, "condition": {"deviation_above": 400}}))
        self.assertIn(
            "AverageAbove { threshold: 7, samples: 4 }",
            rendering.rule({**base, "condition": {"average_above": 7, "samples": 4}}),
        )
        self.assertIn("action: Alert", rendering.rule({**base, "condition": {"above": 1}, "action": "alert"}))
        with self.assertRaises(deploy.DeployError):
            rendering.rule({**base, "condition": {"sideways": 1}})

    def test_tracks_convert_hours_to_milliseconds(self):
        t = {"voting_delay_blocks": 1, "voting_period_blocks": 5, "quorum_bps": 2000, "approval_bps": 5001,
             "timelock_hours": 48}
        self.assertEqual(
            rendering.track(t),
            "TrackParams { voting_delay: 1, voting_period: 5, quorum_bps: 2000, approval_bps: 5001, "
            "timelock_ms: 172800000 }",
        )

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
        deploy.override(project, "governor.normal.voting_period_blocks=10")
        self.assertEqual(project["governor"]["normal"]["voting_period_blocks"], 10)
        deploy.override(project, "project.name='A12 rehearsal'")
        self.assertEqual(project["project"]["name"], "A12 rehearsal")
        for typo in ("governor.normal.voting_period=10", "governer.normal.voting_period_blocks=10",
                     "governor.normal.voting_period_blocks.x=1", "governor.normal.voting_period_blocks",
                     "governor.normal.voting_period_blocks=1O", "governor.normal.voting_period_blocks=true",
                     "governor.normal.voting_period_blocks='10'"):
            with self.assertRaises(deploy.DeployError, msg=typo):
                deploy.override(project, typo)
        self.assertEqual(project["governor"]["normal"]["voting_period_blocks"], 10)

    def test_a_manifest_deployed_with_other_parameters_is_refused(self):
        self.args.set = ["governor.normal.voting_period_blocks=10"]
        deploy.override(self.project, self.args.set[0])
        d = self.deployment(FakeNode())
        self.assertEqual(d.m["overrides"], ["governor.normal.voting_period_blocks=10"])
        d.save()
        self.deployment(FakeNode())  # the same parameters resume
        # The file's value again (a run without --set), or an edited file: refused.
        self.project["governor"]["normal"]["voting_period_blocks"] = 7_200
        with self.assertRaisesRegex(deploy.DeployError, "other parameters"):
            self.deployment(FakeNode())
        self.project["governor"]["normal"]["voting_period_blocks"] = 10
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


class Projects(unittest.TestCase):
    def test_every_account_reference_of_the_examples_resolves(self):
        contracts = set(deploy.CONTRACTS.values())
        for name in ("toll-road", "solar-farm"):
            p = tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())
            refs = []
            refs += [v["account"] for v in p["registry"]["verifiers"]] + p["registry"]["regulators"]
            refs += p["token"]["agents"] + p["token"]["guardians"] + p["token"]["exempt"]
            refs += [r["account"] for r in p["oracle"]["roles"]]
            refs += [d for f in p["oracle"]["feeds"] for d in f["devices"]]
            refs += [p["offering"][k] for k in ("sponsor", "lead_investor", "fee_receiver")]
            refs += [p["distributor"]["reserve"], p["distributor"]["tax_account"]] + p["distributor"]["depositors"]
            refs += [m["account"] for m in p["pass"]["meters"]] + [p["pass"]["revenue_receiver"], p["governor"]["guardian"]]
            for ref in refs:
                self.assertTrue(ref in p["accounts"] or ref in contracts, f"{name}: {ref}")
            for a in p["governor"]["allow"]:
                self.assertIn(a["contract"], contracts, name)
            # Every milestone something waits for (the pass's opening, escrow tranches) can be attested: a poster
            # plus `attestations_required` other stakeholders.
            stakeholders = {r["account"] for r in p["oracle"]["roles"] if r["role"] == "Stakeholder"}
            self.assertIsInstance(p["pass"]["opening_milestone"], int, name)
            self.assertGreaterEqual(len(stakeholders), p["oracle"]["attestations_required"] + 1,
                                    f"{name}: milestones could never be attested")
            shares = sum(t["share_bps"] for t in p["offering"]["tranches"])
            self.assertIn(shares, (0, 10_000), f"{name}: tranche shares must cover the proceeds")

    def test_every_example_offering_can_deliver_and_release_every_tranche(self):
        """The arithmetic the escrow and the token enforce on chain (the drink test
        `every_shipped_project_can_deliver_its_offering_and_release_every_tranche` runs the same terms): the lead's
        commitment and a full ticket fit the token's maximum holding, the hard cap fits the supply cap, fee and
        holdback fit the raise, a milestone tranche is attestable by the stakeholders that exist, and after the
        handover the governor may call every escrow admin message the offering needs."""
        for name in ("toll-road", "solar-farm"):
            p = tomllib.loads((HERE / "projects" / f"{name}.toml").read_text())
            t, e, o = p["token"], p["offering"], p["oracle"]
            cap = t.get("supply_cap")
            if cap and t["max_holding_bps"]:
                limit = cap * t["max_holding_bps"] // 10_000
                self.assertLessEqual(e["lead_commitment_tokens"], limit, f"{name}: lead above the max holding")
                self.assertLessEqual(e["max_ticket_tokens"], limit, f"{name}: a full ticket above the max holding")
            if cap:
                self.assertLessEqual(e["hard_cap_tokens"], cap, f"{name}: hard cap above the supply cap")
            self.assertLessEqual(e["lead_commitment_tokens"], e["hard_cap_tokens"], name)
            self.assertLessEqual(e["fee_bps"] + e.get("holdback_bps", 0), 10_000, name)
            tranches = e["tranches"]
            if tranches or e.get("holdback_bps", 0):
                self.assertGreater(e.get("long_stop_days", 0), 0, f"{name}: money without a long-stop")
            if any("milestone" in tr for tr in tranches):
                stakeholders = {r["account"] for r in o["roles"] if r["role"] == "Stakeholder"}
                # One stakeholder posts, `attestations_required` others attest.
                self.assertGreaterEqual(len(stakeholders), o["attestations_required"] + 1,
                                        f"{name}: milestone attestation unreachable")
            if p["governor"].get("handover", True):
                allowed = {a["message"] for a in p["governor"]["allow"] if a["contract"] == "escrow"}
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
                self.assertEqual(builds, [("usage_pass", "full-build", ()), ("usage_pass", "shell-build", ("hot-shell",))])
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
