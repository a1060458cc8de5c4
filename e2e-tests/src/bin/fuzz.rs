//! `./fuzz.sh`: the adversarial harness (`infra_suite_e2e::adversary`) on many seeds.
//!
//!   fuzz [--cases N] [--minutes M] [--steps S] [--seed FIRST]
//!
//! Runs cases with seeds FIRST, FIRST+1, ... until N cases or M minutes, whichever comes first; prints each failure
//! (seed, step, what broke, the actions that led there) and the figures: cases, steps, calls, refusals, invariants
//! checked, failures. Exits 1 if any case broke a promise.
use std::time::{Duration, Instant};

use infra_suite_e2e::adversary::{run_case, Stats};

fn arg(name: &str) -> Option<u64> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a number, got {v}"))
        })
}

fn main() {
    let cases = arg("--cases").unwrap_or(u64::MAX);
    let minutes = arg("--minutes");
    let steps = arg("--steps").unwrap_or(200);
    let first = arg("--seed").unwrap_or(1_000);
    if cases == u64::MAX && minutes.is_none() {
        eprintln!("usage: fuzz [--cases N] [--minutes M] [--steps S] [--seed FIRST]");
        std::process::exit(2);
    }
    let deadline = minutes.map(|m| Instant::now() + Duration::from_secs(m * 60));
    let started = Instant::now();
    let mut total = Stats::default();
    let mut failures = 0u64;
    let mut seed = first;
    while total.cases < cases && deadline.is_none_or(|d| Instant::now() < d) {
        match run_case(seed, steps) {
            Ok(s) => total.add(&s),
            Err(f) => {
                total.cases += 1;
                failures += 1;
                println!("FAILURE\n{f}");
            }
        }
        if total.cases % 10 == 0 {
            println!(
                "... {} cases, {} steps, {} invariants checked, {} failures ({} s)",
                total.cases,
                total.steps,
                total.invariants_checked,
                failures,
                started.elapsed().as_secs()
            );
        }
        seed += 1;
    }
    println!(
        "fuzz: seeds {first}..{seed}, {} steps a case, {} s\n  cases run            {}\n  steps                {}\n  \
         calls                {}\n  typed refusals       {}\n  invariants checked   {}\n  registry migrations  {}\n  \
         failures             {}",
        steps,
        started.elapsed().as_secs(),
        total.cases,
        total.steps,
        total.calls,
        total.refusals,
        total.invariants_checked,
        total.migrations,
        failures
    );
    if failures > 0 {
        std::process::exit(1);
    }
}
