//! One way to read a cross-contract call's outcome.
//!
//! `try_invoke` answers in two layers: the environment's (the callee trapped, ran out of gas, or is not a
//! contract) and ink!'s (`LangError`: the callee did not understand the input). A caller of the suite needs only
//! "the callee's own answer, or it is unavailable", with the caller's own typed error for the second case.

/// The callee's own answer, or the caller's `unavailable` error when there is none.
pub trait CallAnswer<T> {
    /// `Ok(answer)`, or `Err(unavailable)` if the call failed in the environment or in ink!.
    fn answer_or<E>(self, unavailable: E) -> Result<T, E>;
}

impl<T> CallAnswer<T> for Result<ink::MessageResult<T>, ink::env::Error> {
    fn answer_or<E>(self, unavailable: E) -> Result<T, E> {
        match self {
            Ok(Ok(answer)) => Ok(answer),
            _ => Err(unavailable),
        }
    }
}

/// The callee's `Ok` answer, for callers to which the callee's refusal means the same as no answer at all.
pub trait CallOkAnswer<T> {
    /// `Ok(answer)` when the callee answered `Ok(answer)`; otherwise (the call failed in the environment or in
    /// ink!, or the callee refused) `Err(unavailable)`.
    fn answer_ok_or<E>(self, unavailable: E) -> Result<T, E>;
}

impl<T, R> CallOkAnswer<T> for Result<ink::MessageResult<Result<T, R>>, ink::env::Error> {
    fn answer_ok_or<E>(self, unavailable: E) -> Result<T, E> {
        match self {
            Ok(Ok(Ok(answer))) => Ok(answer),
            _ => Err(unavailable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CallAnswer, CallOkAnswer};

    #[test]
    fn only_the_callees_own_answer_gets_through() {
        let answered: Result<ink::MessageResult<u8>, ink::env::Error> = Ok(Ok(7));
        assert_eq!(answered.answer_or("unavailable"), Ok(7));
        let not_understood: Result<ink::MessageResult<u8>, ink::env::Error> =
            Ok(Err(ink::LangError::CouldNotReadInput));
        assert_eq!(not_understood.answer_or("unavailable"), Err("unavailable"));
        let trapped: Result<ink::MessageResult<u8>, ink::env::Error> =
            Err(ink::env::Error::BufferTooSmall);
        assert_eq!(trapped.answer_or("unavailable"), Err("unavailable"));
        // The callee's own refusal is its answer, passed on untouched.
        let refused: Result<ink::MessageResult<Result<u8, u8>>, ink::env::Error> = Ok(Ok(Err(3)));
        assert_eq!(refused.answer_or("unavailable"), Ok(Err(3)));
    }

    #[test]
    fn only_the_callees_ok_gets_through_answer_ok_or() {
        type Answer = Result<ink::MessageResult<Result<u8, u8>>, ink::env::Error>;
        let accepted: Answer = Ok(Ok(Ok(7)));
        assert_eq!(accepted.answer_ok_or("no"), Ok(7));
        let refused: Answer = Ok(Ok(Err(3)));
        assert_eq!(refused.answer_ok_or("no"), Err("no"));
        let not_understood: Answer = Ok(Err(ink::LangError::CouldNotReadInput));
        assert_eq!(not_understood.answer_ok_or("no"), Err("no"));
        let trapped: Answer = Err(ink::env::Error::BufferTooSmall);
        assert_eq!(trapped.answer_ok_or("no"), Err("no"));
    }
}
