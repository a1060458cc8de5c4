//! Block checkpoints: the history of a value (a balance, the supply) as `(block, value)` pairs in block order,
//! with at most one pair per block, read back by binary search.
//!
//! The functions are generic over how the i-th checkpoint is read, so a contract reads from its storage and a
//! test reads from a `Vec`: the same code runs in both.
use crate::{Balance, BlockNumber};

/// The value a history held at the end of `block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Checkpoint {
    /// Block at whose end the value held.
    pub block: BlockNumber,
    /// The value.
    pub value: Balance,
}

/// Where a new value written in `block` goes, given the history's length and its last checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Overwrite the checkpoint at this index (the last one already belongs to `block`).
    Overwrite(u32),
    /// Append at this index (it equals the current length).
    Append(u32),
}

/// Slot for a value written in `block`. Blocks only grow, so the last checkpoint is the only one that can share
/// the block.
pub fn slot_for(len: u32, last: Option<Checkpoint>, block: BlockNumber) -> Slot {
    match (len.checked_sub(1), last) {
        (Some(last_index), Some(cp)) if cp.block == block => Slot::Overwrite(last_index),
        _ => Slot::Append(len),
    }
}

/// The value at the end of `block`: that of the last checkpoint whose block is `<= block`, or 0 if there is none.
///
/// Reads the newest checkpoint first (the common case: a balance that has not moved since), then searches the
/// rest in `O(log len)` reads. `read(i)` returns the i-th checkpoint; a missing one ends the search there.
pub fn value_at(
    len: u32,
    block: BlockNumber,
    mut read: impl FnMut(u32) -> Option<Checkpoint>,
) -> Balance {
    let Some(last_index) = len.checked_sub(1) else {
        return 0;
    };
    match read(last_index) {
        Some(cp) if cp.block <= block => return cp.value,
        Some(_) => {}
        None => return 0,
    }
    // Invariant: every index < lo has block <= `block`; every index >= hi has block > `block`.
    let (mut lo, mut hi) = (0u32, last_index);
    while lo < hi {
        // lo < hi, so neither operation can wrap.
        let mid = lo.saturating_add(hi.saturating_sub(lo) / 2);
        match read(mid) {
            Some(cp) if cp.block <= block => lo = mid.saturating_add(1),
            _ => hi = mid,
        }
    }
    match lo.checked_sub(1) {
        Some(i) => read(i).map(|cp| cp.value).unwrap_or(0),
        None => 0,
    }
}

/// A value together with its history's bookkeeping (length, block of the newest checkpoint), kept in one storage
/// cell. Writing a new value then needs no read of the history (the newest checkpoint's block is here), and reading
/// the value at a block at or after the newest checkpoint needs no history read at all.
///
/// Invariant (property-tested below): when `len > 0`, `value` and `last_block` equal the newest checkpoint's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Tally {
    /// The value now.
    pub value: Balance,
    /// Number of checkpoints written.
    pub len: u32,
    /// Block of the newest checkpoint (meaningless while `len == 0`).
    pub last_block: BlockNumber,
}

impl Tally {
    /// Sets the value in `block` and returns the checkpoint the caller must store, with its index: the newest
    /// checkpoint's own index if it belongs to `block` already, else the next one.
    pub fn record(&mut self, value: Balance, block: BlockNumber) -> (u32, Checkpoint) {
        let index = match self.len.checked_sub(1) {
            Some(newest) if self.last_block == block => newest,
            _ => {
                let next = self.len;
                self.len = next.saturating_add(1);
                next
            }
        };
        self.value = value;
        self.last_block = block;
        (index, Checkpoint { block, value })
    }

    /// The value at the end of `block`. Answers from the cell when `block` is at or after the newest checkpoint;
    /// otherwise searches the older checkpoints, which `read(i)` returns.
    pub fn value_at(
        &self,
        block: BlockNumber,
        read: impl FnMut(u32) -> Option<Checkpoint>,
    ) -> Balance {
        let Some(older) = self.len.checked_sub(1) else {
            return 0;
        };
        if self.last_block <= block {
            return self.value;
        }
        // The newest checkpoint is after `block`, so the answer lies among the `older` ones before it.
        value_at(older, block, read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use proptest::prelude::*;

    fn write(history: &mut Vec<Checkpoint>, block: BlockNumber, value: Balance) {
        match slot_for(history.len() as u32, history.last().copied(), block) {
            Slot::Overwrite(i) => history[i as usize] = Checkpoint { block, value },
            Slot::Append(_) => history.push(Checkpoint { block, value }),
        }
    }

    #[test]
    fn empty_history_is_zero() {
        assert_eq!(value_at(0, 7, |_| None), 0);
    }

    #[test]
    fn reads_between_and_on_checkpoints() {
        let mut h = Vec::new();
        write(&mut h, 5, 10);
        write(&mut h, 5, 12);
        write(&mut h, 9, 3);
        assert_eq!(h.len(), 2, "two writes in block 5 share one checkpoint");
        let at = |b| value_at(h.len() as u32, b, |i| h.get(i as usize).copied());
        assert_eq!(at(4), 0);
        assert_eq!(at(5), 12);
        assert_eq!(at(8), 12);
        assert_eq!(at(9), 3);
        assert_eq!(at(1_000), 3);
    }

    #[test]
    fn reads_grow_with_log_of_length() {
        let h: Vec<Checkpoint> = (0..4096u32)
            .map(|i| Checkpoint {
                block: i * 2,
                value: i.into(),
            })
            .collect();
        let mut reads = 0u32;
        let v = value_at(h.len() as u32, 2001, |i| {
            reads += 1;
            h.get(i as usize).copied()
        });
        assert_eq!(v, 1000);
        // newest + ceil(log2(4096)) = 1 + 12, plus the final read of the found index.
        assert!(reads <= 14, "{reads} reads");
    }

    proptest! {
        /// Replaying a history and querying by binary search agrees with a linear scan of that history.
        #[test]
        fn binary_search_agrees_with_replay(
            steps in proptest::collection::vec((0u32..4, any::<u32>()), 0..200),
            queries in proptest::collection::vec(0u32..1_000, 1..50),
        ) {
            let mut h = Vec::new();
            let mut block = 0u32;
            let mut timeline: Vec<(BlockNumber, Balance)> = Vec::new();
            for (advance, value) in steps {
                block += advance;
                write(&mut h, block, value.into());
                timeline.push((block, value.into()));
            }
            for w in h.windows(2) {
                prop_assert!(w[0].block < w[1].block, "checkpoints strictly ordered by block");
            }
            for q in queries {
                let expected = timeline.iter().rev().find(|(b, _)| *b <= q).map(|(_, v)| *v).unwrap_or(0);
                let got = value_at(h.len() as u32, q, |i| h.get(i as usize).copied());
                prop_assert_eq!(got, expected);
            }
        }

        /// A tally and the history it writes agree with a replay: the same checkpoints as `slot_for` gives, the
        /// cell's value and newest block equal the newest checkpoint's, and `Tally::value_at` answers as a scan.
        #[test]
        fn tally_agrees_with_replay(
            steps in proptest::collection::vec((0u32..4, any::<u32>()), 0..200),
            queries in proptest::collection::vec(0u32..1_000, 1..50),
        ) {
            let mut tally = Tally::default();
            let mut stored: Vec<Checkpoint> = Vec::new();
            let mut reference = Vec::new();
            let mut timeline: Vec<(BlockNumber, Balance)> = Vec::new();
            let mut block = 0u32;
            for (advance, value) in steps {
                block += advance;
                let (index, cp) = tally.record(value.into(), block);
                if index as usize == stored.len() {
                    stored.push(cp);
                } else {
                    prop_assert!((index as usize) < stored.len(), "index {} beyond {}", index, stored.len());
                    stored[index as usize] = cp;
                }
                write(&mut reference, block, value.into());
                timeline.push((block, value.into()));
                prop_assert_eq!(tally.len as usize, stored.len());
                let newest = stored.last().copied().unwrap();
                prop_assert_eq!((tally.value, tally.last_block), (newest.value, newest.block));
            }
            prop_assert_eq!(&stored, &reference);
            for q in queries {
                let expected = timeline.iter().rev().find(|(b, _)| *b <= q).map(|(_, v)| *v).unwrap_or(0);
                prop_assert_eq!(tally.value_at(q, |i| stored.get(i as usize).copied()), expected);
            }
        }
    }
}
