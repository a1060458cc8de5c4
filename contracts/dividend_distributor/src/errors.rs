//! Every way a distributor message can fail, each carrying what explains it.
use suite_traits::{AccountId, AdminError, Balance, CountryCode, Timestamp};

use crate::types::{Asset, DistributionId};

/// Result of a distributor operation.
pub type DistributorResult<T> = Result<T, DistributorError>;

/// Why the distributor refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum DistributorError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// The caller may not deposit revenue.
    NotDepositor { caller: AccountId },
    /// A basis-point figure exceeds 10 000.
    InvalidBps { bps: u16 },
    /// The claim window must be positive.
    ZeroClaimWindow,
    /// Nothing to deposit.
    ZeroAmount,
    /// The source or period label is longer than allowed.
    LabelTooLong { len: u32, max: u32 },
    /// Too many excluded accounts.
    TooManyExcluded { max: u32 },
    /// Nobody holds tokens that count at the record block: a distribution would have no one to pay.
    NoEligibleSupply { record_block: u32 },
    /// The token could not answer a balance or supply question.
    TokenUnavailable,
    /// The registry could not be asked about the holder.
    RegistryUnavailable,
    /// No distribution has this number.
    UnknownDistribution { id: DistributionId },
    /// The distribution's claim window is still open.
    NotExpired {
        id: DistributionId,
        expires_at: Timestamp,
    },
    /// The distribution was already closed.
    AlreadyClosed { id: DistributionId },
    /// The holder is frozen: its share stays held until it is unfrozen.
    HolderFrozen { holder: AccountId },
    /// Nothing is owed to the holder.
    NothingToClaim { holder: AccountId },
    /// Too many holders in one batch.
    BatchTooLarge { len: u32, max: u32 },
    /// A withholding-tax rate above the documented maximum.
    TaxRateTooHigh { bps: u16, max: u16 },
    /// The token records no recovery of this wallet, so its held funds stay its own.
    NotRecovered { wallet: AccountId },
    /// The tax rate is not a valid ISO country.
    InvalidCountry { country: CountryCode },
    /// A payment by the distributor failed.
    PaymentFailed {
        asset: Asset,
        to: AccountId,
        amount: Balance,
    },
    /// The stablecoin refused to move the deposit (allowance or balance).
    DepositRefused { asset: Asset },
    /// An amount overflowed.
    Overflow,
    /// The contract is constructed already: `split_construct` (the constructor's hand-over from a shell's `deploy`,
    /// see `suite_traits::split`) runs only on the placeholder that `deploy` writes.
    AlreadyConstructed,
}

impl From<AdminError> for DistributorError {
    fn from(refusal: AdminError) -> Self {
        DistributorError::Admin(refusal)
    }
}
