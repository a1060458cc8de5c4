//! Who holds the token's halt, for a guardian (the IoT oracle) that must resume only a halt it placed itself.
use crate::AccountId;

/// The holder of the current halt of trading.
#[ink::trait_definition]
pub trait HaltStatus {
    /// The guardian whose halt is in force, `None` when trading is not halted.
    #[ink(message)]
    fn halted_by(&self) -> Option<AccountId>;

    /// The guardian whose halt is in force and its reason code (for the oracle: the rule that halted), `None`
    /// when trading is not halted.
    #[ink(message)]
    fn halt_reason(&self) -> Option<(AccountId, u32)>;
}
