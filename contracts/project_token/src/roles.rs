//! Roles of the token besides the single admin. Stored as a bit mask per account.

/// A role an admin grants or revokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum Role {
    /// Mints (the escrow on a successful offering) and redeems by burning.
    Issuer,
    /// Transfer agent: freezes accounts and tokens, sets lock-ups, forces transfers and recovers lost wallets,
    /// always with a reason and an evidence hash.
    Agent,
    /// Halts and resumes trading (the IoT oracle when a sensor rule fires).
    Guardian,
}

impl Role {
    /// Bit of the role inside a [`RoleSet`].
    pub const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

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
