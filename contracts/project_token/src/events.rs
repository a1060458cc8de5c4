//! Events of the token: the two PSP22 events (same names and fields as the standard) and one event for every
//! other state change.
use ink::prelude::string::String;
use suite_traits::{AccountId, Balance, CountryCode, Hash, IdentityId};

use crate::types::{ComplianceRules, Role};

/// The two-step admin handover's events are the suite's shared ones (one definition: ink! refuses two events
/// with the same signature in one contract's metadata).
pub use suite_traits::{AdminChanged, AdminTransferStarted};

/// PSP22: tokens moved (`from` is `None` on a mint, `to` is `None` on a burn).
#[ink::event]
#[derive(Debug)]
pub struct Transfer {
    #[ink(topic)]
    pub from: Option<AccountId>,
    #[ink(topic)]
    pub to: Option<AccountId>,
    /// Typed `u128` (not the `Balance` alias): the event's signature topic hashes the type as written and must
    /// equal the reference PSP22's, `Transfer(Option<AccountId>,Option<AccountId>,u128)`, which indexers filter by.
    pub value: u128,
}

/// PSP22: an allowance was set.
#[ink::event]
#[derive(Debug)]
pub struct Approval {
    #[ink(topic)]
    pub owner: AccountId,
    #[ink(topic)]
    pub spender: AccountId,
    /// `u128` for the reference signature topic `Approval(AccountId,AccountId,u128)`.
    pub amount: u128,
}

/// A role was granted.
#[ink::event]
#[derive(Debug)]
pub struct RoleGranted {
    #[ink(topic)]
    pub account: AccountId,
    pub role: Role,
    pub by: AccountId,
}

/// A role was revoked.
#[ink::event]
#[derive(Debug)]
pub struct RoleRevoked {
    #[ink(topic)]
    pub account: AccountId,
    pub role: Role,
    pub by: AccountId,
}

/// The compliance rules changed; `rules` is the full new set.
#[ink::event]
#[derive(Debug)]
pub struct ComplianceRulesChanged {
    pub rules: ComplianceRules,
}

/// A country was put on or taken off the allow list or the block list.
#[ink::event]
#[derive(Debug)]
pub struct CountryListChanged {
    pub country: CountryCode,
    pub allow_list: bool,
    pub listed: bool,
}

/// An account became (or stopped being) exempt from identity rules.
#[ink::event]
#[derive(Debug)]
pub struct ExemptionChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub exempt: bool,
}

/// The compliance registry the token asks changed.
#[ink::event]
#[derive(Debug)]
pub struct RegistryChanged {
    pub registry: AccountId,
}

/// The authorised supply changed.
#[ink::event]
#[derive(Debug)]
pub struct SupplyCapChanged {
    pub cap: Option<Balance>,
}

/// The admin paused the token.
#[ink::event]
#[derive(Debug)]
pub struct Paused {
    pub by: AccountId,
}

/// The admin unpaused the token.
#[ink::event]
#[derive(Debug)]
pub struct Unpaused {
    pub by: AccountId,
}

/// A guardian halted trading.
#[ink::event]
#[derive(Debug)]
pub struct Halted {
    #[ink(topic)]
    pub guardian: AccountId,
    pub reason: u32,
    pub evidence: Hash,
}

/// Trading resumed after a halt.
#[ink::event]
#[derive(Debug)]
pub struct Resumed {
    #[ink(topic)]
    pub by: AccountId,
}

/// The agent froze or unfroze an account on this token.
#[ink::event]
#[derive(Debug)]
pub struct AccountFreezeChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub frozen: bool,
    pub reason: Hash,
}

/// The number of frozen tokens of an account changed; `frozen` is the new total.
#[ink::event]
#[derive(Debug)]
pub struct TokensFrozenChanged {
    #[ink(topic)]
    pub account: AccountId,
    pub frozen: Balance,
    pub reason: Hash,
}

/// A lock-up schedule was set; `locked` is what it locks now.
#[ink::event]
#[derive(Debug)]
pub struct LockupSet {
    #[ink(topic)]
    pub account: AccountId,
    pub tranches: u32,
    pub locked: Balance,
}

/// The agent moved tokens without the holder's signature.
#[ink::event]
#[derive(Debug)]
pub struct ForcedTransfer {
    #[ink(topic)]
    pub agent: AccountId,
    #[ink(topic)]
    pub from: AccountId,
    #[ink(topic)]
    pub to: AccountId,
    pub amount: Balance,
    pub reason: u32,
    pub evidence: Hash,
}

/// The agent moved a lost wallet's tokens, lock-ups and freezes to a new wallet of the same identity.
#[ink::event]
#[derive(Debug)]
pub struct WalletRecovered {
    #[ink(topic)]
    pub lost: AccountId,
    #[ink(topic)]
    pub new_wallet: AccountId,
    pub identity: Option<IdentityId>,
    pub amount: Balance,
    pub evidence: Hash,
}

/// A wallet's balance moved between identity totals because the registry re-linked it.
#[ink::event]
#[derive(Debug)]
pub struct HoldingReattributed {
    #[ink(topic)]
    pub account: AccountId,
    pub previous: Option<IdentityId>,
    pub identity: Option<IdentityId>,
}

/// A document was added or replaced in the register.
#[ink::event]
#[derive(Debug)]
pub struct DocumentUpdated {
    pub name: String,
    pub uri: String,
    pub hash: Hash,
}

/// A document was removed from the register.
#[ink::event]
#[derive(Debug)]
pub struct DocumentRemoved {
    pub name: String,
}

/// The issuer promised `amount` more tokens to `identity` (an accepted contribution): counted as minted by every
/// rule until delivered or released.
#[ink::event]
#[derive(Debug)]
pub struct Promised {
    #[ink(topic)]
    pub issuer: AccountId,
    #[ink(topic)]
    pub identity: IdentityId,
    /// The wallet whose contribution was accepted.
    pub wallet: AccountId,
    pub amount: Balance,
    /// Now promised to the identity in all.
    pub promised: Balance,
}

/// `amount` of the promise to `identity` was delivered (minted) or released (a withdrawal or refund).
#[ink::event]
#[derive(Debug)]
pub struct PromiseSettled {
    #[ink(topic)]
    pub issuer: AccountId,
    #[ink(topic)]
    pub identity: IdentityId,
    pub amount: Balance,
    /// Minted to the identity (`true`) or released (`false`).
    pub delivered: bool,
    /// Still promised to the identity.
    pub promised: Balance,
}

/// Every outstanding promise of `issuer` was released at once (its offering failed or was cancelled).
#[ink::event]
#[derive(Debug)]
pub struct AllPromisesReleased {
    #[ink(topic)]
    pub issuer: AccountId,
    /// Tokens and holder places the promises held.
    pub supply: Balance,
    pub places: u32,
}
