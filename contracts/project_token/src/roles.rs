//! Roles of the token besides the single admin. Stored as a bit mask per account.
use crate::types::Role;

/// The roles one account holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct RoleSet(pub u8);

impl RoleSet {
    /// Whether the set holds `role`.
    pub const fn has(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }
    /// The set plus `role`.
    pub const fn with(self, role: Role) -> Self {
        RoleSet(self.0 | role.bit())
    }
    /// The set minus `role`.
    pub const fn without(self, role: Role) -> Self {
        RoleSet(self.0 & !role.bit())
    }
}
