//! The main job checks itself: a walk whose step differs from what it expects fails, naming the step.
use infra_suite_e2e::chain::Cost;
use infra_suite_e2e::report::{Report, Verdict};

#[test]
fn a_walk_fails_on_the_step_whose_outcome_was_not_expected() {
    let mut r = Report::new("t");
    r.step(
        "a",
        "expected refusal",
        Verdict::check("refused: X", true, "refused: X"),
        Cost::default(),
    );
    r.step("b", "a figure", "42", Cost::default());
    assert_eq!(r.verdict(), Ok(()));
    r.step(
        "c",
        "transfer that should pass",
        Verdict::check("refused: Frozen", false, "ok"),
        Cost::default(),
    );
    r.step(
        "d",
        "paid",
        Verdict::check("ok", true, "ok")
            .and(" (paid 5)")
            .and_check(false, "paid 7"),
        Cost::default(),
    );
    let wrong = r.verdict().unwrap_err();
    assert_eq!(wrong.len(), 2);
    assert!(
        wrong[0].starts_with("step 3 (c: transfer that should pass)"),
        "{}",
        wrong[0]
    );
    assert!(wrong[0].ends_with("expected ok"), "{}", wrong[0]);
    assert!(
        wrong[1].contains("got \"ok (paid 5)\", expected paid 7"),
        "{}",
        wrong[1]
    );
}
