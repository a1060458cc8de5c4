//! Native tests of the distributor's books ([`DistributorData`]): deposits, claims over many distributions, tax,
//! frozen holders, exclusion, expiry with dust carried forward, and a conservation property under random transfers
//! between distributions.
use ink::primitives::AccountId;
use proptest::prelude::*;
use suite_traits::testing::fresh;

use crate::errors::DistributorError;
use crate::ledger::{
    Asset, DistributorConfig, DistributorData, HolderFacts, Payout, MAX_PER_CLAIM,
};

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
            .claim(acc(10), &[(a, 10), (b, 40)], french(), 2 * DAY)
            .unwrap();
        assert_eq!(paid_to(&out.payouts, acc(10)), 80 + 320);
        assert_eq!(d.cursor(acc(10)), 2);
        assert_eq!(
            d.claim(acc(10), &[], french(), 2 * DAY).map(|_| ()),
            Err(DistributorError::NothingToClaim { holder: acc(10) })
        );
        assert!(d.claim_plan(acc(10)).is_empty());
        // Bob in Germany: 25% withheld to the tax account.
        let germany = HolderFacts {
            country: GERMANY,
            frozen: false,
        };
        let out = d
            .claim(acc(11), &[(a, 50), (b, 0)], germany, 2 * DAY)
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
        let out = d.claim(acc(10), &[(a, 25)], frozen, DAY).unwrap();
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
        let out = d.claim(acc(8), &[(a, 97)], french(), DAY).unwrap();
        assert!(
            out.payouts.is_empty(),
            "the excluded treasury is paid nothing"
        );
        for n in [10u8, 11, 12] {
            let out = d.claim(acc(n), &[(a, 1)], french(), DAY).unwrap();
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
        assert_eq!(d.claim_plan(acc(10)).len() as u32, MAX_PER_CLAIM);
        let plan: Vec<_> = d
            .claim_plan(acc(10))
            .into_iter()
            .map(|(id, _)| (id, 1))
            .collect();
        d.claim(acc(10), &plan, french(), DAY).unwrap();
        assert_eq!(d.claim_plan(acc(10)).len(), 3);
    })
}

#[test]
fn only_the_admin_configures() {
    fresh(|| {
        let mut d = distributor();
        let m = acc(66);
        assert_eq!(
            d.set_config(m, config()).map(|_| ()),
            Err(DistributorError::NotAdmin { caller: m })
        );
        assert_eq!(
            d.set_depositor(m, m, true).map(|_| ()),
            Err(DistributorError::NotAdmin { caller: m })
        );
        assert_eq!(
            d.set_excluded(m, m, true).map(|_| ()),
            Err(DistributorError::NotAdmin { caller: m })
        );
        assert_eq!(
            d.set_tax_rate(m, FRANCE, 1).map(|_| ()),
            Err(DistributorError::NotAdmin { caller: m })
        );
        assert_eq!(
            d.start_admin_transfer(m, m).map(|_| ()),
            Err(DistributorError::NotAdmin { caller: m })
        );
        let mut bad = config();
        bad.payout_bps = 10_001;
        assert_eq!(
            d.set_config(admin(), bad).map(|_| ()),
            Err(DistributorError::InvalidBps { bps: 10_001 })
        );
    })
}

#[derive(Debug, Clone)]
enum Op {
    Transfer { from: usize, to: usize, amount: u16 },
    Deposit { amount: u32 },
    Claim { who: usize, frozen: bool },
    Advance { days: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..5, 0usize..5, any::<u16>()).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        2 => (1u32..5_000_000).prop_map(|amount| Op::Deposit { amount }),
        3 => (0usize..5, prop::bool::weighted(0.2)).prop_map(|(who, frozen)| Op::Claim { who, frozen }),
        1 => (0u8..60).prop_map(|days| Op::Advance { days }),
    ]
}

/// A model token: balances now, and a snapshot taken at each deposit's record block. Holder 4 is the excluded
/// treasury.
fn conservation_case(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut d = distributor();
    d.set_excluded(admin(), acc(24), true).unwrap();
    d.set_tax_rate(admin(), GERMANY, 1_500).unwrap();
    let holders: Vec<AccountId> = (20u8..25).map(acc).collect();
    let mut balances: Vec<u128> = vec![1_000, 2_000, 3_000, 500, 10_000];
    let mut snapshots: Vec<Vec<u128>> = vec![];
    let mut now = 0u64;
    let (mut holders_share, mut gross_claimed, mut to_reserve_unclaimed) = (0u128, 0u128, 0u128);
    let mut paid_out_of_pools = 0u128; // net to holders + tax + held (all leave the pools)
    for op in ops {
        match op {
            Op::Transfer { from, to, amount } => {
                let a = u128::from(amount).min(balances[from]);
                balances[from] -= a;
                balances[to] += a;
            }
            Op::Deposit { amount } => {
                let eligible: u128 = balances[..4].iter().sum();
                let block = snapshots.len() as u32;
                if let Ok((e, _)) = d.deposit(
                    operator(),
                    Asset::Native,
                    u128::from(amount),
                    "tolls".into(),
                    "p".into(),
                    block,
                    eligible,
                    now,
                ) {
                    holders_share += u128::from(amount) - e.to_reserve;
                    snapshots.push(balances.clone());
                } else {
                    prop_assert_eq!(eligible, 0);
                }
            }
            Op::Claim { who, frozen } => {
                let plan = d.claim_plan(holders[who]);
                let bals: Vec<_> = plan
                    .iter()
                    .map(|(id, block)| (*id, snapshots[*block as usize][who]))
                    .collect();
                let facts = HolderFacts {
                    country: if who == 3 { GERMANY } else { FRANCE },
                    frozen,
                };
                if let Ok(out) = d.claim(holders[who], &bals, facts, now) {
                    for c in &out.claimed {
                        gross_claimed += c.gross;
                        prop_assert_eq!(c.gross, c.tax + c.net);
                    }
                    paid_out_of_pools += out.payouts.iter().map(|p| p.amount).sum::<u128>();
                    prop_assert_eq!(
                        paid_to(&out.payouts, holders[4]),
                        0,
                        "excluded treasury paid"
                    );
                }
            }
            Op::Advance { days } => {
                now += u64::from(days) * DAY;
                for id in 0..d.distribution_count() {
                    if let Ok((c, _)) = d.close_expired(id, now) {
                        to_reserve_unclaimed += c.unclaimed_to_reserve;
                    }
                }
            }
        }
        // Claimable never exceeds what is held: liabilities = open pools + held + carried dust, and every pool's
        // claims stay within it.
        for id in 0..d.distribution_count() {
            let dist = d.distribution(id).unwrap();
            prop_assert!(dist.claimed <= dist.to_holders);
        }
    }
    // Close everything and check conservation.
    now += 1_000 * DAY;
    for id in 0..d.distribution_count() {
        if let Ok((c, _)) = d.close_expired(id, now) {
            to_reserve_unclaimed += c.unclaimed_to_reserve;
        }
    }
    let held: u128 = holders.iter().map(|h| d.held(*h, Asset::Native)).sum();
    let dust = d.carried_dust(Asset::Native);
    prop_assert_eq!(gross_claimed + to_reserve_unclaimed + dust, holders_share);
    prop_assert_eq!(paid_out_of_pools + held, gross_claimed);
    prop_assert_eq!(d.liabilities(Asset::Native), held + dust);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Under random transfers between distributions, deposits, claims (some by frozen holders), and expiry:
    /// gross claimed + unclaimed sent to the reserve + dust carried = the holders' share of all deposits, and the
    /// books owe exactly what is held for frozen holders plus the dust.
    #[test]
    fn paid_plus_dust_plus_unclaimed_equals_the_holders_share(ops in prop::collection::vec(op(), 1..60)) {
        fresh(|| conservation_case(ops))?;
    }
}
