//! What every contract's thin shell does once its pure logic has decided: announce the outcome.

/// Emits the event `outcome` carries, or passes its refusal on unchanged. The body of a shell message whose logic
/// returns the event to emit: `announce(self.data.set_x(self.env().caller(), x))`.
pub fn announce<Announced: ink::env::event::Event, Refusal>(
    outcome: Result<Announced, Refusal>,
) -> Result<(), Refusal> {
    outcome.map(ink::env::emit_event::<ink::env::DefaultEnvironment, Announced>)
}
