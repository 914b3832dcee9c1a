//! Backoff and error classes for the requests seeding and proving retry.

use std::time::Duration;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use tablewright_engine::sample::Rng;

/// Exponential backoff with full jitter: a random delay up to `base * 2^attempt`,
/// capped, so that many writers backing off at once do not retry in step.
pub fn backoff(attempt: u32, base: Duration, cap: Duration, rng: &mut Rng) -> Duration {
    let ceiling = base.saturating_mul(1u32 << attempt.min(16)).min(cap);
    let millis = ceiling.as_millis().max(1) as u64;
    Duration::from_millis(millis / 2 + rng.below(millis / 2 + 1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Throttled or a server-side hiccup: retry until it goes through.
    Throttled,
    /// No answer (connection refused, reset, timed out): retry a few times, then stop.
    Unreachable,
    /// The request itself is wrong: retrying cannot help.
    Fatal,
}

pub fn classify<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Class {
    match err {
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) | SdkError::ResponseError(_) => Class::Unreachable,
        SdkError::ServiceError(service) => match service.err().code() {
            Some(
                "ProvisionedThroughputExceededException"
                | "ThrottlingException"
                | "RequestLimitExceeded"
                | "InternalServerError"
                | "ServiceUnavailable"
                | "LimitExceededException",
            ) => Class::Throttled,
            _ => Class::Fatal,
        },
        _ => Class::Fatal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stays_capped() {
        let mut rng = Rng::new(1);
        let base = Duration::from_millis(50);
        let cap = Duration::from_secs(2);
        for attempt in 0..20 {
            let d = backoff(attempt, base, cap, &mut rng);
            let ceiling = base.saturating_mul(1 << attempt.min(16)).min(cap);
            assert!(d <= ceiling && d >= ceiling / 2, "{attempt}: {d:?}");
        }
    }
}
