"""The rehearsal's arithmetic and storage reading, without a chain (chain.sh rehearses on a real fork)."""
import unittest

import rehearse

ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"


class FakeNode:
    def __init__(self, answers: dict):
        self.answers = answers

    def rpc(self, method, params=None):
        assert method == "state_getStorage"
        return self.answers.get(params[0])


def account_info(free: int, reserved: int, frozen: int = 0) -> str:
    return "0x" + (bytes(16) + free.to_bytes(16, "little") + reserved.to_bytes(16, "little")
                   + frozen.to_bytes(16, "little") + bytes(16)).hex()


class AccountKey(unittest.TestCase):
    def test_alices_account_key_is_the_well_known_one(self):
        self.assertEqual(
            rehearse.account_key(ALICE),
            "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9de1e86a9a8c739864cf3cc5ec2bea59f"
            "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")


class Balances(unittest.TestCase):
    def test_free_and_reserved_are_read_from_their_offsets(self):
        node = FakeNode({rehearse.account_key(ALICE): account_info(2**100 + 7, 5 * 10**12)})
        b = rehearse.balance(node, ALICE)
        self.assertEqual((b.free, b.reserved), (2**100 + 7, 5 * 10**12))

    def test_an_unknown_account_holds_nothing(self):
        self.assertEqual(rehearse.balance(FakeNode({}), ALICE), rehearse.Balance(0, 0))

    def test_another_layout_is_refused_in_words_not_misread(self):
        for size in (20, 84):  # truncated; a u64 nonce
            node = FakeNode({rehearse.account_key(ALICE): "0x" + "00" * size})
            with self.assertRaisesRegex(rehearse.DeployError, "not the 80-byte layout expected"):
                rehearse.balance(node, ALICE)

    def test_a_freeze_beyond_the_reserve_is_not_spendable(self):
        node = FakeNode({rehearse.account_key(ALICE): account_info(100, 30, frozen=50)})
        self.assertEqual(rehearse.balance(node, ALICE).spendable(0), 80)
        node = FakeNode({rehearse.account_key(ALICE): account_info(100, 60, frozen=50)})
        self.assertEqual(rehearse.balance(node, ALICE).spendable(0), 100)
        node = FakeNode({rehearse.account_key(ALICE): account_info(10, 0, frozen=50)})
        self.assertEqual(rehearse.balance(node, ALICE).spendable(0), 0)

    def test_the_existential_deposit_is_never_spendable(self):
        # A fee or a deposit that would leave the deployer below the existential deposit is refused by the chain:
        # an account of exactly what the deployment costs cannot pay for it.
        self.assertEqual(rehearse.Balance(100, 0).spendable(10), 90)
        # A freeze larger than the existential deposit is what binds; a smaller one is covered by it.
        self.assertEqual(rehearse.Balance(100, 0, frozen=30).spendable(10), 70)
        self.assertEqual(rehearse.Balance(100, 0, frozen=5).spendable(10), 90)
        # The reserve covers the freeze, but never the existential deposit (it is part of the free balance).
        self.assertEqual(rehearse.Balance(100, 50, frozen=30).spendable(10), 90)
        self.assertEqual(rehearse.Balance(5, 0).spendable(10), 0)
        spent = 90
        self.assertFalse(rehearse.verdict(spent, rehearse.Balance(spent + spent // 10, 0).spendable(1))[0])
        self.assertTrue(rehearse.verdict(spent, rehearse.Balance(spent + spent // 10 + 1, 0).spendable(1))[0])


class Verdict(unittest.TestCase):
    def test_the_margin_is_the_boundary(self):
        spent = 1_000 * 10**12
        need = spent + spent // 10
        self.assertTrue(rehearse.verdict(spent, need)[0])
        ok, sentence = rehearse.verdict(spent, need - 1)
        self.assertFalse(ok)
        self.assertIn("NOT ENOUGH", sentence)
        self.assertIn("0.000000000001 more", sentence)

    def test_nothing_to_spend_needs_nothing(self):
        self.assertTrue(rehearse.verdict(0, 0)[0])

    def test_units_are_exact_integers(self):
        self.assertEqual(rehearse.units(1), "0.000000000001")
        self.assertEqual(rehearse.units(1_234_500_000_000_000), "1,234.5")
        self.assertEqual(rehearse.units(-2 * 10**12), "-2")
        self.assertEqual(rehearse.units(2**70), "1,180,591,620.717411303424")


if __name__ == "__main__":
    unittest.main()
