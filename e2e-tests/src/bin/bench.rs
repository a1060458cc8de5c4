//! Weight and size benchmark (a report, not a timed test): measures `ref_time` and `proof_size` of the token's
//! hot messages and of a bare PSP22 transfer in the minimal baseline token, and the optimised Wasm size of each
//! contract. Prints a Markdown table; `--write PATH` also writes it to a file (docs/benchmarks.md).
use infra_suite_e2e::chain::{Cost, Outcome};
use infra_suite_e2e::report::group;
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, FRANCE, GERMANY, SUPPLY_CAP};
use infra_suite_e2e::BundleProvider;
use suite_traits::{CheckpointError, ClaimType, PSP22Error};

fn row(out: &mut String, what: &str, c: Cost) {
    out.push_str(&format!(
        "| {what} | {} | {} |\n",
        group(c.ref_time),
        group(c.proof_size)
    ));
}

fn main() {
    let write = std::env::args().skip_while(|a| a != "--write").nth(1);
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let alice_id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc], 365);
    s.link_wallet(alice_id, alice_2());
    s.onboard(bob(), GERMANY, &[ClaimType::Kyc], 365);
    assert_eq!(s.mint(alice(), 50_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 50_000).value, Ok(()));
    s.chain.next_blocks(1);

    let mut out =
        String::from("| operation | ref_time (ps) | proof_size (bytes) |\n|---|---:|---:|\n");
    // Each measured call runs in a fresh block after a warm-up in an earlier block, so every row pays for a new
    // checkpoint the way a real transfer does.
    let compliant = s.transfer(alice(), bob(), 100);
    assert_eq!(compliant.value, Ok(()));
    row(
        &mut out,
        "project_token `PSP22::transfer`, compliant, two identities (1 registry cross-call)",
        compliant.cost,
    );
    s.chain.next_blocks(1);
    let same = s.transfer(alice(), alice_2(), 100);
    assert_eq!(same.value, Ok(()));
    row(
        &mut out,
        "project_token `PSP22::transfer`, two wallets of one identity",
        same.cost,
    );
    s.chain.next_blocks(1);
    let mint = s.mint(bob(), 100);
    assert_eq!(mint.value, Ok(()));
    row(
        &mut out,
        "project_token `PSP22Mintable::mint` to a verified investor",
        mint.cost,
    );
    s.chain.next_blocks(1);
    let refused = s.transfer(alice(), dave(), 100);
    assert!(refused.value.is_err());
    row(
        &mut out,
        "project_token `PSP22::transfer` refused (unregistered recipient)",
        refused.cost,
    );
    let t = s.token;
    let q: Outcome<Result<(), project_token::TransferRestriction>> = s
        .chain
        .query(t, "can_transfer", (alice(), bob(), 1u128), dave())
        .unwrap();
    row(&mut out, "project_token `can_transfer` (query)", q.cost);

    // Checkpoint lookups: a holder with 1 and with 256 checkpoints (one transfer per block).
    let b0 = s.chain.block();
    let few: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .query(t, "Checkpointed::balance_of_at", (bob(), b0 - 1), dave())
        .unwrap();
    for _ in 0..256 {
        s.chain.next_blocks(1);
        assert_eq!(s.transfer(bob(), alice_2(), 1).value, Ok(()));
    }
    let count: u32 = s
        .chain
        .query(t, "checkpoint_count", bob(), dave())
        .unwrap()
        .value;
    let many: Outcome<Result<u128, CheckpointError>> = s
        .chain
        .query(t, "Checkpointed::balance_of_at", (bob(), b0 + 100), dave())
        .unwrap();
    row(
        &mut out,
        &format!("project_token `balance_of_at`, holder with few checkpoints"),
        few.cost,
    );
    row(
        &mut out,
        &format!("project_token `balance_of_at`, holder with {count} checkpoints"),
        many.cost,
    );

    // Baseline: a bare PSP22 without compliance.
    let minimal = BundleProvider::MinimalPsp22
        .bundle()
        .expect("minimal bundle");
    let (base, _) = s
        .chain
        .deploy(&minimal, "new", 1_000_000u128, alice())
        .expect("deploy baseline");
    let _: Outcome<Result<(), PSP22Error>> = s
        .chain
        .call(
            base,
            "PSP22::transfer",
            (bob(), 1u128, Vec::<u8>::new()),
            alice(),
        )
        .unwrap();
    s.chain.next_blocks(1);
    let bare: Outcome<Result<(), PSP22Error>> = s
        .chain
        .call(
            base,
            "PSP22::transfer",
            (bob(), 100u128, Vec::<u8>::new()),
            alice(),
        )
        .unwrap();
    assert_eq!(bare.value, Ok(()));
    row(
        &mut out,
        "minimal_psp22 `PSP22::transfer` (baseline, no compliance)",
        bare.cost,
    );

    out.push_str("\n| contract | optimised Wasm (bytes) |\n|---|---:|\n");
    for (name, b) in [
        ("compliance_registry", BundleProvider::ComplianceRegistry),
        ("project_token", BundleProvider::ProjectToken),
        ("minimal_psp22", BundleProvider::MinimalPsp22),
    ] {
        let size = b.bundle().expect("bundle").wasm.len();
        out.push_str(&format!("| {name} | {} |\n", group(size as u64)));
    }
    println!("{out}");
    if let Some(path) = write {
        let doc = format!(
            "# Weights and sizes\n\nMeasured by `./bench.sh` (drink 0.18 sandbox, pallet-contracts, the contracts' optimised Wasm \
             built by contract-build 5.0.3 with Rust 1.91). `ref_time` is picoseconds on reference hardware, `proof_size` \
             bytes of state proof. Regenerate with `./bench.sh`; these numbers are what the last run printed.\n\n{out}"
        );
        std::fs::write(&path, doc).expect("write benchmark");
        println!("written to {path}");
    }
}
