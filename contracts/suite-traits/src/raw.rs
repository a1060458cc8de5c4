//! Bytes that cross a call boundary as they are: arguments already SCALE-encoded by someone else (a proposer's
//! call, a constructor's input handed on), and an answer or an input kept undecoded.

use ink::prelude::vec::Vec;

/// Bytes written as they are, without a length prefix: arguments already SCALE-encoded.
pub struct Encoded<'a>(pub &'a [u8]);

impl scale::Encode for Encoded<'_> {
    fn size_hint(&self) -> usize {
        self.0.len()
    }

    fn encode_to<T: scale::Output + ?Sized>(&self, dest: &mut T) {
        dest.write(self.0)
    }
}

/// Whatever is left of an input, undecoded (a callee's answer, a call's own input).
pub struct Undecoded(pub Vec<u8>);

impl scale::Decode for Undecoded {
    fn decode<I: scale::Input>(input: &mut I) -> Result<Self, scale::Error> {
        let mut out = Vec::new();
        match input.remaining_len()? {
            Some(len) => {
                out.resize(len, 0);
                input.read(&mut out)?;
            }
            None => {
                while let Ok(byte) = input.read_byte() {
                    out.push(byte);
                }
            }
        }
        Ok(Undecoded(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scale::{Decode, Encode};

    #[test]
    fn bytes_pass_through_unchanged_both_ways() {
        let bytes = [7u8, 0, 255, 1];
        assert_eq!(Encoded(&bytes).encode(), bytes.to_vec());
        assert_eq!(Encoded(&[]).encode(), Vec::<u8>::new());
        let mut input = &bytes[1..];
        assert_eq!(
            Undecoded::decode(&mut input).unwrap().0,
            bytes[1..].to_vec()
        );
        assert!(input.is_empty());
        assert!(Undecoded::decode(&mut &[][..]).unwrap().0.is_empty());
    }
}
