//! Every way a pass message can fail, each carrying what explains it. PSP34 messages use the standard's
//! `PSP34Error`; a pass bound to its buyer is refused there as `PSP34Error::Custom`.
use suite_traits::{AccountId, Balance, Hash, MilestoneId, Timestamp};

use crate::classes::{ClassId, ClassRule};
use crate::nft::PassId;

/// Result of a pass operation.
pub type PassResult<T> = Result<T, PassError>;

/// Why the pass contract refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum PassError {
    /// The caller is not the admin.
    NotAdmin { caller: AccountId },
    /// The caller was not offered the admin role.
    NotPendingAdmin { caller: AccountId },
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

impl From<suite_traits::AdminError> for PassError {
    fn from(e: suite_traits::AdminError) -> Self {
        match e {
            suite_traits::AdminError::NotAdmin { caller } => PassError::NotAdmin { caller },
            suite_traits::AdminError::NotPendingAdmin { caller } => {
                PassError::NotPendingAdmin { caller }
            }
        }
    }
}
