//! Allowances, by the rules of the PSP22 v2 reference (Cardinal-Cryptography's `PSP22Data`): pure functions that
//! say what to write, or that nothing happens. An approval of oneself, a change by 0, is a no-op: no write and no
//! event, as a transfer of 0 or to oneself is (see `ProjectToken::is_noop`). Native tests in `tests.rs`, the
//! reference's cases on the real Wasm in `e2e-tests/tests/psp22_conformance.rs`.
use suite_traits::{AccountId, Balance, PSP22Error};

/// The allowance `approve(spender, value)` by `owner` writes, or `None` for an approval of oneself.
pub fn approved(owner: AccountId, spender: AccountId, value: Balance) -> Option<Balance> {
    (owner != spender).then_some(value)
}

/// The allowance `increase_allowance` writes (saturating at the largest balance), or `None` for oneself or 0.
pub fn increased(
    owner: AccountId,
    spender: AccountId,
    current: Balance,
    delta: Balance,
) -> Option<Balance> {
    (owner != spender && delta != 0).then(|| current.saturating_add(delta))
}

/// The allowance `decrease_allowance` writes, `None` for oneself or 0, or `InsufficientAllowance` when `delta`
/// exceeds what is allowed.
pub fn decreased(
    owner: AccountId,
    spender: AccountId,
    current: Balance,
    delta: Balance,
) -> Result<Option<Balance>, PSP22Error> {
    if owner == spender || delta == 0 {
        return Ok(None);
    }
    current
        .checked_sub(delta)
        .map(Some)
        .ok_or(PSP22Error::InsufficientAllowance)
}
