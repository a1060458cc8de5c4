//! # XCM port
//!
//! Moves a project token's holdings between two parachains by XCM (issue #28, `docs/cross-chain.md`). One port
//! sits on each chain: on the home chain in [`Mode::Lock`] (exempt on the project token; a leg out locks the
//! holder's tokens in the port), on the other chain in [`Mode::Mint`] (the issuer of a mirror token, itself a
//! project token with its own registry and rules; a leg out burns). A leg's message is a `Transact` calling the
//! peer port's `receive`; the peer decides it once (credits after its token's own compliance check, or refuses
//! with the token's reason) and answers the same way; the answer settles the leg here once (a refusal gives the
//! tokens back). The legs' state machines are `suite_traits::cross_chain` (`Outbox`, `Inbox`).
//!
//! ## Roles
//! - **Holder** (anyone holding the token): `transfer_out` its own tokens (home: after approving the port), ask to
//!   cancel its own leg past the deadline, `claim_owed` what the token refused to give back.
//! - **Anyone**: `resend_answer` (this port's decision on a peer's leg, sent again: once per timeout per leg).
//! - **The peer port**, only through the account this chain derives for its location
//!   (`cross_chain::sibling_account`): `receive`. No other origin can credit anything.
//! - **Admin**: names the peer once (users must check it is the peer port: an account the admin controls there
//!   could then credit releases up to `backing`), sets the terms of the messages, pauses legs out, hands its role
//!   over (`Admin`). Once the peer is set it cannot credit, settle or cancel a leg, and cannot move anyone's
//!   tokens; bad terms can stall legs (they stay open, nothing is lost).
//!
//! ## Invariants
//! - Home: the port's token balance = the mirror's supply + the legs in flight either way + what is owed to
//!   holders on either side (the seeded run in `e2e-tests/tests/cross_chain_net.rs` checks it after every step).
//! - Home: the port never releases more than its legs out the peer credited, less what it released since
//!   (`backing`): a mirror whose supply grew by other means cannot draw on the home holders' tokens.
//! - A leg is decided at most once at its destination and settled at most once at its source; a replayed,
//!   duplicated or late message changes nothing and gets the first decision as its answer.
//! - A timeout never refunds by itself: the holder asks the destination to cancel, which cancels only an
//!   undecided leg; so a leg is never both credited there and given back here.
//! - A give-back the token refuses is owed to the holder, never dropped.
//! - A port's timeout is above zero and at most `data::MAX_TIMEOUT` (30 days), fixed at deployment: a holder whose
//!   leg was lost may ask for it back within that time, and no deployer can set it so long that one never can.
//! - Halts and pauses: a halted or paused token refuses to take tokens in, so no leg leaves; the port's own
//!   pause stops legs out only. Neither stops answers, so no leg is stranded by them.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod data;
pub mod errors;
pub mod events;
pub mod types;

pub use errors::{PortError, PortResult};
pub use types::{Mode, Peer, PortConfig, SendEncoding, XcmTerms};

/// The chain's `seal0::xcm_send`, called directly: ink! 5.1.1's `xcm_send` always writes the message as an encoded
/// `VersionedXcm`, which pallet-contracts 31 refuses (it reads a length-prefixed blob), so the port writes the bytes
/// the chain expects ([`SendEncoding`]) itself.
mod host {
    #[cfg(all(target_arch = "wasm32", not(feature = "std")))]
    #[link(wasm_import_module = "seal0")]
    extern "C" {
        /// Sends the message at `msg_ptr` (`msg_len` bytes) to the `VersionedLocation` at `dest_ptr`; writes the
        /// message's 32-byte hash at `output_ptr`; 0 on success.
        #[link_name = "xcm_send"]
        fn seal_xcm_send(
            dest_ptr: *const u8,
            msg_ptr: *const u8,
            msg_len: u32,
            output_ptr: *mut u8,
        ) -> u32;
    }

    /// Sends `message` (bytes as the chain reads them) to the encoded location `dest`; whether the chain took it.
    #[cfg(all(target_arch = "wasm32", not(feature = "std")))]
    pub fn xcm_send(dest: &[u8], message: &[u8]) -> bool {
        let Ok(len) = u32::try_from(message.len()) else {
            return false;
        };
        let mut hash = [0u8; 32];
        // SAFETY: the pointers are to live buffers of the lengths the host function reads and writes: `dest` is a
        // whole encoded location (the host decodes it in place), `message` is `len` bytes, `hash` is 32 bytes.
        let code =
            unsafe { seal_xcm_send(dest.as_ptr(), message.as_ptr(), len, hash.as_mut_ptr()) };
        code == 0
    }

    /// Off chain there is no network: nothing is sent.
    #[cfg(not(all(target_arch = "wasm32", not(feature = "std"))))]
    pub fn xcm_send(_dest: &[u8], _message: &[u8]) -> bool {
        false
    }
}

#[ink::contract]
mod xcm_port {
    use crate::data::{Host, PortData};
    use crate::errors::{PortError, PortResult};
    use crate::types::{Mode, Peer, PortConfig, XcmTerms};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::vec::Vec;
    use suite_traits::{
        cross_chain::{LegMessage, Outcome, Sending, TransferId},
        Admin, AdminError, CallAnswer, MintCheck, MintRefusal, PSP22Burnable, PSP22Mintable, PSP22,
    };

    /// The contract's connection to the chain: the token's cross-calls and the XCM send.
    struct Chain;

    impl Host for Chain {
        fn caller(&self) -> AccountId {
            ink::env::caller::<Environment>()
        }

        fn account_id(&self) -> AccountId {
            ink::env::account_id::<Environment>()
        }

        fn now(&self) -> Timestamp {
            ink::env::block_timestamp::<Environment>()
        }

        fn emit<E: ink::env::event::Event>(&self, event: E) {
            ink::env::emit_event::<Environment, E>(event)
        }

        fn take_in(
            &mut self,
            config: &PortConfig,
            holder: AccountId,
            amount: Balance,
        ) -> PortResult<()> {
            let answer = match config.mode {
                Mode::Lock => {
                    let mut token: ink::contract_ref!(PSP22) = config.token.into();
                    token
                        .call_mut()
                        .transfer_from(holder, self.account_id(), amount, Vec::new())
                        .try_invoke()
                }
                Mode::Mint => {
                    let mut token: ink::contract_ref!(PSP22Burnable) = config.token.into();
                    token.call_mut().burn(holder, amount).try_invoke()
                }
            };
            answer
                .answer_or(PortError::TokenUnavailable)?
                .map_err(PortError::Token)
        }

        fn check_credit(
            &self,
            config: &PortConfig,
            to: AccountId,
            amount: Balance,
        ) -> PortResult<Result<(), MintRefusal>> {
            let token: ink::contract_ref!(MintCheck) = config.token.into();
            let answer = match config.mode {
                Mode::Lock => token
                    .call()
                    .check_transfer(self.account_id(), to, amount)
                    .try_invoke(),
                Mode::Mint => token.call().check_mint(to, amount).try_invoke(),
            };
            answer.answer_or(PortError::TokenUnavailable)
        }

        fn credit(
            &mut self,
            config: &PortConfig,
            to: AccountId,
            amount: Balance,
        ) -> PortResult<()> {
            let answer = match config.mode {
                Mode::Lock => {
                    let mut token: ink::contract_ref!(PSP22) = config.token.into();
                    token
                        .call_mut()
                        .transfer(to, amount, Vec::new())
                        .try_invoke()
                }
                Mode::Mint => {
                    let mut token: ink::contract_ref!(PSP22Mintable) = config.token.into();
                    token.call_mut().mint(to, amount).try_invoke()
                }
            };
            answer
                .answer_or(PortError::TokenUnavailable)?
                .map_err(PortError::Token)
        }

        fn send(
            &mut self,
            config: &PortConfig,
            peer: &Peer,
            message: LegMessage,
        ) -> PortResult<()> {
            use ink::xcm::prelude::*;
            use scale::Encode;
            // The peer chain's `Contracts::call { dest, value, gas_limit, storage_deposit_limit, data }`, encoded
            // for its runtime: dest as `MultiAddress::Id`, value compact, the weight's two compact parts, no
            // deposit limit, and the input of the peer port's `receive`.
            let mut input = ink::selector_bytes!("receive").to_vec();
            message.encode_to(&mut input);
            let mut call = config.xcm.contracts_call.to_vec();
            0u8.encode_to(&mut call);
            peer.port.encode_to(&mut call);
            scale::Compact(0u128).encode_to(&mut call);
            scale::Compact(config.xcm.gas_limit.0).encode_to(&mut call);
            scale::Compact(config.xcm.gas_limit.1).encode_to(&mut call);
            None::<scale::Compact<u128>>.encode_to(&mut call);
            input.encode_to(&mut call);
            // Paid execution on the peer chain, from this port's account there (the account that chain derives
            // for this port's location, funded by the sponsor): withdraw the fee, buy execution, call the peer
            // port, and deposit what is left back to the same account.
            let fee: Asset = (Here, config.xcm.fee).into();
            let weight =
                Weight::from_parts(config.xcm.transact_weight.0, config.xcm.transact_weight.1);
            let this_port_there = Location::new(
                1,
                [
                    Parachain(config.own_para),
                    AccountId32 {
                        network: None,
                        id: *self.account_id().as_ref(),
                    },
                ],
            );
            let program: Xcm<()> = Xcm(ink::prelude::vec![
                WithdrawAsset(fee.clone().into()),
                BuyExecution {
                    fees: fee,
                    weight_limit: Unlimited,
                },
                Transact {
                    origin_kind: OriginKind::SovereignAccount,
                    require_weight_at_most: weight,
                    call: call.into(),
                },
                RefundSurplus,
                DepositAsset {
                    assets: AllCounted(1).into(),
                    beneficiary: this_port_there,
                },
            ]);
            let dest = VersionedLocation::V4(Location::new(1, [Parachain(peer.para)])).encode();
            let versioned = VersionedXcm::V4(program).encode();
            let message = match config.xcm.encoding {
                crate::SendEncoding::Versioned => versioned,
                crate::SendEncoding::Blob => versioned.encode(),
            };
            if crate::host::xcm_send(&dest, &message) {
                Ok(())
            } else {
                Err(PortError::XcmSendFailed)
            }
        }
    }

    #[ink(storage)]
    pub struct XcmPort {
        data: PortData,
    }

    impl XcmPort {
        /// A port for `config.token`, administered by the caller; the peer is named later, once
        /// (`set_peer`).
        #[ink(constructor)]
        pub fn new(config: PortConfig) -> PortResult<Self> {
            PortData::new(Self::env().caller(), config).map(|data| Self { data })
        }

        /// Admin: new terms for reaching the peer (after either chain's runtime upgrade).
        #[ink(message)]
        pub fn set_terms(&mut self, terms: XcmTerms) -> PortResult<()> {
            self.data.set_terms(&Chain, terms)
        }

        /// Home (`Lock`) only: what the port may still release for legs coming home (the sum of its legs out the
        /// peer credited, less what it released since).
        #[ink(message)]
        pub fn backing(&self) -> Balance {
            self.data.backing()
        }

        /// Admin: name the peer port on its parachain, once.
        #[ink(message)]
        pub fn set_peer(&mut self, peer: Peer) -> PortResult<()> {
            self.data.set_peer(&Chain, peer)
        }

        /// Admin: pause (or resume) legs out; answers and credits still run.
        #[ink(message)]
        pub fn set_paused(&mut self, paused: bool) -> PortResult<()> {
            self.data.set_paused(&Chain, paused)
        }

        /// The caller sends `amount` of its tokens to `to` on the peer chain (home: approve the port first).
        /// Returns the leg's id.
        #[ink(message)]
        pub fn transfer_out(&mut self, to: AccountId, amount: Balance) -> PortResult<TransferId> {
            self.data.transfer_out(&mut Chain, to, amount)
        }

        /// The holder of leg `id` asks the peer to cancel it, from its deadline (again after each timeout).
        #[ink(message)]
        pub fn request_cancel(&mut self, id: TransferId) -> PortResult<()> {
            self.data.request_cancel(&mut Chain, id)
        }

        /// Anyone: send this port's decision on the peer's leg `id` again (once per timeout per leg).
        #[ink(message)]
        pub fn resend_answer(&mut self, id: TransferId) -> PortResult<()> {
            self.data.resend_answer(&mut Chain, id)
        }

        /// The peer port's message (by XCM `Transact`, from the account this chain derives for it).
        #[ink(message)]
        pub fn receive(&mut self, message: LegMessage) -> PortResult<()> {
            self.data.receive(&mut Chain, message)
        }

        /// The caller takes back what the token refused to give back earlier.
        #[ink(message)]
        pub fn claim_owed(&mut self) -> PortResult<Balance> {
            self.data.claim_owed(&mut Chain)
        }

        #[ink(message)]
        pub fn config(&self) -> PortConfig {
            self.data.config()
        }

        #[ink(message)]
        pub fn peer(&self) -> Option<Peer> {
            self.data.peer()
        }

        /// The only account whose `receive` this port accepts.
        #[ink(message)]
        pub fn peer_account(&self) -> Option<AccountId> {
            self.data.peer_account()
        }

        #[ink(message)]
        pub fn paused(&self) -> bool {
            self.data.paused()
        }

        /// Leg `id` sent from here.
        #[ink(message)]
        pub fn sending(&self, id: TransferId) -> Option<Sending> {
            self.data.sending(id)
        }

        /// The decision on the peer's leg `id`.
        #[ink(message)]
        pub fn decided(&self, id: TransferId) -> Option<Outcome> {
            self.data.decided(id)
        }

        /// Tokens taken out here whose answer is awaited.
        #[ink(message)]
        pub fn in_flight(&self) -> Balance {
            self.data.in_flight()
        }

        /// What the token refused to give back to `holder`.
        #[ink(message)]
        pub fn owed(&self, holder: AccountId) -> Balance {
            self.data.owed(holder)
        }

        /// Everything owed to holders.
        #[ink(message)]
        pub fn owed_total(&self) -> Balance {
            self.data.owed_total()
        }
    }

    impl Admin for XcmPort {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.data.admin()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.data.pending_admin()
        }

        #[ink(message)]
        fn transfer_admin(&mut self, candidate: AccountId) -> Result<(), AdminError> {
            suite_traits::admin::offer_as_caller(self.data.admin_role(), candidate)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> Result<(), AdminError> {
            suite_traits::admin::accept_as_caller(self.data.admin_role())
        }
    }
}

pub use crate::xcm_port::{XcmPort, XcmPortRef};
