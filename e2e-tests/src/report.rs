//! A readable record of a walk through the suite: each step, who did it, what happened and the weight used;
//! printed as a table and written as JSON.
use crate::chain::Cost;
use serde::Serialize;

/// One step of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Step number, from 1.
    pub n: usize,
    /// Who acted.
    pub actor: String,
    /// What they did.
    pub action: String,
    /// What happened (a value, `ok`, or the refusal reason).
    pub outcome: String,
    /// Weight consumed on chain (zero for steps that are not calls).
    pub weight: Cost,
}

/// The whole record.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Title of the walk.
    pub title: String,
    /// Steps in order.
    pub steps: Vec<Step>,
    /// Final figures (balances, supply, ...).
    pub summary: Vec<(String, String)>,
}

impl Report {
    /// An empty report.
    pub fn new(title: &str) -> Self {
        Report {
            title: title.to_string(),
            ..Default::default()
        }
    }

    /// Records a step and prints it at once.
    pub fn step(&mut self, actor: &str, action: &str, outcome: impl Into<String>, weight: Cost) {
        let step = Step {
            n: self.steps.len() + 1,
            actor: actor.into(),
            action: action.into(),
            outcome: outcome.into(),
            weight,
        };
        println!(
            "{:>3}  {:<12} {:<58} {:<44} {:>14} {:>9}",
            step.n,
            step.actor,
            step.action,
            step.outcome,
            group(step.weight.ref_time),
            group(step.weight.proof_size)
        );
        self.steps.push(step);
    }

    /// Prints the header of the step table.
    pub fn header(&self) {
        println!("\n== {} ==\n", self.title);
        println!(
            "{:>3}  {:<12} {:<58} {:<44} {:>14} {:>9}",
            "#", "actor", "action", "outcome", "ref_time", "proof"
        );
        println!("{}", "-".repeat(146));
    }

    /// Records a final figure.
    pub fn figure(&mut self, name: &str, value: impl ToString) {
        self.summary.push((name.to_string(), value.to_string()));
    }

    /// Prints the figures and totals.
    pub fn footer(&self) {
        let total: u64 = self.steps.iter().map(|s| s.weight.ref_time).sum();
        let proof: u64 = self.steps.iter().map(|s| s.weight.proof_size).sum();
        println!("{}", "-".repeat(146));
        println!(
            "{:>3}  {:<12} {:<58} {:<44} {:>14} {:>9}",
            "",
            "",
            "total weight",
            "",
            group(total),
            group(proof)
        );
        println!("\nFinal state:");
        for (k, v) in &self.summary {
            println!("  {k:<40} {v}");
        }
    }
}

/// `1234567` -> `1_234_567`.
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    out
}
