//! Basis-point arithmetic that never overflows and never rounds in anyone's favour but the contract's.

use crate::Balance;

/// 100% in basis points.
pub const BPS_DENOMINATOR: u16 = 10_000;

/// `floor(amount * bps / 10_000)` for `bps <= 10_000`, exact for every `amount` (no intermediate overflow).
///
/// Returns `None` when `bps > 10_000`, which is a configuration error the caller must report.
pub fn share(amount: Balance, bps: u16) -> Option<Balance> {
    if bps > BPS_DENOMINATOR {
        return None;
    }
    let d = Balance::from(BPS_DENOMINATOR);
    let b = Balance::from(bps);
    // (q*d + r) * b / d = q*b + r*b/d, and r*b < d*d fits easily: no overflow, same floor.
    let whole = amount.checked_div(d)?.checked_mul(b)?;
    let part = amount.checked_rem(d)?.checked_mul(b)?.checked_div(d)?;
    whole.checked_add(part)
}

/// Whether `part <= whole * bps / 10_000` holds exactly (for integers: `part <= floor(whole * bps / 10_000)`).
pub fn within(part: Balance, whole: Balance, bps: u16) -> bool {
    match share(whole, bps) {
        Some(limit) => part <= limit,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(share(10_000, 8_000), Some(8_000));
        assert_eq!(share(1, 9_999), Some(0));
        assert_eq!(share(u128::MAX, 10_000), Some(u128::MAX));
        assert_eq!(share(5, 10_001), None);
        assert!(within(1_000, 10_000, 1_000));
        assert!(!within(1_001, 10_000, 1_000));
    }

    proptest! {
        #[test]
        fn share_equals_wide_arithmetic(amount in any::<u64>(), bps in 0u16..=10_000) {
            let wide = u128::from(amount) * u128::from(bps) / 10_000;
            prop_assert_eq!(share(u128::from(amount), bps), Some(wide));
        }

        #[test]
        fn share_equals_the_wide_product_over_the_denominator(amount in any::<u128>(), bps in 0u16..=10_000) {
            prop_assert_eq!(
                share(amount, bps),
                crate::math::mul_div(amount, u128::from(bps), 10_000)
            );
        }

        #[test]
        fn share_never_exceeds_amount(amount in any::<u128>(), bps in 0u16..=10_000) {
            let s = share(amount, bps).unwrap();
            prop_assert!(s <= amount);
        }
    }
}
