//! Helpers for the contracts' native tests (std builds only; never part of a contract's Wasm).

/// Runs `f` in a fresh off-chain ink! environment (fresh storage, a callee set), so each test case starts clean
/// and the pure `*Data` structs, which hold `Mapping`s, can be exercised without a chain.
pub fn fresh<R>(f: impl FnOnce() -> R) -> R {
    let mut out = None;
    ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
        out = Some(f());
        Ok(())
    })
    .expect("off-chain environment");
    out.expect("the test body ran")
}
