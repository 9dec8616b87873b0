//! [`Try`]: one use of a rung with a stakeholder, as the history keeps it, and [`Tried`], as the workbook-wide
//! counts keep it. A large workbook's history holds one for every try it counts (about 100,000 at 50,000 plans),
//! so they are packed: 16 bytes where the plain fields of a `Try` took 32, 6 where a `Tried` took 12. Every value
//! reads back exactly, and they compare as the plain fields did.

use jiff::civil::Date;

use crate::domain::OutcomeResult;

/// A date that may be missing, in 4 bytes: year, month and day, month 0 when there is none (a `Date` is 4 bytes,
/// but an `Option<Date>` more). Equal exactly when the dates are.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Day {
    year: i16,
    month: i8,
    day: i8,
}

impl Day {
    fn new(on: Option<Date>) -> Day {
        let (year, month, day) = on.map_or((0, 0, 0), |d| (d.year(), d.month(), d.day()));
        Day { year, month, day }
    }

    fn get(self) -> Option<Date> {
        if self.month == 0 {
            return None;
        }
        Date::new(self.year, self.month, self.day).ok()
    }
}

/// One try as the workbook-wide counts keep it ([`crate::domain::thread::counted_tries`]), as the plan it
/// belongs to (and so when it was planned) is known from where it is kept.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Tried {
    on: Day,
    /// A ladder has at most [`crate::domain::ladder::MAX_RUNGS`] rungs.
    rung: u8,
    result: Option<OutcomeResult>,
}

impl Tried {
    /// `None` for a rung beyond what a ladder holds (none is).
    pub(crate) fn new(
        rung: usize,
        on: Option<Date>,
        result: Option<OutcomeResult>,
    ) -> Option<Tried> {
        Some(Tried {
            on: Day::new(on),
            rung: u8::try_from(rung).ok()?,
            result,
        })
    }

    /// The rung's position on the ladder.
    pub(crate) fn rung(&self) -> usize {
        usize::from(self.rung)
    }

    pub(crate) fn on(&self) -> Option<Date> {
        self.on.get()
    }

    pub(crate) fn result(&self) -> Option<OutcomeResult> {
        self.result
    }

    /// The try in full, as the plan made at `planned` records it.
    pub(crate) fn in_plan(self, planned: jiff::Timestamp) -> Try {
        let nanos = planned.as_nanosecond();
        Try {
            planned_high: (nanos >> 16) as i64,
            planned_low: (nanos & 0xFFFF) as u16,
            tried: self,
        }
    }
}

impl std::fmt::Debug for Tried {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tried")
            .field("rung", &self.rung())
            .field("on", &self.on())
            .field("result", &self.result)
            .finish()
    }
}

/// One use of a rung with a stakeholder.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Try {
    /// When the plan that records it was made, in nanoseconds since the epoch (which take up to 70 bits): the
    /// high bits here and the low 16 in `planned_low`, so the pair orders as the timestamps do.
    planned_high: i64,
    planned_low: u16,
    tried: Tried,
}

impl Try {
    pub fn new(
        rung: usize,
        result: Option<OutcomeResult>,
        on: Option<Date>,
        planned: jiff::Timestamp,
    ) -> Try {
        let tried = Tried {
            on: Day::new(on),
            rung: u8::try_from(rung).unwrap_or(u8::MAX),
            result,
        };
        tried.in_plan(planned)
    }

    /// The rung's position on the ladder.
    pub fn rung(&self) -> usize {
        self.tried.rung()
    }

    pub fn result(&self) -> Option<OutcomeResult> {
        self.tried.result
    }

    /// When it was tried, if the plan says.
    pub fn on(&self) -> Option<Date> {
        self.tried.on()
    }

    /// When the plan that records it was made: the page says whether a try from another plan came from an
    /// earlier or a later one.
    pub fn planned(&self) -> jiff::Timestamp {
        let nanos = (i128::from(self.planned_high) << 16) | i128::from(self.planned_low);
        // Always in range: it was a timestamp.
        jiff::Timestamp::from_nanosecond(nanos).unwrap_or_default()
    }

    /// Whether two tries say the same: rung, date and result (a carried copy and its original do).
    pub(crate) fn same(&self, other: &Try) -> bool {
        self.tried == other.tried
    }

    /// Whether two tries may be one: [`Try::same`], or differing only by a date one of them lacks (a date given
    /// to a carried try), as `domain::thread` matches a copy with its original.
    pub(crate) fn may_be(&self, other: &Try) -> bool {
        let (a, b) = (self.tried, other.tried);
        a.rung == b.rung
            && a.result == b.result
            && (a.on == b.on || a.on.month == 0 || b.on.month == 0)
    }
}

impl std::fmt::Debug for Try {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Try")
            .field("rung", &self.rung())
            .field("result", &self.result())
            .field("on", &self.on())
            .field("planned", &self.planned())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_try_takes_16_bytes_and_gives_back_what_it_was_given() {
        // The history holds one per counted try: it must not grow back to the 32 bytes of its plain fields.
        assert!(
            std::mem::size_of::<Try>() <= 16,
            "{}",
            std::mem::size_of::<Try>()
        );
        let times = [
            jiff::Timestamp::MIN,
            jiff::Timestamp::MAX,
            jiff::Timestamp::UNIX_EPOCH,
            "1969-12-31T23:59:59.999999999Z".parse().unwrap(),
            "2026-11-21T09:00:00.123456789Z".parse().unwrap(),
            "2026-11-21T09:00:00Z".parse().unwrap(),
        ];
        let days = [
            None,
            Some(Date::MIN),
            Some(Date::MAX),
            Some(date(2026, 2, 28)),
        ];
        let results = [
            None,
            Some(OutcomeResult::Commitment),
            Some(OutcomeResult::Resistance),
        ];
        for &planned in &times {
            for &on in &days {
                for &result in &results {
                    let t = Try::new(11, result, on, planned);
                    assert_eq!(
                        (t.rung(), t.result(), t.on(), t.planned()),
                        (11, result, on, planned)
                    );
                }
            }
        }
        // They order as the timestamps do.
        for a in times {
            for b in times {
                let (x, y) = (Try::new(0, None, None, a), Try::new(0, None, None, b));
                assert_eq!(x.planned().cmp(&y.planned()), a.cmp(&b));
                assert_eq!(
                    (x.planned_high, x.planned_low).cmp(&(y.planned_high, y.planned_low)),
                    a.cmp(&b)
                );
                assert_eq!(x == y, a == b);
            }
        }
    }
}
