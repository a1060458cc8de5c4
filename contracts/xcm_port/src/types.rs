//! What a port is configured with.
use ink::primitives::AccountId;
use suite_traits::Timestamp;

/// How a port takes tokens out of circulation and puts them back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Mode {
    /// The home chain: a leg out moves the holder's tokens into the port (the port must be exempt on the token);
    /// a leg in releases them from the port. The port's balance backs every token abroad.
    Lock,
    /// The other chain: the port holds the mirror token's issuer role; a leg out burns the holder's tokens, a leg
    /// in mints them.
    Mint,
}

/// The port on the other chain this one trades with, fixed once set: leg ids are numbered by each side alone, so
/// a new peer would meet the old peer's decisions (a new peer means a new pair of ports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Peer {
    /// The peer's parachain id (a sibling of this chain).
    pub para: u32,
    /// The peer port's contract account on its chain.
    pub port: AccountId,
}

/// How this chain's pallet-contracts reads a contract's XCM message (the `message` of its `seal0::xcm_send`). The
/// two differ between pallet-contracts releases and a message in the wrong one is refused (`DecodingFailed`): the
/// deployer sets what the chain runs (`docs/cross-chain.md` says how to check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum SendEncoding {
    /// A length-prefixed byte blob holding the encoded `VersionedXcm` (pallet-contracts 31, drink 0.18's and the
    /// XCM test network's: it hands the blob to `pallet_xcm::send_blob`). ink! 5.1.1's own `xcm_send` cannot
    /// write this one.
    Blob,
    /// The encoded `VersionedXcm` itself (pallet-contracts 38, the local chain's; what ink! 5.1.1 writes).
    Versioned,
}

/// How the port reaches its peer: the peer chain's `Contracts::call` and the weights the message buys there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct XcmTerms {
    /// How much of the peer chain's native token the message withdraws from this port's account there to buy
    /// its execution (the unspent part is deposited back).
    pub fee: u128,
    /// The peer runtime's pallet index of pallet-contracts and the call index of its `call` (the peer chain's
    /// metadata says them; `docs/cross-chain.md` shows how to check before deploying).
    pub contracts_call: [u8; 2],
    /// The gas limit of the peer port's `receive` (ref_time, proof_size).
    pub gas_limit: (u64, u64),
    /// `Transact`'s `require_weight_at_most`: exactly the peer chain's dispatch weight of `Contracts::call` with
    /// this gas limit (its base plus the gas). Less and the peer refuses the call; more is charged and never
    /// refunded (the executor refunds only what the call leaves of its own dispatch weight).
    pub transact_weight: (u64, u64),
    /// How this chain's pallet-contracts reads the message.
    pub encoding: SendEncoding,
}

/// A port's configuration, fixed at deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct PortConfig {
    /// The project token (home) or its mirror (the other chain).
    pub token: AccountId,
    pub mode: Mode,
    /// This chain's own parachain id: where the peer chain sends each message's unspent fee back (to this port's
    /// account there). Fixed: a wrong one would send every refund to an account nobody holds.
    pub own_para: u32,
    /// How long (ms) a leg waits for its answer before its holder may ask to cancel it, and between two cancels.
    pub timeout: Timestamp,
    /// The smallest leg: every leg leaves a record on both chains for ever, paid by this chain's port and by its
    /// account on the peer chain, so dust legs are refused.
    pub min_amount: suite_traits::Balance,
    pub xcm: XcmTerms,
}
