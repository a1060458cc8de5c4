//! The PSP22 v2 reference's semantics (Cardinal-Cryptography's `PSP22Data`), case by case, on the real Wasm of the
//! token, every party verified so no compliance rule is in the way: transfers, `transfer_from` with its
//! allowance (checked before the balance; `Approval` then `Transfer`), approvals (overwrite, to 0, to oneself),
//! increases and decreases (by 0, of oneself, beyond the allowance), and the no-ops that write and emit nothing
//! (a transfer of 0 or to oneself, a mint or burn of 0). Deviations, each with its reason, are in
//! `docs/architecture.md` ("PSP22 v2 semantics").
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::Outcome;
use infra_suite_e2e::suite::{actors::*, default_rules, Suite, FRANCE, GERMANY, SUPPLY_CAP};
use ink::primitives::AccountId;
use suite_traits::{ClaimType, PSP22Error};

type Out = Outcome<Result<(), PSP22Error>>;

fn signature(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(text.as_bytes(), &mut out);
    out
}

fn transfer_topic() -> [u8; 32] {
    signature("Transfer(Option<AccountId>,Option<AccountId>,u128)")
}

fn approval_topic() -> [u8; 32] {
    signature("Approval(AccountId,AccountId,u128)")
}

/// The event kinds an outcome emitted, in order.
fn kinds(out: &Out) -> Vec<&'static str> {
    out.topics
        .iter()
        .map(|t| match t.first() {
            Some(s) if *s == transfer_topic() => "Transfer",
            Some(s) if *s == approval_topic() => "Approval",
            _ => "other",
        })
        .collect()
}

/// Alice (1 000), bob and carol, all verified.
fn token() -> Suite {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    for (who, country) in [(alice(), FRANCE), (bob(), GERMANY), (carol(), FRANCE)] {
        s.onboard(who, country, &[ClaimType::Kyc], 365);
    }
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    s
}

fn allowance(s: &mut Suite, owner: AccountId, spender: AccountId) -> u128 {
    let t = s.token;
    s.chain
        .ask(at::<Token>(t).allowance(owner, spender), mallory())
        .unwrap()
        .value
}

fn approve(s: &mut Suite, owner: AccountId, spender: AccountId, value: u128) -> Out {
    let t = s.token;
    s.chain
        .send(at::<Token>(t).approve(spender, value), owner)
        .unwrap()
}

fn increase(s: &mut Suite, owner: AccountId, spender: AccountId, delta: u128) -> Out {
    let t = s.token;
    s.chain
        .send(at::<Token>(t).increase_allowance(spender, delta), owner)
        .unwrap()
}

fn decrease(s: &mut Suite, owner: AccountId, spender: AccountId, delta: u128) -> Out {
    let t = s.token;
    s.chain
        .send(at::<Token>(t).decrease_allowance(spender, delta), owner)
        .unwrap()
}

fn transfer_from(s: &mut Suite, by: AccountId, from: AccountId, to: AccountId, value: u128) -> Out {
    let t = s.token;
    s.chain
        .send(
            at::<Token>(t).transfer_from(from, to, value, Vec::<u8>::new()),
            by,
        )
        .unwrap()
}

#[test]
fn transfer_moves_the_balance_emits_transfer_and_refuses_what_is_not_there() {
    let mut s = token();
    let out = s.transfer(alice(), bob(), 300);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Transfer"]));
    assert_eq!((s.balance(alice()), s.balance(bob())), (700, 300));
    assert_eq!(s.supply(), 1_000);
    let out = s.transfer(alice(), bob(), 701);
    assert_eq!(out.value, Err(PSP22Error::InsufficientBalance));
    assert!(out.reverted);
    assert_eq!((s.balance(alice()), s.balance(bob())), (700, 300));
    // All of it.
    assert_eq!(s.transfer(alice(), bob(), 700).value, Ok(()));
    assert_eq!((s.balance(alice()), s.balance(bob())), (0, 1_000));
}

#[test]
fn a_transfer_of_zero_or_to_oneself_is_a_no_op_with_no_event() {
    let mut s = token();
    for (to, value) in [(bob(), 0), (alice(), 500), (alice(), 5_000)] {
        let out = s.transfer(alice(), to, value);
        assert_eq!((out.value, out.events), (Ok(()), 0), "to {to:?}, {value}");
    }
    assert_eq!((s.balance(alice()), s.balance(bob())), (1_000, 0));
}

#[test]
fn transfer_from_spends_the_allowance_and_emits_approval_then_transfer() {
    let mut s = token();
    assert_eq!(approve(&mut s, alice(), bob(), 400).value, Ok(()));
    let out = transfer_from(&mut s, bob(), alice(), carol(), 150);
    assert_eq!(
        (out.value.clone(), kinds(&out)),
        (Ok(()), vec!["Approval", "Transfer"])
    );
    assert_eq!(allowance(&mut s, alice(), bob()), 250);
    assert_eq!((s.balance(alice()), s.balance(carol())), (850, 150));
    // The whole rest of the allowance.
    assert_eq!(
        transfer_from(&mut s, bob(), alice(), carol(), 250).value,
        Ok(())
    );
    assert_eq!(allowance(&mut s, alice(), bob()), 0);
    assert_eq!(
        transfer_from(&mut s, bob(), alice(), carol(), 1).value,
        Err(PSP22Error::InsufficientAllowance)
    );
}

#[test]
fn transfer_from_checks_the_allowance_before_the_balance() {
    let mut s = token();
    assert_eq!(approve(&mut s, alice(), bob(), 2_000).value, Ok(()));
    // Short of balance, not of allowance.
    let out = transfer_from(&mut s, bob(), alice(), carol(), 1_500);
    assert_eq!(out.value, Err(PSP22Error::InsufficientBalance));
    assert_eq!(allowance(&mut s, alice(), bob()), 2_000, "nothing spent");
    // Short of both: the allowance is reported.
    assert_eq!(approve(&mut s, alice(), bob(), 100).value, Ok(()));
    let out = transfer_from(&mut s, bob(), alice(), carol(), 1_500);
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
    assert_eq!((s.balance(alice()), s.balance(carol())), (1_000, 0));
}

#[test]
fn transfer_from_of_zero_to_the_owner_or_by_the_owner_needs_no_allowance() {
    let mut s = token();
    // Zero, and from the owner to itself: no-ops, with no allowance at all and no event.
    for (to, value) in [(carol(), 0), (alice(), 300)] {
        let out = transfer_from(&mut s, bob(), alice(), to, value);
        assert_eq!((out.value, out.events), (Ok(()), 0), "to {to:?}, {value}");
    }
    // By the owner: a transfer, with its one event.
    let out = transfer_from(&mut s, alice(), alice(), carol(), 300);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Transfer"]));
    assert_eq!((s.balance(alice()), s.balance(carol())), (700, 300));
}

#[test]
fn approve_overwrites_sets_zero_and_approving_oneself_does_nothing() {
    let mut s = token();
    let out = approve(&mut s, alice(), bob(), 100);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Approval"]));
    assert_eq!(approve(&mut s, alice(), bob(), 40).value, Ok(()));
    assert_eq!(
        allowance(&mut s, alice(), bob()),
        40,
        "overwritten, not added"
    );
    let out = approve(&mut s, alice(), bob(), 0);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Approval"]));
    assert_eq!(allowance(&mut s, alice(), bob()), 0);
    let out = approve(&mut s, alice(), alice(), 100);
    assert_eq!((out.value, out.events), (Ok(()), 0));
    assert_eq!(allowance(&mut s, alice(), alice()), 0);
}

#[test]
fn increase_and_decrease_change_the_allowance_by_their_delta_and_do_nothing_for_zero_or_oneself() {
    let mut s = token();
    let out = increase(&mut s, alice(), bob(), 100);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Approval"]));
    assert_eq!(increase(&mut s, alice(), bob(), 50).value, Ok(()));
    assert_eq!(allowance(&mut s, alice(), bob()), 150);
    let out = decrease(&mut s, alice(), bob(), 30);
    assert_eq!((out.value.clone(), kinds(&out)), (Ok(()), vec!["Approval"]));
    assert_eq!(allowance(&mut s, alice(), bob()), 120);
    let out = decrease(&mut s, alice(), bob(), 121);
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
    assert_eq!(allowance(&mut s, alice(), bob()), 120);
    for out in [
        increase(&mut s, alice(), bob(), 0),
        decrease(&mut s, alice(), bob(), 0),
        increase(&mut s, alice(), alice(), 10),
        decrease(&mut s, alice(), alice(), 10),
    ] {
        assert_eq!((out.value, out.events), (Ok(()), 0));
    }
    assert_eq!(allowance(&mut s, alice(), bob()), 120);
    assert_eq!(allowance(&mut s, alice(), alice()), 0);
    // The whole allowance, down to zero.
    assert_eq!(decrease(&mut s, alice(), bob(), 120).value, Ok(()));
    assert_eq!(allowance(&mut s, alice(), bob()), 0);
    // An increase saturates at the largest balance instead of overflowing.
    assert_eq!(increase(&mut s, alice(), bob(), u128::MAX).value, Ok(()));
    assert_eq!(increase(&mut s, alice(), bob(), 1).value, Ok(()));
    assert_eq!(allowance(&mut s, alice(), bob()), u128::MAX);
}

#[test]
fn a_mint_or_burn_of_zero_is_a_no_op_with_no_event() {
    let mut s = token();
    let out = s.mint(bob(), 0);
    assert_eq!((out.value, out.events), (Ok(()), 0));
    let t = s.token;
    let out: Out = s
        .chain
        .send(at::<Token>(t).burn(alice(), 0u128), issuer())
        .unwrap();
    assert_eq!((out.value, out.events), (Ok(()), 0));
    assert_eq!(s.supply(), 1_000);
}
