//! Lock-up schedules: tokens released in tranches at given times. Pure functions over plain values.
use ink::prelude::vec::Vec;
use suite_traits::{Balance, Timestamp};

/// Most tranches in one account's schedule: keeps every transfer's lock-up check bounded.
pub const MAX_TRANCHES: u32 = 12;

/// `amount` tokens stay locked until `release_at` (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tranche {
    /// Tokens locked by this tranche.
    pub amount: Balance,
    /// First instant at which they are free.
    pub release_at: Timestamp,
}

/// Tokens still locked at `now` (saturating: a schedule can never lock more than `Balance::MAX`).
pub fn locked_at(schedule: &[Tranche], now: Timestamp) -> Balance {
    schedule
        .iter()
        .filter(|t| t.release_at > now)
        .fold(0, |sum: Balance, t| sum.saturating_add(t.amount))
}

/// The tranches that still lock something at `now`.
pub fn pending(schedule: Vec<Tranche>, now: Timestamp) -> Vec<Tranche> {
    schedule
        .into_iter()
        .filter(|t| t.release_at > now)
        .collect()
}

/// What the holder can move: balance minus locked and frozen tokens, never negative.
pub fn free_balance(balance: Balance, locked: Balance, frozen: Balance) -> Balance {
    balance.saturating_sub(locked.saturating_add(frozen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tranches_release_in_order() {
        let s = [
            Tranche {
                amount: 100,
                release_at: 10,
            },
            Tranche {
                amount: 50,
                release_at: 20,
            },
        ];
        assert_eq!(locked_at(&s, 0), 150);
        assert_eq!(
            locked_at(&s, 10),
            50,
            "a tranche is free at its release instant"
        );
        assert_eq!(locked_at(&s, 20), 0);
        assert_eq!(
            pending(s.to_vec(), 15),
            vec![Tranche {
                amount: 50,
                release_at: 20
            }]
        );
    }

    proptest! {
        #[test]
        fn locked_never_grows_with_time(
            tranches in proptest::collection::vec((any::<u64>(), 0u64..1000), 0..12),
            t1 in 0u64..1000, dt in 0u64..1000,
        ) {
            let s: Vec<Tranche> = tranches.into_iter().map(|(a, r)| Tranche { amount: a.into(), release_at: r }).collect();
            prop_assert!(locked_at(&s, t1 + dt) <= locked_at(&s, t1));
        }

        #[test]
        fn free_balance_is_bounded(b in any::<u128>(), l in any::<u128>(), f in any::<u128>()) {
            let free = free_balance(b, l, f);
            prop_assert!(free <= b);
            if l.checked_add(f).is_some_and(|lf| lf <= b) {
                prop_assert_eq!(free + l + f, b);
            }
        }
    }
}
