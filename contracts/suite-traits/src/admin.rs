//! The single admin of a contract and its two-step handover, shared by every contract of the suite: the admin
//! offers the role, the candidate accepts, so a typo can never leave a contract without an admin (and the
//! governor takes every role over the same way).
//!
//! [`Admin`] is the one surface of it: every administered contract implements its four messages over an
//! [`AdminRole`], so they have the same selectors everywhere (`Admin::transfer_admin`, ...) and the governor
//! accepts a role through `contract_ref!(Admin)`. A contract's own error wraps an [`AdminError`] in its
//! `Admin` variant, so "not the admin" reads the same from every contract.
use crate::AccountId;

/// Why an admin operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum AdminError {
    /// The caller is not the admin.
    NotAdmin { caller: AccountId },
    /// The caller was not offered the admin role.
    NotPendingAdmin { caller: AccountId },
}

/// The admin offered its role to `candidate`; nothing changes until the candidate accepts.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct AdminTransferStarted {
    #[ink(topic)]
    pub current: AccountId,
    #[ink(topic)]
    pub candidate: AccountId,
}

/// The admin role changed hands.
#[ink::event]
#[derive(Debug, PartialEq, Eq)]
pub struct AdminChanged {
    #[ink(topic)]
    pub previous: AccountId,
    #[ink(topic)]
    pub new_admin: AccountId,
}

/// The two-step admin handover of an administered contract. Implemented by every contract of the suite but the
/// governor (which has no admin: its parameters change only through its own proposals).
#[ink::trait_definition]
pub trait Admin {
    /// The admin.
    #[ink(message)]
    fn admin(&self) -> AccountId;

    /// The account offered the admin role, if any.
    #[ink(message)]
    fn pending_admin(&self) -> Option<AccountId>;

    /// Admin: offer the role to `candidate` (replacing any earlier offer); nothing changes until it accepts.
    #[ink(message)]
    fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError>;

    /// The offered account takes the role; the previous admin keeps nothing.
    #[ink(message)]
    fn accept_admin(&mut self) -> Result<(), AdminError>;
}

/// The admin and the account it offered the role to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct AdminRole {
    admin: AccountId,
    pending: Option<AccountId>,
}

impl AdminRole {
    /// `admin` holds the role; nobody is offered it.
    pub fn new(admin: AccountId) -> Self {
        AdminRole {
            admin,
            pending: None,
        }
    }

    /// The admin.
    pub fn admin(&self) -> AccountId {
        self.admin
    }

    /// The account offered the role.
    pub fn pending(&self) -> Option<AccountId> {
        self.pending
    }

    /// `Ok` if `caller` is the admin.
    pub fn ensure(&self, caller: AccountId) -> Result<(), AdminError> {
        if caller == self.admin {
            Ok(())
        } else {
            Err(AdminError::NotAdmin { caller })
        }
    }

    /// The admin offers the role to `candidate` (replacing any earlier offer).
    pub fn offer(
        &mut self,
        caller: AccountId,
        candidate: AccountId,
    ) -> Result<AdminTransferStarted, AdminError> {
        self.ensure(caller)?;
        self.pending = Some(candidate);
        Ok(AdminTransferStarted {
            current: caller,
            candidate,
        })
    }

    /// The offered account takes the role.
    pub fn accept(&mut self, caller: AccountId) -> Result<AdminChanged, AdminError> {
        if self.pending != Some(caller) {
            return Err(AdminError::NotPendingAdmin { caller });
        }
        let previous = self.admin;
        self.admin = caller;
        self.pending = None;
        Ok(AdminChanged {
            previous,
            new_admin: caller,
        })
    }
}

/// The body of [`Admin::transfer_admin`] in every contract's shell: the caller offers `role` to `candidate`, and
/// the offer is announced.
pub fn offer_as_caller(role: &mut AdminRole, candidate: AccountId) -> Result<(), AdminError> {
    let caller = ink::env::caller::<ink::env::DefaultEnvironment>();
    let offered = role.offer(caller, candidate)?;
    ink::env::emit_event::<ink::env::DefaultEnvironment, _>(offered);
    Ok(())
}

/// The body of [`Admin::accept_admin`] in every contract's shell: the caller takes `role` if it was offered it,
/// and the change is announced.
pub fn accept_as_caller(role: &mut AdminRole) -> Result<(), AdminError> {
    let caller = ink::env::caller::<ink::env::DefaultEnvironment>();
    let changed = role.accept(caller)?;
    ink::env::emit_event::<ink::env::DefaultEnvironment, _>(changed);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handover_is_two_step_and_total() {
        let (a, b, m) = (
            AccountId::from([1; 32]),
            AccountId::from([2; 32]),
            AccountId::from([3; 32]),
        );
        let mut role = AdminRole::new(a);
        assert_eq!(role.offer(m, m), Err(AdminError::NotAdmin { caller: m }));
        assert_eq!(
            role.accept(b),
            Err(AdminError::NotPendingAdmin { caller: b })
        );
        role.offer(a, b).unwrap();
        assert_eq!(
            role.admin(),
            a,
            "nothing changes before the candidate accepts"
        );
        assert_eq!(
            role.accept(m),
            Err(AdminError::NotPendingAdmin { caller: m })
        );
        let changed = role.accept(b).unwrap();
        assert_eq!((changed.previous, changed.new_admin), (a, b));
        assert_eq!((role.admin(), role.pending()), (b, None));
        assert_eq!(role.ensure(a), Err(AdminError::NotAdmin { caller: a }));
    }
}
