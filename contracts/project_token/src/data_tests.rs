//! Native tests of the token's whole state machine ([`TokenData`]) against a plain model of the chain: the
//! caller, the clock, the registry's answers and the events are the model's, so every message's rules run here
//! exactly as the contract runs them, without a chain. Each test attacks one promise: the wrong caller, a frozen
//! wallet, a wallet of another identity, a promise over the cap, a registry that does not answer.
use crate::data::{Host, TokenData};
use crate::errors::{TokenError, TransferRestriction as R};
use crate::types::{ComplianceRules, Role};
use ink::primitives::{AccountId, Hash};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use suite_traits::testing::fresh;
use suite_traits::{
    ClaimSet, ClaimType, IdentityFacts, IdentityId, MintRefusal, PSP22Error, Timestamp, WalletFacts,
};

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

const ADMIN: u8 = 1;
const ISSUER: u8 = 2;
const AGENT: u8 = 3;
const MALLORY: u8 = 4;
const ALICE: u8 = 10;
const ALICE_2: u8 = 11;
const BOB: u8 = 20;
const CAROL: u8 = 30;
const REGISTRY: u8 = 99;
const TOKEN: u8 = 98;

/// The chain as the token sees it: who calls, when, what the registry links and knows, and every event.
struct ModelChain {
    caller: Cell<AccountId>,
    now: Cell<Timestamp>,
    block: Cell<u32>,
    /// Wallet -> identity, and each identity's facts, as the registry would answer.
    links: RefCell<BTreeMap<AccountId, IdentityId>>,
    facts: RefCell<BTreeMap<IdentityId, IdentityFacts>>,
    registry_down: Cell<bool>,
    events: RefCell<Vec<String>>,
}

impl ModelChain {
    fn new() -> Self {
        ModelChain {
            caller: Cell::new(acc(ADMIN)),
            now: Cell::new(1_000),
            block: Cell::new(1),
            links: RefCell::new(BTreeMap::new()),
            facts: RefCell::new(BTreeMap::new()),
            registry_down: Cell::new(false),
            events: RefCell::new(Vec::new()),
        }
    }

    fn as_(&self, who: u8) -> &Self {
        self.caller.set(acc(who));
        self
    }

    /// `wallet` linked to `identity`, resident in France, with a KYC claim valid until `kyc_until`.
    fn register(&self, wallet: u8, identity: IdentityId, kyc_until: Timestamp) {
        self.links.borrow_mut().insert(acc(wallet), identity);
        self.facts.borrow_mut().insert(
            identity,
            IdentityFacts {
                country: 250,
                frozen: false,
                claims_count_until: [kyc_until, 0, 0, 0],
            },
        );
    }

    fn wallet_facts(&self, wallet: AccountId) -> WalletFacts {
        let identity = *self.links.borrow().get(&wallet)?;
        let facts = *self.facts.borrow().get(&identity)?;
        Some((identity, facts))
    }

    /// The names of the events emitted since the last call.
    fn take_events(&self) -> Vec<String> {
        std::mem::take(&mut *self.events.borrow_mut())
    }
}

impl Host for ModelChain {
    fn caller(&self) -> AccountId {
        self.caller.get()
    }

    fn account_id(&self) -> AccountId {
        acc(TOKEN)
    }

    fn now(&self) -> Timestamp {
        self.now.get()
    }

    fn block(&self) -> u32 {
        self.block.get()
    }

    fn emit<E: ink::env::event::Event>(&self, _event: E) {
        let name = core::any::type_name::<E>();
        let short = name.rsplit("::").next().unwrap_or(name);
        self.events.borrow_mut().push(short.to_string());
    }

    fn transfer_facts(
        &self,
        registry: AccountId,
        parties: [Option<AccountId>; 2],
    ) -> Result<[WalletFacts; 2], R> {
        assert_eq!(registry, acc(REGISTRY), "the token asked another registry");
        if self.registry_down.get() {
            return Err(R::RegistryUnavailable);
        }
        Ok(parties.map(|p| p.and_then(|w| self.wallet_facts(w))))
    }

    fn identity_of(
        &self,
        _registry: AccountId,
        account: AccountId,
    ) -> Result<Option<IdentityId>, R> {
        if self.registry_down.get() {
            return Err(R::RegistryUnavailable);
        }
        Ok(self.links.borrow().get(&account).copied())
    }

    fn first_identity(&self, _registry: AccountId) -> Result<IdentityId, R> {
        // Asked of a registry the token is being pointed at (any), like the real one.
        if self.registry_down.get() {
            return Err(R::RegistryUnavailable);
        }
        Ok(1)
    }
}

fn kyc() -> ClaimSet {
    ClaimSet::of(&[ClaimType::Kyc])
}

/// A token with a cap of 1 000, KYC required, an issuer and an agent; alice (identity 1) and bob (identity 2)
/// registered with KYC until `kyc_until`.
fn token(chain: &ModelChain, kyc_until: Timestamp) -> TokenData {
    let rules = ComplianceRules {
        required_claims: kyc(),
        ..Default::default()
    };
    let mut t = TokenData::new(
        chain.as_(ADMIN),
        None,
        None,
        0,
        acc(REGISTRY),
        rules,
        Some(1_000),
    )
    .expect("valid rules");
    t.grant_role(chain.as_(ADMIN), acc(ISSUER), Role::Issuer)
        .expect("admin grants");
    t.grant_role(chain.as_(ADMIN), acc(AGENT), Role::Agent)
        .expect("admin grants");
    chain.register(ALICE, 1, kyc_until);
    chain.register(BOB, 2, kyc_until);
    chain.take_events();
    t
}

fn evidence() -> Hash {
    Hash::from([7; 32])
}

fn refusal(r: R) -> PSP22Error {
    TokenError::Restricted(r).into()
}

#[test]
fn a_transfer_moves_the_balance_and_the_identity_totals_and_says_so_once() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 30, vec![]), Ok(()));
        assert_eq!((t.balance_of(acc(ALICE)), t.balance_of(acc(BOB))), (70, 30));
        assert_eq!((t.identity_balance(1), t.identity_balance(2)), (70, 30));
        assert_eq!(t.holder_count(), 2);
        assert_eq!(t.total_supply(), 100);
        // Each party's first operation also counts its wallet towards its identity (this token is not bound to
        // the registry, so it learns the link then): one `HoldingReattributed` per new party, then its `Transfer`.
        assert_eq!(
            chain.take_events(),
            [
                "HoldingReattributed",
                "Transfer",
                "HoldingReattributed",
                "Transfer"
            ]
        );
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 5, vec![]), Ok(()));
        assert_eq!(chain.take_events(), ["Transfer"]);
        // A wallet sending to itself, and a zero amount, move nothing and say nothing.
        assert_eq!(t.transfer(chain.as_(ALICE), acc(ALICE), 30, vec![]), Ok(()));
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 0, vec![]), Ok(()));
        assert!(chain.take_events().is_empty());
    })
}

#[test]
fn no_role_can_be_used_by_a_caller_that_does_not_hold_it() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        // Mallory is a verified investor: only the missing role can refuse her mint.
        chain.register(MALLORY, 4, u64::MAX);
        assert_eq!(
            t.mint(chain.as_(MALLORY), acc(MALLORY), 1),
            Err(TokenError::MissingRole {
                caller: acc(MALLORY),
                role: Role::Issuer
            }
            .into())
        );
        assert_eq!(t.mint(chain.as_(ISSUER), acc(MALLORY), 1), Ok(()));
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 10), Ok(()));
        // Nor may she burn another holder's tokens, or spend them without an allowance.
        assert_eq!(
            t.burn(chain.as_(MALLORY), acc(ALICE), 1),
            Err(TokenError::MissingRole {
                caller: acc(MALLORY),
                role: Role::Issuer
            }
            .into())
        );
        assert_eq!(
            t.transfer_from(chain.as_(MALLORY), acc(ALICE), acc(MALLORY), 1, vec![]),
            Err(PSP22Error::InsufficientAllowance)
        );
        assert!(matches!(
            t.grant_role(chain.as_(MALLORY), acc(MALLORY), Role::Issuer),
            Err(TokenError::Admin(_))
        ));
        assert_eq!(
            t.set_account_frozen(chain.as_(MALLORY), acc(ALICE), true, evidence()),
            Err(TokenError::MissingRole {
                caller: acc(MALLORY),
                role: Role::Agent
            })
        );
        assert_eq!(
            t.recover_wallet(chain.as_(ISSUER), acc(ALICE), acc(MALLORY), evidence()),
            Err(TokenError::MissingRole {
                caller: acc(ISSUER),
                role: Role::Agent
            })
        );
        assert_eq!(
            t.reserve(chain.as_(AGENT), acc(ALICE), 1),
            Err(MintRefusal::NotIssuer)
        );
        assert_eq!((t.total_supply(), t.balance_of(acc(ALICE))), (11, 10));
    })
}

#[test]
fn a_freeze_stops_the_wallet_both_ways_and_a_partial_freeze_holds_back_exactly_its_amount() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        assert_eq!(t.mint(chain.as_(ISSUER), acc(BOB), 100), Ok(()));
        assert_eq!(
            t.set_account_frozen(chain.as_(AGENT), acc(ALICE), true, evidence()),
            Ok(())
        );
        assert!(t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]).is_err());
        assert!(t.transfer(chain.as_(BOB), acc(ALICE), 1, vec![]).is_err());
        assert_eq!(
            t.freeze_tokens(chain.as_(AGENT), acc(BOB), 60, evidence()),
            Ok(())
        );
        assert_eq!(
            t.freeze_tokens(chain.as_(AGENT), acc(BOB), 41, evidence()),
            Err(TokenError::FreezeExceedsBalance {
                balance: 100,
                requested: 101
            })
        );
        assert_eq!(t.free_balance_of(&chain, acc(BOB)), 40);
        chain.register(CAROL, 3, u64::MAX);
        assert!(matches!(
            t.can_transfer(&chain, acc(BOB), acc(CAROL), 41),
            Err(R::InsufficientUnlocked { .. })
        ));
        assert!(t.transfer(chain.as_(BOB), acc(CAROL), 41, vec![]).is_err());
        assert_eq!(t.transfer(chain.as_(BOB), acc(CAROL), 40, vec![]), Ok(()));
        assert_eq!(
            t.unfreeze_tokens(chain.as_(AGENT), acc(BOB), 61, evidence()),
            Err(TokenError::UnfreezeExceedsFrozen {
                frozen: 60,
                requested: 61
            })
        );
    })
}

#[test]
fn an_expired_claim_refuses_the_recipient_at_the_boundary_instant() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, 5_000);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        chain.now.set(4_999);
        assert_eq!(t.can_transfer(&chain, acc(ALICE), acc(BOB), 1), Ok(()));
        chain.now.set(5_000);
        assert!(matches!(
            t.can_transfer(&chain, acc(ALICE), acc(BOB), 1),
            Err(R::MissingClaims {
                party: crate::errors::Party::Recipient,
                ..
            })
        ));
        let before = (t.balance_of(acc(ALICE)), t.balance_of(acc(BOB)));
        assert!(t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]).is_err());
        assert_eq!((t.balance_of(acc(ALICE)), t.balance_of(acc(BOB))), before);
    })
}

#[test]
fn a_registry_that_does_not_answer_refuses_the_transfer_and_changes_nothing() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        chain.registry_down.set(true);
        assert_eq!(
            t.transfer(chain.as_(ALICE), acc(BOB), 10, vec![]),
            Err(refusal(R::RegistryUnavailable))
        );
        assert_eq!(t.balance_of(acc(ALICE)), 100);
        assert_eq!(t.total_supply(), 100);
    })
}

#[test]
fn promises_count_as_minted_until_delivered_once_or_released() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.reserve(chain.as_(ISSUER), acc(ALICE), 600), Ok(1));
        // 600 promised of a 1 000 cap: a mint of 401 would break it.
        assert!(matches!(
            t.can_mint(&chain, acc(BOB), 401),
            Err(R::SupplyCapExceeded { .. })
        ));
        assert_eq!(t.can_mint(&chain, acc(BOB), 400), Ok(()));
        // Delivered to a wallet of another identity: refused.
        assert_eq!(
            t.mint_reserved(chain.as_(ISSUER), acc(BOB), 1, 600, kyc()),
            Err(MintRefusal::WalletOfAnotherIdentity {
                promised_to: 1,
                wallet_identity: Some(2)
            })
        );
        // Delivered once: the supply holds it and the promise is gone; a second delivery is refused.
        assert_eq!(
            t.mint_reserved(chain.as_(ISSUER), acc(ALICE), 1, 600, kyc()),
            Ok(())
        );
        assert_eq!((t.total_supply(), t.reserved_for(1)), (600, 0));
        assert_eq!(
            t.mint_reserved(chain.as_(ISSUER), acc(ALICE), 1, 1, kyc()),
            Err(MintRefusal::NotReserved {
                identity: 1,
                reserved: 0,
                asked: 1
            })
        );
        // Released: the room comes back.
        assert_eq!(t.reserve(chain.as_(ISSUER), acc(BOB), 400), Ok(2));
        assert_eq!(t.release(chain.as_(ISSUER), 2, 400), Ok(()));
        assert_eq!(t.can_mint(&chain, acc(BOB), 400), Ok(()));
        assert_eq!(
            t.release(chain.as_(ISSUER), 2, 1),
            Err(MintRefusal::NotReserved {
                identity: 2,
                reserved: 0,
                asked: 1
            })
        );
    })
}

#[test]
fn a_lost_wallet_is_recovered_only_to_a_wallet_of_its_own_identity() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        // Bob's wallet is another identity's: refused, nothing moves.
        assert!(matches!(
            t.recover_wallet(chain.as_(AGENT), acc(ALICE), acc(BOB), evidence()),
            Err(TokenError::RecoveryIdentityMismatch { .. })
        ));
        assert_eq!(t.balance_of(acc(ALICE)), 100);
        chain.register(ALICE_2, 1, u64::MAX);
        assert_eq!(
            t.recover_wallet(chain.as_(AGENT), acc(ALICE), acc(ALICE_2), evidence()),
            Ok(())
        );
        assert_eq!(
            (t.balance_of(acc(ALICE)), t.balance_of(acc(ALICE_2))),
            (0, 100)
        );
        assert_eq!(t.identity_balance(1), 100);
        assert_eq!(t.recovered_to(acc(ALICE)), Some(acc(ALICE_2)));
        // The lost wallet is frozen: nothing reaches it any more.
        assert!(t.account_state(acc(ALICE)).frozen);
        assert!(t
            .transfer(chain.as_(ALICE_2), acc(ALICE), 1, vec![])
            .is_err());
        assert_eq!(
            t.recover_wallet(chain.as_(AGENT), acc(ALICE_2), acc(ALICE_2), evidence()),
            Err(TokenError::RecoverySameWallet)
        );
    })
}

#[test]
fn documents_are_the_admins_and_an_unknown_one_cannot_be_removed() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        let (name, uri) = (
            String::from("prospectus"),
            String::from("ipfs://prospectus"),
        );
        assert!(t
            .set_document(chain.as_(MALLORY), name.clone(), uri.clone(), evidence())
            .is_err());
        assert_eq!(
            t.set_document(chain.as_(ADMIN), name.clone(), uri.clone(), evidence()),
            Ok(())
        );
        assert_eq!(t.document(name.clone()).map(|d| d.uri), Some(uri));
        assert_eq!(t.document_names(), vec![name.clone()]);
        assert_eq!(
            t.remove_document(chain.as_(ADMIN), String::from("other")),
            Err(TokenError::UnknownDocument)
        );
        assert_eq!(t.remove_document(chain.as_(ADMIN), name.clone()), Ok(()));
        assert!(t.document(name).is_none());
        assert_eq!(chain.take_events(), ["DocumentUpdated", "DocumentRemoved"]);
    })
}

#[test]
fn a_pause_or_a_halt_stops_holders_but_not_the_agents_forced_transfer() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        assert_eq!(t.pause(chain.as_(ADMIN)), Ok(()));
        assert_eq!(
            t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]),
            Err(refusal(R::Paused))
        );
        assert_eq!(t.unpause(chain.as_(ADMIN)), Ok(()));
        t.grant_role(chain.as_(ADMIN), acc(MALLORY), Role::Guardian)
            .expect("admin grants");
        assert_eq!(t.halt(chain.as_(MALLORY), 7, evidence()), Ok(()));
        assert_eq!(
            t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]),
            Err(refusal(R::Halted { reason: 7 }))
        );
        // The agent still executes a court order while trading is halted; the recipient's rules still apply.
        assert_eq!(
            t.forced_transfer(chain.as_(AGENT), acc(ALICE), acc(BOB), 40, 1, evidence()),
            Ok(())
        );
        assert!(t
            .forced_transfer(chain.as_(AGENT), acc(ALICE), acc(CAROL), 1, 1, evidence())
            .is_err());
        assert_eq!((t.balance_of(acc(ALICE)), t.balance_of(acc(BOB))), (60, 40));
        // Only the guardian (or the admin) resumes.
        assert!(t.resume(chain.as_(ALICE)).is_err());
        assert_eq!(t.resume(chain.as_(ADMIN)), Ok(()));
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]), Ok(()));
    })
}

#[test]
fn checkpoints_answer_the_balance_at_the_end_of_each_past_block_only() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        chain.block.set(5);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 10, vec![]), Ok(()));
        chain.block.set(8);
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 20, vec![]), Ok(()));
        assert_eq!(t.balance_of_at(&chain, acc(ALICE), 4), Ok(0));
        assert_eq!(t.balance_of_at(&chain, acc(ALICE), 5), Ok(90));
        assert_eq!(t.balance_of_at(&chain, acc(ALICE), 7), Ok(90));
        assert_eq!(t.balance_of_at(&chain, acc(ALICE), 8), Ok(70));
        assert_eq!(t.identity_balance_at(&chain, 2, 8), Ok(30));
        assert_eq!(t.total_supply_at(&chain, 6), Ok(100));
        assert!(t.balance_of_at(&chain, acc(ALICE), 9).is_err());
    })
}

#[test]
fn a_lockup_holds_back_its_tranches_until_each_release_instant() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        let tranches = vec![
            crate::lockup::Tranche {
                amount: 30,
                release_at: 2_000,
            },
            crate::lockup::Tranche {
                amount: 30,
                release_at: 3_000,
            },
        ];
        assert!(t
            .set_lockup(chain.as_(MALLORY), acc(ALICE), tranches.clone())
            .is_err());
        assert_eq!(t.set_lockup(chain.as_(AGENT), acc(ALICE), tranches), Ok(()));
        assert_eq!(t.free_balance_of(&chain, acc(ALICE)), 40);
        assert!(t.transfer(chain.as_(ALICE), acc(BOB), 41, vec![]).is_err());
        chain.now.set(1_999);
        assert_eq!(t.free_balance_of(&chain, acc(ALICE)), 40);
        chain.now.set(2_000);
        assert_eq!(t.free_balance_of(&chain, acc(ALICE)), 70);
        assert_eq!(t.transfer(chain.as_(ALICE), acc(BOB), 70, vec![]), Ok(()));
        assert!(t.transfer(chain.as_(ALICE), acc(BOB), 1, vec![]).is_err());
        // A tranche already released, or of nothing, is refused.
        let stale = vec![crate::lockup::Tranche {
            amount: 1,
            release_at: 2_000,
        }];
        assert_eq!(
            t.set_lockup(chain.as_(AGENT), acc(BOB), stale),
            Err(TokenError::InvalidTranche { index: 0 })
        );
    })
}

#[test]
fn a_spender_moves_at_most_its_allowance_and_spends_it_once() {
    fresh(|| {
        let chain = ModelChain::new();
        let mut t = token(&chain, u64::MAX);
        assert_eq!(t.mint(chain.as_(ISSUER), acc(ALICE), 100), Ok(()));
        assert_eq!(t.approve(chain.as_(ALICE), acc(CAROL), 50), Ok(()));
        assert_eq!(
            t.transfer_from(chain.as_(CAROL), acc(ALICE), acc(BOB), 51, vec![]),
            Err(PSP22Error::InsufficientAllowance)
        );
        assert_eq!(
            t.transfer_from(chain.as_(CAROL), acc(ALICE), acc(BOB), 30, vec![]),
            Ok(())
        );
        assert_eq!(t.allowance(acc(ALICE), acc(CAROL)), 20);
        // A refused transfer spends nothing: bob loses his verification.
        chain.links.borrow_mut().remove(&acc(BOB));
        t.registry_changed(
            chain.as_(REGISTRY),
            suite_traits::RegistryChange::Identity(2),
        )
        .expect("the registry tells its token");
        assert!(t
            .transfer_from(chain.as_(CAROL), acc(ALICE), acc(BOB), 20, vec![])
            .is_err());
        assert_eq!(t.allowance(acc(ALICE), acc(CAROL)), 20);
        assert_eq!((t.balance_of(acc(ALICE)), t.balance_of(acc(BOB))), (70, 30));
    })
}
