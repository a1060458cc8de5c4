//! Cross-chain transfers (issue #28): what can be checked before the two-chain test network exists.
//!
//! The mirror token accepts a mint only from the account its chain derives for the home port's location, and the
//! port an answer only from the account its chain derives for the mirror: `suite_traits::cross_chain::
//! sibling_account` computes it inside the contracts. Here it is compared with the converter a parachain configures
//! for that (`HashedDescription<_, DescribeFamily<DescribeAllTerminal>>` of staging-xcm-builder 11), for para ids on
//! each side of the compact encoding's boundaries and for several accounts.
use xcm::v4::{Junction, Location};
use xcm_builder::{DescribeAllTerminal, DescribeFamily, HashedDescription};
use xcm_executor::traits::ConvertLocation;

#[test]
fn the_contracts_derive_a_siblings_account_as_the_chain_does() {
    type Converter = HashedDescription<[u8; 32], DescribeFamily<DescribeAllTerminal>>;
    for para in [0u32, 1, 63, 64, 1_000, 2_000, 16_383, 16_384, u32::MAX] {
        for account in [[0u8; 32], [5; 32], [0xab; 32]] {
            let location = Location::new(
                1,
                [
                    Junction::Parachain(para),
                    Junction::AccountId32 {
                        network: None,
                        id: account,
                    },
                ],
            );
            let chain =
                Converter::convert_location(&location).expect("a sibling's account converts");
            let ours = suite_traits::testing::fresh(|| {
                suite_traits::cross_chain::sibling_account(
                    para,
                    &ink::primitives::AccountId::from(account),
                )
            });
            assert_eq!(
                AsRef::<[u8; 32]>::as_ref(&ours),
                &chain,
                "para {para}, account {:02x}..",
                account[0]
            );
        }
    }
}
