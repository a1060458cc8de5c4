//! The pass economy, free of message dispatch: sales, top-ups, renewals, metered consumption with receipts that
//! cannot be replayed, reward points, and pre-sale money held until the facility opens (or refunded if it never
//! does). Each operation takes the caller, the time and the value paid, and returns the events to emit and the
//! payments to make. Tested natively in `tests.rs`.
//!
//! Two rules protect the pre-sale money: the facility opens (and the held money leaves) only when the oracle fixed
//! at construction reports the opening milestone attested — the shell asks it and passes the answer in — and the
//! revenue receiver cannot change from the first sale until that opening.
use ink::storage::Mapping;
use suite_traits::{AccountId, AdminRole, Balance, Hash, MilestoneId, Timestamp};

use crate::classes::{ClassRecord, PassClass, MAX_CLASSES};
use crate::errors::{PassError, PassResult};
use crate::events::*;
use crate::nft::NftData;
use crate::types::{ClassId, PassId};

/// One day in milliseconds: daily caps reset at each UTC midnight.
pub const DAY_MS: Timestamp = 86_400_000;

/// The state of one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Pass {
    /// Its class.
    pub class: ClassId,
    /// Who bought it.
    pub buyer: AccountId,
    /// Units left.
    pub credit: u128,
    /// First instant it can no longer be used (`0` while its validity waits for the facility to open).
    pub expires_at: Timestamp,
    /// Validity bought before the facility opened, which runs from the opening (or from the class's activation,
    /// if later), never from the purchase: a pass pre-sold on day 1 of a road that opens on day 90 is valid for its
    /// whole period from day 90. Counted into `expires_at` once the facility is open (then `0`).
    pub validity_from_opening: Timestamp,
    /// Reward points earned.
    pub points: u128,
    /// UTC day number of `used_today`.
    pub day: u64,
    /// Units used on `day`.
    pub used_today: u128,
    /// Paid for it (price, top-ups, renewals) while the facility was not open: refundable if it never opens.
    pub refundable: Balance,
}

/// What proves the facility opened: `milestone` attested in `oracle` (a contract implementing
/// `suite_traits::MilestoneOracle`, the project's IoT oracle). Fixed at construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct OpeningMilestone {
    pub oracle: AccountId,
    pub milestone: MilestoneId,
}

/// A consumption that was charged; its meter can never charge its id again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Receipt {
    pub pass: PassId,
    pub meter: AccountId,
    pub units: u128,
    pub at: Timestamp,
}

/// Whether the facility is open for use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Facility {
    /// If the facility has not opened by then, sales stop and every pass can be refunded.
    pub long_stop_at: Timestamp,
    /// When it opened.
    pub opened_at: Option<Timestamp>,
    /// Pre-sale money held until opening (always equal to the sum of live passes' `refundable`).
    pub held: Balance,
    /// Revenue forwarded to the receiver so far.
    pub forwarded: Balance,
    /// Refunds paid so far.
    pub refunded: Balance,
}

/// Where money received by a sale goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proceeds {
    /// Held in the contract until opening (refundable).
    Held,
    /// Forwarded now to the receiver.
    Forward(Payout),
}

/// A native-currency payment the shell must make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub to: AccountId,
    pub amount: Balance,
}

/// The contract's whole state.
#[ink::storage_item]
#[derive(Debug)]
pub struct PassData {
    /// The admin and its two-step handover (the shell's `suite_traits::Admin` messages act on it).
    pub admin: AdminRole,
    revenue_receiver: AccountId,
    opening: OpeningMilestone,
    facility: Facility,
    class_count: u32,
    classes: Mapping<ClassId, ClassRecord>,
    passes: Mapping<PassId, Pass>,
    next_pass: PassId,
    meters: Mapping<AccountId, u64>,
    /// Receipt ids are scoped per meter: two gates may both number their readings from 1.
    receipts: Mapping<(AccountId, Hash), Receipt>,
    nft: NftData,
}

impl PassData {
    /// A facility administered by `admin`, forwarding revenue to `revenue_receiver`, that opens when `opening`'s
    /// oracle attests its milestone and must do so before `long_stop_at`.
    pub fn new(
        admin: AccountId,
        revenue_receiver: AccountId,
        long_stop_at: Timestamp,
        opening: OpeningMilestone,
    ) -> Self {
        PassData {
            admin: AdminRole::new(admin),
            revenue_receiver,
            opening,
            facility: Facility {
                long_stop_at,
                opened_at: None,
                held: 0,
                forwarded: 0,
                refunded: 0,
            },
            class_count: 0,
            classes: Mapping::default(),
            passes: Mapping::default(),
            next_pass: 1,
            meters: Mapping::default(),
            receipts: Mapping::default(),
            nft: NftData::default(),
        }
    }

    // ---- views ----

    /// Ownership books (PSP34).
    pub fn nft(&self) -> &NftData {
        &self.nft
    }
    /// Ownership books, for transfers and approvals.
    pub fn nft_mut(&mut self) -> &mut NftData {
        &mut self.nft
    }
    /// Where revenue goes.
    pub fn revenue_receiver(&self) -> AccountId {
        self.revenue_receiver
    }
    /// The oracle milestone that opens the facility.
    pub fn opening_milestone(&self) -> OpeningMilestone {
        self.opening
    }
    /// Whether the revenue receiver is locked: passes were sold and the facility has not opened (their money is
    /// held for the receiver named when they were bought).
    pub fn revenue_receiver_locked(&self) -> bool {
        self.next_pass > 1 && self.facility.opened_at.is_none()
    }
    /// Opening state and money figures.
    pub fn facility(&self) -> Facility {
        self.facility
    }
    /// A class.
    pub fn class(&self, class: ClassId) -> Option<ClassRecord> {
        self.classes.get(class)
    }
    /// Number of classes.
    pub fn class_count(&self) -> u32 {
        self.class_count
    }
    /// A pass.
    pub fn pass(&self, pass: PassId) -> Option<Pass> {
        let mut p = self.passes.get(pass)?;
        let activation_at = self.class_record(p.class).ok()?.terms.activation_at;
        self.count_validity_from_opening(&mut p, activation_at)
            .ok()?;
        Some(p)
    }

    /// Counts validity bought before the facility opened into `expires_at`, from the opening (or from the class's
    /// activation, if later), once the facility is open; before, nothing changes.
    fn count_validity_from_opening(
        &self,
        pass: &mut Pass,
        activation_at: Timestamp,
    ) -> PassResult<()> {
        let Some(opened_at) = self.facility.opened_at else {
            return Ok(());
        };
        if pass.validity_from_opening == 0 {
            return Ok(());
        }
        pass.expires_at = opened_at
            .max(activation_at)
            .checked_add(pass.validity_from_opening)
            .ok_or(PassError::Overflow)?;
        pass.validity_from_opening = 0;
        Ok(())
    }
    /// A receipt `meter` charged.
    pub fn receipt(&self, meter: AccountId, receipt: Hash) -> Option<Receipt> {
        self.receipts.get((meter, receipt))
    }
    /// Classes a meter accepts (bit `n` = class `n`).
    pub fn meter_classes(&self, meter: AccountId) -> u64 {
        self.meters.get(meter).unwrap_or(0)
    }
    /// Whether the facility missed its long-stop date.
    pub fn is_abandoned(&self, now: Timestamp) -> bool {
        self.facility.opened_at.is_none() && now >= self.facility.long_stop_at
    }

    // ---- admin ----

    /// Admin adds a class (on sale at once); returns its number in the event.
    pub fn add_class(&mut self, caller: AccountId, terms: PassClass) -> PassResult<ClassAdded> {
        self.admin.ensure(caller)?;
        terms
            .validate(self.facility.long_stop_at)
            .map_err(|rule| PassError::InvalidClass { rule })?;
        if self.class_count >= MAX_CLASSES {
            return Err(PassError::TooManyClasses { max: MAX_CLASSES });
        }
        let class = self.class_count;
        self.classes.insert(
            class,
            &ClassRecord {
                terms,
                on_sale: true,
                sold: 0,
            },
        );
        self.class_count = class.checked_add(1).ok_or(PassError::Overflow)?;
        Ok(ClassAdded {
            class,
            price: terms.price,
            initial_credit: terms.initial_credit,
            activation_at: terms.activation_at,
            transferable: terms.transferable,
        })
    }

    /// Admin puts a class on or off sale.
    pub fn set_on_sale(
        &mut self,
        caller: AccountId,
        class: ClassId,
        on_sale: bool,
    ) -> PassResult<ClassSaleChanged> {
        self.admin.ensure(caller)?;
        let mut record = self.class_record(class)?;
        record.on_sale = on_sale;
        self.classes.insert(class, &record);
        Ok(ClassSaleChanged { class, on_sale })
    }

    /// Admin registers `meter` for the classes in `classes` (bit `n` = class `n`); 0 removes it.
    pub fn set_meter(
        &mut self,
        caller: AccountId,
        meter: AccountId,
        classes: u64,
    ) -> PassResult<MeterSet> {
        self.admin.ensure(caller)?;
        if classes == 0 {
            self.meters.remove(meter);
        } else {
            self.meters.insert(meter, &classes);
        }
        Ok(MeterSet { meter, classes })
    }

    /// Admin redirects revenue (to the dividend distributor once it exists): before the first sale, or after
    /// opening (when the contract holds nothing). Refused in between, while pre-sale money is held.
    pub fn set_revenue_receiver(
        &mut self,
        caller: AccountId,
        receiver: AccountId,
    ) -> PassResult<RevenueReceiverChanged> {
        self.admin.ensure(caller)?;
        if self.revenue_receiver_locked() {
            return Err(PassError::RevenueReceiverLocked {
                receiver: self.revenue_receiver,
                held: self.facility.held,
            });
        }
        self.revenue_receiver = receiver;
        Ok(RevenueReceiverChanged { receiver })
    }

    /// Whether the facility could open now, apart from the oracle's answer; returns the milestone to ask about.
    pub fn ensure_openable(&self, now: Timestamp) -> PassResult<OpeningMilestone> {
        if self.facility.opened_at.is_some() {
            return Err(PassError::AlreadyOpen);
        }
        if self.is_abandoned(now) {
            return Err(PassError::FacilityAbandoned {
                long_stop_at: self.facility.long_stop_at,
            });
        }
        Ok(self.opening)
    }

    /// Anyone opens the facility (before the long-stop date) once the oracle reports the opening milestone
    /// attested (`attested`, asked by the shell); the held pre-sale money is forwarded. The admin's word alone
    /// opens nothing.
    pub fn open_facility(
        &mut self,
        caller: AccountId,
        now: Timestamp,
        attested: bool,
    ) -> PassResult<(FacilityOpened, Option<Payout>)> {
        let OpeningMilestone { oracle, milestone } = self.ensure_openable(now)?;
        if !attested {
            return Err(PassError::MilestoneNotAttested { oracle, milestone });
        }
        let held = self.facility.held;
        self.facility.opened_at = Some(now);
        self.facility.held = 0;
        self.facility.forwarded = self
            .facility
            .forwarded
            .checked_add(held)
            .ok_or(PassError::Overflow)?;
        let payout = (held > 0).then_some(Payout {
            to: self.revenue_receiver,
            amount: held,
        });
        Ok((
            FacilityOpened {
                at: now,
                by: caller,
                oracle,
                milestone,
                forwarded: held,
            },
            payout,
        ))
    }

    // ---- sales ----

    fn class_record(&self, class: ClassId) -> PassResult<ClassRecord> {
        self.classes
            .get(class)
            .ok_or(PassError::UnknownClass { class })
    }

    fn existing(&self, pass: PassId) -> PassResult<Pass> {
        self.passes.get(pass).ok_or(PassError::UnknownPass { pass })
    }

    fn expect_payment(expected: Balance, paid: Balance) -> PassResult<()> {
        if expected == paid {
            Ok(())
        } else {
            Err(PassError::WrongPayment { expected, paid })
        }
    }

    /// Books money received for `pass`: held (and refundable) before opening, forwarded after.
    fn take_proceeds(&mut self, pass: &mut Pass, amount: Balance) -> PassResult<Proceeds> {
        if self.facility.opened_at.is_some() {
            self.facility.forwarded = self
                .facility
                .forwarded
                .checked_add(amount)
                .ok_or(PassError::Overflow)?;
            return Ok(Proceeds::Forward(Payout {
                to: self.revenue_receiver,
                amount,
            }));
        }
        pass.refundable = pass
            .refundable
            .checked_add(amount)
            .ok_or(PassError::Overflow)?;
        self.facility.held = self
            .facility
            .held
            .checked_add(amount)
            .ok_or(PassError::Overflow)?;
        Ok(Proceeds::Held)
    }

    fn ensure_not_abandoned(&self, now: Timestamp) -> PassResult<()> {
        if self.is_abandoned(now) {
            Err(PassError::FacilityAbandoned {
                long_stop_at: self.facility.long_stop_at,
            })
        } else {
            Ok(())
        }
    }

    /// `buyer` buys a pass of `class`, paying `paid`.
    pub fn buy(
        &mut self,
        buyer: AccountId,
        class: ClassId,
        paid: Balance,
        now: Timestamp,
    ) -> PassResult<(Transfer, PassBought, Proceeds)> {
        let mut record = self.class_record(class)?;
        if !record.on_sale {
            return Err(PassError::NotOnSale { class });
        }
        self.ensure_not_abandoned(now)?;
        let t = record.terms;
        Self::expect_payment(t.price, paid)?;
        // A pass's validity starts when it can be used: once the facility is open, at the class's activation or
        // now; before the opening, from the opening (whenever that is: `valid_from` and `expires_at` are then 0).
        let (valid_from, expires_at, validity_from_opening) = if self.facility.opened_at.is_some() {
            let from = now.max(t.activation_at);
            let until = from.checked_add(t.validity_ms).ok_or(PassError::Overflow)?;
            (from, until, 0)
        } else {
            (0, 0, t.validity_ms)
        };
        let id = self.next_pass;
        let mut pass = Pass {
            class,
            buyer,
            credit: t.initial_credit,
            expires_at,
            validity_from_opening,
            points: 0,
            day: 0,
            used_today: 0,
            refundable: 0,
        };
        let proceeds = self.take_proceeds(&mut pass, paid)?;
        let minted = self.nft.mint(buyer, id).map_err(|_| PassError::Overflow)?;
        self.passes.insert(id, &pass);
        self.next_pass = id.checked_add(1).ok_or(PassError::Overflow)?;
        record.sold = record.sold.checked_add(1).ok_or(PassError::Overflow)?;
        self.classes.insert(class, &record);
        Ok((
            minted,
            PassBought {
                pass: id,
                class,
                buyer,
                paid,
                credit: t.initial_credit,
                valid_from,
                expires_at,
            },
            proceeds,
        ))
    }

    /// Anyone adds `units` of credit to `pass`, paying `paid` (a gift is fine: credit only helps the holder).
    pub fn top_up(
        &mut self,
        pass_id: PassId,
        units: u128,
        paid: Balance,
        now: Timestamp,
    ) -> PassResult<(ToppedUp, Proceeds)> {
        let mut pass = self.existing(pass_id)?;
        self.ensure_not_abandoned(now)?;
        if units == 0 {
            return Err(PassError::ZeroUnits);
        }
        let terms = self.class_record(pass.class)?.terms;
        let unit_price = terms
            .unit_price
            .ok_or(PassError::NotOffered { class: pass.class })?;
        let expected = unit_price.checked_mul(units).ok_or(PassError::Overflow)?;
        Self::expect_payment(expected, paid)?;
        pass.credit = pass.credit.checked_add(units).ok_or(PassError::Overflow)?;
        let proceeds = self.take_proceeds(&mut pass, paid)?;
        self.passes.insert(pass_id, &pass);
        Ok((
            ToppedUp {
                pass: pass_id,
                units,
                paid,
                credit: pass.credit,
            },
            proceeds,
        ))
    }

    /// Anyone extends `pass` by one validity period, from its expiry or from now if it already expired.
    pub fn renew(
        &mut self,
        pass_id: PassId,
        paid: Balance,
        now: Timestamp,
    ) -> PassResult<(Renewed, Proceeds)> {
        let mut pass = self.existing(pass_id)?;
        self.ensure_not_abandoned(now)?;
        let terms = self.class_record(pass.class)?.terms;
        let price = terms
            .renewal_price
            .ok_or(PassError::NotOffered { class: pass.class })?;
        Self::expect_payment(price, paid)?;
        self.count_validity_from_opening(&mut pass, terms.activation_at)?;
        if self.facility.opened_at.is_none() {
            // Bought before the opening: it runs from the opening too.
            pass.validity_from_opening = pass
                .validity_from_opening
                .checked_add(terms.validity_ms)
                .ok_or(PassError::Overflow)?;
        } else {
            pass.expires_at = pass
                .expires_at
                .max(now)
                .checked_add(terms.validity_ms)
                .ok_or(PassError::Overflow)?;
        }
        let proceeds = self.take_proceeds(&mut pass, paid)?;
        self.passes.insert(pass_id, &pass);
        Ok((
            Renewed {
                pass: pass_id,
                paid,
                expires_at: pass.expires_at,
            },
            proceeds,
        ))
    }

    // ---- use ----

    /// A registered meter deducts `units` from `pass` under a receipt id that this meter can never charge again
    /// (another meter's receipts are its own).
    pub fn consume(
        &mut self,
        meter: AccountId,
        pass_id: PassId,
        units: u128,
        receipt: Hash,
        now: Timestamp,
    ) -> PassResult<Consumed> {
        let mut pass = self.existing(pass_id)?;
        let accepted = self.meter_classes(meter);
        if accepted.checked_shr(pass.class).unwrap_or(0) & 1 == 0 {
            return Err(PassError::NotMeterForClass {
                meter,
                class: pass.class,
            });
        }
        if let Some(used) = self.receipts.get((meter, receipt)) {
            return Err(PassError::ReceiptAlreadyUsed {
                meter,
                receipt,
                pass: used.pass,
            });
        }
        if self.facility.opened_at.is_none() {
            return Err(PassError::FacilityNotOpen);
        }
        let terms = self.class_record(pass.class)?.terms;
        if now < terms.activation_at {
            return Err(PassError::NotActiveYet {
                activation_at: terms.activation_at,
            });
        }
        self.count_validity_from_opening(&mut pass, terms.activation_at)?;
        if now >= pass.expires_at {
            return Err(PassError::Expired {
                expired_at: pass.expires_at,
            });
        }
        if units == 0 {
            return Err(PassError::ZeroUnits);
        }
        if pass.credit < units {
            return Err(PassError::InsufficientCredit {
                credit: pass.credit,
                requested: units,
            });
        }
        let day = now.checked_div(DAY_MS).unwrap_or(0);
        let used_today = if pass.day == day { pass.used_today } else { 0 };
        let would_use = used_today.checked_add(units).ok_or(PassError::Overflow)?;
        if terms.daily_cap > 0 && would_use > terms.daily_cap {
            return Err(PassError::DailyCapReached {
                cap: terms.daily_cap,
                used_today,
                requested: units,
            });
        }
        let points = terms
            .points_per_unit
            .checked_mul(units)
            .ok_or(PassError::Overflow)?;
        pass.credit = pass.credit.checked_sub(units).ok_or(PassError::Overflow)?;
        pass.points = pass.points.checked_add(points).ok_or(PassError::Overflow)?;
        pass.day = day;
        pass.used_today = would_use;
        self.passes.insert(pass_id, &pass);
        self.receipts.insert(
            (meter, receipt),
            &Receipt {
                pass: pass_id,
                meter,
                units,
                at: now,
            },
        );
        Ok(Consumed {
            pass: pass_id,
            meter,
            receipt,
            units,
            credit_left: pass.credit,
            points_earned: points,
        })
    }

    /// The holder of `pass` takes back everything paid for it and the pass is burned, once the facility missed
    /// its long-stop date.
    pub fn refund(
        &mut self,
        caller: AccountId,
        pass_id: PassId,
        now: Timestamp,
    ) -> PassResult<(PassRefunded, Transfer, Payout)> {
        let pass = self.existing(pass_id)?;
        let holder = self
            .nft
            .owner_of(pass_id)
            .ok_or(PassError::UnknownPass { pass: pass_id })?;
        if holder != caller {
            return Err(PassError::NotHolder {
                caller,
                pass: pass_id,
            });
        }
        if !self.is_abandoned(now) {
            return Err(PassError::RefundNotAvailable {
                long_stop_at: self.facility.long_stop_at,
            });
        }
        let amount = pass.refundable;
        self.facility.held = self
            .facility
            .held
            .checked_sub(amount)
            .ok_or(PassError::Overflow)?;
        self.facility.refunded = self
            .facility
            .refunded
            .checked_add(amount)
            .ok_or(PassError::Overflow)?;
        self.passes.remove(pass_id);
        let burned = self
            .nft
            .burn(pass_id)
            .map_err(|_| PassError::UnknownPass { pass: pass_id })?;
        Ok((
            PassRefunded {
                pass: pass_id,
                holder,
                amount,
            },
            burned,
            Payout { to: holder, amount },
        ))
    }
}
