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
    /// What the walk expected instead, when the outcome is not what it expected (the run then fails).
    pub unexpected: Option<String>,
}

/// A step's outcome and whether it is the one the walk expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// What happened, as printed.
    pub text: String,
    /// What the walk expected, when `text` is not it.
    pub unexpected: Option<String>,
}

impl Verdict {
    /// An outcome the walk does not judge (a figure, an identity number).
    pub fn info(text: impl Into<String>) -> Self {
        Verdict {
            text: text.into(),
            unexpected: None,
        }
    }

    /// `text`, which is what the walk expects exactly when `holds`; `expected` says what that is.
    pub fn check(text: impl Into<String>, holds: bool, expected: &str) -> Self {
        Verdict {
            text: text.into(),
            unexpected: (!holds).then(|| expected.to_string()),
        }
    }

    /// The same verdict with `extra` appended to the text.
    pub fn and(mut self, extra: impl AsRef<str>) -> Self {
        self.text.push_str(extra.as_ref());
        self
    }

    /// The same verdict, also unexpected unless `holds` (`expected` says what was expected).
    pub fn and_check(mut self, holds: bool, expected: &str) -> Self {
        if !holds {
            let e = match self.unexpected.take() {
                Some(before) => format!("{before}; {expected}"),
                None => expected.to_string(),
            };
            self.unexpected = Some(e);
        }
        self
    }
}

impl From<String> for Verdict {
    fn from(text: String) -> Self {
        Verdict::info(text)
    }
}

impl From<&str> for Verdict {
    fn from(text: &str) -> Self {
        Verdict::info(text)
    }
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

    /// Records a step and prints it at once; an unexpected outcome is marked `!!` and fails [`Report::verdict`].
    pub fn step(&mut self, actor: &str, action: &str, outcome: impl Into<Verdict>, weight: Cost) {
        let verdict = outcome.into();
        let step = Step {
            n: self.steps.len() + 1,
            actor: actor.into(),
            action: action.into(),
            outcome: verdict.text,
            weight,
            unexpected: verdict.unexpected,
        };
        let mark = if step.unexpected.is_some() { "!!" } else { "" };
        println!(
            "{:>3}{:<2} {:<12} {:<58} {:<44} {:>14} {:>9}",
            step.n,
            mark,
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
            "{:>3}   {:<12} {:<58} {:<44} {:>14} {:>9}",
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
            "{:>3}   {:<12} {:<58} {:<44} {:>14} {:>9}",
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

impl Report {
    /// `Ok` when every step's outcome was the expected one; otherwise one line per step that was not, naming the
    /// step, what happened and what the walk expected.
    pub fn verdict(&self) -> Result<(), Vec<String>> {
        let wrong: Vec<String> = self
            .steps
            .iter()
            .filter_map(|s| {
                s.unexpected.as_ref().map(|e| {
                    format!(
                        "step {} ({}: {}): got \"{}\", expected {}",
                        s.n, s.actor, s.action, s.outcome, e
                    )
                })
            })
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong)
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
