//! The promises of the token and the registry under attack, on the real Wasm: self-transfers and wallets that
//! move between identities keep identity totals exact; a linked wallet counts towards its identity's cap at once;
//! a removed verifier keeps no registrar power; a claim that counts is changed only by its issuer; a regulator's
//! freeze is not escaped by unlinking; recovery keeps lock-ups bounded and freezes with the holding; `can_transfer`
//! applies every check a transfer applies; the PSP22 events carry the reference signature topics.
use compliance_registry::RegistryError;
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::DAY_MS;
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP,
};
use ink::primitives::AccountId;
use project_token::{
    ComplianceRules, Holding, Party, TokenError, Tranche, TransferRestriction as R,
};
use suite_traits::AdminError;
use suite_traits::{ClaimSet, ClaimType, IdentityId, PSP22Error, RelinkError};

fn kyc() -> &'static [ClaimType] {
    &[ClaimType::Kyc]
}

fn custom(reason: R) -> Result<(), PSP22Error> {
    Err(PSP22Error::Custom(reason.describe().into()))
}

fn holder_count(s: &mut Suite) -> u32 {
    let t = s.token;
    s.chain
        .ask(at::<Token>(t).holder_count(), admin())
        .unwrap()
        .value
}

/// Alice's wallet (identity I) holding 1 000 moves to bob's identity J, whose wallet holds 500.
fn moved_wallet() -> (Suite, IdentityId, IdentityId) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let i = s.onboard(alice(), FRANCE, kyc(), 365);
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 500).value, Ok(()));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).remove_wallet(alice()),
            platform_a()
        )
        .value,
        Ok(())
    );
    s.link_wallet(j, alice());
    (s, i, j)
}

#[test]
fn a_wallet_that_moved_between_identities_counts_for_the_new_one_at_once() {
    let (mut s, i, j) = moved_wallet();
    assert_eq!(s.identity_balance(i), 0);
    assert_eq!(s.identity_balance(j), 1_500);
    assert_eq!(holder_count(&mut s), 1);
    // Identity checkpoints answer for produced blocks only (the boundary: the current block).
    let t = s.token;
    let now = s.chain.block();
    for (block, expected) in [
        (now, Ok(1_500u128)),
        (
            now + 1,
            Err(suite_traits::CheckpointError::FutureBlock {
                requested: now + 1,
                current: now,
            }),
        ),
    ] {
        let at: Result<u128, suite_traits::CheckpointError> = s
            .chain
            .ask(at::<Token>(t).identity_balance_at(j, block), admin())
            .unwrap()
            .value;
        assert_eq!(at, expected);
    }
    let supply: Result<u128, suite_traits::CheckpointError> = s
        .chain
        .ask(at::<Token>(t).identity_supply_at(now), admin())
        .unwrap()
        .value;
    assert_eq!(supply, Ok(1_500));
}

#[test]
fn self_and_zero_value_transfers_are_no_ops_that_leave_identity_totals_exact() {
    let (mut s, i, j) = moved_wallet();
    let t = s.token;
    let out = s.transfer(alice(), alice(), 1_000);
    assert_eq!((out.value, out.events), (Ok(()), 0));
    // transfer_from with the owner as spender and recipient, and by a third party with no allowance.
    let out: infra_suite_e2e::chain::Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer_from(alice(), alice(), 1_000u128, Vec::<u8>::new()),
            alice(),
        )
        .unwrap();
    assert_eq!((out.value, out.events), (Ok(()), 0));
    let out: infra_suite_e2e::chain::Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer_from(alice(), alice(), 1_000u128, Vec::<u8>::new()),
            carol(),
        )
        .unwrap();
    assert_eq!((out.value, out.events), (Ok(()), 0));
    let out = s.transfer(alice(), bob(), 0);
    assert_eq!((out.value, out.events), (Ok(()), 0));
    assert_eq!(s.identity_balance(j), 1_500);
    assert_eq!(s.identity_balance(i), 0);
    assert_eq!(holder_count(&mut s), 1);
    assert_eq!((s.balance(alice()), s.balance(bob())), (1_000, 500));
    assert_eq!(s.supply(), 1_500);
}

#[test]
fn an_unbound_token_settles_a_moved_wallet_once_and_anyone_may_sync_it() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.as_admin(at::<Registry>(s.registry).unbind_token(s.token));
    let i = s.onboard(alice(), FRANCE, kyc(), 365);
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 500).value, Ok(()));
    s.send(
        at::<Registry>(s.registry).remove_wallet(alice()),
        platform_a(),
    )
    .value
    .unwrap();
    s.link_wallet(j, alice());
    // Unbound, the token has not heard of the move yet.
    assert_eq!((s.identity_balance(i), s.identity_balance(j)), (1_000, 500));
    // A self-transfer is a no-op: it cannot settle the move twice.
    assert_eq!(s.transfer(alice(), alice(), 1_000).value, Ok(()));
    assert_eq!((s.identity_balance(i), s.identity_balance(j)), (1_000, 500));
    assert_eq!(
        s.send(at::<Token>(s.token).sync_identity(alice()), mallory())
            .value,
        Ok(())
    );
    assert_eq!((s.identity_balance(i), s.identity_balance(j)), (0, 1_500));
    assert_eq!(holder_count(&mut s), 1);
    // A real transfer after the sync moves only what it moves.
    assert_eq!(s.transfer(alice(), bob(), 100).value, Ok(()));
    assert_eq!(s.identity_balance(j), 1_500);
}

#[test]
fn transfer_from_by_the_owner_needs_no_allowance() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    let t = s.token;
    let out: infra_suite_e2e::chain::Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer_from(alice(), bob(), 400u128, Vec::<u8>::new()),
            alice(),
        )
        .unwrap();
    assert_eq!(out.value, Ok(()));
    assert_eq!((s.balance(alice()), s.balance(bob())), (600, 400));
    // A third party still needs one.
    let out: infra_suite_e2e::chain::Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(
            at::<Token>(t).transfer_from(alice(), bob(), 1u128, Vec::<u8>::new()),
            carol(),
        )
        .unwrap();
    assert_eq!(out.value, Err(PSP22Error::InsufficientAllowance));
}

#[test]
fn psp22_events_carry_the_reference_signature_topics() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    let blake = |text: &str| {
        let mut out = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(text.as_bytes(), &mut out);
        out
    };
    let transfer = s.transfer(alice(), bob(), 10);
    assert_eq!(transfer.value, Ok(()));
    assert_eq!(
        transfer.topics.last().and_then(|t| t.first()).copied(),
        Some(blake("Transfer(Option<AccountId>,Option<AccountId>,u128)"))
    );
    let t = s.token;
    let approval: infra_suite_e2e::chain::Outcome<Result<(), PSP22Error>> = s
        .chain
        .send(at::<Token>(t).approve(carol(), 5u128), alice())
        .unwrap();
    assert_eq!(
        approval.topics.first().and_then(|t| t.first()).copied(),
        Some(blake("Approval(AccountId,AccountId,u128)"))
    );
}

#[test]
fn a_linked_wallet_counts_towards_its_identitys_cap_from_the_moment_it_is_linked() {
    // 10% of 1 000 000 = 100 000 per identity.
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    let k = s.onboard(alice_2(), FRANCE, kyc(), 365);
    assert_eq!(s.mint(bob(), 60_000).value, Ok(()));
    assert_eq!(s.mint(alice_2(), 30_000).value, Ok(()));
    s.send(
        at::<Registry>(s.registry).remove_wallet(alice_2()),
        platform_a(),
    )
    .value
    .unwrap();
    s.link_wallet(j, alice_2());
    assert_eq!(s.identity_balance(j), 90_000);
    assert_eq!(s.identity_balance(k), 0);
    assert_eq!(
        s.mint(bob(), 20_000).value,
        custom(R::MaxHoldingExceeded {
            identity: j,
            would_hold: 110_000,
            limit: 100_000
        })
    );
}

#[test]
fn moving_a_wallet_between_identities_rechecks_the_cap() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    let k = s.onboard(alice_2(), FRANCE, kyc(), 365);
    assert_eq!(s.mint(bob(), 60_000).value, Ok(()));
    assert_eq!(s.mint(alice_2(), 60_000).value, Ok(()));
    s.send(
        at::<Registry>(s.registry).remove_wallet(alice_2()),
        platform_a(),
    )
    .value
    .unwrap();
    let r = s.registry;
    let t = s.token;
    let refused: Result<(), RegistryError> = s
        .chain
        .send(at::<Registry>(r).add_wallet(j, alice_2()), platform_a())
        .unwrap()
        .value;
    assert_eq!(
        refused,
        Err(RegistryError::TokenRefusedLink {
            token: t,
            wallet: alice_2(),
            reason: RelinkError::MaxHoldingExceeded {
                identity: j,
                would_hold: 120_000,
                limit: 100_000
            }
        })
    );
    let identity: Option<IdentityId> = s
        .chain
        .ask(at::<Registry>(r).identity_of(alice_2()), admin())
        .unwrap()
        .value;
    assert_eq!(identity, None, "the refused link changed nothing");
    assert_eq!((s.identity_balance(j), s.identity_balance(k)), (60_000, 0));
    // Only the registry may tell the token about links.
    let forged: Result<(), RelinkError> = s
        .chain
        .send(
            at::<Token>(t).wallet_relinked(alice_2(), Some(j)),
            mallory(),
        )
        .unwrap()
        .value;
    assert_eq!(forged, Err(RelinkError::NotRegistry { caller: mallory() }));
}

#[test]
fn a_removed_verifier_loses_its_registrar_powers_and_the_admin_reassigns_them() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.as_admin(at::<Registry>(s.registry).set_verifier(platform_a(), ClaimSet::empty()));
    let refused = Err(RegistryError::RegistrarNotTrusted {
        registrar: platform_a(),
        identity: id,
    });
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).add_wallet(id, alice_2()),
            platform_a()
        )
        .value,
        refused
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).remove_wallet(alice()),
            platform_a()
        )
        .value,
        refused
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).set_country(id, GERMANY),
            platform_a()
        )
        .value,
        refused
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).reassign_registrar(id, platform_b()),
            mallory()
        )
        .value,
        Err(RegistryError::Admin(AdminError::NotAdmin {
            caller: mallory()
        }))
    );
    s.as_admin(at::<Registry>(s.registry).reassign_registrar(id, platform_b()));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).add_wallet(id, alice_2()),
            platform_b()
        )
        .value,
        Ok(())
    );
}

#[test]
fn a_claim_that_counts_is_renewed_or_shortened_only_by_its_issuer() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    // Platform B is trusted for KYC too; platform A issued alice's KYC.
    s.as_admin(at::<Registry>(s.registry).set_verifier(
        platform_b(),
        ClaimSet::of(&[ClaimType::Kyc, ClaimType::Accredited]),
    ));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    let now = s.chain.now();
    for expires in [now + DAY_MS, now + 3_650 * DAY_MS] {
        assert_eq!(
            s.send(
                at::<Registry>(s.registry).issue_claim(id, ClaimType::Kyc, expires, evidence(9)),
                platform_b()
            )
            .value,
            Err(RegistryError::NotClaimIssuer {
                caller: platform_b(),
                issuer: platform_a()
            })
        );
    }
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).issue_claim(
                id,
                ClaimType::Kyc,
                now + 10 * DAY_MS,
                evidence(9)
            ),
            platform_a()
        )
        .value,
        Ok(())
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).revoke_claim(id, ClaimType::Kyc),
            admin()
        )
        .value,
        Ok(())
    );
}

#[test]
fn a_regulators_freeze_cannot_be_undone_by_unlinking_the_wallet() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).freeze_identity(id, evidence(1)),
            regulator()
        )
        .value,
        Ok(())
    );
    for who in [platform_a(), admin()] {
        assert_eq!(
            s.send(at::<Registry>(s.registry).remove_wallet(alice()), who)
                .value,
            Err(RegistryError::IdentityIsFrozen { identity: id })
        );
        // Nor does a frozen identity gain a wallet (an address parked there could not be taken out again).
        assert_eq!(
            s.send(at::<Registry>(s.registry).add_wallet(id, dave()), who)
                .value,
            Err(RegistryError::IdentityIsFrozen { identity: id })
        );
    }
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        custom(R::IdentityFrozen {
            party: Party::Sender,
            identity: id
        })
    );
}

#[test]
fn a_regulators_freeze_cannot_be_escaped_by_exemption() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    let bob_id = s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).freeze_identity(id, evidence(1)),
            regulator()
        )
        .value,
        Ok(())
    );
    // The admin cannot exempt the frozen identity's wallet (nor any identity's wallet) ...
    assert_eq!(
        s.send(at::<Token>(s.token).set_exempt(alice(), true), admin())
            .value,
        Err(TokenError::ExemptLinkedWallet {
            account: alice(),
            identity: id
        })
    );
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        custom(R::IdentityFrozen {
            party: Party::Sender,
            identity: id
        })
    );
    // ... nor have an exempt account linked into an identity afterwards: the token refuses, so the registry does.
    let t = s.token;
    assert_eq!(
        s.send(at::<Token>(s.token).set_exempt(dave(), true), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).add_wallet(bob_id, dave()),
            platform_a()
        )
        .value,
        Err(RegistryError::TokenRefusedLink {
            token: t,
            wallet: dave(),
            reason: RelinkError::ExemptAccount { account: dave() }
        })
    );
}

#[test]
fn an_exempt_account_linked_behind_an_unbound_tokens_back_cannot_trade_with_investors() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let bob_id = s.onboard(bob(), GERMANY, kyc(), 365);
    let t = s.token;
    // The registry stops telling the token of links; the token's admin exempts dave, who is in no identity yet.
    assert_eq!(
        s.send(at::<Registry>(s.registry).unbind_token(t), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        s.send(at::<Token>(s.token).set_exempt(dave(), true), admin())
            .value,
        Ok(())
    );
    assert_eq!(s.mint(dave(), 1_000).value, Ok(()));
    // A registrar links dave to a new identity, which the regulator freezes; the token was not told.
    let dave_id = s.onboard(dave(), FRANCE, kyc(), 365);
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).freeze_identity(dave_id, evidence(1)),
            regulator()
        )
        .value,
        Ok(())
    );
    // Dave's exemption no longer lets him escape the identity's freeze or rules: the token asks about both
    // parties and refuses an exempt party the registry links.
    assert_eq!(
        s.transfer(dave(), bob(), 100).value,
        custom(R::ExemptAccountLinked {
            party: Party::Sender,
            identity: dave_id
        })
    );
    assert_eq!(
        s.can_transfer(bob(), dave(), 1),
        Err(R::ExemptAccountLinked {
            party: Party::Recipient,
            identity: dave_id
        })
    );
    assert_eq!(
        s.send(at::<Token>(s.token).sync_identity(dave()), mallory())
            .value,
        Err(TokenError::ExemptLinkedWallet {
            account: dave(),
            identity: dave_id
        })
    );
    assert_eq!(s.balance(dave()), 1_000);
    assert_eq!(s.identity_balance(bob_id), 0);
}

#[test]
fn a_forced_transfer_neither_leaves_nor_reaches_a_frozen_identity() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    let bob_id = s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 1_000).value, Ok(()));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).freeze_identity(id, evidence(1)),
            regulator()
        )
        .value,
        Ok(())
    );
    let forced = |s: &mut Suite, from: AccountId, to: AccountId| {
        s.send(
            at::<Token>(s.token).forced_transfer(from, to, 500u128, 1u32, evidence(2)),
            agent(),
        )
        .value
    };
    assert_eq!(
        forced(&mut s, alice(), bob()),
        Err(TokenError::Restricted(R::IdentityFrozen {
            party: Party::Sender,
            identity: id
        }))
    );
    assert_eq!(
        forced(&mut s, bob(), alice()),
        Err(TokenError::Restricted(R::IdentityFrozen {
            party: Party::Recipient,
            identity: id
        }))
    );
    assert_eq!(s.balance(alice()), 1_000);
    // The regulator lifts its freeze (say, on a seizure order): the agent may act.
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).unfreeze_identity(id),
            regulator()
        )
        .value,
        Ok(())
    );
    assert_eq!(forced(&mut s, alice(), bob()), Ok(()));
    assert_eq!(s.identity_balance(bob_id), 1_500);
}

#[test]
fn document_names_and_uris_past_their_limits_get_a_typed_refusal() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let name_limit = TokenError::DocumentFieldTooLong {
        field: "name".into(),
        max: 64,
    };
    for len in [65usize, 300, 4_096] {
        let long = "n".repeat(len);
        assert_eq!(
            s.send(
                at::<Token>(s.token).set_document(
                    long.clone(),
                    String::from("ipfs://x"),
                    evidence(1)
                ),
                admin()
            )
            .value,
            Err(name_limit.clone()),
            "set_document, name of {len} bytes"
        );
        assert_eq!(
            s.send(at::<Token>(s.token).remove_document(long.clone()), admin())
                .value,
            Err(name_limit.clone()),
            "remove_document, name of {len} bytes"
        );
        let t = s.token;
        let doc: Option<project_token::documents::Document> = s
            .chain
            .ask(at::<Token>(t).document(long), mallory())
            .expect("document answers")
            .value;
        assert_eq!(doc, None, "document, name of {len} bytes");
        assert_eq!(
            s.send(
                at::<Token>(s.token).set_document(
                    String::from("prospectus"),
                    "u".repeat(len + 200),
                    evidence(1)
                ),
                admin()
            )
            .value,
            Err(TokenError::DocumentFieldTooLong {
                field: "uri".into(),
                max: 256
            }),
            "set_document, uri of {} bytes",
            len + 200
        );
    }
}

fn tranches(now: u64, n: u64, amount: u128) -> Vec<Tranche> {
    (1..=n)
        .map(|k| Tranche {
            amount,
            release_at: now + k * DAY_MS,
        })
        .collect()
}

#[test]
fn recovery_keeps_lockups_bounded_checks_the_new_wallet_and_carries_the_freeze() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.link_wallet(id, alice_2());
    assert_eq!(s.mint(alice(), 10_000).value, Ok(()));
    assert_eq!(s.mint(alice_2(), 10_000).value, Ok(()));
    let now = s.chain.now();
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_lockup(alice(), tranches(now, 8, 100)),
            agent()
        )
        .value,
        Ok(())
    );
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_lockup(alice_2(), tranches(now, 8, 100)),
            agent()
        )
        .value,
        Ok(())
    );
    let recover = |s: &mut Suite| {
        s.send(
            at::<Token>(s.token).recover_wallet(alice(), alice_2(), evidence(5)),
            agent(),
        )
        .value
    };
    assert_eq!(
        recover(&mut s),
        Err(TokenError::RecoveryTooManyTranches {
            tranches: 16,
            max: 12
        })
    );
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_lockup(alice_2(), Vec::<Tranche>::new()),
            agent()
        )
        .value,
        Ok(())
    );
    // A frozen or exempt new wallet is refused.
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_account_frozen(alice_2(), true, evidence(2)),
            agent()
        )
        .value,
        Ok(())
    );
    assert_eq!(
        recover(&mut s),
        Err(TokenError::RecoveryToFrozenWallet { wallet: alice_2() })
    );
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_account_frozen(alice_2(), false, evidence(2)),
            agent()
        )
        .value,
        Ok(())
    );
    // An identity's wallet cannot be exempted at all, so recovery cannot land on an exempt wallet of the identity.
    assert_eq!(
        s.send(at::<Token>(s.token).set_exempt(alice_2(), true), admin())
            .value,
        Err(TokenError::ExemptLinkedWallet {
            account: alice_2(),
            identity: id
        })
    );
    assert_eq!(
        s.identity_balance(id),
        20_000,
        "a refused exemption keeps the total"
    );
    // The lost wallet was frozen: the freeze follows the tokens.
    assert_eq!(
        s.send(
            at::<Token>(s.token).set_account_frozen(alice(), true, evidence(3)),
            agent()
        )
        .value,
        Ok(())
    );
    assert_eq!(recover(&mut s), Ok(()));
    assert_eq!((s.balance(alice()), s.balance(alice_2())), (0, 20_000));
    assert_eq!(s.identity_balance(id), 20_000);
    assert_eq!(
        s.can_transfer(alice_2(), alice(), 1),
        Err(R::AccountFrozen {
            party: Party::Sender
        })
    );
    let t = s.token;
    let schedule: Vec<Tranche> = s
        .chain
        .ask(at::<Token>(t).lockup_of(alice_2()), admin())
        .unwrap()
        .value;
    assert_eq!(schedule.len(), 8);
}

#[test]
fn can_transfer_applies_every_check_a_transfer_applies() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    let t = s.token;
    assert_eq!(s.can_transfer(alice(), t, 1), Err(R::RecipientIsToken));
    assert_eq!(s.transfer(alice(), t, 1).value, custom(R::RecipientIsToken));
    // A no-op is a no-op in both.
    assert_eq!(s.can_transfer(alice(), alice(), 5_000), Ok(()));
    assert_eq!(s.transfer(alice(), alice(), 5_000).value, Ok(()));
}

#[test]
fn an_unbound_token_rechecks_the_cap_when_a_moved_wallet_transfers() {
    // 10% of 1 000 000 = 100 000 per identity.
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.as_admin(at::<Registry>(s.registry).unbind_token(s.token));
    s.onboard(alice(), FRANCE, kyc(), 365);
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    s.onboard(carol(), FRANCE, kyc(), 365);
    assert_eq!(s.mint(alice(), 90_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 60_000).value, Ok(()));
    s.send(
        at::<Registry>(s.registry).remove_wallet(alice()),
        platform_a(),
    )
    .value
    .unwrap();
    s.link_wallet(j, alice());
    let over = R::MaxHoldingExceeded {
        identity: j,
        would_hold: 150_000,
        limit: 100_000,
    };
    assert_eq!(
        s.send(at::<Token>(s.token).sync_identity(alice()), mallory())
            .value,
        Err(TokenError::Restricted(over))
    );
    // Neither a transfer nor a burn settles the move around the cap.
    assert_eq!(s.transfer(alice(), carol(), 1).value, custom(over));
    let t = s.token;
    let burn: Result<(), PSP22Error> = s
        .chain
        .send(at::<Token>(t).burn(alice(), 1u128), alice())
        .unwrap()
        .value;
    assert_eq!(burn, custom(over));
    assert_eq!(s.identity_balance(j), 60_000);
}

/// Moves `wallet` to `identity` in the registry (behind an unbound token's back).
fn move_wallet(s: &mut Suite, wallet: AccountId, identity: IdentityId) {
    s.send(
        at::<Registry>(s.registry).remove_wallet(wallet),
        platform_a(),
    )
    .value
    .unwrap();
    s.link_wallet(identity, wallet);
}

#[test]
fn a_transfer_that_relinks_a_wallet_is_judged_on_the_books_after_the_relink() {
    // Three places. Identity I holds through alice and alice_2, J through bob: two places taken.
    let rules = ComplianceRules {
        holder_limit: 3,
        ..default_rules()
    };
    let mut s = Suite::deploy(rules, Some(SUPPLY_CAP));
    s.as_admin(at::<Registry>(s.registry).unbind_token(s.token));
    let i = s.onboard(alice(), FRANCE, kyc(), 365);
    s.link_wallet(i, alice_2());
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    let k = s.onboard(carol(), FRANCE, kyc(), 365);
    let d = s.onboard(dave(), GERMANY, kyc(), 365);
    for (who, amount) in [(alice(), 500), (alice_2(), 500), (bob(), 100)] {
        assert_eq!(s.mint(who, amount).value, Ok(()));
    }
    assert_eq!(holder_count(&mut s), 2);
    // The registry moves alice_2 to dave's identity D. Settled, the move makes D a third holder while I keeps
    // alice: a part of alice_2's holding sent to carol would make K a fourth.
    move_wallet(&mut s, alice_2(), d);
    let full = R::HolderLimitReached { limit: 3 };
    assert_eq!(s.can_transfer(alice_2(), carol(), 20), Err(full));
    assert_eq!(s.transfer(alice_2(), carol(), 20).value, custom(full));
    assert_eq!(holder_count(&mut s), 2);
    assert_eq!(s.identity_balance(d), 0);
    // All of it: D leaves as K joins, three places after. Both say yes.
    assert_eq!(s.can_transfer(alice_2(), carol(), 500), Ok(()));
    assert_eq!(s.transfer(alice_2(), carol(), 500).value, Ok(()));
    assert_eq!(holder_count(&mut s), 3);
    assert_eq!(
        (
            s.identity_balance(i),
            s.identity_balance(d),
            s.identity_balance(k)
        ),
        (500, 0, 500)
    );
    // The registry moves bob's only wallet to I: settled, J leaves, so bob may pay dave (D joins, three places).
    move_wallet(&mut s, bob(), i);
    assert_eq!(s.can_transfer(bob(), dave(), 100), Ok(()));
    assert_eq!(s.transfer(bob(), dave(), 100).value, Ok(()));
    assert_eq!(holder_count(&mut s), 3);
    assert_eq!(
        (
            s.identity_balance(i),
            s.identity_balance(j),
            s.identity_balance(d)
        ),
        (500, 0, 100)
    );
}

#[test]
fn recovery_follows_the_registrys_view_of_the_lost_wallet() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.as_admin(at::<Registry>(s.registry).unbind_token(s.token));
    let a = s.onboard(alice(), FRANCE, kyc(), 365);
    let b = s.onboard(bob(), GERMANY, kyc(), 365);
    s.link_wallet(a, alice_2());
    assert_eq!(s.mint(alice_2(), 5_000).value, Ok(()));
    // The registry moves alice_2 to bob's identity; the unbound token still counts it for alice.
    s.send(
        at::<Registry>(s.registry).remove_wallet(alice_2()),
        platform_a(),
    )
    .value
    .unwrap();
    s.link_wallet(b, alice_2());
    assert_eq!(
        s.send(
            at::<Token>(s.token).recover_wallet(alice_2(), alice(), evidence(5)),
            agent()
        )
        .value,
        Err(TokenError::RecoveryIdentityMismatch {
            lost: Some(b),
            new: Some(a)
        })
    );
    assert_eq!(s.balance(alice_2()), 5_000);
}

#[test]
fn a_bound_token_that_stops_listening_blocks_links_but_never_an_unlink() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.link_wallet(id, alice_2());
    let (r, t) = (s.registry, s.token);
    // The token's admin points it at another registry (a successor): it refuses the old one's notices.
    let successor = s.deploy_registry_numbered_from(100);
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(successor), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).add_wallet(id, carol()),
            platform_a()
        )
        .value,
        Err(RegistryError::TokenRefusedLink {
            token: t,
            wallet: carol(),
            reason: RelinkError::NotRegistry { caller: r }
        })
    );
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).remove_wallet(alice_2()),
            platform_a()
        )
        .value,
        Ok(())
    );
    // The registry's admin unbinds it and links work again.
    s.as_admin(at::<Registry>(s.registry).unbind_token(t));
    assert_eq!(
        s.send(
            at::<Registry>(s.registry).add_wallet(id, carol()),
            platform_a()
        )
        .value,
        Ok(())
    );
}

#[test]
fn a_forced_transfer_that_moves_nothing_emits_nothing() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    let t = s.token;
    for (to, amount) in [(alice(), 500u128), (bob(), 0)] {
        let out: infra_suite_e2e::chain::Outcome<Result<(), TokenError>> = s
            .chain
            .send(
                at::<Token>(t).forced_transfer(alice(), to, amount, 1u32, evidence(1)),
                agent(),
            )
            .unwrap();
        assert_eq!((out.value, out.events), (Ok(()), 0));
    }
    assert_eq!(s.balance(alice()), 1_000);
}

/// `WalletHistory::holder_record` (the distributor's one read per claim) answers exactly what the separate reads
/// answer, refuses a block not yet produced and more blocks than it serves, and never answers in part.
#[test]
fn a_holder_record_matches_the_separate_reads_and_refuses_as_a_whole() {
    use suite_traits::{CheckpointError, HolderRecord, MAX_RECORD_BLOCKS};
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), FRANCE, kyc(), 365);
    let before = s.chain.block();
    assert_eq!(s.mint(alice(), 100).value, Ok(()));
    s.chain.next_blocks(1);
    let minted = s.chain.block() - 1;
    assert_eq!(s.transfer(alice(), bob(), 30).value, Ok(()));
    s.chain.next_blocks(1);
    let moved = s.chain.block() - 1;
    let t = s.token;
    let agent_freeze: infra_suite_e2e::chain::Outcome<Result<(), TokenError>> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(alice(), true, evidence(1)),
            agent(),
        )
        .unwrap();
    assert_eq!(agent_freeze.value, Ok(()));

    let blocks = vec![before - 1, minted, moved];
    let record: Result<HolderRecord, CheckpointError> = s
        .chain
        .ask(
            at::<Token>(t).holder_record(alice(), blocks.clone()),
            dave(),
        )
        .unwrap()
        .value;
    let record = record.expect("past blocks are answered");
    for (block, balance) in blocks.iter().zip(&record.balances) {
        let alone: Result<u128, CheckpointError> = s
            .chain
            .ask(at::<Token>(t).balance_of_at(alice(), *block), dave())
            .unwrap()
            .value;
        assert_eq!(alone, Ok(*balance), "block {block}");
    }
    assert_eq!(record.balances, vec![0, 100, 70]);
    assert!(record.account_frozen);
    assert_eq!(record.recovered_to, None);
    assert_eq!(record.first_balance_block, Some(minted));
    // Alice is a party the token learned: her status comes from its copy, exactly as the registry answers it.
    let r = s.registry;
    let registry_says: suite_traits::PartyStatus = s
        .chain
        .ask(
            at::<Registry>(r).party_status(alice(), suite_traits::ClaimSet::empty()),
            dave(),
        )
        .unwrap()
        .value;
    assert_eq!(
        record.status,
        Some(suite_traits::KeptStatus {
            registry: r,
            status: registry_says
        })
    );

    let now = s.chain.block();
    let future: Result<HolderRecord, CheckpointError> = s
        .chain
        .ask(
            at::<Token>(t).holder_record(alice(), vec![minted, now + 1]),
            dave(),
        )
        .unwrap()
        .value;
    assert_eq!(
        future,
        Err(CheckpointError::FutureBlock {
            requested: now + 1,
            current: now
        })
    );
    let too_many = vec![minted; MAX_RECORD_BLOCKS as usize + 1];
    let refused: Result<HolderRecord, CheckpointError> = s
        .chain
        .ask(at::<Token>(t).holder_record(alice(), too_many), dave())
        .unwrap()
        .value;
    assert_eq!(
        refused,
        Err(CheckpointError::TooManyBlocks {
            asked: MAX_RECORD_BLOCKS + 1,
            max: MAX_RECORD_BLOCKS
        })
    );
    let at_most: Result<HolderRecord, CheckpointError> = s
        .chain
        .ask(
            at::<Token>(t).holder_record(bob(), vec![moved; MAX_RECORD_BLOCKS as usize]),
            dave(),
        )
        .unwrap()
        .value;
    assert_eq!(
        at_most.map(|r| r.balances),
        Ok(vec![30; MAX_RECORD_BLOCKS as usize])
    );
}

#[test]
fn a_registry_whose_numbers_restart_cannot_take_over_the_books_and_a_successor_keeps_each_holding_with_its_holder(
) {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let i = s.onboard(alice(), FRANCE, kyc(), 365);
    s.link_wallet(i, alice_2());
    let j = s.onboard(bob(), GERMANY, kyc(), 365);
    for (who, amount) in [(alice(), 40_000), (alice_2(), 20_000), (bob(), 20_000)] {
        assert_eq!(s.mint(who, amount).value, Ok(()));
    }
    // A new registry numbering from 1 would give bob (registered first there) number 1, which the books count
    // for alice: refused.
    let restarted = s.deploy_registry_numbered_from(1);
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(restarted), admin())
            .value,
        Err(TokenError::RegistryNumbersOverlap {
            first_identity: 1,
            highest_counted: j
        })
    );
    // A successor continuing the numbers: each wallet's holding moves to its holder's new number as it is linked.
    let successor = s.deploy_registry_numbered_from(j + 1);
    assert_eq!(
        s.send(at::<Token>(s.token).set_registry(successor), admin())
            .value,
        Ok(())
    );
    // Accepted for its numbers, the successor cannot restart them afterwards (before its first identity).
    assert_eq!(
        s.send(at::<Registry>(successor).number_identities_from(1), admin())
            .value,
        Err(RegistryError::IdentitiesAlreadyNumbered {
            first: j + 1,
            next: j + 1
        })
    );
    s.as_admin(at::<Registry>(successor).bind_token(s.token));
    s.registry = successor;
    let bob_new = s.onboard(bob(), GERMANY, kyc(), 365);
    let alice_new = s.onboard(alice(), FRANCE, kyc(), 365);
    assert_eq!(
        (s.identity_balance(bob_new), s.identity_balance(alice_new)),
        (20_000, 40_000)
    );
    // alice_2 is not linked yet: it still counts for alice's old number, which nobody in the successor has.
    assert_eq!((s.identity_balance(i), s.identity_balance(j)), (20_000, 0));
    s.link_wallet(alice_new, alice_2());
    assert_eq!(
        (s.identity_balance(alice_new), s.identity_balance(i)),
        (60_000, 0)
    );
    assert_eq!(holder_count(&mut s), 2);
}

#[test]
fn recovery_carries_a_partial_freeze_to_the_new_wallet() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    s.link_wallet(id, alice_2());
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.mint(alice_2(), 100).value, Ok(()));
    let t = s.token;
    // The agent freezes 600 of the lost wallet's 1 000 (a court order); the new wallet had 50 frozen already.
    for (who, amount) in [(alice(), 600u128), (alice_2(), 50)] {
        let frozen: Result<(), TokenError> = s
            .chain
            .send(
                at::<Token>(t).freeze_tokens(who, amount, evidence(4)),
                agent(),
            )
            .unwrap()
            .value;
        assert_eq!(frozen, Ok(()));
    }
    let recovered: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).recover_wallet(alice(), alice_2(), evidence(5)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(recovered, Ok(()));
    // Both freezes stay on the tokens: 650 of the 1 100 are frozen, 450 free.
    assert_eq!(
        s.can_transfer(alice_2(), bob(), 451),
        Err(R::InsufficientUnlocked {
            balance: 1_100,
            locked: 0,
            frozen: 650,
            required: 451
        })
    );
    assert_eq!(s.transfer(alice_2(), bob(), 450).value, Ok(()));
}

/// The one-read views a front-end shows (the token's `holding`, the registry's `wallet_view`) answer, on the real
/// Wasm, what the single reads answer: before and after a tranche's release instant, with a partial freeze, after
/// a claim's expiry, and after its issuer leaves the alliance.
#[test]
fn the_front_end_views_say_what_the_single_reads_say() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    let id = s.onboard(alice(), FRANCE, &[ClaimType::Kyc, ClaimType::Accredited], 2);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    let now = s.chain.now();
    let (t, r) = (s.token, s.registry);
    assert_eq!(
        s.send(
            at::<Token>(t).set_lockup(alice(), tranches(now, 2, 300)),
            agent()
        )
        .value,
        Ok(())
    );
    assert_eq!(
        s.send(
            at::<Token>(t).freeze_tokens(alice(), 50u128, evidence(1)),
            agent()
        )
        .value,
        Ok(())
    );

    let check = |s: &mut Suite, expect_free: u128, expect_claims: &[(ClaimType, bool)]| {
        let ask = |s: &mut Suite| {
            s.chain
                .ask(at::<Token>(t).holding(alice()), admin())
                .unwrap()
                .value
        };
        let holding: Holding = ask(s);
        let free = s
            .chain
            .ask(at::<Token>(t).free_balance_of(alice()), admin())
            .unwrap()
            .value;
        let lockups = s
            .chain
            .ask(at::<Token>(t).lockup_of(alice()), admin())
            .unwrap()
            .value;
        let state = s
            .chain
            .ask(at::<Token>(t).account_state(alice()), admin())
            .unwrap()
            .value;
        assert_eq!(
            holding,
            Holding {
                balance: s.balance(alice()),
                free,
                lockups,
                state
            }
        );
        assert_eq!(holding.free, expect_free);

        let view = s
            .chain
            .ask(at::<Registry>(r).wallet_view(alice()), admin())
            .unwrap()
            .value
            .unwrap();
        assert_eq!(view.identity, id);
        assert_eq!(
            Some(view.record),
            s.chain
                .ask(at::<Registry>(r).identity(id), admin())
                .unwrap()
                .value
        );
        let claims: Vec<(ClaimType, bool)> = view
            .claims
            .iter()
            .map(|c| (c.claim_type, c.counts))
            .collect();
        assert_eq!(claims, expect_claims);
        // Platform B (the accreditation's issuer) leaves the alliance below; platform A never does.
        let trusted: Vec<bool> = view.claims.iter().map(|c| c.issuer_trusted).collect();
        let b_trusted = s
            .chain
            .ask(at::<Registry>(r).verifier_claims(platform_b()), admin())
            .unwrap()
            .value
            != ClaimSet::empty();
        assert_eq!(trusted, [true, b_trusted]);
        for held in &view.claims {
            let single = s
                .chain
                .ask(at::<Registry>(r).claim(id, held.claim_type), admin())
                .unwrap()
                .value;
            assert_eq!(Some(held.claim), single);
        }
    };
    let both = [(ClaimType::Kyc, true), (ClaimType::Accredited, true)];
    // 1 000 held, 600 locked, 50 frozen.
    check(&mut s, 350, &both);
    // One instant before the first release nothing is released; at it, 300 are.
    s.chain.advance_time(DAY_MS - 1);
    check(&mut s, 350, &both);
    s.chain.advance_time(1);
    check(&mut s, 650, &both);
    // The accreditation's issuer leaves the alliance: the claim stays stored and no longer counts.
    s.as_admin(at::<Registry>(r).set_verifier(platform_b(), ClaimSet::empty()));
    check(
        &mut s,
        650,
        &[(ClaimType::Kyc, true), (ClaimType::Accredited, false)],
    );
    // Past both releases and the claims' expiry (two days).
    s.chain.advance_time(DAY_MS);
    check(
        &mut s,
        950,
        &[(ClaimType::Kyc, false), (ClaimType::Accredited, false)],
    );
    // A wallet of no identity: no view; an empty holding.
    assert_eq!(
        s.chain
            .ask(at::<Registry>(r).wallet_view(bob()), admin())
            .unwrap()
            .value,
        None
    );
    let empty: Holding = s
        .chain
        .ask(at::<Token>(t).holding(bob()), admin())
        .unwrap()
        .value;
    assert_eq!((empty.balance, empty.free, empty.lockups.len()), (0, 0, 0));
}
