//! The question a crowdfund escrow asks an oracle before releasing a milestone tranche to the sponsor.
//!
//! The IoT oracle answers it from its progress milestones (a stakeholder posts an update with an evidence hash
//! and others attest it); any contract that implements the trait can stand in for it.

/// Number of a progress milestone inside one oracle.
pub type MilestoneId = u32;

/// An oracle that attests construction or operating milestones.
#[ink::trait_definition]
pub trait MilestoneOracle {
    /// Whether `milestone` has been attested (enough stakeholders confirmed its evidence).
    #[ink(message)]
    fn is_milestone_attested(&self, milestone: MilestoneId) -> bool;
}
