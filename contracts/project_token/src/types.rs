//! The token's value types that its rules, state, errors and events share (a leaf: it imports nothing of the
//! crate).
use suite_traits::ClaimSet;

/// Rules an admin sets on the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ComplianceRules {
    /// Claims a recipient must hold (and a sender too, if `sender_needs_claims`).
    pub required_claims: ClaimSet,
    /// Whether senders must also hold `required_claims` (when false, an investor whose KYC lapsed can still
    /// sell out but cannot buy).
    pub sender_needs_claims: bool,
    /// Whether only allow-listed countries are admitted (block-listed countries are always refused).
    pub country_allowlist_enabled: bool,
    /// Most one identity may hold, summed over its wallets, in basis points of the reference supply (the supply
    /// cap when one is set, else the supply after the operation); 0 disables the rule.
    pub max_holding_bps: u16,
    /// Most identities that may hold tokens at once; 0 disables the rule.
    pub holder_limit: u32,
}

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
