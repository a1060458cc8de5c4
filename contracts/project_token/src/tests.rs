//! Native tests: each compliance rule and refusal reason on the pure [`check`], and property tests of the
//! ledger's invariants against a plain model replayed step by step.
use crate::compliance::{check, Facts, PartyFacts, Purpose};
use crate::errors::{Party, TransferRestriction as R};
use crate::ledger::{Holder, Ledger};
use crate::types::ComplianceRules;
use ink::primitives::AccountId;
use proptest::prelude::*;
use std::collections::BTreeMap;
use suite_traits::testing::fresh;
use suite_traits::{ClaimSet, ClaimType, PartyStatus};

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}

fn kyc() -> ClaimSet {
    ClaimSet::of(&[ClaimType::Kyc])
}

fn verified(n: u8, identity: u64, country: u16) -> PartyFacts {
    PartyFacts {
        exempt: false,
        account_frozen: false,
        status: Some(PartyStatus {
            account: acc(n),
            identity: Some(identity),
            country,
            identity_frozen: false,
            valid_claims: kyc(),
        }),
        country_blocked: false,
        country_allowed: true,
    }
}

fn rules() -> ComplianceRules {
    ComplianceRules {
        required_claims: kyc(),
        ..Default::default()
    }
}

/// A plain transfer of 100 from identity 1 (balance 1 000) to identity 2, 10 000 in supply.
fn transfer_facts() -> Facts {
    Facts {
        rules: rules(),
        amount: 100,
        sender: Some(verified(1, 1, 250)),
        sender_balance: 1_000,
        sender_locked: 0,
        sender_frozen: 0,
        enforce_free_balance: true,
        recipient: Some(verified(2, 2, 276)),
        recipient_identity_total: 0,
        sender_identity: Some(1),
        sender_identity_total: 1_000,
        holder_count: 5,
        supply_after: 10_000,
        supply_cap: None,
        reserved_supply: 0,
        reserved_places: 0,
        recipient_reserved: 0,
        purpose: Purpose::Move,
    }
}

#[test]
fn promises_count_as_minted_for_the_cap_the_places_and_the_max_holding() {
    // A mint of 100 to identity 2 (holding nothing), cap 10 000, 5 holders, 10% max holding.
    let mut f = transfer_facts();
    f.sender = None;
    f.sender_identity = None;
    f.sender_identity_total = 0;
    f.supply_after = 5_100;
    f.supply_cap = Some(10_000);
    f.rules.holder_limit = 8;
    f.rules.max_holding_bps = 1_000;
    assert_eq!(check(&f), Ok(()));
    // 4 900 promised: the cap is reached with this mint, and one token more passes it.
    f.reserved_supply = 4_900;
    assert_eq!(check(&f), Ok(()));
    f.reserved_supply = 4_901;
    assert_eq!(
        check(&f),
        Err(R::SupplyCapExceeded {
            cap: 10_000,
            would_be: 10_001
        })
    );
    // 5 holders and 2 places promised: the eighth place is this one, a ninth would not be.
    f.reserved_supply = 0;
    f.reserved_places = 2;
    assert_eq!(check(&f), Ok(()));
    f.reserved_places = 3;
    assert_eq!(check(&f), Err(R::HolderLimitReached { limit: 8 }));
    // An identity already promised tokens holds a place: it takes no new one.
    f.recipient_reserved = 1;
    assert_eq!(check(&f), Ok(()));
    // Its promise counts in its holding: 1 000 is 10% of the cap, one more is not within it.
    f.recipient_reserved = 900;
    assert_eq!(check(&f), Ok(()));
    f.recipient_reserved = 901;
    assert_eq!(
        check(&f),
        Err(R::MaxHoldingExceeded {
            identity: 2,
            would_hold: 1_001,
            limit: 1_000
        })
    );
}

#[test]
fn a_delivery_is_judged_by_the_recipients_standing_only() {
    let mut f = transfer_facts();
    f.sender = None;
    f.sender_identity = None;
    f.sender_identity_total = 0;
    f.purpose = Purpose::Delivery {
        claims: ClaimSet::of(&[ClaimType::Kyc]),
    };
    // Rules changed since the promise: one holder at most, nothing held above 0.01%, the recipient's country
    // blocked, a claim it lacks required, and the cap reached: none of it refuses the delivery.
    f.rules.holder_limit = 1;
    f.rules.max_holding_bps = 1;
    f.rules.required_claims = ClaimSet::of(&[ClaimType::Kyc, ClaimType::Qualified]);
    f.supply_cap = Some(10_000);
    f.reserved_supply = 10_000;
    let mut r = verified(2, 2, 276);
    r.country_blocked = true;
    f.recipient = Some(r);
    assert_eq!(check(&f), Ok(()));
    // Its own standing does: a frozen account, a claim of the offering it no longer holds.
    r.account_frozen = true;
    f.recipient = Some(r);
    assert_eq!(
        check(&f),
        Err(R::AccountFrozen {
            party: Party::Recipient
        })
    );
    r.account_frozen = false;
    f.recipient = Some(r);
    f.purpose = Purpose::Delivery {
        claims: ClaimSet::of(&[ClaimType::Accredited]),
    };
    assert!(matches!(check(&f), Err(R::MissingClaims { .. })));
}

#[test]
fn compliant_transfer_passes() {
    assert_eq!(check(&transfer_facts()), Ok(()));
}

#[test]
fn balance_and_lockups() {
    let mut f = transfer_facts();
    f.amount = 1_001;
    assert_eq!(
        check(&f),
        Err(R::InsufficientBalance {
            balance: 1_000,
            required: 1_001
        })
    );
    let mut f = transfer_facts();
    f.sender_locked = 800;
    f.sender_frozen = 150;
    assert_eq!(
        check(&f),
        Err(R::InsufficientUnlocked {
            balance: 1_000,
            locked: 800,
            frozen: 150,
            required: 100
        })
    );
    f.amount = 50;
    assert_eq!(check(&f), Ok(()), "exactly the free balance moves");
    f.amount = 100;
    f.enforce_free_balance = false;
    assert_eq!(
        check(&f),
        Ok(()),
        "a forced transfer overrides lock-ups and partial freezes"
    );
}

#[test]
fn freezes() {
    let mut f = transfer_facts();
    f.sender.as_mut().unwrap().account_frozen = true;
    assert_eq!(
        check(&f),
        Err(R::AccountFrozen {
            party: Party::Sender
        })
    );
    let mut f = transfer_facts();
    f.recipient.as_mut().unwrap().account_frozen = true;
    assert_eq!(
        check(&f),
        Err(R::AccountFrozen {
            party: Party::Recipient
        })
    );
    let mut f = transfer_facts();
    f.recipient
        .as_mut()
        .unwrap()
        .status
        .as_mut()
        .unwrap()
        .identity_frozen = true;
    assert_eq!(
        check(&f),
        Err(R::IdentityFrozen {
            party: Party::Recipient,
            identity: 2
        })
    );
    let mut f = transfer_facts();
    f.sender
        .as_mut()
        .unwrap()
        .status
        .as_mut()
        .unwrap()
        .identity_frozen = true;
    assert_eq!(
        check(&f),
        Err(R::IdentityFrozen {
            party: Party::Sender,
            identity: 1
        })
    );
}

#[test]
fn registration_and_claims() {
    let mut f = transfer_facts();
    f.recipient.as_mut().unwrap().status = Some(PartyStatus::unregistered(acc(2)));
    assert_eq!(
        check(&f),
        Err(R::NotRegistered {
            party: Party::Recipient
        })
    );
    let mut f = transfer_facts();
    f.recipient
        .as_mut()
        .unwrap()
        .status
        .as_mut()
        .unwrap()
        .valid_claims = ClaimSet::empty();
    assert_eq!(
        check(&f),
        Err(R::MissingClaims {
            party: Party::Recipient,
            missing: kyc()
        })
    );
    // A sender whose KYC lapsed can still sell, unless the token requires claims of senders too.
    let mut f = transfer_facts();
    f.sender
        .as_mut()
        .unwrap()
        .status
        .as_mut()
        .unwrap()
        .valid_claims = ClaimSet::empty();
    assert_eq!(check(&f), Ok(()));
    f.rules.sender_needs_claims = true;
    assert_eq!(
        check(&f),
        Err(R::MissingClaims {
            party: Party::Sender,
            missing: kyc()
        })
    );
    // Accreditation required as well: the missing set names exactly what lacks.
    let mut f = transfer_facts();
    f.rules.required_claims = ClaimSet::of(&[ClaimType::Kyc, ClaimType::Accredited]);
    assert_eq!(
        check(&f),
        Err(R::MissingClaims {
            party: Party::Recipient,
            missing: ClaimSet::of(&[ClaimType::Accredited])
        })
    );
}

#[test]
fn countries() {
    let mut f = transfer_facts();
    f.recipient.as_mut().unwrap().country_blocked = true;
    assert_eq!(
        check(&f),
        Err(R::CountryBlocked {
            party: Party::Recipient,
            country: 276
        })
    );
    let mut f = transfer_facts();
    f.rules.country_allowlist_enabled = true;
    f.sender.as_mut().unwrap().country_allowed = false;
    assert_eq!(
        check(&f),
        Err(R::CountryNotAllowed {
            party: Party::Sender,
            country: 250
        })
    );
    f.rules.country_allowlist_enabled = false;
    assert_eq!(
        check(&f),
        Ok(()),
        "the allow list only matters when enabled"
    );
}

#[test]
fn max_holding_counts_every_wallet_of_the_identity() {
    let mut f = transfer_facts();
    f.rules.max_holding_bps = 1_000; // 10% of 10 000 = 1 000
    f.recipient_identity_total = 900; // held through other wallets
    assert_eq!(check(&f), Ok(()), "900 + 100 = 1 000 is exactly the limit");
    f.recipient_identity_total = 901;
    assert_eq!(
        check(&f),
        Err(R::MaxHoldingExceeded {
            identity: 2,
            would_hold: 1_001,
            limit: 1_000
        })
    );
    f.supply_cap = Some(20_000);
    assert_eq!(
        check(&f),
        Ok(()),
        "with a cap, the limit is a share of the authorised supply"
    );
}

#[test]
fn wallets_of_one_identity_skip_holding_and_holder_rules() {
    let mut f = transfer_facts();
    f.recipient = Some(verified(3, 1, 250));
    f.rules.max_holding_bps = 1;
    f.rules.holder_limit = 1;
    f.recipient_identity_total = 1_000;
    assert_eq!(check(&f), Ok(()));
    // Also when the sender's rules are overridden (forced transfer: the sender is checked as exempt).
    f.sender.as_mut().unwrap().exempt = true;
    assert_eq!(check(&f), Ok(()));
}

#[test]
fn holder_limit() {
    let mut f = transfer_facts();
    f.rules.holder_limit = 5;
    assert_eq!(
        check(&f),
        Err(R::HolderLimitReached { limit: 5 }),
        "a sixth holder is refused"
    );
    f.amount = 1_000; // the sender leaves entirely: still five holders
    assert_eq!(check(&f), Ok(()));
    f.amount = 100;
    f.recipient_identity_total = 10; // already a holder
    assert_eq!(check(&f), Ok(()));
}

#[test]
fn mint_and_supply_cap() {
    let mut f = transfer_facts();
    f.sender = None;
    f.sender_identity = None;
    f.sender_balance = 0;
    f.supply_cap = Some(10_000);
    assert_eq!(check(&f), Ok(()));
    f.supply_after = 10_001;
    assert_eq!(
        check(&f),
        Err(R::SupplyCapExceeded {
            cap: 10_000,
            would_be: 10_001
        })
    );
}

#[test]
fn exempt_parties_skip_identity_rules_but_not_freezes() {
    let mut f = transfer_facts();
    let exempt = PartyFacts {
        exempt: true,
        account_frozen: false,
        status: None,
        country_blocked: false,
        country_allowed: false,
    };
    f.recipient = Some(exempt);
    f.rules.max_holding_bps = 1;
    assert_eq!(check(&f), Ok(()));
    f.recipient.as_mut().unwrap().account_frozen = true;
    assert_eq!(
        check(&f),
        Err(R::AccountFrozen {
            party: Party::Recipient
        })
    );
}

#[test]
fn restriction_descriptions_are_distinct_per_party() {
    let a = R::MissingClaims {
        party: Party::Sender,
        missing: kyc(),
    }
    .describe();
    let b = R::MissingClaims {
        party: Party::Recipient,
        missing: kyc(),
    }
    .describe();
    assert_ne!(a, b);
}

#[test]
fn standard_selectors_are_dispatched() {
    use crate::ProjectToken;
    use ink::reflect::DispatchableMessageInfo;
    // Each line fails to compile if the contract has no message with that selector (the PSP22 specification's
    // values), and the label proves which message it is.
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0xdb20f9f5>>::LABEL,
        "PSP22::transfer"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x162df8c2>>::LABEL,
        "PSP22::total_supply"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x6568382f>>::LABEL,
        "PSP22::balance_of"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x4d47d921>>::LABEL,
        "PSP22::allowance"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x54b3c76e>>::LABEL,
        "PSP22::transfer_from"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0xb20f1bbd>>::LABEL,
        "PSP22::approve"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x96d6b57a>>::LABEL,
        "PSP22::increase_allowance"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0xfecb57d5>>::LABEL,
        "PSP22::decrease_allowance"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x3d261bd4>>::LABEL,
        "PSP22Metadata::token_name"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x34205be5>>::LABEL,
        "PSP22Metadata::token_symbol"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x7271b782>>::LABEL,
        "PSP22Metadata::token_decimals"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0xfc3c75d4>>::LABEL,
        "PSP22Mintable::mint"
    );
    assert_eq!(
        <ProjectToken as DispatchableMessageInfo<0x7a9da510>>::LABEL,
        "PSP22Burnable::burn"
    );
}

// ------------------------------------------------------------------ ledger properties

#[derive(Debug, Clone)]
enum Op {
    Mint {
        to: u8,
        amount: u32,
    },
    Burn {
        from: u8,
        amount: u32,
    },
    Transfer {
        from: u8,
        to: u8,
        amount: u32,
    },
    /// The registry re-links a wallet to another identity (or unlinks it).
    Relink {
        wallet: u8,
        identity: Option<u8>,
    },
    NextBlock,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..6, 0u32..1_000).prop_map(|(to, amount)| Op::Mint { to, amount }),
        (0u8..6, 0u32..1_000).prop_map(|(from, amount)| Op::Burn { from, amount }),
        (0u8..6, 0u8..6, 0u32..1_000).prop_map(|(from, to, amount)| Op::Transfer {
            from,
            to,
            amount
        }),
        (0u8..6, proptest::option::of(0u8..3))
            .prop_map(|(wallet, identity)| Op::Relink { wallet, identity }),
        Just(Op::NextBlock),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Supply conservation, per-identity totals, holder count, and checkpoints that agree with a replay.
    #[test]
    fn ledger_invariants_hold(ops in proptest::collection::vec(op(), 1..120)) {
        fresh(|| {
            let mut ledger = Ledger::default();
            // Wallet w starts linked to identity w % 3.
            let mut link: BTreeMap<u8, Option<u64>> = (0u8..6).map(|w| (w, Some(u64::from(w % 3)))).collect();
            let mut block = 1u32;
            let mut balances: BTreeMap<u8, u128> = BTreeMap::new();
            let mut history: Vec<(u32, BTreeMap<u8, u128>)> = vec![(0, BTreeMap::new())];
            // Identity totals and the supply held by identities at the end of each block.
            let mut identity_history: Vec<(u32, [u128; 3], u128)> = vec![(0, [0; 3], 0)];
            let totals = |balances: &BTreeMap<u8, u128>, link: &BTreeMap<u8, Option<u64>>| {
                let mut t = [0u128; 3];
                for (w, b) in balances {
                    if let Some(id) = link[w] { t[id as usize] += *b; }
                }
                (t, t.iter().sum::<u128>())
            };
            let holder = |link: &BTreeMap<u8, Option<u64>>, w: u8| Holder { account: acc(w), identity: link[&w] };
            for op in ops {
                match op {
                    Op::Mint { to, amount } => {
                        ledger.transfer(None, Some(holder(&link, to)), amount.into(), block).unwrap();
                        *balances.entry(to).or_default() += u128::from(amount);
                    }
                    Op::Burn { from, amount } => {
                        let have = balances.get(&from).copied().unwrap_or(0);
                        let r = ledger.transfer(Some(holder(&link, from)), None, amount.into(), block);
                        assert_eq!(r.is_ok(), have >= u128::from(amount));
                        if r.is_ok() { *balances.entry(from).or_default() -= u128::from(amount); }
                    }
                    Op::Transfer { from, to, amount } => {
                        let have = balances.get(&from).copied().unwrap_or(0);
                        let r = ledger.transfer(Some(holder(&link, from)), Some(holder(&link, to)), amount.into(), block);
                        assert_eq!(r.is_ok(), have >= u128::from(amount));
                        if r.is_ok() {
                            *balances.entry(from).or_default() -= u128::from(amount);
                            *balances.entry(to).or_default() += u128::from(amount);
                        }
                    }
                    Op::Relink { wallet, identity } => {
                        let new = identity.map(u64::from);
                        ledger.reattribute(acc(wallet), link[&wallet], new, block).unwrap();
                        link.insert(wallet, new);
                    }
                    Op::NextBlock => {
                        history.push((block, balances.clone()));
                        let (t, sum) = totals(&balances, &link);
                        identity_history.push((block, t, sum));
                        block += 1;
                    }
                }
                // Supply conservation.
                let sum: u128 = balances.values().sum();
                assert_eq!(ledger.total_supply(), sum);
                // Per-identity totals and holder count.
                let mut holders = 0;
                for id in 0u64..3 {
                    let expected: u128 = balances.iter().filter(|(w, _)| link[w] == Some(id)).map(|(_, b)| *b).sum();
                    assert_eq!(ledger.identity_total(id), expected, "identity {id}");
                    if expected > 0 { holders += 1; }
                }
                assert_eq!(ledger.holder_count(), holders);
                assert_eq!(ledger.identity_supply(), totals(&balances, &link).1);
            }
            history.push((block, balances.clone()));
            let (t, sum) = totals(&balances, &link);
            identity_history.push((block, t, sum));
            for (b, t, sum) in &identity_history {
                for id in 0u64..3 {
                    assert_eq!(ledger.identity_total_at(id, *b), t[id as usize], "identity {id} at block {b}");
                }
                assert_eq!(ledger.identity_supply_at(*b), *sum, "identity supply at block {b}");
            }
            // Checkpoints agree with the replayed history, block by block.
            for (b, snapshot) in &history {
                for w in 0u8..6 {
                    assert_eq!(ledger.balance_of_at(acc(w), *b), snapshot.get(&w).copied().unwrap_or(0), "wallet {w} at block {b}");
                }
                assert_eq!(ledger.total_supply_at(*b), snapshot.values().sum::<u128>(), "supply at block {b}");
            }
        });
    }
}

// ------------------------------------------------------------------ the books after an operation's re-links

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    /// What an operation is judged on (the books after its re-links, computed without writing) is what the ledger
    /// holds once the re-links are written: every identity's total and the holder count. Up to two wallets (a
    /// sender and a recipient) move between four identities, from any starting books.
    #[test]
    fn the_books_after_relinks_are_the_books_the_relinks_write(
        balances in proptest::collection::vec(0u32..1_000, 6),
        start in proptest::collection::vec(proptest::option::of(0u64..4), 6),
        moves in proptest::collection::vec((0u8..6, proptest::option::of(0u64..4)), 0..=2),
    ) {
        use crate::compliance::{BooksAfterRelinks, RelinkFacts};
        fresh(|| {
            let mut ledger = Ledger::default();
            let mut link: Vec<Option<u64>> = start.clone();
            for (w, amount) in balances.iter().enumerate() {
                let w = u8::try_from(w).unwrap();
                let to = Holder { account: acc(w), identity: link[usize::from(w)] };
                ledger.transfer(None, Some(to), u128::from(*amount), 1).unwrap();
            }
            let mut books = BooksAfterRelinks::new(ledger.holder_count());
            let mut planned = Vec::new();
            // Plan every re-link on the books alone (as `prepare` does), then write them (as `commit` does).
            for (wallet, new) in &moves {
                let old = link[usize::from(*wallet)];
                let facts = RelinkFacts {
                    rules: ComplianceRules::default(),
                    new_identity: *new,
                    new_identity_total: new.map_or(0, |id| books.total(id, ledger.identity_total(id))),
                    new_identity_reserved: 0,
                    reserved_places: 0,
                    old_identity: old,
                    old_identity_total: old.map_or(0, |id| books.total(id, ledger.identity_total(id))),
                    balance: ledger.balance_of(acc(*wallet)),
                    holder_count: books.holder_count,
                    supply: ledger.total_supply(),
                    supply_cap: None,
                };
                books.apply(&facts).unwrap();
                planned.push((*wallet, old, *new));
                link[usize::from(*wallet)] = *new;
            }
            for (wallet, old, new) in planned {
                ledger.reattribute(acc(wallet), old, new, 1).unwrap();
            }
            prop_assert_eq!(books.holder_count, ledger.holder_count());
            for id in 0u64..4 {
                prop_assert_eq!(books.total(id, ledger_before_total(&start, &balances, id)), ledger.identity_total(id), "identity {}", id);
            }
            Ok(())
        })?;
    }
}

/// What `identity` held before any re-link: the stored books the plan started from.
fn ledger_before_total(links: &[Option<u64>], balances: &[u32], identity: u64) -> u128 {
    links
        .iter()
        .zip(balances)
        .filter(|(link, _)| **link == Some(identity))
        .map(|(_, b)| u128::from(*b))
        .sum()
}

#[test]
fn allowances_follow_the_psp22_v2_reference() {
    use crate::allowances::{approved, decreased, increased};
    use suite_traits::PSP22Error;
    let (a, b) = (acc(1), acc(2));
    assert_eq!(approved(a, b, 7), Some(7));
    assert_eq!(approved(a, b, 0), Some(0));
    assert_eq!(approved(a, a, 7), None);
    assert_eq!(increased(a, b, 5, 3), Some(8));
    assert_eq!(increased(a, b, u128::MAX, 1), Some(u128::MAX));
    assert_eq!(increased(a, b, 5, 0), None);
    assert_eq!(increased(a, a, 5, 3), None);
    assert_eq!(decreased(a, b, 5, 3), Ok(Some(2)));
    assert_eq!(decreased(a, b, 5, 5), Ok(Some(0)));
    assert_eq!(
        decreased(a, b, 5, 6),
        Err(PSP22Error::InsufficientAllowance)
    );
    assert_eq!(decreased(a, b, 5, 0), Ok(None));
    assert_eq!(decreased(a, a, 5, 6), Ok(None));
}

/// `MintRefusal` is told from the recipient's side: every restriction naming the sender (a port that releases what
/// it holds is the sender) reads `Other`, never the recipient's words; each naming the recipient keeps its reason.
#[test]
fn a_refusal_told_from_the_recipients_side_never_names_the_sender() {
    use suite_traits::MintRefusal as M;
    let (identity, country, missing) = (7, 250, kyc());
    for party in [Party::Sender, Party::Recipient] {
        let cases = [
            (R::AccountFrozen { party }, M::AccountFrozen),
            (
                R::IdentityFrozen { party, identity },
                M::IdentityFrozen { identity },
            ),
            (R::NotRegistered { party }, M::NotRegistered),
            (
                R::MissingClaims { party, missing },
                M::MissingClaims { missing },
            ),
            (
                R::CountryBlocked { party, country },
                M::CountryBlocked { country },
            ),
            (
                R::CountryNotAllowed { party, country },
                M::CountryNotAllowed { country },
            ),
            (R::ExemptAccountLinked { party, identity }, M::Other),
        ];
        for (restriction, recipients_words) in cases {
            let expected = if party == Party::Recipient {
                recipients_words
            } else {
                M::Other
            };
            assert_eq!(M::from(restriction), expected, "{restriction:?}");
        }
    }
    // Restrictions about no party keep their reason; the sender's balance reads `Other`.
    assert_eq!(M::from(R::Paused), M::Paused);
    assert_eq!(M::from(R::Halted { reason: 3 }), M::Halted { reason: 3 });
    assert_eq!(
        M::from(R::InsufficientBalance {
            balance: 1,
            required: 2
        }),
        M::Other
    );
    assert_eq!(
        M::from(R::HolderLimitReached { limit: 4 }),
        M::HolderLimitReached { limit: 4 }
    );
}
