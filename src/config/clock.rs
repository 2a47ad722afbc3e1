//! Where "now" comes from. The binary's edge picks the clock once (the
//! system clock, or the fixed time of `CROSSEXAM_NOW`); everything below
//! takes `&dyn Clock` or is handed a `Timestamp`, so tests run on a fixed
//! clock and no deep code reads the time itself.

use jiff::Timestamp;

/// A source of the current time.
pub trait Clock: std::fmt::Debug {
    /// The time now.
    fn now(&self) -> Timestamp;
}

/// The operating system's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock stopped at one time (`CROSSEXAM_NOW`, tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stands_still() {
        let at: Timestamp = "2026-11-25T09:00:00Z".parse().expect("time");
        let clock = FixedClock(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.now(), at);
    }

    #[test]
    fn the_system_clock_moves_forward() {
        let first = SystemClock.now();
        assert!(SystemClock.now() >= first);
    }
}
