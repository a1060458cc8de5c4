//! The suite-wide adversarial harness (`src/adversary.rs`) on fixed seeds: all seven contracts, random actions by
//! every actor within (and just outside) its role, every global invariant checked after every step. Bounded so
//! that `./test.sh` stays fast; `./fuzz.sh` runs the same harness on many more seeds.
use infra_suite_e2e::adversary::{run_seeds, Stats};

/// Fixed seeds, so a failure here reproduces exactly (`./fuzz.sh --seed <seed> --steps <n>`).
const SEEDS: [u64; 4] = [1, 2, 3, 0x5eed];
/// Actions per case.
const STEPS: u64 = 60;

#[test]
fn every_global_invariant_holds_under_random_actions_of_every_role() {
    let (stats, failures) = run_seeds(SEEDS, STEPS);
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases broke a promise",
        failures.len(),
        SEEDS.len()
    );
    assert_eq!(stats.cases, SEEDS.len() as u64);
    // Every case crosses a registry migration: during the case, or after its settlement followed by a quarter
    // of its steps again on the successor.
    assert_eq!(stats.migrations, stats.cases, "{stats:?}");
    assert!(
        stats.steps >= SEEDS.len() as u64 * STEPS
            && stats.steps <= SEEDS.len() as u64 * (STEPS + STEPS / 4),
        "{stats:?}"
    );
    // The harness really acts and really checks: most calls are typed refusals or successes, never neither.
    assert!(stats.calls >= stats.steps, "{stats:?}");
    assert!(stats.invariants_checked > stats.steps * 5, "{stats:?}");
    let Stats {
        refusals, calls, ..
    } = stats;
    assert!(refusals > 0 && refusals < calls, "{stats:?}");
}

/// The split changes where code lives, never what it answers: the same random actions against the token and the
/// registry deployed as shells over their full code, and as their full code alone, get the same answer at every
/// call (addresses of the two contracts aside, which differ with their code).
#[test]
fn a_split_deployment_answers_every_random_action_as_the_full_code_does() {
    use infra_suite_e2e::adversary::run_case_as;
    use infra_suite_e2e::suite::Build;
    for seed in [7u64, 0xface] {
        let (_, split) = run_case_as(Build::Split, seed, 40).unwrap_or_else(|f| panic!("{f}"));
        let (_, full) = run_case_as(Build::Full, seed, 40).unwrap_or_else(|f| panic!("{f}"));
        assert!(
            split.len() > 40,
            "seed {seed}: the trace records every call"
        );
        for (i, (a, b)) in split.iter().zip(&full).enumerate() {
            assert_eq!(
                a, b,
                "seed {seed}: answer {i} differs between the split and the full-code deployment"
            );
        }
        assert_eq!(split.len(), full.len(), "seed {seed}");
    }
}
