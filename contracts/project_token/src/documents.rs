//! The document register: prospectus, key information document, audit reports, each with a URI and a hash.
use ink::prelude::string::String;
use suite_traits::{Hash, Timestamp};

use crate::errors::TokenError;

/// Longest document name, in bytes.
pub const MAX_NAME_LEN: u32 = 64;
/// Longest document URI, in bytes.
pub const MAX_URI_LEN: u32 = 256;
/// Most documents in the register (the list of names is read whole).
pub const MAX_DOCUMENTS: u32 = 32;

/// A registered document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Document {
    /// Where to fetch it (for example `ipfs://...`).
    pub uri: String,
    /// Hash of its content, so a reader can check the copy they fetched.
    pub hash: Hash,
    /// When it was last set.
    pub updated_at: Timestamp,
}

/// Checks a document's name and URI lengths.
pub fn validate(name: &str, uri: &str) -> Result<(), TokenError> {
    if name.is_empty() || name.len() > MAX_NAME_LEN as usize {
        return Err(TokenError::DocumentFieldTooLong {
            field: String::from("name"),
            max: MAX_NAME_LEN,
        });
    }
    if uri.len() > MAX_URI_LEN as usize {
        return Err(TokenError::DocumentFieldTooLong {
            field: String::from("uri"),
            max: MAX_URI_LEN,
        });
    }
    Ok(())
}
