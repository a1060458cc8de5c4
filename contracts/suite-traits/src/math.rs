//! `floor(a * b / c)` for any `u128` values, with a 256-bit intermediate product: pro-rata shares (a dividend pool
//! times a holder's balance over the supply) overflow `u128` long before real amounts do.
use crate::Balance;

/// `a * b` as a 256-bit number `(high, low)`.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const MASK: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & MASK);
    let (b_hi, b_lo) = (b >> 64, b & MASK);
    // Each partial product of two 64-bit halves fits in 128 bits.
    let lo_lo = a_lo.wrapping_mul(b_lo);
    let hi_lo = a_hi.wrapping_mul(b_lo);
    let lo_hi = a_lo.wrapping_mul(b_hi);
    let hi_hi = a_hi.wrapping_mul(b_hi);
    // Middle column: carries are collected explicitly, so no wrap loses information.
    let (mid, mid_carry) = hi_lo.overflowing_add(lo_hi);
    let (low, low_carry) = lo_lo.overflowing_add(mid << 64);
    let high = hi_hi
        .wrapping_add(mid >> 64)
        .wrapping_add(u128::from(mid_carry) << 64)
        .wrapping_add(u128::from(low_carry));
    (high, low)
}

/// `floor(a * b / c)`, or `None` when `c == 0` or the quotient does not fit in `u128`.
pub fn mul_div(a: Balance, b: Balance, c: Balance) -> Option<Balance> {
    if c == 0 {
        return None;
    }
    let (high, low) = widening_mul(a, b);
    if high == 0 {
        return low.checked_div(c);
    }
    if high >= c {
        return None;
    }
    // Binary long division of the 256-bit (high, low) by c, one bit of `low` at a time; the remainder stays < c.
    let mut rem = high;
    let mut quotient: u128 = 0;
    for i in (0..128u32).rev() {
        let bit = low.checked_shr(i).unwrap_or(0) & 1;
        let overflow = rem >> 127 == 1;
        rem = (rem << 1) | bit;
        quotient <<= 1;
        if overflow || rem >= c {
            rem = rem.wrapping_sub(c);
            quotient |= 1;
        }
    }
    Some(quotient)
}

/// The remainder `(a * b) mod c`, or `None` when `c == 0` or the quotient overflows (as in [`mul_div`]).
pub fn mul_rem(a: Balance, b: Balance, c: Balance) -> Option<Balance> {
    let q = mul_div(a, b, c)?;
    let (_, low) = widening_mul(a, b);
    // a*b - q*c < c, so the low 128 bits of both sides determine it exactly.
    Some(low.wrapping_sub(q.wrapping_mul(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(mul_div(10, 20, 3), Some(66));
        assert_eq!(mul_div(u128::MAX, u128::MAX, u128::MAX), Some(u128::MAX));
        assert_eq!(mul_div(u128::MAX, 2, 4), Some(u128::MAX / 2));
        assert_eq!(mul_div(1 << 100, 1 << 100, 1 << 90), Some(1 << 110));
        assert_eq!(mul_div(u128::MAX, u128::MAX, 1), None);
        assert_eq!(mul_div(1, 1, 0), None);
        assert_eq!(mul_rem(10, 20, 3), Some(2));
        // a*b = 3*(c + 1) = 3c + 3 with a 256-bit product.
        assert_eq!(mul_div(u128::MAX, 3, u128::MAX - 1), Some(3));
        assert_eq!(mul_rem(u128::MAX, 3, u128::MAX - 1), Some(3));
        assert_eq!(mul_rem(1 << 100, 3 << 100, 7), None, "quotient overflows");
    }

    proptest! {
        #[test]
        fn agrees_with_u128_when_the_product_fits(a in any::<u64>(), b in any::<u64>(), c in 1u128..) {
            let exact = u128::from(a) * u128::from(b);
            prop_assert_eq!(mul_div(u128::from(a), u128::from(b), c), Some(exact / c));
            prop_assert_eq!(mul_rem(u128::from(a), u128::from(b), c), Some(exact % c));
        }

        /// q = floor(a*b/c) satisfies q*c <= a*b < (q+1)*c, checked by splitting `a` so every product fits.
        #[test]
        fn quotient_brackets_the_product(a in any::<u128>(), b in any::<u64>(), c in 1u128..) {
            if let Some(q) = mul_div(a, u128::from(b), c) {
                let r = mul_rem(a, u128::from(b), c).unwrap();
                prop_assert!(r < c);
                // Recompose a*b = q*c + r in 256 bits and compare halves.
                let (qc_hi, qc_lo) = widening_mul(q, c);
                let (lo, carry) = qc_lo.overflowing_add(r);
                let hi = qc_hi + u128::from(carry);
                prop_assert_eq!((hi, lo), widening_mul(a, u128::from(b)));
            }
        }
    }
}
