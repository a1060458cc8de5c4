//! The pass contract's value types that its classes, books, errors and events share (a leaf: it imports nothing
//! of the crate).

/// Number of a pass class; classes are numbered from 0 and at most [`MAX_CLASSES`] exist, so a meter's accepted
/// classes fit one 64-bit mask.
pub type ClassId = u32;

/// Number of a pass.
pub type PassId = u64;
