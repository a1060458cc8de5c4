//! The token cross-calling the registry on the real Wasm: every refusal reason, identity-wide holdings,
//! checkpoints, a claim expiring between two transfers, forced transfer, recovery, pause and halt.
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::DAY_MS;
use infra_suite_e2e::suite::{
    actors::*, default_rules, evidence, Suite, FRANCE, GERMANY, SUPPLY_CAP, USA,
};
use infra_suite_e2e::BundleProvider;
use project_token::{ComplianceRules, Party, TokenError, Tranche, TransferRestriction as R};
use suite_traits::{ClaimSet, ClaimType, HaltError, PSP22Error};

fn kyc() -> &'static [ClaimType] {
    &[ClaimType::Kyc]
}

/// Registry + token; alice (France) and bob (Germany) verified; alice holds 50 000.
fn funded() -> Suite {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(s.mint(alice(), 50_000).value, Ok(()));
    s
}

fn custom(reason: R) -> Result<(), PSP22Error> {
    Err(PSP22Error::Custom(reason.describe().into()))
}

#[test]
fn psp22_selectors_match_the_specification() {
    let expected = [
        ("PSP22::total_supply", "162df8c2"),
        ("PSP22::balance_of", "6568382f"),
        ("PSP22::allowance", "4d47d921"),
        ("PSP22::transfer", "db20f9f5"),
        ("PSP22::transfer_from", "54b3c76e"),
        ("PSP22::approve", "b20f1bbd"),
        ("PSP22::increase_allowance", "96d6b57a"),
        ("PSP22::decrease_allowance", "fecb57d5"),
        ("PSP22Metadata::token_name", "3d261bd4"),
        ("PSP22Metadata::token_symbol", "34205be5"),
        ("PSP22Metadata::token_decimals", "7271b782"),
        ("PSP22Mintable::mint", "fc3c75d4"),
        ("PSP22Burnable::burn", "7a9da510"),
    ];
    for (label, hex) in expected {
        let got = BundleProvider::ProjectToken.selector_of(label);
        assert_eq!(got.as_deref(), Some(hex), "{label}");
    }

    // And a wallet that knows only the raw selector moves tokens.
    let mut s = funded();
    let mut data = vec![0xdb, 0x20, 0xf9, 0xf5];
    scale::Encode::encode_to(&(bob(), 1_234u128, Vec::<u8>::new()), &mut data);
    let token = s.token;
    let (_, reverted) = s.chain.call_raw(token, data, alice()).unwrap();
    assert!(!reverted);
    assert_eq!(s.balance(bob()), 1_234);
}

#[test]
fn compliant_transfer_updates_balances_identities_and_checkpoints() {
    let mut s = funded();
    let before = s.chain.block();
    s.chain.next_blocks(1);
    let out = s.transfer(alice(), bob(), 10_000);
    assert_eq!(out.value, Ok(()));
    assert!(out.events >= 1, "Transfer event emitted");
    assert_eq!((s.balance(alice()), s.balance(bob())), (40_000, 10_000));
    let t = s.token;
    let past: Result<u128, suite_traits::CheckpointError> = s
        .chain
        .ask(at::<Token>(t).balance_of_at(alice(), before), alice())
        .unwrap()
        .value;
    assert_eq!(
        past,
        Ok(50_000),
        "the past block still shows the old balance"
    );
    let now = s.chain.block();
    let past: Result<u128, suite_traits::CheckpointError> = s
        .chain
        .ask(at::<Token>(t).balance_of_at(bob(), now), alice())
        .unwrap()
        .value;
    assert_eq!(past, Ok(10_000));
    let supply: Result<u128, suite_traits::CheckpointError> = s
        .chain
        .ask(at::<Token>(t).total_supply_at(before), alice())
        .unwrap()
        .value;
    assert_eq!(supply, Ok(50_000));
    let future: Result<u128, suite_traits::CheckpointError> = s
        .chain
        .ask(at::<Token>(t).total_supply_at(now + 5), alice())
        .unwrap()
        .value;
    assert_eq!(
        future,
        Err(suite_traits::CheckpointError::FutureBlock {
            requested: now + 5,
            current: now
        })
    );
    let holders: u32 = s
        .chain
        .ask(at::<Token>(t).holder_count(), alice())
        .unwrap()
        .value;
    assert_eq!(holders, 2);
}

#[test]
fn unregistered_and_unverified_recipients_are_refused() {
    let mut s = funded();
    assert_eq!(
        s.can_transfer(alice(), dave(), 1),
        Err(R::NotRegistered {
            party: Party::Recipient
        })
    );
    assert_eq!(
        s.transfer(alice(), dave(), 1).value,
        custom(R::NotRegistered {
            party: Party::Recipient
        })
    );
    s.onboard(carol(), FRANCE, &[ClaimType::Aml], 365); // registered, but no KYC
    let missing = ClaimSet::of(&[ClaimType::Kyc]);
    assert_eq!(
        s.can_transfer(alice(), carol(), 1),
        Err(R::MissingClaims {
            party: Party::Recipient,
            missing
        })
    );
    let out = s.transfer(alice(), carol(), 1);
    assert!(out.reverted);
    assert_eq!(
        out.value,
        custom(R::MissingClaims {
            party: Party::Recipient,
            missing
        })
    );
    assert_eq!(s.balance(carol()), 0);
    assert_eq!(s.balance(alice()), 50_000);
}

#[test]
fn country_block_and_allow_lists() {
    let mut s = funded();
    s.onboard(carol(), USA, kyc(), 365);
    s.as_admin(at::<Token>(s.token).set_country_listed(USA, false, true));
    assert_eq!(
        s.can_transfer(alice(), carol(), 1),
        Err(R::CountryBlocked {
            party: Party::Recipient,
            country: USA
        })
    );
    s.as_admin(at::<Token>(s.token).set_country_listed(USA, false, false));
    assert_eq!(s.can_transfer(alice(), carol(), 1), Ok(()));
    let mut rules = default_rules();
    rules.country_allowlist_enabled = true;
    s.as_admin(at::<Token>(s.token).set_rules(rules));
    s.as_admin(at::<Token>(s.token).set_country_listed(GERMANY, true, true));
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::CountryNotAllowed {
            party: Party::Sender,
            country: FRANCE
        })
    );
    s.as_admin(at::<Token>(s.token).set_country_listed(FRANCE, true, true));
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
}

#[test]
fn max_holding_is_summed_over_an_identitys_wallets() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP)); // 10% of 1 000 000 = 100 000 per identity
    let id = s.onboard(alice(), FRANCE, kyc(), 365);
    s.link_wallet(id, alice_2());
    assert_eq!(s.mint(alice(), 60_000).value, Ok(()));
    assert_eq!(s.mint(alice_2(), 40_000).value, Ok(()));
    assert_eq!(s.identity_balance(id), 100_000);
    assert_eq!(
        s.mint(alice_2(), 1).value,
        custom(R::MaxHoldingExceeded {
            identity: id,
            would_hold: 100_001,
            limit: 100_000
        })
    );
    // Moving between two wallets of one identity is always fine and does not change its total.
    assert_eq!(s.transfer(alice(), alice_2(), 60_000).value, Ok(()));
    assert_eq!(s.identity_balance(id), 100_000);
    assert_eq!(s.balance(alice_2()), 100_000);
}

#[test]
fn holder_limit_counts_identities() {
    let mut rules = default_rules();
    rules.holder_limit = 2;
    let mut s = Suite::deploy(rules, Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.onboard(bob(), GERMANY, kyc(), 365);
    s.onboard(carol(), FRANCE, kyc(), 365);
    assert_eq!(s.mint(alice(), 1_000).value, Ok(()));
    assert_eq!(s.mint(bob(), 1_000).value, Ok(()));
    assert_eq!(
        s.can_transfer(alice(), carol(), 10),
        Err(R::HolderLimitReached { limit: 2 })
    );
    // Alice selling out entirely keeps the count at two.
    assert_eq!(s.transfer(alice(), carol(), 1_000).value, Ok(()));
}

#[test]
fn supply_cap_and_insufficient_balance() {
    let mut s = Suite::deploy(default_rules(), Some(100));
    s.onboard(alice(), FRANCE, kyc(), 365);
    s.as_admin(at::<Token>(s.token).set_rules(ComplianceRules {
        max_holding_bps: 0,
        ..default_rules()
    }));
    assert_eq!(s.mint(alice(), 100).value, Ok(()));
    assert_eq!(
        s.mint(alice(), 1).value,
        custom(R::SupplyCapExceeded {
            cap: 100,
            would_be: 101
        })
    );
    s.onboard(bob(), GERMANY, kyc(), 365);
    assert_eq!(
        s.transfer(alice(), bob(), 101).value,
        Err(PSP22Error::InsufficientBalance)
    );
}

#[test]
fn a_claim_expiring_between_two_transfers() {
    let mut s = Suite::deploy(default_rules(), Some(SUPPLY_CAP));
    s.onboard(alice(), FRANCE, kyc(), 365);
    let bob_id = s.onboard(bob(), GERMANY, kyc(), 30);
    assert_eq!(s.mint(alice(), 10_000).value, Ok(()));
    assert_eq!(s.transfer(alice(), bob(), 100).value, Ok(()));
    s.chain.advance_time(31 * DAY_MS);
    let missing = ClaimSet::of(&[ClaimType::Kyc]);
    assert_eq!(
        s.transfer(alice(), bob(), 100).value,
        custom(R::MissingClaims {
            party: Party::Recipient,
            missing
        })
    );
    assert_eq!(s.balance(bob()), 100);
    // Bob may still sell what he holds: the token does not require claims of senders by default.
    assert_eq!(s.transfer(bob(), alice(), 50).value, Ok(()));
    // Platform A renews the KYC; transfers to Bob flow again.
    let r = s.registry;
    let expires = s.chain.now() + 365 * DAY_MS;
    let renew: Result<(), compliance_registry::RegistryError> = s
        .chain
        .send(
            at::<Registry>(r).issue_claim(bob_id, ClaimType::Kyc, expires, evidence(9)),
            platform_a(),
        )
        .unwrap()
        .value;
    assert_eq!(renew, Ok(()));
    assert_eq!(s.transfer(alice(), bob(), 100).value, Ok(()));
}

#[test]
fn freezes_by_agent_and_regulator() {
    let mut s = funded();
    let t = s.token;
    let r = s.registry;
    let ok: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(bob(), true, evidence(1)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(ok, Ok(()));
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::AccountFrozen {
            party: Party::Recipient
        })
    );
    let _: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(bob(), false, evidence(1)),
            agent(),
        )
        .unwrap()
        .value;
    let alice_id = 1;
    let frozen: Result<(), compliance_registry::RegistryError> = s
        .chain
        .send(
            at::<Registry>(r).freeze_identity(alice_id, evidence(2)),
            regulator(),
        )
        .unwrap()
        .value;
    assert_eq!(frozen, Ok(()));
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        custom(R::IdentityFrozen {
            party: Party::Sender,
            identity: alice_id
        })
    );
    let _: Result<(), compliance_registry::RegistryError> = s
        .chain
        .send(at::<Registry>(r).unfreeze_identity(alice_id), regulator())
        .unwrap()
        .value;
    // Partial freeze: 45 000 of alice's 50 000 frozen.
    let ok: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).freeze_tokens(alice(), 45_000u128, evidence(3)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(ok, Ok(()));
    assert_eq!(
        s.can_transfer(alice(), bob(), 5_001),
        Err(R::InsufficientUnlocked {
            balance: 50_000,
            locked: 0,
            frozen: 45_000,
            required: 5_001
        })
    );
    assert_eq!(s.transfer(alice(), bob(), 5_000).value, Ok(()));
}

#[test]
fn lockup_tranches_release_over_time() {
    let mut s = funded();
    let t = s.token;
    let now = s.chain.now();
    let schedule = vec![
        Tranche {
            amount: 30_000,
            release_at: now + 10 * DAY_MS,
        },
        Tranche {
            amount: 20_000,
            release_at: now + 20 * DAY_MS,
        },
    ];
    let ok: Result<(), TokenError> = s
        .chain
        .send(at::<Token>(t).set_lockup(alice(), schedule), agent())
        .unwrap()
        .value;
    assert_eq!(ok, Ok(()));
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::InsufficientUnlocked {
            balance: 50_000,
            locked: 50_000,
            frozen: 0,
            required: 1
        })
    );
    s.chain.advance_time(10 * DAY_MS);
    assert_eq!(s.transfer(alice(), bob(), 30_000).value, Ok(()));
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::InsufficientUnlocked {
            balance: 20_000,
            locked: 20_000,
            frozen: 0,
            required: 1
        })
    );
    s.chain.advance_time(10 * DAY_MS);
    assert_eq!(s.transfer(alice(), bob(), 20_000).value, Ok(()));
}

#[test]
fn pause_and_guardian_halt() {
    let mut s = funded();
    let t = s.token;
    s.as_admin(at::<Token>(s.token).pause());
    assert_eq!(s.transfer(alice(), bob(), 1).value, custom(R::Paused));
    assert_eq!(s.mint(bob(), 1).value, custom(R::Paused));
    s.as_admin(at::<Token>(s.token).unpause());
    let halted: Result<(), HaltError> = s
        .chain
        .send(at::<Token>(t).halt(7u32, evidence(7)), guardian())
        .unwrap()
        .value;
    assert_eq!(halted, Ok(()));
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        custom(R::Halted { reason: 7 })
    );
    let again: Result<(), HaltError> = s
        .chain
        .send(at::<Token>(t).halt(8u32, evidence(8)), guardian())
        .unwrap()
        .value;
    assert_eq!(again, Err(HaltError::AlreadyHalted));
    let resumed: Result<(), HaltError> = s
        .chain
        .send(at::<Token>(t).resume(), guardian())
        .unwrap()
        .value;
    assert_eq!(resumed, Ok(()));
    assert_eq!(s.transfer(alice(), bob(), 1).value, Ok(()));
}

#[test]
fn forced_transfer_overrides_sender_rules_not_recipient_rules() {
    let mut s = funded();
    let t = s.token;
    let _: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).set_account_frozen(alice(), true, evidence(1)),
            agent(),
        )
        .unwrap()
        .value;
    let _: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).freeze_tokens(alice(), 50_000u128, evidence(1)),
            agent(),
        )
        .unwrap()
        .value;
    s.as_admin(at::<Token>(s.token).pause());
    let forced: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).forced_transfer(alice(), bob(), 20_000u128, 1u32, evidence(4)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(forced, Ok(()));
    assert_eq!(s.balance(bob()), 20_000);
    let state: project_token::AccountState = s
        .chain
        .ask(at::<Token>(t).account_state(alice()), alice())
        .unwrap()
        .value;
    assert_eq!(
        state.frozen_tokens, 30_000,
        "the partial freeze shrinks to what remains"
    );
    let refused: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).forced_transfer(alice(), dave(), 1u128, 1u32, evidence(4)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(
        refused,
        Err(TokenError::Restricted(R::NotRegistered {
            party: Party::Recipient
        }))
    );
}

#[test]
fn lost_wallet_recovery_within_one_identity() {
    let mut s = funded();
    let t = s.token;
    let alice_id = 1;
    // Only a wallet of the same identity can receive the recovery.
    let wrong: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).recover_wallet(alice(), bob(), evidence(5)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(
        wrong,
        Err(TokenError::RecoveryIdentityMismatch {
            lost: Some(alice_id),
            new: Some(2)
        })
    );
    s.link_wallet(alice_id, alice_2());
    let ok: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).recover_wallet(alice(), alice_2(), evidence(5)),
            agent(),
        )
        .unwrap()
        .value;
    assert_eq!(ok, Ok(()));
    assert_eq!((s.balance(alice()), s.balance(alice_2())), (0, 50_000));
    assert_eq!(s.identity_balance(alice_id), 50_000);
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::AccountFrozen {
            party: Party::Sender
        }),
        "the lost wallet is frozen"
    );
}

/// A registry that answers its numbering (from 1 000) and then traps on every other message: one that became
/// unreachable after the token was pointed at it.
fn vanishing_registry() -> String {
    let mut selector = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(
        b"ComplianceRegistry::first_identity",
        &mut selector,
    );
    let first_identity = i32::from_le_bytes([selector[0], selector[1], selector[2], selector[3]]);
    format!(
        r#"
(module
  (import "seal0" "seal_input" (func $input (param i32 i32)))
  (import "seal0" "seal_return" (func $return (param i32 i32 i32)))
  (import "env" "memory" (memory 1 1))
  (func (export "deploy"))
  (func (export "call")
    (i32.store (i32.const 0) (i32.const 256))
    (call $input (i32.const 64) (i32.const 0))
    (if (i32.eq (i32.load (i32.const 64)) (i32.const {first_identity}))
      (then
        (i32.store8 (i32.const 16) (i32.const 0))
        (i64.store (i32.const 17) (i64.const 1000))
        (call $return (i32.const 0) (i32.const 16) (i32.const 9))))
    unreachable))
"#
    )
}

#[test]
fn an_unreachable_registry_refuses_instead_of_trapping() {
    let mut s = funded();
    // The token's admin cannot point it at an address that is no registry.
    let t = s.token;
    let pointed: Result<(), TokenError> = s
        .chain
        .send(at::<Token>(t).set_registry(mallory()), admin())
        .unwrap()
        .value;
    assert_eq!(pointed, Err(TokenError::Restricted(R::RegistryUnavailable)));
    // A registry that answered when the token was pointed at it and is unreachable since.
    let template = infra_suite_e2e::BundleProvider::MinimalPsp22
        .cached()
        .expect("a bundle for the transcoder");
    let vanishing = drink::session::ContractBundle {
        wasm: wat::parse_str(vanishing_registry()).expect("the vanishing registry's Wasm"),
        transcoder: template.transcoder,
    };
    let (registry, _) = s.chain.deploy(&vanishing, "new", (), mallory()).unwrap();
    s.as_admin(at::<Token>(t).set_registry(registry));
    assert_eq!(
        s.can_transfer(alice(), bob(), 1),
        Err(R::RegistryUnavailable)
    );
    assert_eq!(
        s.transfer(alice(), bob(), 1).value,
        custom(R::RegistryUnavailable)
    );
    // Exempt accounts do not need the registry at all.
    assert_eq!(s.mint(treasury(), 10).value, Ok(()));
}

#[test]
fn documents_register() {
    let mut s = funded();
    let t = s.token;
    s.as_admin(at::<Token>(s.token).set_document(
        String::from("prospectus"),
        String::from("ipfs://bafy-prospectus"),
        evidence(1),
    ));
    let doc: Option<project_token::documents::Document> = s
        .chain
        .ask(at::<Token>(t).document(String::from("prospectus")), dave())
        .unwrap()
        .value;
    assert_eq!(
        doc.map(|d| d.uri),
        Some(String::from("ipfs://bafy-prospectus"))
    );
    let names: Vec<String> = s
        .chain
        .ask(at::<Token>(t).document_names(), dave())
        .unwrap()
        .value;
    assert_eq!(names, vec![String::from("prospectus")]);
    s.as_admin(at::<Token>(s.token).remove_document(String::from("prospectus")));
    let gone: Result<(), TokenError> = s
        .chain
        .send(
            at::<Token>(t).remove_document(String::from("prospectus")),
            admin(),
        )
        .unwrap()
        .value;
    assert_eq!(gone, Err(TokenError::UnknownDocument));
}

#[test]
fn burn_by_holder_and_by_issuer() {
    let mut s = funded();
    let t = s.token;
    let own: Result<(), PSP22Error> = s
        .chain
        .send(at::<Token>(t).burn(alice(), 1_000u128), alice())
        .unwrap()
        .value;
    assert_eq!(own, Ok(()));
    let redeem: Result<(), PSP22Error> = s
        .chain
        .send(at::<Token>(t).burn(alice(), 1_000u128), issuer())
        .unwrap()
        .value;
    assert_eq!(redeem, Ok(()));
    assert_eq!(s.supply(), 48_000);
    assert_eq!(s.balance(alice()), 48_000);
}

#[test]
fn lockups_hold_at_most_twelve_tranches_and_the_register_at_most_thirty_two_documents() {
    let mut s = funded();
    let t = s.token;
    let now = s.chain.now();
    let schedule = |n: u64| -> Vec<Tranche> {
        (1..=n)
            .map(|i| Tranche {
                amount: 100,
                release_at: now + i * DAY_MS,
            })
            .collect()
    };
    let set = |s: &mut Suite, n: u64| -> Result<(), TokenError> {
        s.chain
            .send(at::<Token>(t).set_lockup(alice(), schedule(n)), agent())
            .unwrap()
            .value
    };
    assert_eq!(
        set(&mut s, 13),
        Err(TokenError::TooManyTranches { max: 12 })
    );
    assert_eq!(set(&mut s, 12), Ok(()));
    let document = |s: &mut Suite, n: u8| -> Result<(), TokenError> {
        s.chain
            .send(
                at::<Token>(t).set_document(
                    format!("doc-{n}"),
                    format!("ipfs://bafy-{n}"),
                    evidence(n),
                ),
                admin(),
            )
            .unwrap()
            .value
    };
    for n in 0..32 {
        assert_eq!(document(&mut s, n), Ok(()), "document {n}");
    }
    assert_eq!(
        document(&mut s, 32),
        Err(TokenError::TooManyDocuments { max: 32 })
    );
    // Replacing a listed document is not a new name: still allowed at the cap.
    assert_eq!(document(&mut s, 0), Ok(()));
}

#[test]
fn recovery_moves_a_lost_wallets_holding_while_the_token_is_paused_or_halted() {
    let mut s = funded();
    let t = s.token;
    let r = s.registry;
    let alice_id: Option<u64> = s
        .chain
        .ask(at::<Registry>(r).identity_of(alice()), mallory())
        .unwrap()
        .value;
    let alice_id = alice_id.expect("alice is registered");
    s.link_wallet(alice_id, alice_2());
    s.link_wallet(alice_id, dave());
    s.as_admin(at::<Token>(t).pause());
    let recover = |s: &mut Suite,
                   lost: ink::primitives::AccountId,
                   new: ink::primitives::AccountId|
     -> Result<(), TokenError> {
        s.chain
            .send(
                at::<Token>(t).recover_wallet(lost, new, evidence(3)),
                agent(),
            )
            .unwrap()
            .value
    };
    assert_eq!(recover(&mut s, alice(), alice_2()), Ok(()));
    assert_eq!((s.balance(alice()), s.balance(alice_2())), (0, 50_000));
    s.as_admin(at::<Token>(t).unpause());
    let halted: Result<(), HaltError> = s
        .chain
        .send(at::<Token>(t).halt(7u32, evidence(7)), guardian())
        .unwrap()
        .value;
    assert_eq!(halted, Ok(()));
    assert_eq!(recover(&mut s, alice_2(), dave()), Ok(()));
    assert_eq!((s.balance(alice_2()), s.balance(dave())), (0, 50_000));
    // Regular transfers stay stopped.
    assert_eq!(
        s.transfer(dave(), bob(), 1).value,
        custom(R::Halted { reason: 7 })
    );
}
