"""scripts/cargo-locked, the cargo of every contract build, against a stand-in for the real cargo: the committed lock
is put beside a contract's temporary manifest, a build that used any version the lock does not hold fails and
names it, and everything else passes through untouched."""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

import deploy

WRAPPER = deploy.REPO / "scripts" / "cargo-locked"

COMMITTED = textwrap.dedent("""\
    version = 3

    [[package]]
    name = "parity-scale-codec"
    version = "3.6.12"
    source = "registry+https://github.com/rust-lang/crates.io-index"
    checksum = "aa"

    [[package]]
    name = "project_token"
    version = "0.1.0"

    [[package]]
    name = "other_member"
    version = "0.1.0"

    [[package]]
    name = "serde"
    version = "1.0.200"
    source = "registry+https://github.com/rust-lang/crates.io-index"
    checksum = "bb"
    """)

# The stand-in cargo: records the lock it found beside the manifest and its arguments, then writes the lock it
# "resolved" (the file named by FAKE_RESOLVED, else the one it found, pruned of the other member) and exits with
# FAKE_EXIT.
FAKE_CARGO = textwrap.dedent("""\
    #!/usr/bin/env python3
    import os, sys
    from pathlib import Path
    args = sys.argv[1:]
    manifest = None
    for i, a in enumerate(args):
        if a.startswith("--manifest-path="):
            manifest = Path(a.split("=", 1)[1])
        elif a == "--manifest-path":
            manifest = Path(args[i + 1])
    lock = (manifest or Path.cwd() / "Cargo.toml").parent / "Cargo.lock"
    log = Path(os.environ["FAKE_LOG"])
    log.write_text(("found\\n" + lock.read_text()) if lock.exists() else "none\\n")
    Path(os.environ["FAKE_LOG"] + ".call").write_text(os.environ.get("CARGO", "") + "\\n" + "\\n".join(args))
    resolved = os.environ.get("FAKE_RESOLVED")
    if resolved:
        lock.write_text(Path(resolved).read_text())
    elif lock.exists():
        lock.write_text(lock.read_text().replace('[[package]]\\nname = "other_member"\\nversion = "0.1.0"\\n', ""))
    sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
    """)


class CargoLocked(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="cargo-locked-test-"))
        self.fake = self.dir / "fake-cargo"
        self.fake.write_text(FAKE_CARGO)
        self.fake.chmod(0o755)
        self.log = self.dir / "log"
        # contract-build's layout: the lock at the temporary workspace's root, the manifest where it was.
        self.temp = self.dir / "cargo-contract_Ab12Cd"
        self.manifest = self.temp / "contracts" / "project_token" / "Cargo.toml"
        self.manifest.parent.mkdir(parents=True)
        self.manifest.write_text('[package]\nname = "project_token"\n[workspace]\n')
        (self.temp / "Cargo.lock").write_text(COMMITTED)

    def tearDown(self):
        import shutil
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_wrapper(self, *args, resolved: str | None = None, exit_code: int = 0, cwd: Path | None = None):
        env = dict(os.environ, INFRA_SUITE_REAL_CARGO=str(self.fake), FAKE_LOG=str(self.log),
                   FAKE_EXIT=str(exit_code))
        env.pop("FAKE_RESOLVED", None)
        if resolved is not None:
            path = self.dir / "resolved.lock"
            path.write_text(resolved)
            env["FAKE_RESOLVED"] = str(path)
        return subprocess.run([sys.executable, str(WRAPPER), *args], env=env, cwd=cwd or self.dir,
                              capture_output=True, text=True)

    def test_the_committed_lock_is_put_beside_the_temporary_manifest_before_cargo_runs(self):
        out = self.run_wrapper("build", "--quiet", f"--manifest-path={self.manifest}")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(self.log.read_text(), "found\n" + COMMITTED)

    def test_the_two_argument_form_of_manifest_path_is_understood(self):
        out = self.run_wrapper("run", "--package", "metadata-gen", "--manifest-path", str(self.manifest))
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertTrue(self.log.read_text().startswith("found\n"))

    def test_without_manifest_path_the_working_directory_is_the_manifests(self):
        out = self.run_wrapper("build", cwd=self.manifest.parent)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertTrue(self.log.read_text().startswith("found\n"))

    def test_a_build_that_resolved_a_newer_version_fails_and_names_it(self):
        newer = COMMITTED.replace('version = "3.6.12"', 'version = "3.7.5"')
        out = self.run_wrapper("build", f"--manifest-path={self.manifest}", resolved=newer)
        self.assertEqual(out.returncode, 1)
        self.assertIn("parity-scale-codec 3.7.5", out.stderr)
        self.assertNotIn("serde", out.stderr)

    def test_a_crate_the_lock_does_not_hold_at_all_fails_too(self):
        extra = COMMITTED + textwrap.dedent("""
            [[package]]
            name = "wee_alloc"
            version = "0.4.5"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            """)
        out = self.run_wrapper("run", f"--manifest-path={self.manifest}", resolved=extra)
        self.assertEqual(out.returncode, 1)
        self.assertIn("wee_alloc 0.4.5", out.stderr)

    def test_the_same_version_from_another_source_is_not_the_locked_crate(self):
        forked = COMMITTED.replace('source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "bb"',
                                   'source = "git+https://example.org/serde#abc"')
        out = self.run_wrapper("build", f"--manifest-path={self.manifest}", resolved=forked)
        self.assertEqual(out.returncode, 1)
        self.assertIn("serde 1.0.200 (git+https://example.org/serde#abc)", out.stderr)

    def test_a_failing_cargo_keeps_its_exit_code(self):
        out = self.run_wrapper("build", f"--manifest-path={self.manifest}", exit_code=101)
        self.assertEqual(out.returncode, 101)

    def test_a_lock_already_beside_the_manifest_is_left_as_it_is(self):
        own = COMMITTED.replace("3.6.12", "3.6.11")
        (self.manifest.parent / "Cargo.lock").write_text(own)
        self.run_wrapper("metadata", f"--manifest-path={self.manifest}")
        self.assertEqual(self.log.read_text(), "found\n" + own)

    def call(self) -> tuple[str, list[str]]:
        cargo, *args = (self.log.parent / (self.log.name + ".call")).read_text().split("\n")
        return cargo, args

    def plain_manifest(self) -> Path:
        plain = self.dir / "checkout" / "contracts" / "x" / "Cargo.toml"
        plain.parent.mkdir(parents=True)
        plain.write_text('[package]\nname = "x"\n')
        return plain

    def test_outside_a_temporary_workspace_no_lock_is_copied_and_the_exit_code_is_kept(self):
        plain = self.plain_manifest()
        (self.dir / "checkout" / "Cargo.lock").write_text(COMMITTED)
        out = self.run_wrapper("build", f"--manifest-path={plain}", exit_code=3)
        self.assertEqual(out.returncode, 3)
        self.assertEqual(self.log.read_text(), "none\n")

    def test_in_the_checkout_metadata_and_clippy_may_not_rewrite_the_lock(self):
        plain = self.plain_manifest()
        (self.dir / "checkout" / "Cargo.lock").write_text(COMMITTED)
        for command in ("metadata", "clippy", "build"):
            self.run_wrapper(command, "--quiet", f"--manifest-path={plain}")
            self.assertEqual(self.call()[1][:2], [command, "--locked"], command)

    def test_commands_that_resolve_nothing_and_checkouts_without_a_lock_pass_through(self):
        plain = self.plain_manifest()
        self.run_wrapper("build", f"--manifest-path={plain}")
        self.assertNotIn("--locked", self.call()[1])
        (self.dir / "checkout" / "Cargo.lock").write_text(COMMITTED)
        self.run_wrapper("locate-project", f"--manifest-path={plain}")
        self.assertNotIn("--locked", self.call()[1])

    def test_what_cargo_runs_calls_the_real_cargo_not_the_wrapper(self):
        self.run_wrapper("build", f"--manifest-path={self.manifest}")
        self.assertEqual(self.call()[0], str(self.fake))

    def test_a_temporary_workspace_without_a_lock_fails_before_cargo_runs(self):
        (self.temp / "Cargo.lock").unlink()
        out = self.run_wrapper("build", f"--manifest-path={self.manifest}")
        self.assertEqual(out.returncode, 1)
        self.assertIn("no Cargo.lock", out.stderr)
        self.assertFalse(self.log.exists())

    def test_the_same_version_with_another_checksum_is_not_the_locked_crate(self):
        other = COMMITTED.replace('checksum = "aa"', 'checksum = "cc"')
        out = self.run_wrapper("build", f"--manifest-path={self.manifest}", resolved=other)
        self.assertEqual(out.returncode, 1)
        self.assertIn("parity-scale-codec 3.6.12", out.stderr)

    def test_a_command_that_builds_nothing_is_not_checked(self):
        newer = COMMITTED.replace("3.6.12", "3.7.5")
        out = self.run_wrapper("metadata", f"--manifest-path={self.manifest}", resolved=newer)
        self.assertEqual(out.returncode, 0, out.stderr)


class Wiring(unittest.TestCase):
    def test_every_contract_build_of_the_deployment_goes_through_the_wrapper(self):
        env = deploy.contract_build_env()
        self.assertEqual(env["CARGO"], str(WRAPPER))
        self.assertEqual(env["RUSTC_WRAPPER"], str(deploy.STABLE_IDS))
        self.assertEqual(env["RUSTUP_TOOLCHAIN"], deploy.TOOLCHAIN)


if __name__ == "__main__":
    unittest.main()
