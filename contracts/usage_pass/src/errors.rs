//! Every way a pass message can fail, each carrying what explains it. PSP34 messages use the standard's
//! `PSP34Error`; a pass bound to its buyer is refused there as `PSP34Error::Custom`.
use suite_traits::{AccountId, AdminError, Balance, Hash, MilestoneId, Timestamp};

use crate::types::{ClassId, PassId};

/// Result of a pass operation.
pub type PassResult<T> = Result<T, PassError>;

/// Why the pass contract refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PassError {
    /// The admin role refused the caller (not the admin; not offered the role).
    Admin(AdminError),
    /// The class terms break a rule.
    InvalidClass { rule: ClassRule },
    /// The contract already has the most classes it can hold.
    TooManyClasses { max: u32 },
    /// No class has this number.
    UnknownClass { class: ClassId },
    /// The class is not on sale.
    NotOnSale { class: ClassId },
    /// The value sent is not the price asked.
    WrongPayment { expected: Balance, paid: Balance },
    /// Top-ups or renewals are not offered for this class.
    NotOffered { class: ClassId },
    /// The facility was not opened by its long-stop date: no sales, no use, refunds only.
    FacilityAbandoned { long_stop_at: Timestamp },
    /// The facility is already open.
    AlreadyOpen,
    /// The facility has not opened yet.
    FacilityNotOpen,
    /// The facility opens only once `oracle` reports its opening milestone attested; it does not yet.
    MilestoneNotAttested {
        oracle: AccountId,
        milestone: MilestoneId,
    },
    /// The opening oracle could not be asked (not a contract, not a `MilestoneOracle`, or it failed).
    OracleUnavailable { oracle: AccountId },
    /// Passes were sold before opening: their held money goes only to `receiver`, which cannot change until the
    /// facility opened and forwarded the `held` amount.
    RevenueReceiverLocked { receiver: AccountId, held: Balance },
    /// Refunds exist only when the facility missed its long-stop date.
    RefundNotAvailable { long_stop_at: Timestamp },
    /// No pass has this id.
    UnknownPass { pass: PassId },
    /// The caller does not hold the pass.
    NotHolder { caller: AccountId, pass: PassId },
    /// The meter is not registered for the pass's class.
    NotMeterForClass { meter: AccountId, class: ClassId },
    /// The class cannot be used before its activation date.
    NotActiveYet { activation_at: Timestamp },
    /// The pass expired.
    Expired { expired_at: Timestamp },
    /// Zero units asked.
    ZeroUnits,
    /// The pass lacks credit for the units.
    InsufficientCredit { credit: u128, requested: u128 },
    /// The pass's daily cap would be passed.
    DailyCapReached {
        cap: u128,
        used_today: u128,
        requested: u128,
    },
    /// This meter already charged this receipt id (to `pass`): a meter reading is charged once.
    ReceiptAlreadyUsed {
        meter: AccountId,
        receipt: Hash,
        pass: PassId,
    },
    /// A native-currency payment by the contract failed.
    PaymentFailed { to: AccountId, amount: Balance },
    /// An amount overflowed.
    Overflow,
}

impl From<AdminError> for PassError {
    fn from(refusal: AdminError) -> Self {
        PassError::Admin(refusal)
    }
}

/// A rule class terms must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ClassRule {
    /// Validity must be positive.
    PositiveValidity,
    /// The activation date must come before the facility's long-stop date.
    ActivationBeforeLongStop,
    /// The price must be positive (a free pass would let anyone fill storage for nothing, and give its credit away).
    PositivePrice,
    /// A top-up price, if offered, must be positive: a free unit would be credit given away.
    PositiveUnitPrice,
    /// A renewal price, if offered, must be positive: a free renewal would be validity given away.
    PositiveRenewalPrice,
}
