//! Native tests of the distributor's books ([`DistributorData`]): deposits, claims over many distributions, tax,
//! frozen holders, exclusion, expiry with dust carried forward, and a conservation property under random transfers
//! between distributions.
use ink::primitives::AccountId;
use proptest::prelude::*;
use suite_traits::testing::fresh;
use suite_traits::AdminError;

use crate::data::{
    Asset, ClaimPlan, DistributorConfig, DistributorData, HolderFacts, Payout, MAX_PER_CLAIM,
    MAX_TAX_BPS,
};
use crate::errors::DistributorError;

const DAY: u64 = 86_400_000;
const FRANCE: u16 = 250;
const GERMANY: u16 = 276;

fn acc(n: u8) -> AccountId {
    AccountId::from([n; 32])
}
fn admin() -> AccountId {
    acc(1)
}
fn operator() -> AccountId {
    acc(2)
}
fn reserve() -> AccountId {
    acc(3)
}
fn tax() -> AccountId {
    acc(4)
}

fn config() -> DistributorConfig {
    DistributorConfig {
        payout_bps: 8_000,
        reserve: reserve(),
        tax_account: tax(),
        claim_window_ms: 90 * DAY,
    }
}

fn distributor() -> DistributorData {
    let mut d = DistributorData::new(admin(), config()).unwrap();
    d.set_depositor(admin(), operator(), true).unwrap();
    d
}

fn french() -> HolderFacts {
    HolderFacts {
        country: FRANCE,
        frozen: false,
    }
}

fn deposit(
    d: &mut DistributorData,
    amount: u128,
    record_block: u32,
    eligible: u128,
    now: u64,
) -> u32 {
    d.deposit(
        operator(),
        Asset::Native,
        amount,
        "tolls".into(),
        "2027-03".into(),
        record_block,
        eligible,
        now,
    )
    .unwrap()
    .0
    .id
}

fn paid_to(payouts: &[Payout], who: AccountId) -> u128 {
    payouts
        .iter()
        .filter(|p| p.to == who)
        .map(|p| p.amount)
        .sum()
}

#[test]
fn a_deposit_pays_the_reserve_its_share_and_pools_the_rest() {
    fresh(|| {
        let mut d = distributor();
        assert_eq!(
            d.deposit(
                acc(66),
                Asset::Native,
                100,
                "tolls".into(),
                "x".into(),
                1,
                10,
                0
            )
            .map(|_| ()),
            Err(DistributorError::NotDepositor { caller: acc(66) })
        );
        assert_eq!(
            d.deposit(
                operator(),
                Asset::Native,
                100,
                "t".repeat(33),
                "x".into(),
                1,
                10,
                0
            )
            .map(|_| ()),
            Err(DistributorError::LabelTooLong { len: 33, max: 32 })
        );
        assert_eq!(
            d.deposit(
                operator(),
                Asset::Native,
                100,
                "t".into(),
                "x".into(),
                1,
                0,
                0
            )
            .map(|_| ()),
            Err(DistributorError::NoEligibleSupply { record_block: 1 })
        );
        let (e, reserve_payout) = d
            .deposit(
                operator(),
                Asset::Native,
                1_000,
                "tolls".into(),
                "2027-03".into(),
                5,
                100,
                0,
            )
            .unwrap();
        assert_eq!((e.to_holders, e.to_reserve), (800, 200));
        assert_eq!(reserve_payout.unwrap().to, reserve());
        assert_eq!(d.liabilities(Asset::Native), 800);
    })
}

#[test]
fn one_claim_pays_many_distributions_with_tax_by_country_and_never_twice() {
    fresh(|| {
        let mut d = distributor();
        d.set_tax_rate(admin(), GERMANY, 2_500).unwrap();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        let b = deposit(&mut d, 2_000, 9, 200, DAY);
        // Alice held 10 of 100 at block 5 and 40 of 200 at block 9.
        let out = d
            .claim(acc(10), acc(10), &[(a, 10), (b, 40)], french(), 2 * DAY)
            .unwrap();
        assert_eq!(paid_to(&out.payouts, acc(10)), 80 + 320);
        assert_eq!(d.cursor(acc(10)), 2);
        assert_eq!(
            d.claim(acc(10), acc(10), &[], french(), 2 * DAY)
                .map(|_| ()),
            Err(DistributorError::NothingToClaim { holder: acc(10) })
        );
        assert!(d.claim_plan(acc(10), || Some(0)).is_empty());
        // Bob in Germany: 25% withheld to the tax account.
        let germany = HolderFacts {
            country: GERMANY,
            frozen: false,
        };
        let out = d
            .claim(acc(11), acc(11), &[(a, 50), (b, 0)], germany, 2 * DAY)
            .unwrap();
        assert_eq!(paid_to(&out.payouts, tax()), 100);
        assert_eq!(paid_to(&out.payouts, acc(11)), 300);
        assert_eq!(d.liabilities(Asset::Native), 800 + 1_600 - 400 - 400);
    })
}

#[test]
fn a_frozen_holders_share_is_held_until_it_is_unfrozen() {
    fresh(|| {
        let mut d = distributor();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        let frozen = HolderFacts {
            country: FRANCE,
            frozen: true,
        };
        let out = d.claim(acc(10), acc(10), &[(a, 25)], frozen, DAY).unwrap();
        assert!(out.payouts.is_empty());
        assert!(out.claimed[0].held);
        assert_eq!(d.held(acc(10), Asset::Native), 200);
        // Held money survives the distribution's expiry.
        let (closed, _) = d.close_expired(a, 91 * DAY).unwrap();
        assert_eq!(closed.unclaimed_to_reserve, 600);
        assert_eq!(
            d.release_held(acc(10), Asset::Native, true).map(|_| ()),
            Err(DistributorError::HolderFrozen { holder: acc(10) })
        );
        let (_, p) = d.release_held(acc(10), Asset::Native, false).unwrap();
        assert_eq!((p.to, p.amount), (acc(10), 200));
        assert_eq!(d.liabilities(Asset::Native), 0);
    })
}

#[test]
fn excluded_accounts_are_left_out_and_expiry_carries_dust_forward() {
    fresh(|| {
        let mut d = distributor();
        d.set_excluded(admin(), acc(8), true).unwrap();
        // Eligible supply 3 (the shell subtracted the treasury's balance); a pool of 800 splits 266/266/266 + dust 2.
        let a = deposit(&mut d, 1_000, 5, 3, 0);
        let out = d.claim(acc(8), acc(8), &[(a, 97)], french(), DAY).unwrap();
        assert!(
            out.payouts.is_empty(),
            "the excluded treasury is paid nothing"
        );
        for n in [10u8, 11, 12] {
            let out = d.claim(acc(n), acc(n), &[(a, 1)], french(), DAY).unwrap();
            assert_eq!(paid_to(&out.payouts, acc(n)), 266);
        }
        assert_eq!(
            d.close_expired(a, DAY).map(|_| ()),
            Err(DistributorError::NotExpired {
                id: a,
                expires_at: 90 * DAY
            })
        );
        let (closed, payout) = d.close_expired(a, 90 * DAY).unwrap();
        assert_eq!((closed.dust_carried, closed.unclaimed_to_reserve), (2, 0));
        assert!(payout.is_none());
        assert_eq!(
            d.close_expired(a, 90 * DAY).map(|_| ()),
            Err(DistributorError::AlreadyClosed { id: a })
        );
        // The next distribution inherits the dust.
        let (e, _) = d
            .deposit(
                operator(),
                Asset::Native,
                1_000,
                "tolls".into(),
                "2027-04".into(),
                9,
                3,
                91 * DAY,
            )
            .unwrap();
        assert_eq!(e.to_holders, 802);
        assert_eq!(d.carried_dust(Asset::Native), 0);
    })
}

#[test]
fn a_claim_processes_a_bounded_number_of_distributions() {
    fresh(|| {
        let mut d = distributor();
        for i in 0..(MAX_PER_CLAIM + 3) {
            deposit(&mut d, 100, i, 10, u64::from(i));
        }
        assert_eq!(
            d.claim_plan(acc(10), || Some(0)).len() as u32,
            MAX_PER_CLAIM
        );
        let plan: Vec<_> = d
            .claim_plan(acc(10), || Some(0))
            .into_iter()
            .map(|(id, _)| (id, 1))
            .collect();
        d.claim(acc(10), acc(10), &plan, french(), DAY).unwrap();
        assert_eq!(d.claim_plan(acc(10), || Some(0)).len(), 3);
    })
}

#[test]
fn only_the_admin_configures() {
    fresh(|| {
        let mut d = distributor();
        let m = acc(66);
        assert_eq!(
            d.set_config(m, config()).map(|_| ()),
            Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }))
        );
        assert_eq!(
            d.set_depositor(m, m, true).map(|_| ()),
            Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }))
        );
        assert_eq!(
            d.set_excluded(m, m, true).map(|_| ()),
            Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }))
        );
        assert_eq!(
            d.set_tax_rate(m, FRANCE, 1).map(|_| ()),
            Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }))
        );
        assert_eq!(
            d.admin
                .offer(m, m)
                .map_err(DistributorError::from)
                .map(|_| ()),
            Err(DistributorError::Admin(AdminError::NotAdmin { caller: m }))
        );
        let mut bad = config();
        bad.payout_bps = 10_001;
        assert_eq!(
            d.set_config(admin(), bad).map(|_| ()),
            Err(DistributorError::InvalidBps { bps: 10_001 })
        );
    })
}

#[test]
fn terms_are_fixed_when_a_distribution_is_created() {
    fresh(|| {
        let mut d = distributor();
        d.set_tax_rate(admin(), GERMANY, 2_500).unwrap();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        // The admin (or a captured governor) points reserve and tax account at itself and raises the rate.
        let thief = acc(66);
        let mut grab = config();
        grab.reserve = thief;
        grab.tax_account = thief;
        d.set_config(admin(), grab).unwrap();
        let set = d.set_tax_rate(admin(), GERMANY, 5_000).unwrap();
        assert_eq!(
            set.from_distribution, 1,
            "applies from the next distribution on"
        );
        assert_eq!(d.tax_rate_for(GERMANY, a), 2_500);
        assert_eq!(d.tax_rate(GERMANY), 5_000);
        let b = deposit(&mut d, 1_000, 9, 100, DAY);
        let dist_a = d.distribution(a).unwrap();
        assert_eq!((dist_a.reserve, dist_a.tax_account), (reserve(), tax()));
        let germany = HolderFacts {
            country: GERMANY,
            frozen: false,
        };
        // 50 of 100 in both: 400 gross each; a at 25% to the old tax account, b at 50% to the new one.
        let out = d
            .claim(acc(11), acc(11), &[(a, 50), (b, 50)], germany, 2 * DAY)
            .unwrap();
        assert_eq!(paid_to(&out.payouts, tax()), 100);
        assert_eq!(paid_to(&out.payouts, thief), 200);
        assert_eq!(paid_to(&out.payouts, acc(11)), 300 + 200);
        // Distribution a's unclaimed half still goes to the reserve it was created with.
        let (_, payout) = d.close_expired(a, 91 * DAY).unwrap();
        assert_eq!(payout.map(|p| (p.to, p.amount)), Some((reserve(), 400)));
    })
}

#[test]
fn tax_rates_are_capped_at_half() {
    fresh(|| {
        let mut d = distributor();
        assert_eq!(
            d.set_tax_rate(admin(), GERMANY, MAX_TAX_BPS + 1)
                .map(|_| ()),
            Err(DistributorError::TaxRateTooHigh {
                bps: 5_001,
                max: 5_000
            })
        );
        assert_eq!(
            d.set_tax_rate(admin(), GERMANY, 10_000).map(|_| ()),
            Err(DistributorError::TaxRateTooHigh {
                bps: 10_000,
                max: 5_000
            })
        );
        assert!(d.set_tax_rate(admin(), GERMANY, MAX_TAX_BPS).is_ok());
        // Two changes before the next distribution: the last one counts, from that distribution on.
        d.set_tax_rate(admin(), GERMANY, 1_000).unwrap();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        d.set_tax_rate(admin(), GERMANY, 0).unwrap();
        assert_eq!(
            (d.tax_rate_for(GERMANY, a), d.tax_rate(GERMANY)),
            (1_000, 0)
        );
    })
}

#[test]
fn a_payment_that_cannot_be_made_is_held_for_its_recipient() {
    fresh(|| {
        let mut d = distributor();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        let out = d
            .claim(acc(10), acc(10), &[(a, 10)], french(), DAY)
            .unwrap();
        assert_eq!(d.liabilities(Asset::Native), 720);
        // The shell could not pay the 80: it is held, and owed again.
        let e = d.hold_failed(out.payouts[0]).unwrap();
        assert_eq!((e.to, e.amount), (acc(10), 80));
        assert_eq!(d.held(acc(10), Asset::Native), 80);
        assert_eq!(d.liabilities(Asset::Native), 800);
        let (_, p) = d.release_held(acc(10), Asset::Native, false).unwrap();
        assert_eq!((p.to, p.amount), (acc(10), 80));
        assert_eq!(d.liabilities(Asset::Native), 720);
    })
}

#[test]
fn a_new_holder_starts_at_the_first_distribution_after_it_first_held_tokens() {
    fresh(|| {
        let mut d = distributor();
        // Record blocks 0, 2, 4, ..., 98.
        for i in 0..50u32 {
            deposit(&mut d, 100, 2 * i, 10, u64::from(i));
        }
        let start = |d: &DistributorData, first: Option<u32>| {
            d.claim_plan(acc(10), || first).first().map(|p| p.0)
        };
        assert_eq!(start(&d, Some(0)), Some(0));
        assert_eq!(
            start(&d, Some(31)),
            Some(16),
            "record block 32 is the first at or after 31"
        );
        assert_eq!(start(&d, Some(32)), Some(16));
        assert_eq!(start(&d, Some(98)), Some(49));
        assert_eq!(
            start(&d, Some(99)),
            None,
            "held only after the last record block"
        );
        assert_eq!(start(&d, None), None, "never held anything");
        // Once it has claimed, its cursor rules and the token is not asked again.
        let plan = d.claim_plan(acc(10), || Some(95));
        let bals: Vec<_> = plan.iter().map(|(id, _)| (*id, 1)).collect();
        d.claim(acc(10), acc(10), &bals, french(), 0).unwrap();
        assert!(d
            .claim_plan(acc(10), || panic!(
                "the token is asked only before the first claim"
            ))
            .is_empty());
    })
}

#[test]
fn what_is_held_for_a_lost_wallet_goes_to_its_recovery_wallet() {
    fresh(|| {
        let mut d = distributor();
        let a = deposit(&mut d, 1_000, 5, 100, 0);
        let (lost, new) = (acc(10), acc(11));
        // A claim for the lost wallet pays the recovery wallet.
        let out = d.claim(lost, new, &[(a, 10)], french(), DAY).unwrap();
        assert_eq!(paid_to(&out.payouts, new), 80);
        assert_eq!(out.claimed[0].paid_to, new);
        assert_eq!(d.cursor(lost), 1);
        // Held for the lost wallet while it was frozen: moved to the recovery wallet.
        let frozen = HolderFacts {
            country: FRANCE,
            frozen: true,
        };
        d.claim(acc(12), acc(12), &[(a, 20)], frozen, DAY).unwrap();
        assert_eq!(d.held(acc(12), Asset::Native), 160);
        let (e, p) = d.redirect_held(acc(12), new, Asset::Native, false).unwrap();
        assert_eq!((e.lost, e.to, e.amount, e.held), (acc(12), new, 160, false));
        assert_eq!(p.map(|p| (p.to, p.amount)), Some((new, 160)));
        assert_eq!(d.held(acc(12), Asset::Native), 0);
        assert_eq!(
            d.redirect_held(acc(12), new, Asset::Native, false)
                .map(|_| ()),
            Err(DistributorError::NothingToClaim { holder: acc(12) })
        );
        assert_eq!(d.liabilities(Asset::Native), 800 - 80 - 160);
    })
}

#[derive(Debug, Clone)]
enum Op {
    Transfer {
        from: usize,
        to: usize,
        amount: u16,
    },
    Deposit {
        amount: u32,
        reserve_refuses: bool,
    },
    Claim {
        who: usize,
        frozen: bool,
        refused: bool,
    },
    Release {
        who: usize,
    },
    SetTax {
        bps: u16,
    },
    Reconfigure {
        k: u8,
    },
    Advance {
        days: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..5, 0usize..5, any::<u16>()).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        2 => (1u32..5_000_000, prop::bool::weighted(0.2)).prop_map(|(amount, reserve_refuses)| Op::Deposit { amount, reserve_refuses }),
        3 => (0usize..5, prop::bool::weighted(0.2), prop::bool::weighted(0.2)).prop_map(|(who, frozen, refused)| Op::Claim { who, frozen, refused }),
        1 => (0usize..5).prop_map(|who| Op::Release { who }),
        1 => (0u16..=MAX_TAX_BPS).prop_map(|bps| Op::SetTax { bps }),
        1 => any::<u8>().prop_map(|k| Op::Reconfigure { k }),
        1 => (0u8..60).prop_map(|days| Op::Advance { days }),
    ]
}

/// What the books must owe: every open pool's unclaimed part, everything held (for frozen holders and failed
/// payments, whoever the recipient) and the carried dust.
fn expected_liabilities(d: &DistributorData, accounts: &[AccountId]) -> u128 {
    let open: u128 = (0..d.distribution_count())
        .filter_map(|id| d.distribution(id))
        .filter(|x| !x.closed)
        .map(|x| x.to_holders - x.claimed)
        .sum();
    let held: u128 = accounts.iter().map(|a| d.held(*a, Asset::Native)).sum();
    open + held + d.carried_dust(Asset::Native)
}

/// A model token: balances now, and a snapshot taken at each deposit's record block. Holder 4 is the excluded
/// treasury; holder 3 is German, whose rate changes between distributions; reserve and tax account change too.
/// Some payments are refused (held instead). The model tracks the distributor's balance.
fn conservation_case(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut d = distributor();
    d.set_excluded(admin(), acc(24), true).unwrap();
    d.set_tax_rate(admin(), GERMANY, 1_500).unwrap();
    let holders: Vec<AccountId> = (20u8..25).map(acc).collect();
    let mut accounts = holders.clone();
    accounts.extend([reserve(), tax()]);
    accounts.extend((30u8..33).chain(40..43).map(acc));
    let mut balances: Vec<u128> = vec![1_000, 2_000, 3_000, 500, 10_000];
    let mut snapshots: Vec<Vec<u128>> = vec![];
    let mut german_rate: u16 = 1_500;
    // Per distribution: (German rate, reserve, tax account) when it was created.
    let mut terms: Vec<(u16, AccountId, AccountId)> = vec![];
    let mut config_now = config();
    let mut now = 0u64;
    let (mut holders_share, mut gross_claimed, mut to_reserve_unclaimed) = (0u128, 0u128, 0u128);
    let mut paid_out_of_pools = 0u128; // net to holders + tax + held (all leave the pools)
    let mut held_by_claims = 0u128; // of which held for frozen holders or refused payments
    let mut released = 0u128;
    let mut balance = 0u128; // the distributor's native balance in the model
    let close = |d: &mut DistributorData,
                 now: u64,
                 terms: &[(u16, AccountId, AccountId)],
                 balance: &mut u128,
                 to_reserve_unclaimed: &mut u128|
     -> Result<(), TestCaseError> {
        for id in 0..d.distribution_count() {
            if let Ok((c, p)) = d.close_expired(id, now) {
                *to_reserve_unclaimed += c.unclaimed_to_reserve;
                if let Some(p) = p {
                    prop_assert_eq!(
                        p.to,
                        terms[id as usize].1,
                        "unclaimed to the distribution's reserve"
                    );
                    *balance -= p.amount;
                }
            }
        }
        Ok(())
    };
    for op in ops {
        match op {
            Op::Transfer { from, to, amount } => {
                let a = u128::from(amount).min(balances[from]);
                balances[from] -= a;
                balances[to] += a;
            }
            Op::Deposit {
                amount,
                reserve_refuses,
            } => {
                let eligible: u128 = balances[..4].iter().sum();
                let block = snapshots.len() as u32;
                if let Ok((e, p)) = d.deposit(
                    operator(),
                    Asset::Native,
                    u128::from(amount),
                    "tolls".into(),
                    "p".into(),
                    block,
                    eligible,
                    now,
                ) {
                    balance += u128::from(amount);
                    holders_share += u128::from(amount) - e.to_reserve;
                    snapshots.push(balances.clone());
                    terms.push((german_rate, config_now.reserve, config_now.tax_account));
                    prop_assert_eq!(
                        (e.reserve, e.tax_account),
                        (config_now.reserve, config_now.tax_account)
                    );
                    if let Some(p) = p {
                        prop_assert_eq!(p.to, config_now.reserve);
                        if reserve_refuses {
                            d.hold_failed(p).unwrap();
                        } else {
                            balance -= p.amount;
                        }
                    }
                } else {
                    prop_assert_eq!(eligible, 0);
                }
            }
            Op::Claim {
                who,
                frozen,
                refused,
            } => {
                let plan = d.claim_plan(holders[who], || Some(0));
                let bals: Vec<_> = plan
                    .iter()
                    .map(|(id, block)| (*id, snapshots[*block as usize][who]))
                    .collect();
                // The tax each distribution's own terms call for, per tax account.
                let mut expected_tax: Vec<(AccountId, u128)> = vec![];
                for &(id, bal) in &bals {
                    let x = d.distribution(id).unwrap();
                    if who == 4 || x.closed || now >= x.expires_at || bal == 0 {
                        continue;
                    }
                    let gross =
                        (x.to_holders * bal / x.eligible_supply).min(x.to_holders - x.claimed);
                    let (rate, _, tax_account) = terms[id as usize];
                    let rate = if who == 3 { rate } else { 0 };
                    let tax = gross * u128::from(rate) / 10_000;
                    match expected_tax.iter_mut().find(|(a, _)| *a == tax_account) {
                        Some((_, t)) => *t += tax,
                        None => expected_tax.push((tax_account, tax)),
                    }
                }
                let facts = HolderFacts {
                    country: if who == 3 { GERMANY } else { FRANCE },
                    frozen,
                };
                if let Ok(out) = d.claim(holders[who], holders[who], &bals, facts, now) {
                    for c in &out.claimed {
                        gross_claimed += c.gross;
                        prop_assert_eq!(c.gross, c.tax + c.net);
                        if frozen {
                            held_by_claims += c.net;
                        }
                    }
                    for (account, tax) in &expected_tax {
                        prop_assert_eq!(
                            paid_to(&out.payouts, *account),
                            *tax,
                            "tax at the distribution's terms"
                        );
                    }
                    for p in &out.payouts {
                        paid_out_of_pools += p.amount;
                        if refused {
                            d.hold_failed(*p).unwrap();
                            held_by_claims += p.amount;
                            paid_out_of_pools -= p.amount;
                        } else {
                            balance -= p.amount;
                        }
                    }
                    prop_assert_eq!(
                        paid_to(&out.payouts, holders[4]),
                        0,
                        "excluded treasury paid"
                    );
                }
            }
            Op::Release { who } => {
                if let Ok((e, p)) = d.release_held(holders[who], Asset::Native, false) {
                    prop_assert_eq!((p.to, p.amount), (holders[who], e.amount));
                    balance -= p.amount;
                    released += p.amount;
                }
            }
            Op::SetTax { bps } => {
                d.set_tax_rate(admin(), GERMANY, bps).unwrap();
                german_rate = bps;
            }
            Op::Reconfigure { k } => {
                config_now.reserve = acc(30 + k % 3);
                config_now.tax_account = acc(40 + (k / 3) % 3);
                d.set_config(admin(), config_now).unwrap();
            }
            Op::Advance { days } => {
                now += u64::from(days) * DAY;
                close(&mut d, now, &terms, &mut balance, &mut to_reserve_unclaimed)?;
            }
        }
        // Solvent after every step, and the books owe exactly the open pools, what is held and the dust.
        let owed = d.liabilities(Asset::Native);
        prop_assert_eq!(owed, expected_liabilities(&d, &accounts));
        prop_assert!(balance >= owed, "holds {} but owes {}", balance, owed);
        for id in 0..d.distribution_count() {
            let dist = d.distribution(id).unwrap();
            prop_assert!(dist.claimed <= dist.to_holders);
        }
    }
    // Close everything and check conservation.
    now += 1_000 * DAY;
    close(&mut d, now, &terms, &mut balance, &mut to_reserve_unclaimed)?;
    let held: u128 = accounts.iter().map(|h| d.held(*h, Asset::Native)).sum();
    let dust = d.carried_dust(Asset::Native);
    prop_assert_eq!(gross_claimed + to_reserve_unclaimed + dust, holders_share);
    prop_assert_eq!(paid_out_of_pools + held_by_claims, gross_claimed);
    prop_assert_eq!(d.liabilities(Asset::Native), held + dust);
    prop_assert!(balance >= held + dust);
    let _ = released;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Under random transfers between distributions, deposits, claims (some by frozen holders, some whose payments
    /// are refused and held), releases, tax-rate and reserve/tax-account changes, and expiry: gross claimed +
    /// unclaimed sent to the reserve + dust carried = the holders' share of all deposits; tax follows each
    /// distribution's own terms; after every step the books owe exactly the open pools, everything held and the
    /// dust, and the distributor holds at least that.
    #[test]
    fn paid_plus_dust_plus_unclaimed_equals_the_holders_share(ops in prop::collection::vec(op(), 1..60)) {
        fresh(|| conservation_case(ops))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A holder's first claim plans exactly what the two-step rule gives (ask the token from which block the holder
    /// held, start at the first distribution recorded at or after it, take at most `MAX_PER_CLAIM`), whether the
    /// plan is trimmed after the token's one answer (every distribution fits one claim) or the token is asked first.
    #[test]
    fn an_opening_plan_trimmed_after_one_answer_equals_the_two_step_plan(
        gaps in prop::collection::vec(0u32..4, 0..=(MAX_PER_CLAIM as usize + 4)),
        first in prop::option::of(0u32..60),
    ) {
        fresh(|| {
            let mut d = distributor();
            let mut block = 0u32;
            for (i, gap) in gaps.iter().enumerate() {
                block += gap;
                deposit(&mut d, 100, block, 10, i as u64);
            }
            let count = gaps.len() as u32;
            // The two-step rule, written out on its own.
            let from = match first {
                Some(b) => d.first_recorded_at_or_after(b),
                None => count,
            };
            let expected: Vec<u32> = (from..count.min(from.saturating_add(MAX_PER_CLAIM))).collect();
            let planned = match d.plan(acc(10)) {
                ClaimPlan::Opening(all) => {
                    prop_assert!(count <= MAX_PER_CLAIM);
                    d.trim_opening(all, first)
                }
                ClaimPlan::NeedsFirstBalance => {
                    prop_assert!(count > MAX_PER_CLAIM);
                    d.claim_plan(acc(10), || first)
                }
                ClaimPlan::Ready(_) => {
                    prop_assert!(false, "the holder never claimed");
                    unreachable!()
                }
            };
            prop_assert_eq!(planned.iter().map(|p| p.0).collect::<Vec<_>>(), expected);
            Ok(())
        })?;
    }
}
