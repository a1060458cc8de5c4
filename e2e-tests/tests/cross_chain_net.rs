//! Cross-chain legs on two parachains (issue #28): the suite's real Wasm on both, pallet-contracts sending by
//! pallet-xcm, each message executed at its destination by the XCM executor through the barrier, when the test
//! says (`infra_suite_e2e::xcm_net`). The home chain's port locks, the mirror's port mints; each side's own
//! registry and rules decide its credits.
use crate::xcm_net::{
    port_config, port_terms, Sent, TwoChains, XcmNet, AWAY_PARA, HOME_PARA, LEG_TIMEOUT_MS,
};
use infra_suite_e2e::calls::*;
use infra_suite_e2e::chain::{Outcome as CallOutcome, DAY_MS};
use infra_suite_e2e::suite::{actors::*, evidence, FRANCE};
use ink::primitives::AccountId;
use std::collections::BTreeMap;
use suite_traits::cross_chain::{LegError, LegMessage, Outcome, SendState, TransferId};
use suite_traits::{ClaimType, MintRefusal};
use xcm_port::PortError;

/// Both chains, wired; alice and carol verified at home, bob and carol on the mirror chain, dave nowhere;
/// alice holds 1 000 and carol 500 at home.
fn world() -> TwoChains {
    let mut w = TwoChains::deploy();
    for who in [alice(), carol()] {
        w.home.onboard(who, FRANCE, &[ClaimType::Kyc], 365);
    }
    for who in [bob(), carol()] {
        w.away.onboard(who, FRANCE, &[ClaimType::Kyc], 365);
    }
    assert!(w.home.mint(alice(), 1_000).value.is_ok());
    assert!(w.home.mint(carol(), 500).value.is_ok());
    w
}

/// `holder` sends `amount` from home to `to` on the mirror chain (approving the port first).
fn out_home(
    w: &mut TwoChains,
    holder: AccountId,
    to: AccountId,
    amount: u128,
) -> CallOutcome<Result<TransferId, PortError>> {
    let (token, port) = (w.home.token, w.home_port);
    // An approval refused (the token halted) leaves the transfer to refuse with the token's reason.
    let _ = w
        .home
        .send(at::<Token>(token).approve(port, amount), holder);
    w.home
        .send(at::<XcmPort>(port).transfer_out(to, amount), holder)
}

/// `holder` sends `amount` from the mirror chain to `to` at home.
fn out_away(
    w: &mut TwoChains,
    holder: AccountId,
    to: AccountId,
    amount: u128,
) -> CallOutcome<Result<TransferId, PortError>> {
    let port = w.away_port;
    w.away
        .send(at::<XcmPort>(port).transfer_out(to, amount), holder)
}

fn home_balance(w: &mut TwoChains, who: AccountId) -> u128 {
    w.home.balance(who)
}

/// What the home port holds: the tokens abroad, in flight or owed.
fn port_held(w: &mut TwoChains) -> u128 {
    let port = w.home_port;
    w.home.balance(port)
}

fn away_balance(w: &mut TwoChains, who: AccountId) -> u128 {
    w.away.balance(who)
}

fn home_leg(w: &mut TwoChains, id: TransferId) -> Option<suite_traits::cross_chain::Sending> {
    let port = w.home_port;
    w.home.send(at::<XcmPort>(port).sending(id), alice()).value
}

fn away_leg(w: &mut TwoChains, id: TransferId) -> Option<suite_traits::cross_chain::Sending> {
    let port = w.away_port;
    w.away.send(at::<XcmPort>(port).sending(id), bob()).value
}

fn decided_away(w: &mut TwoChains, id: TransferId) -> Option<Outcome> {
    let port = w.away_port;
    w.away.send(at::<XcmPort>(port).decided(id), bob()).value
}

fn decided_home(w: &mut TwoChains, id: TransferId) -> Option<Outcome> {
    let port = w.home_port;
    w.home.send(at::<XcmPort>(port).decided(id), alice()).value
}

fn supply_away(w: &mut TwoChains) -> u128 {
    w.away.supply()
}

/// The one message in flight, taken out of the network.
fn only_message(w: &mut TwoChains) -> Sent {
    let mut sent = w.take_all();
    assert_eq!(sent.len(), 1, "one message in flight: {sent:?}");
    sent.remove(0)
}

/// The leg message inside a port's XCM (its `Transact` calls the peer port's `receive`).
fn leg_of(message: &Sent) -> LegMessage {
    use scale::Decode;
    let versioned = xcm::VersionedXcm::<()>::decode(&mut &message.bytes[..]).expect("an XCM");
    let program: xcm::v4::Xcm<()> = versioned.try_into().expect("v4");
    for instruction in program.0 {
        if let xcm::v4::Instruction::Transact { call, .. } = instruction {
            let call = call.into_encoded();
            // pallet and call index, MultiAddress::Id + 32 bytes, compact value, two compact weights, no limit,
            // then the input: a compact length, the selector, the leg message.
            let mut rest = &call[2 + 33..];
            let _value = <scale::Compact<u128>>::decode(&mut rest).unwrap();
            let _ref_time = <scale::Compact<u64>>::decode(&mut rest).unwrap();
            let _proof = <scale::Compact<u64>>::decode(&mut rest).unwrap();
            let _limit = <Option<scale::Compact<u128>>>::decode(&mut rest).unwrap();
            let input = <Vec<u8>>::decode(&mut rest).unwrap();
            assert_eq!(input[..4], ink::selector_bytes!("receive"));
            return LegMessage::decode(&mut &input[4..]).expect("a leg message");
        }
    }
    panic!("no Transact in {message:?}")
}

#[test]
fn a_leg_out_locks_at_home_mints_on_the_mirror_and_settles_once() {
    let mut w = world();
    let sent = out_home(&mut w, alice(), bob(), 300);
    assert_eq!(sent.value, Ok(1));
    assert_eq!(
        (home_balance(&mut w, alice()), port_held(&mut w)),
        (700, 300)
    );
    let deliver = only_message(&mut w);
    assert_eq!((deliver.from, deliver.to), (HOME_PARA, AWAY_PARA));
    assert_eq!(
        leg_of(&deliver),
        LegMessage::Deliver {
            id: 1,
            to: bob(),
            amount: 300
        }
    );
    // In flight: locked at home, nothing minted yet, the holder's leg open.
    assert_eq!(supply_away(&mut w), 0);
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Pending)
    );
    let delivered = w.deliver(&deliver);
    assert!(
        matches!(delivered.outcome, xcm::v4::Outcome::Complete { .. }),
        "{delivered:?}"
    );
    assert_eq!(
        (away_balance(&mut w, bob()), supply_away(&mut w)),
        (300, 300)
    );
    assert_eq!(decided_away(&mut w, 1), Some(Outcome::Delivered));
    let ack = only_message(&mut w);
    assert_eq!(
        leg_of(&ack),
        LegMessage::Ack {
            id: 1,
            outcome: Outcome::Delivered
        }
    );
    w.deliver(&ack);
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    // Final: the port backs the mirror exactly; nothing more in flight.
    assert_eq!(port_held(&mut w), supply_away(&mut w));
    assert!(w.take_all().is_empty());
}

#[test]
fn a_recipient_the_mirror_refuses_is_answered_with_the_reason_and_the_holder_is_refunded() {
    let mut w = world();
    assert_eq!(out_home(&mut w, alice(), dave(), 200).value, Ok(1));
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let refused = Outcome::Refused(MintRefusal::NotRegistered);
    assert_eq!(decided_away(&mut w, 1), Some(refused));
    assert_eq!(supply_away(&mut w), 0);
    let ack = only_message(&mut w);
    assert_eq!(
        leg_of(&ack),
        LegMessage::Ack {
            id: 1,
            outcome: refused
        }
    );
    w.deliver(&ack);
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Returned)
    );
    assert_eq!(
        (home_balance(&mut w, alice()), port_held(&mut w)),
        (1_000, 0)
    );
}

#[test]
fn tokens_come_back_home_by_a_burn_on_the_mirror_and_a_release_from_the_port() {
    let mut w = world();
    out_home(&mut w, alice(), carol(), 400);
    w.settle_all();
    assert_eq!(away_balance(&mut w, carol()), 400);
    // Carol sends 150 home to alice: burned on the mirror at once, released by the port on arrival.
    assert_eq!(out_away(&mut w, carol(), alice(), 150).value, Ok(1));
    assert_eq!(
        (away_balance(&mut w, carol()), supply_away(&mut w)),
        (250, 250)
    );
    assert_eq!(port_held(&mut w), 400);
    w.settle_all();
    assert_eq!(decided_home(&mut w, 1), Some(Outcome::Delivered));
    assert_eq!(
        away_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    assert_eq!(
        (home_balance(&mut w, alice()), port_held(&mut w)),
        (750, 250)
    );
    assert_eq!(port_held(&mut w), supply_away(&mut w));
    // Home refuses dave: the mirror mints carol's tokens back.
    assert_eq!(out_away(&mut w, carol(), dave(), 50).value, Ok(2));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 2),
        Some(Outcome::Refused(MintRefusal::NotRegistered))
    );
    assert_eq!(
        (away_balance(&mut w, carol()), home_balance(&mut w, dave())),
        (250, 0)
    );
    assert_eq!(port_held(&mut w), supply_away(&mut w));
}

/// The home token's agent freezes (or thaws) `account` on the token.
fn agent_sets_frozen(w: &mut TwoChains, account: AccountId, frozen: bool) {
    let token = w.home.token;
    let set: Result<(), project_token::TokenError> = w
        .home
        .send(
            at::<Token>(token).set_account_frozen(account, frozen, evidence(9)),
            agent(),
        )
        .value;
    assert_eq!(set, Ok(()));
}

/// The home port is the sender of every release: a refusal on its own side (the agent froze the port on the home
/// token) is `Other`, not the recipient's `AccountFrozen`, and the mirror gives the holder's tokens back.
#[test]
fn a_refusal_on_the_home_ports_own_side_reads_other_not_the_recipients_reason() {
    let mut w = world();
    out_home(&mut w, alice(), carol(), 400);
    w.settle_all();
    let (token, port) = (w.home.token, w.home_port);
    agent_sets_frozen(&mut w, port, true);
    // Alice herself can receive: only the sender (the port) is frozen.
    let alice_can_receive: Result<(), project_token::TransferRestriction> = w
        .home
        .send(
            at::<Token>(token).can_transfer(carol(), alice(), 1),
            alice(),
        )
        .value;
    assert_eq!(alice_can_receive, Ok(()));
    assert_eq!(out_away(&mut w, carol(), alice(), 100).value, Ok(1));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 1),
        Some(Outcome::Refused(MintRefusal::Other))
    );
    assert_eq!(
        away_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Returned)
    );
    assert_eq!(
        (away_balance(&mut w, carol()), home_balance(&mut w, alice())),
        (400, 600)
    );
    assert_eq!(port_held(&mut w), supply_away(&mut w));
    // A refusal on the recipient's side keeps its words: the agent freezes alice, thaws the port.
    agent_sets_frozen(&mut w, alice(), true);
    agent_sets_frozen(&mut w, port, false);
    assert_eq!(out_away(&mut w, carol(), alice(), 100).value, Ok(2));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 2),
        Some(Outcome::Refused(MintRefusal::AccountFrozen))
    );
    assert_eq!(away_balance(&mut w, carol()), 400);
    // The port is the sender of a give-back at home too: carol's leg out is refused on the mirror (dave is not
    // verified there) while the agent froze the port; the give-back is owed, and claiming it while the port is
    // frozen is refused with `Other`.
    assert_eq!(out_home(&mut w, carol(), dave(), 50).value, Ok(2));
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let refused_ack = only_message(&mut w);
    agent_sets_frozen(&mut w, port, true);
    w.deliver(&refused_ack);
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).owed(carol()), carol())
            .value,
        50
    );
    assert_eq!(
        w.home.send(at::<XcmPort>(port).claim_owed(), carol()).value,
        Err(PortError::StillRefused {
            reason: MintRefusal::Other
        })
    );
}

#[test]
fn a_replayed_or_duplicated_message_credits_nothing_twice() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 300);
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let ack = only_message(&mut w);
    // The same delivery again (a duplicate, a replay later): the same answer, no second mint.
    for _ in 0..2 {
        w.deliver(&deliver);
        assert_eq!(leg_of(&only_message(&mut w)), leg_of(&ack));
        assert_eq!(
            (away_balance(&mut w, bob()), supply_away(&mut w)),
            (300, 300)
        );
    }
    w.deliver(&ack);
    // The answer twice: the port refuses to settle again (the call reverts; the XCM itself completes, as a
    // `Transact` whose call fails does) and nothing moves.
    let again = w.deliver(&ack);
    assert!(matches!(again.outcome, xcm::v4::Outcome::Complete { .. }));
    assert!(
        again.topics.is_empty() && again.calls == 0,
        "a refused second answer reverts and announces nothing"
    );
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    assert_eq!(
        (home_balance(&mut w, alice()), port_held(&mut w)),
        (700, 300)
    );
    // Neither a leg nor a Cancel can make the port pay it back now.
    let port = w.home_port;
    let late = w.home.send(at::<XcmPort>(port).request_cancel(1), alice());
    assert!(matches!(
        late.value,
        Err(PortError::Leg(LegError::AlreadySettled { .. }))
    ));
}

#[test]
fn no_other_origin_can_make_a_port_credit() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 300);
    w.settle_all();
    let (home_port, away_port) = (w.home_port, w.away_port);
    let expected_home = XcmNet::sibling_account_on(&mut w.home.chain, AWAY_PARA, away_port);
    // 1. Mallory calls the home port directly: refused, with the one account it would hear.
    let forged = LegMessage::Deliver {
        id: 77,
        to: mallory(),
        amount: 300,
    };
    let direct = w
        .home
        .send(at::<XcmPort>(home_port).receive(forged), mallory());
    assert_eq!(
        direct.value,
        Err(PortError::NotPeer {
            caller: mallory(),
            expected: expected_home
        })
    );
    // 2. The peer port's own address on the home chain (not the derived account): refused.
    let direct = w
        .home
        .send(at::<XcmPort>(home_port).receive(forged), away_port);
    assert!(matches!(direct.value, Err(PortError::NotPeer { .. })));
    // 3. Mallory on the mirror chain sends a well-formed, paid XCM calling the home port's `receive`: it executes
    //    at home as the account derived for her, and the port refuses it.
    let mallory_there = XcmNet::sibling_account_on(&mut w.home.chain, AWAY_PARA, mallory());
    XcmNet::fund(&mut w.home.chain, mallory_there);
    let terms = port_terms();
    let program = forged_program(&terms, home_port, forged, mallory());
    XcmNet::send_as(&mut w.away.chain, mallory(), HOME_PARA, program).expect("pallet-xcm sends it");
    let message = only_message(&mut w);
    let executed = w.deliver(&message);
    assert!(
        matches!(executed.outcome, xcm::v4::Outcome::Complete { .. }),
        "{executed:?}"
    );
    assert!(
        executed.topics.is_empty() && executed.calls == 0,
        "the port's receive reverted: {executed:?}"
    );
    assert_eq!(
        (
            home_balance(&mut w, mallory()),
            home_balance(&mut w, home_port)
        ),
        (0, 300)
    );
    assert_eq!(decided_home(&mut w, 77), None);
    // 4. A forged answer from anyone but the mirror: the leg stays delivered, nothing given back.
    let forged_ack = LegMessage::Ack {
        id: 1,
        outcome: Outcome::Cancelled,
    };
    let direct = w
        .home
        .send(at::<XcmPort>(home_port).receive(forged_ack), alice());
    assert!(matches!(direct.value, Err(PortError::NotPeer { .. })));
    assert_eq!(home_balance(&mut w, alice()), 700);
    // 5. And on the mirror: nobody but the home port's derived account mints.
    let direct = w.away.send(
        at::<XcmPort>(away_port).receive(LegMessage::Deliver {
            id: 99,
            to: bob(),
            amount: 1,
        }),
        bob(),
    );
    assert!(matches!(direct.value, Err(PortError::NotPeer { .. })));
    assert_eq!(supply_away(&mut w), 300);
}

/// The XCM a port sends, built here for an attacker's `Transact` into `port`'s `receive`.
fn forged_program(
    terms: &xcm_port::XcmTerms,
    port: AccountId,
    message: LegMessage,
    refund_to: AccountId,
) -> xcm::v4::Xcm<()> {
    use scale::Encode;
    use xcm::v4::prelude::*;
    let mut input = ink::selector_bytes!("receive").to_vec();
    message.encode_to(&mut input);
    let mut call = terms.contracts_call.to_vec();
    0u8.encode_to(&mut call);
    port.encode_to(&mut call);
    scale::Compact(0u128).encode_to(&mut call);
    scale::Compact(terms.gas_limit.0).encode_to(&mut call);
    scale::Compact(terms.gas_limit.1).encode_to(&mut call);
    None::<scale::Compact<u128>>.encode_to(&mut call);
    input.encode_to(&mut call);
    let fee: Asset = (Here, terms.fee).into();
    Xcm(vec![
        WithdrawAsset(fee.clone().into()),
        BuyExecution {
            fees: fee,
            weight_limit: Unlimited,
        },
        Transact {
            origin_kind: OriginKind::SovereignAccount,
            require_weight_at_most: Weight::from_parts(
                terms.transact_weight.0,
                terms.transact_weight.1,
            ),
            call: call.into(),
        },
        RefundSurplus,
        DepositAsset {
            assets: AllCounted(1).into(),
            beneficiary: Location::new(
                1,
                [
                    Parachain(AWAY_PARA),
                    AccountId32 {
                        network: None,
                        id: *refund_to.as_ref(),
                    },
                ],
            ),
        },
    ])
}

#[test]
fn a_lost_leg_is_refunded_only_through_the_mirrors_cancel_and_a_late_delivery_credits_nothing() {
    let mut w = world();
    let start = w.home.chain.now();
    out_home(&mut w, alice(), bob(), 300);
    let lost = only_message(&mut w); // never delivered (yet)
    let port = w.home_port;
    // Before the deadline the holder cannot even ask; after it, anyone but the holder cannot.
    let early = w.home.send(at::<XcmPort>(port).request_cancel(1), alice());
    assert!(matches!(
        early.value,
        Err(PortError::Leg(LegError::TooEarlyToCancel { .. }))
    ));
    w.home.chain.advance_time(LEG_TIMEOUT_MS);
    assert_eq!(w.home.chain.now(), start + LEG_TIMEOUT_MS);
    let stranger = w.home.send(at::<XcmPort>(port).request_cancel(1), carol());
    assert!(matches!(
        stranger.value,
        Err(PortError::Leg(LegError::NotHolder { .. }))
    ));
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).request_cancel(1), alice())
            .value,
        Ok(())
    );
    // Asking is not a refund: the tokens stay in the port until the mirror answers.
    assert_eq!(home_balance(&mut w, alice()), 700);
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::CancelRequested)
    );
    let cancel = only_message(&mut w);
    assert_eq!(leg_of(&cancel), LegMessage::Cancel { id: 1 });
    w.deliver(&cancel);
    assert_eq!(decided_away(&mut w, 1), Some(Outcome::Cancelled));
    let ack = only_message(&mut w);
    w.deliver(&ack);
    assert_eq!(
        (home_balance(&mut w, alice()), home_balance(&mut w, port)),
        (1_000, 0)
    );
    // The lost delivery arrives at last: the mirror answers with its decision, mints nothing, and the home port
    // refuses a second settlement.
    w.deliver(&lost);
    assert_eq!((away_balance(&mut w, bob()), supply_away(&mut w)), (0, 0));
    let late_ack = only_message(&mut w);
    assert_eq!(
        leg_of(&late_ack),
        LegMessage::Ack {
            id: 1,
            outcome: Outcome::Cancelled
        }
    );
    w.deliver(&late_ack);
    assert_eq!(home_balance(&mut w, alice()), 1_000);
}

#[test]
fn a_cancel_that_arrives_after_the_delivery_gets_the_delivery_and_refunds_nothing() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 300);
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let delivered_ack = only_message(&mut w); // the answer is slow
    w.home.chain.advance_time(LEG_TIMEOUT_MS);
    let port = w.home_port;
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).request_cancel(1), alice())
            .value,
        Ok(())
    );
    let cancel = only_message(&mut w);
    w.deliver(&cancel);
    let answer = only_message(&mut w);
    assert_eq!(
        leg_of(&answer),
        LegMessage::Ack {
            id: 1,
            outcome: Outcome::Delivered
        }
    );
    w.deliver(&answer);
    w.deliver(&delivered_ack);
    assert_eq!(
        (home_balance(&mut w, alice()), away_balance(&mut w, bob())),
        (700, 300)
    );
    assert_eq!(home_balance(&mut w, port), supply_away(&mut w));
}

#[test]
fn a_halted_or_paused_home_sends_nothing_out_and_still_settles_what_is_in_flight() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 100);
    let in_flight = w.take_all();
    let token = w.home.token;
    assert_eq!(
        w.home
            .send(at::<Token>(token).halt(3, evidence(3)), guardian())
            .value,
        Ok(())
    );
    let refused = out_home(&mut w, alice(), bob(), 100);
    assert!(
        matches!(refused.value, Err(PortError::Token(_))),
        "{:?}",
        refused.value
    );
    assert!(refused.reverted && w.take_all().is_empty());
    // The leg sent before the halt still completes: its answer needs no transfer at home.
    for m in &in_flight {
        w.deliver(m);
    }
    w.settle_all();
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    // Coming home while halted: refused with the halt, and the mirror mints the holder's tokens back.
    assert_eq!(out_away(&mut w, bob(), alice(), 30).value, Ok(1));
    assert_eq!(away_balance(&mut w, bob()), 70);
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 1),
        Some(Outcome::Refused(MintRefusal::Halted { reason: 3 }))
    );
    assert_eq!(
        (away_balance(&mut w, bob()), home_balance(&mut w, alice())),
        (100, 900)
    );
    assert_eq!(
        w.home.send(at::<Token>(token).resume(), guardian()).value,
        Ok(())
    );
    // The port's own pause: the admin's, for legs out only.
    let port = w.home_port;
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).set_paused(true), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        out_home(&mut w, alice(), bob(), 100).value,
        Err(PortError::Paused)
    );
    let not_admin = w
        .home
        .send(at::<XcmPort>(port).set_paused(false), mallory());
    assert!(matches!(not_admin.value, Err(PortError::Admin(_))));
    // Coming home is not stopped by the home port's pause.
    assert_eq!(out_away(&mut w, bob(), alice(), 40).value, Ok(2));
    w.settle_all();
    assert_eq!(home_balance(&mut w, alice()), 940);
}

#[test]
fn a_give_back_the_token_refuses_is_owed_and_claimed_later() {
    let mut w = world();
    out_home(&mut w, alice(), dave(), 200);
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let refused_ack = only_message(&mut w);
    // Meanwhile the regulator froze alice's identity at home: the give-back is refused, so it is owed.
    let alice_id = 1;
    let registry = w.home.registry;
    let froze = w.home.send(
        at::<Registry>(registry).freeze_identity(alice_id, evidence(1)),
        regulator(),
    );
    assert!(froze.value.is_ok(), "{:?}", froze.value);
    w.deliver(&refused_ack);
    let port = w.home_port;
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Returned)
    );
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).owed(alice()), alice())
            .value,
        200
    );
    assert_eq!(
        (home_balance(&mut w, alice()), home_balance(&mut w, port)),
        (800, 200)
    );
    let still = w.home.send(at::<XcmPort>(port).claim_owed(), alice());
    assert!(
        matches!(still.value, Err(PortError::StillRefused { .. })),
        "{:?}",
        still.value
    );
    let unfroze = w.home.send(
        at::<Registry>(registry).unfreeze_identity(alice_id),
        regulator(),
    );
    assert!(unfroze.value.is_ok());
    assert_eq!(
        w.home.send(at::<XcmPort>(port).claim_owed(), alice()).value,
        Ok(200)
    );
    assert_eq!(
        (home_balance(&mut w, alice()), home_balance(&mut w, port)),
        (1_000, 0)
    );
    let twice = w.home.send(at::<XcmPort>(port).claim_owed(), alice());
    assert_eq!(
        twice.value,
        Err(PortError::NothingOwed { account: alice() })
    );
}

/// A seeded run of random actions on both chains (legs out either way to verified and unverified recipients,
/// deliveries in any order, duplicates, losses, time, cancels, freezes in flight, a halt at home); after every
/// action the port backs the mirror plus everything in flight or owed, and no leg is both credited and given
/// back. At the end every leg is settled and the port backs the mirror exactly.
#[test]
fn randomised_legs_keep_the_port_backing_the_mirror_after_every_step() {
    let mut w = world();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    let mut flight: Vec<Sent> = Vec::new();
    let mut open_home: BTreeMap<TransferId, u128> = BTreeMap::new();
    let mut open_away: BTreeMap<TransferId, u128> = BTreeMap::new();
    let home_holders = [alice(), carol()];
    let away_holders = [bob(), carol()];
    let recipients_away = [bob(), carol(), dave()];
    let recipients_home = [alice(), carol(), dave()];
    let (mut halted, mut carol_frozen_home, mut carol_frozen_away) = (false, false, false);
    let actions = 220;
    let (mut legs_home, mut legs_away, mut duplicates, mut lost) = (0u64, 0u64, 0, 0);
    for step in 0..actions {
        match next(10) {
            0 | 1 => {
                let holder = home_holders[next(2) as usize];
                let to = recipients_away[next(3) as usize];
                let amount = 1 + next(120) as u128;
                if let Ok(id) = out_home(&mut w, holder, to, amount).value {
                    legs_home += 1;
                    open_home.insert(id, amount);
                }
            }
            2 => {
                let holder = away_holders[next(2) as usize];
                let to = recipients_home[next(3) as usize];
                let amount = 1 + next(80) as u128;
                if let Ok(id) = out_away(&mut w, holder, to, amount).value {
                    legs_away += 1;
                    open_away.insert(id, amount);
                }
            }
            3..=5 if !flight.is_empty() => {
                let i = next(flight.len() as u64) as usize;
                // One time in four the message is duplicated: delivered now and kept in flight.
                let message = if next(4) == 0 {
                    duplicates += 1;
                    flight[i].clone()
                } else {
                    flight.swap_remove(i)
                };
                let d = w.deliver(&message);
                assert!(
                    matches!(d.outcome, xcm::v4::Outcome::Complete { .. }),
                    "step {step}: {d:?}"
                );
            }
            6 if !flight.is_empty() => {
                let i = next(flight.len() as u64) as usize;
                flight.swap_remove(i); // lost
                lost += 1;
            }
            7 => {
                let ms = next(2 * DAY_MS);
                w.home.chain.advance_time(ms);
                w.away.chain.advance_time(ms);
            }
            8 => {
                if next(2) == 0 {
                    if let Some((&id, _)) = open_home
                        .iter()
                        .nth(next(open_home.len().max(1) as u64) as usize)
                    {
                        let holder = home_leg(&mut w, id).expect("open").holder;
                        let port = w.home_port;
                        let _ = w.home.send(at::<XcmPort>(port).request_cancel(id), holder);
                    }
                } else if let Some((&id, _)) = open_away
                    .iter()
                    .nth(next(open_away.len().max(1) as u64) as usize)
                {
                    let holder = away_leg(&mut w, id).expect("open").holder;
                    let port = w.away_port;
                    let _ = w.away.send(at::<XcmPort>(port).request_cancel(id), holder);
                }
            }
            _ => match next(3) {
                0 => {
                    let token = w.home.token;
                    let call = if halted {
                        w.home.send(at::<Token>(token).resume(), guardian()).value
                    } else {
                        w.home
                            .send(at::<Token>(token).halt(1, evidence(1)), guardian())
                            .value
                    };
                    assert_eq!(call, Ok(()));
                    halted = !halted;
                }
                1 => {
                    toggle_freeze(&mut w.home, 2, &mut carol_frozen_home);
                }
                _ => {
                    toggle_freeze(&mut w.away, 2, &mut carol_frozen_away);
                }
            },
        }
        flight.extend(w.take_all());
        check_backing(&mut w, &mut open_home, &mut open_away, step);
    }
    // Drain: lift every freeze and the halt, deliver everything, cancel what is left past its deadline.
    if halted {
        let token = w.home.token;
        assert_eq!(
            w.home.send(at::<Token>(token).resume(), guardian()).value,
            Ok(())
        );
    }
    if carol_frozen_home {
        toggle_freeze(&mut w.home, 2, &mut carol_frozen_home);
    }
    if carol_frozen_away {
        toggle_freeze(&mut w.away, 2, &mut carol_frozen_away);
    }
    for round in 0..4 {
        for m in std::mem::take(&mut flight) {
            w.deliver(&m);
        }
        w.drain();
        check_backing(&mut w, &mut open_home, &mut open_away, actions + round);
        w.home.chain.advance_time(2 * LEG_TIMEOUT_MS);
        w.away.chain.advance_time(2 * LEG_TIMEOUT_MS);
        for (&id, _) in open_home.clone().iter() {
            let holder = home_leg(&mut w, id).expect("open").holder;
            let port = w.home_port;
            assert_eq!(
                w.home
                    .send(at::<XcmPort>(port).request_cancel(id), holder)
                    .value,
                Ok(())
            );
        }
        for (&id, _) in open_away.clone().iter() {
            let holder = away_leg(&mut w, id).expect("open").holder;
            let port = w.away_port;
            assert_eq!(
                w.away
                    .send(at::<XcmPort>(port).request_cancel(id), holder)
                    .value,
                Ok(())
            );
        }
        w.drain();
        check_backing(&mut w, &mut open_home, &mut open_away, actions + round);
    }
    assert!(
        open_home.is_empty() && open_away.is_empty(),
        "every leg answered"
    );
    let (home_port, away_port) = (w.home_port, w.away_port);
    let owed = w
        .home
        .send(at::<XcmPort>(home_port).owed_total(), alice())
        .value
        + w.away
            .send(at::<XcmPort>(away_port).owed_total(), bob())
            .value;
    assert_eq!(home_balance(&mut w, home_port), supply_away(&mut w) + owed);
    assert_eq!(
        w.home.supply(),
        1_500,
        "the home supply never changes: legs lock and release"
    );
    // What the home port may release is exactly what the mirror's holders hold, plus what the mirror owes.
    let backing = w
        .home
        .send(at::<XcmPort>(home_port).backing(), alice())
        .value;
    let owed_away = w
        .away
        .send(at::<XcmPort>(away_port).owed_total(), bob())
        .value;
    assert_eq!(backing, supply_away(&mut w) + owed_away);
    // The run reached what it claims to test: legs both ways, every kind of decision, duplicates and losses.
    let mut decisions = BTreeMap::new();
    for id in 1..=legs_home {
        *decisions
            .entry(format!("{:?}", decided_away(&mut w, id)))
            .or_insert(0) += 1;
    }
    for id in 1..=legs_away {
        *decisions
            .entry(format!("{:?}", decided_home(&mut w, id)))
            .or_insert(0) += 1;
    }
    eprintln!(
        "{legs_home} legs out, {legs_away} back, {duplicates} duplicates, {lost} lost: {decisions:?}"
    );
    assert!(legs_home >= 20 && legs_away >= 5 && duplicates >= 3 && lost >= 3);
    let seen = |kind: &str| decisions.keys().any(|k| k.starts_with(kind));
    assert!(seen("Some(Delivered") && seen("Some(Refused") && seen("Some(Cancelled"));
    assert!(!seen("None"), "every leg decided at its destination");
}

/// The regulator freezes (or unfreezes) identity `id` on `suite`'s registry.
fn toggle_freeze(suite: &mut infra_suite_e2e::suite::Suite, id: u64, frozen: &mut bool) {
    let registry = suite.registry;
    let done = if *frozen {
        suite
            .send(at::<Registry>(registry).unfreeze_identity(id), regulator())
            .value
    } else {
        suite
            .send(
                at::<Registry>(registry).freeze_identity(id, evidence(2)),
                regulator(),
            )
            .value
    };
    assert!(done.is_ok(), "{done:?}");
    *frozen = !*frozen;
}

/// The port's balance = the mirror's supply + every leg in flight (taken out on one side, neither credited nor
/// given back yet) + what is owed on either side; drops settled legs from the open sets, checking that none was
/// both credited at its destination and given back at its source.
fn check_backing(
    w: &mut TwoChains,
    open_home: &mut BTreeMap<TransferId, u128>,
    open_away: &mut BTreeMap<TransferId, u128>,
    step: usize,
) {
    let mut in_flight = 0u128;
    for from_home in [true, false] {
        let open = if from_home {
            &mut *open_home
        } else {
            &mut *open_away
        };
        for (id, amount) in open.clone() {
            let (leg, there) = if from_home {
                (home_leg(w, id), decided_away(w, id))
            } else {
                (away_leg(w, id), decided_home(w, id))
            };
            let leg = leg.expect("a leg its port sent");
            if leg.state.is_open() {
                if there != Some(Outcome::Delivered) {
                    in_flight += amount;
                }
            } else {
                let credited = there == Some(Outcome::Delivered);
                assert_eq!(
                    leg.state == SendState::Delivered,
                    credited,
                    "step {step}: leg {id} from {}",
                    if from_home { "home" } else { "the mirror" }
                );
                open.remove(&id);
            }
        }
    }
    let (home_port, away_port) = (w.home_port, w.away_port);
    let owed = w
        .home
        .send(at::<XcmPort>(home_port).owed_total(), alice())
        .value
        + w.away
            .send(at::<XcmPort>(away_port).owed_total(), bob())
            .value;
    let port = home_balance(w, home_port);
    let mirror = supply_away(w);
    assert_eq!(
        port,
        mirror + in_flight + owed,
        "step {step}: port {port} = mirror {mirror} + in flight {in_flight} + owed {owed}"
    );
}

/// Dividends count the home side only: the port, which holds everything abroad, is excluded, so the payout goes
/// whole to the holders at home, by what they hold there; the tokens abroad earn nothing until they come back.
#[test]
fn tokens_abroad_earn_no_dividend_at_home_and_the_payout_goes_whole_to_holders_at_home() {
    use infra_suite_e2e::finance::distributor_config;
    let mut w = world();
    out_home(&mut w, alice(), bob(), 400);
    w.settle_all();
    let distributor = w.home.deploy_distributor(distributor_config());
    let port = w.home_port;
    let excluded = w.home.send(
        at::<Distributor>(distributor).set_excluded(port, true),
        admin(),
    );
    assert_eq!(excluded.value, Ok(()));
    w.home.chain.next_blocks(1);
    let deposited = w.home.send(
        at::<Distributor>(distributor)
            .deposit_native(String::from("tolls"), String::from("2027-03"))
            .transferred_value(110_000),
        admin(),
    );
    assert!(deposited.value.is_ok(), "{:?}", deposited.value);
    w.home.chain.next_blocks(1);
    // 80 % of 110 000 to holders; eligible supply 1 500 - 400 abroad = 1 100: alice 600, carol 500.
    for (holder, share) in [(alice(), 48_000u128), (carol(), 40_000)] {
        let before = w.home.chain.native_balance(holder);
        let claimed = w
            .home
            .send(at::<Distributor>(distributor).claim(holder), mallory());
        assert_eq!(claimed.value, Ok(()));
        assert_eq!(w.home.chain.native_balance(holder) - before, share);
    }
    let before = w.home.chain.native_balance(port);
    let _ = w
        .home
        .send(at::<Distributor>(distributor).claim(port), mallory());
    assert_eq!(
        w.home.chain.native_balance(port),
        before,
        "the port is paid nothing"
    );
}

/// The weight of each leg of a cross-chain transfer: the call that sends it and each message's execution at its
/// destination (as the XCM executor charges it: after the `Transact`'s refund of the call's unused gas), and the
/// fee a delivery takes from the sending port's account on the other chain. Each step's outcome is asserted; the
/// table is written where `INFRA_SUITE_LEG_WEIGHTS` says (`./bench.sh` puts it in `docs/benchmarks.md`).
#[test]
#[ignore = "a measurement: ./bench.sh runs it"]
fn the_weight_of_each_leg() {
    use infra_suite_e2e::report::group;
    let mut w = world();
    let mut table = String::from(
        "| cross-chain leg (two-parachain XCM network) | ref_time (ps) | proof_size (bytes) |\n|---|---:|---:|\n",
    );
    let mut row = |what: &str, c: infra_suite_e2e::chain::Cost| {
        table.push_str(&format!(
            "| {what} | {} | {} |\n",
            group(c.ref_time),
            group(c.proof_size)
        ));
    };
    // A first leg warms both ports' storage up, as on a chain in use.
    assert!(out_home(&mut w, alice(), bob(), 10).value.is_ok());
    w.settle_all();
    let home_there = XcmNet::sibling_account_on(&mut w.away.chain, HOME_PARA, w.home_port);
    let funds_before = XcmNet::native(&mut w.away.chain, home_there);
    let send = out_home(&mut w, alice(), bob(), 100);
    assert!(send.value.is_ok());
    row(
        "home port `transfer_out` (takes the holder's tokens into the port, sends the delivery)",
        send.cost,
    );
    let deliver = only_message(&mut w);
    let minted = w.deliver(&deliver);
    assert_eq!(away_balance(&mut w, bob()), 110);
    row("mirror chain executes the delivery (the mirror token's compliance check, the mint, the answer sent)", minted.weight());
    let fee = funds_before - XcmNet::native(&mut w.away.chain, home_there);
    let ack = only_message(&mut w);
    row(
        "home chain executes the answer (the leg settled)",
        w.deliver(&ack).weight(),
    );
    assert_eq!(
        home_leg(&mut w, 2).map(|l| l.state),
        Some(SendState::Delivered)
    );
    assert!(out_home(&mut w, alice(), dave(), 100).value.is_ok());
    let deliver = only_message(&mut w);
    row(
        "mirror chain executes a delivery it refuses (the reason sent back)",
        w.deliver(&deliver).weight(),
    );
    let ack = only_message(&mut w);
    row(
        "home chain executes a refusal (the leg settled, the tokens given back)",
        w.deliver(&ack).weight(),
    );
    assert_eq!(
        home_leg(&mut w, 3).map(|l| l.state),
        Some(SendState::Returned)
    );
    let back = out_away(&mut w, bob(), alice(), 50);
    assert!(back.value.is_ok());
    row(
        "mirror port `transfer_out` (burns the holder's tokens, sends the delivery)",
        back.cost,
    );
    let deliver = only_message(&mut w);
    row(
        "home chain executes the delivery (the home token's compliance check, the release from the port, the answer sent)",
        w.deliver(&deliver).weight(),
    );
    let ack = only_message(&mut w);
    row(
        "mirror chain executes the answer (the leg settled)",
        w.deliver(&ack).weight(),
    );
    assert_eq!(
        away_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    assert_eq!(home_balance(&mut w, alice()), 1_000 - 110 + 50);
    table.push_str(&format!(
        "\nEach cross-chain message withdraws its fee from the sending port's account on the other chain and deposits \
         back what it did not use: a delivery cost that account {} native units at the test network's price of \
         weight (1 unit per 10^6 ps and per byte of proof; `e2e-tests/tests/xcm_net.rs`). `Transact` asks for \
         exactly `Contracts::call`'s dispatch weight with the port's gas limit: a margin above it would be charged \
         and never refunded.\n",
        group(fee as u64)
    ));
    if let Ok(path) = std::env::var("INFRA_SUITE_LEG_WEIGHTS") {
        std::fs::write(path, &table).expect("write the legs' table");
    }
    eprintln!("{table}");
}

/// A mirror whose supply grows by other means (its admin, in bad faith, makes another issuer) can never draw more
/// from the home port than the port's legs out were credited for.
#[test]
fn a_mirror_inflated_by_another_issuer_cannot_drain_the_home_port() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 300);
    w.settle_all();
    // Carol's leg of 400 is still on its way: the port holds 700, of which only 300 were credited there.
    assert_eq!(out_home(&mut w, carol(), bob(), 400).value, Ok(2));
    let carols_leg = only_message(&mut w);
    assert_eq!(port_held(&mut w), 700);
    let mirror = w.away.token;
    let granted = w.away.send(
        at::<Token>(mirror).grant_role(mallory(), project_token::Role::Issuer),
        admin(),
    );
    assert_eq!(granted.value, Ok(()));
    assert_eq!(
        w.away
            .send(at::<Token>(mirror).mint(carol(), 1_000), mallory())
            .value,
        Ok(())
    );
    let port = w.home_port;
    assert_eq!(
        w.home.send(at::<XcmPort>(port).backing(), alice()).value,
        300
    );
    // Carol sends 700 of the invented 1 000 home (what the port holds): refused, minted back to her there.
    assert_eq!(out_away(&mut w, carol(), carol(), 700).value, Ok(1));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 1),
        Some(Outcome::Refused(MintRefusal::NotBacked {
            backing: 300,
            asked: 700
        }))
    );
    assert_eq!(
        (home_balance(&mut w, carol()), port_held(&mut w)),
        (100, 700)
    );
    // Within the backing it cannot tell invented tokens from real ones: the bound is what was sent (docs).
    assert_eq!(out_away(&mut w, carol(), carol(), 300).value, Ok(2));
    w.settle_all();
    assert_eq!(
        (home_balance(&mut w, carol()), port_held(&mut w)),
        (400, 400)
    );
    assert_eq!(w.home.send(at::<XcmPort>(port).backing(), alice()).value, 0);
    assert_eq!(out_away(&mut w, bob(), alice(), 1).value, Ok(3));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 3),
        Some(Outcome::Refused(MintRefusal::NotBacked {
            backing: 0,
            asked: 1
        }))
    );
    // Carol's leg still settles, and only its credit there backs what may come home.
    w.deliver(&carols_leg);
    w.settle_all();
    assert_eq!(
        home_leg(&mut w, 2).map(|l| l.state),
        Some(SendState::Delivered)
    );
    assert_eq!(
        w.home.send(at::<XcmPort>(port).backing(), alice()).value,
        400
    );
}

/// A port whose message the chain cannot read (ink! 5.1.1's encoding on pallet-contracts 31) takes nothing: the
/// send traps and the holder's call reverts whole.
#[test]
fn a_send_the_chain_refuses_takes_nothing_from_the_holder() {
    let mut w = world();
    let port = w.home_port;
    let mut terms = port_terms();
    terms.encoding = xcm_port::SendEncoding::Versioned;
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).set_terms(terms), admin())
            .value,
        Ok(())
    );
    let (token, holder) = (w.home.token, alice());
    let _ = w.home.send(at::<Token>(token).approve(port, 100), holder);
    let refused = w
        .home
        .chain
        .send(at::<XcmPort>(port).transfer_out(bob(), 100), holder);
    assert!(refused.is_err(), "the send traps: {refused:?}");
    assert_eq!(
        (home_balance(&mut w, alice()), port_held(&mut w)),
        (1_000, 0)
    );
    assert!(w.take_all().is_empty());
    // Back on the chain's encoding, the same leg goes.
    let terms = port_terms();
    assert_eq!(
        w.home
            .send(at::<XcmPort>(port).set_terms(terms), admin())
            .value,
        Ok(())
    );
    assert_eq!(out_home(&mut w, alice(), bob(), 100).value, Ok(1));
    w.settle_all();
    assert_eq!(away_balance(&mut w, bob()), 100);
}

/// An answer lost on its way leaves the leg open and, at home, holds back the port's backing: anyone has the
/// destination send it again, and what came back refused meanwhile can go again.
#[test]
fn a_lost_answer_is_sent_again_by_anyone_and_the_backing_follows() {
    let mut w = world();
    out_home(&mut w, alice(), bob(), 300);
    let deliver = only_message(&mut w);
    w.deliver(&deliver);
    let _lost = only_message(&mut w);
    // Bob's tokens are minted, but home has not heard: the port releases nothing yet.
    assert_eq!(out_away(&mut w, bob(), alice(), 100).value, Ok(1));
    w.settle_all();
    assert_eq!(
        decided_home(&mut w, 1),
        Some(Outcome::Refused(MintRefusal::NotBacked {
            backing: 0,
            asked: 100
        }))
    );
    assert_eq!(away_balance(&mut w, bob()), 300);
    let mirror = w.away_port;
    let resent = w
        .away
        .send(at::<XcmPort>(mirror).resend_answer(1), mallory());
    assert_eq!(resent.value, Ok(()));
    let twice = w
        .away
        .send(at::<XcmPort>(mirror).resend_answer(1), mallory());
    assert!(
        matches!(twice.value, Err(PortError::TooEarlyToResend { .. })),
        "{:?}",
        twice.value
    );
    w.settle_all();
    assert_eq!(
        home_leg(&mut w, 1).map(|l| l.state),
        Some(SendState::Delivered)
    );
    let port = w.home_port;
    assert_eq!(
        w.home.send(at::<XcmPort>(port).backing(), alice()).value,
        300
    );
    assert_eq!(out_away(&mut w, bob(), alice(), 100).value, Ok(2));
    w.settle_all();
    assert_eq!(
        (home_balance(&mut w, alice()), away_balance(&mut w, bob())),
        (800, 200)
    );
}

/// A port whose peer has no route: the chain refuses the send, the port answers `XcmSendFailed`, and the whole
/// call reverts: the holder's tokens stay.
#[test]
fn a_port_whose_peer_has_no_route_takes_nothing_from_the_holder() {
    let mut w = world();
    let bundle = infra_suite_e2e::BundleProvider::XcmPort
        .cached()
        .expect("bundle");
    let token = w.home.token;
    let (stray, _) = w
        .home
        .chain
        .deploy(
            &bundle,
            "new",
            port_config(token, xcm_port::Mode::Lock, HOME_PARA),
            admin(),
        )
        .expect("deploy");
    let peer = xcm_port::Peer {
        para: 3_000,
        port: w.away_port,
    };
    assert_eq!(
        w.home
            .send(at::<XcmPort>(stray).set_peer(peer), admin())
            .value,
        Ok(())
    );
    assert_eq!(
        w.home
            .send(at::<Token>(token).set_exempt(stray, true), admin())
            .value,
        Ok(())
    );
    let _ = w.home.send(at::<Token>(token).approve(stray, 100), alice());
    let sent = w
        .home
        .send(at::<XcmPort>(stray).transfer_out(bob(), 100), alice());
    assert_eq!(sent.value, Err(PortError::XcmSendFailed));
    assert!(sent.reverted);
    assert_eq!(
        (home_balance(&mut w, alice()), home_balance(&mut w, stray)),
        (1_000, 0)
    );
    assert!(w.take_all().is_empty());
}
