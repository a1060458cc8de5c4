//! # Usage pass
//!
//! Prepaid usage of one facility (a toll road's passes, a charging network's credit) as PSP34 NFTs, under the
//! standard's exact trait names so NFT wallets show them. The admin defines pass classes (price, initial credit,
//! validity, activation date, transferable or bound to the buyer, daily cap, reward points); anyone buys, tops up
//! and renews; registered meters (toll gates, charging piles) `consume` units under a receipt id that the same
//! meter can never charge twice. Passes sold before the facility opens finance its construction: their money is
//! held here and forwarded to the revenue receiver (the dividend distributor, or a plain account) when the facility
//! opens — which needs the project's IoT oracle to report the "facility opened" milestone (fixed at construction)
//! as attested, not the admin's word — and refunded in full to each holder if it has not opened by the long-stop
//! date.
//!
//! ## Roles
//! - **Admin** (deployer, then the governor; two-step handover): classes, sale on/off, meters, revenue
//!   receiver (locked from the first sale until opening). It cannot open the facility on its own word, move a
//!   holder's pass or credit, nor take or redirect held money.
//! - **Meter** (per class, set by the admin): `consume` only.
//! - **Holder** (PSP34 owner): transfers (transferable classes), approvals, refund if the facility is abandoned.
//! - **Anyone**: buys, tops up and renews (the money only ever adds credit or validity to a pass); opens the
//!   facility once the oracle attested the opening milestone.
//!
//! ## Invariants
//! - Credit never goes below zero; a meter charges a receipt id at most once (property-tested in `tests.rs`).
//! - No price of a class is zero: nothing gives credit or validity away.
//! - The revenue receiver named when the first pass was sold is the one the held money is forwarded to.
//! - Before opening, the contract holds exactly the sum of live passes' `refundable` (`Facility::held`) and its
//!   balance never falls below it; after opening it holds nothing for anyone (every sale is forwarded at once).
//! - A pass of a non-transferable class never changes hands.
//! - A pass is used only while the facility is open, its class active, the pass unexpired and within its daily
//!   cap.
//! - Every state change emits an event; no message loops over passes or holders.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
// The shell build leaves out every message but the hot ones, and the helpers only those others use.
#![cfg_attr(
    feature = "hot-shell",
    allow(dead_code, unused_imports, unused_variables, unreachable_code)
)]

pub mod classes;
pub mod data;
pub mod errors;
pub mod events;
pub mod nft;
#[cfg(test)]
mod tests;
pub mod types;

pub use classes::{ClassRecord, PassClass};
pub use data::{Facility, OpeningMilestone, Pass, Receipt};
pub use errors::{ClassRule, PassError, PassResult};
pub use types::{ClassId, PassId};

#[ink::contract]
mod usage_pass {
    use crate::classes::{ClassRecord, PassClass};
    use crate::data::{Facility, OpeningMilestone, Pass, PassData, Payout, Proceeds, Receipt};
    use crate::errors::{PassError, PassResult};
    use crate::nft::pass_number;
    use crate::types::{ClassId, PassId};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::Lazy;
    use suite_traits::announce;
    use suite_traits::CallAnswer;
    use suite_traits::{admin, Admin, AdminError};
    use suite_traits::{Id, MilestoneId, MilestoneOracle, PSP34Error, PSP34Metadata, PSP34};

    /// Name and symbol of the collection.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct CollectionInfo {
        pub name: String,
        pub symbol: String,
    }

    /// The usage-pass contract: a thin shell over [`PassData`].
    #[ink(storage)]
    pub struct UsagePass {
        data: PassData,
        info: Lazy<CollectionInfo>,
    }

    impl UsagePass {
        /// A facility's pass collection; the deployer is the admin. Revenue goes to `revenue_receiver`. The
        /// facility opens once `opening_oracle` (a `MilestoneOracle`, the project's IoT oracle) reports
        /// `opening_milestone` attested; if that has not happened before `long_stop_at` (ms) every pass can be
        /// refunded. Oracle and milestone never change.
        #[ink(constructor)]
        pub fn new(
            name: String,
            symbol: String,
            revenue_receiver: AccountId,
            long_stop_at: Timestamp,
            opening_oracle: AccountId,
            opening_milestone: MilestoneId,
        ) -> Self {
            let mut info = Lazy::new();
            info.set(&CollectionInfo { name, symbol });
            let opening = OpeningMilestone {
                oracle: opening_oracle,
                milestone: opening_milestone,
            };
            Self {
                data: PassData::new(
                    Self::env().caller(),
                    revenue_receiver,
                    long_stop_at,
                    opening,
                ),
                info,
            }
        }

        fn now(&self) -> Timestamp {
            self.env().block_timestamp()
        }

        fn pay(&self, payout: Payout) -> PassResult<()> {
            if payout.amount == 0 {
                return Ok(());
            }
            self.env()
                .transfer(payout.to, payout.amount)
                .map_err(|_| PassError::PaymentFailed {
                    to: payout.to,
                    amount: payout.amount,
                })
        }

        fn settle(&self, proceeds: Proceeds) -> PassResult<()> {
            if let Proceeds::Forward(p) = proceeds {
                self.pay(p)?;
                self.env().emit_event(crate::events::RevenueForwarded {
                    receiver: p.to,
                    amount: p.amount,
                });
            }
            Ok(())
        }

        // ---------------------------------------------------------------- views

        /// A class and its sale state.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn class(&self, class: ClassId) -> Option<ClassRecord> {
            self.data.class(class)
        }

        /// Number of classes.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn class_count(&self) -> u32 {
            self.data.class_count()
        }

        /// A pass's state.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn pass(&self, pass: PassId) -> Option<Pass> {
            self.data.pass(pass)
        }

        /// A receipt `meter` charged (receipt ids are per meter).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn receipt(&self, meter: AccountId, receipt: Hash) -> Option<Receipt> {
            self.data.receipt(meter, receipt)
        }

        /// Classes a meter accepts (bit `n` = class `n`).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn meter_classes(&self, meter: AccountId) -> u64 {
            self.data.meter_classes(meter)
        }

        /// Opening state, held, forwarded and refunded money.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn facility(&self) -> Facility {
            self.data.facility()
        }

        /// Where revenue goes.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn revenue_receiver(&self) -> AccountId {
            self.data.revenue_receiver()
        }

        /// Whether the revenue receiver is locked (passes sold, facility not open yet).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn revenue_receiver_locked(&self) -> bool {
            self.data.revenue_receiver_locked()
        }

        /// The oracle and milestone whose attestation opens the facility.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn opening_milestone(&self) -> OpeningMilestone {
            self.data.opening_milestone()
        }

        // ---------------------------------------------------------------- admin

        /// Admin: add a pass class, on sale at once; returns its number.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn add_class(&mut self, terms: PassClass) -> PassResult<ClassId> {
            let e = self.data.add_class(self.env().caller(), terms)?;
            let class = e.class;
            self.env().emit_event(e);
            Ok(class)
        }

        /// Admin: put a class on or off sale.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_on_sale(&mut self, class: ClassId, on_sale: bool) -> PassResult<()> {
            announce(self.data.set_on_sale(self.env().caller(), class, on_sale))
        }

        /// Admin: register `meter` for the classes in the mask `classes` (0 removes it).
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_meter(&mut self, meter: AccountId, classes: u64) -> PassResult<()> {
            announce(self.data.set_meter(self.env().caller(), meter, classes))
        }

        /// Admin: send future revenue to `receiver`; refused (`RevenueReceiverLocked`) from the first sale until
        /// the facility opened, so held pre-sale money goes where its buyers saw it would.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn set_revenue_receiver(&mut self, receiver: AccountId) -> PassResult<()> {
            announce(
                self.data
                    .set_revenue_receiver(self.env().caller(), receiver),
            )
        }

        /// Anyone: open the facility once the opening oracle reports the opening milestone attested; forwards
        /// the held pre-sale money to the revenue receiver. `MilestoneNotAttested` until then, `OracleUnavailable`
        /// if the oracle cannot be asked.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn open_facility(&mut self) -> PassResult<()> {
            let OpeningMilestone { oracle, milestone } = self.data.ensure_openable(self.now())?;
            let o: ink::contract_ref!(MilestoneOracle) = oracle.into();
            let attested = o
                .call()
                .is_milestone_attested(milestone)
                .try_invoke()
                .answer_or(PassError::OracleUnavailable { oracle })?;
            let (e, payout) = self
                .data
                .open_facility(self.env().caller(), self.now(), attested)?;
            self.env().emit_event(e);
            if let Some(p) = payout {
                self.settle(Proceeds::Forward(p))?;
            }
            Ok(())
        }

        // ---------------------------------------------------------------- buyers, holders, meters

        /// Buy a pass of `class` for exactly its price; returns the pass number (PSP34 id `U64`).
        #[ink(message, payable)]
        pub fn buy(&mut self, class: ClassId) -> PassResult<PassId> {
            let (minted, bought, proceeds) = self.data.buy(
                self.env().caller(),
                class,
                self.env().transferred_value(),
                self.now(),
            )?;
            let id = bought.pass;
            self.env().emit_event(minted);
            self.env().emit_event(bought);
            self.settle(proceeds)?;
            Ok(id)
        }

        /// Add `units` of credit to `pass`, paying exactly `units` times the class's unit price.
        #[ink(message, payable)]
        pub fn top_up(&mut self, pass: PassId, units: u128) -> PassResult<()> {
            let (e, proceeds) =
                self.data
                    .top_up(pass, units, self.env().transferred_value(), self.now())?;
            self.env().emit_event(e);
            self.settle(proceeds)
        }

        /// Extend `pass` by one validity period, paying exactly the renewal price.
        #[ink(message, payable)]
        pub fn renew(&mut self, pass: PassId) -> PassResult<()> {
            let (e, proceeds) =
                self.data
                    .renew(pass, self.env().transferred_value(), self.now())?;
            self.env().emit_event(e);
            self.settle(proceeds)
        }

        /// Meter: deduct `units` from `pass` under `receipt`, which this meter can never charge again.
        #[ink(message)]
        pub fn consume(&mut self, pass: PassId, units: u128, receipt: Hash) -> PassResult<()> {
            announce(
                self.data
                    .consume(self.env().caller(), pass, units, receipt, self.now()),
            )
        }

        /// Holder: after the long-stop date of a facility that never opened, take back everything paid for
        /// `pass`; the pass is burned.
        #[cfg(not(feature = "hot-shell"))]
        #[ink(message)]
        pub fn refund(&mut self, pass: PassId) -> PassResult<()> {
            let (refunded, burned, payout) =
                self.data.refund(self.env().caller(), pass, self.now())?;
            self.pay(payout)?;
            self.env().emit_event(burned);
            self.env().emit_event(refunded);
            Ok(())
        }
    }

    /// The admin role and its two-step handover (the suite's one `Admin` surface).
    impl Admin for UsagePass {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            self.data.admin.admin()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            self.data.admin.pending()
        }

        #[ink(message)]
        fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            admin::offer_as_caller(&mut self.data.admin, candidate)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AdminError> {
            suite_traits::full_code_only_in_shell!(crate::FULL_CODE_HASH);
            admin::accept_as_caller(&mut self.data.admin)
        }
    }

    fn decimal(n: u128) -> Vec<u8> {
        ink::prelude::format!("{n}").into_bytes()
    }

    impl PSP34 for UsagePass {
        /// The contract's own address, as bytes.
        #[ink(message)]
        fn collection_id(&self) -> Id {
            let me = self.env().account_id();
            Id::Bytes(AsRef::<[u8; 32]>::as_ref(&me).to_vec())
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u32 {
            self.data.nft().balance_of(owner)
        }

        #[ink(message)]
        fn owner_of(&self, id: Id) -> Option<AccountId> {
            pass_number(&id).and_then(|n| self.data.nft().owner_of(n))
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, operator: AccountId, id: Option<Id>) -> bool {
            match id {
                None => self.data.nft().allowance(owner, operator, None),
                Some(id) => pass_number(&id)
                    .is_some_and(|n| self.data.nft().allowance(owner, operator, Some(n))),
            }
        }

        #[ink(message)]
        fn approve(
            &mut self,
            operator: AccountId,
            id: Option<Id>,
            approved: bool,
        ) -> Result<(), PSP34Error> {
            let n = match id {
                None => None,
                Some(id) => Some(pass_number(&id).ok_or(PSP34Error::TokenNotExists)?),
            };
            let caller = self.env().caller();
            announce(self.data.nft_mut().approve(caller, operator, n, approved))
        }

        /// Refused for a pass whose class is bound to its buyer.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, id: Id, _data: Vec<u8>) -> Result<(), PSP34Error> {
            let n = pass_number(&id).ok_or(PSP34Error::TokenNotExists)?;
            let pass = self.data.pass(n).ok_or(PSP34Error::TokenNotExists)?;
            let transferable = self
                .data
                .class(pass.class)
                .is_some_and(|c| c.terms.transferable);
            if !transferable {
                return Err(PSP34Error::Custom(ink::prelude::format!(
                    "pass {n} is bound to its holder: class {} is not transferable",
                    pass.class
                )));
            }
            let caller = self.env().caller();
            announce(self.data.nft_mut().transfer(caller, to, n))
        }

        #[ink(message)]
        fn total_supply(&self) -> Balance {
            Balance::from(self.data.nft().total_supply())
        }
    }

    impl PSP34Metadata for UsagePass {
        /// Collection (`collection_id`): `name`, `symbol`. A pass: `class`, `credit`, `expires_at`, `points`,
        /// `transferable` — as UTF-8 text, numbers in decimal.
        #[ink(message)]
        fn get_attribute(&self, id: Id, key: Vec<u8>) -> Option<Vec<u8>> {
            if id == self.collection_id() {
                let info = self.info.get().unwrap_or_default();
                return match key.as_slice() {
                    b"name" => Some(info.name.into_bytes()),
                    b"symbol" => Some(info.symbol.into_bytes()),
                    _ => None,
                };
            }
            let pass = self.data.pass(pass_number(&id)?)?;
            match key.as_slice() {
                b"class" => Some(decimal(u128::from(pass.class))),
                b"credit" => Some(decimal(pass.credit)),
                b"expires_at" => Some(decimal(u128::from(pass.expires_at))),
                b"points" => Some(decimal(pass.points)),
                b"transferable" => {
                    let t = self.data.class(pass.class)?.terms.transferable;
                    Some(if t {
                        b"true".to_vec()
                    } else {
                        b"false".to_vec()
                    })
                }
                _ => None,
            }
        }
    }
}

pub use crate::usage_pass::{CollectionInfo, UsagePass, UsagePassRef};

/// The full code that the sale and meter shell delegates every other message to (see [`suite_traits::split`]).
#[cfg(feature = "hot-shell")]
const FULL_CODE_HASH: [u8; 32] =
    suite_traits::split::full_code_hash(option_env!("USAGE_PASS_FULL_CODE_HASH"));

#[cfg(feature = "hot-shell")]
suite_traits::split_shell_entry_points!(
    usage_pass::UsagePass,
    FULL_CODE_HASH,
    payable_messages_checked_by_ink
);
