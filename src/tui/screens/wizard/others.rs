//! The workbook's other plans, as the wizard sees them.

use std::sync::Arc;

use crate::store::catalog::PlanSummary;

/// Every plan of the workbook but the one being written: the catalog's summaries shared rather than copied (a
/// copy took megabytes at 50,000 plans for as long as the wizard was open), and the id to pass over. It is what
/// the catalog holds: a change in place or a reload takes the summaries back from the wizard while it works and
/// shares the new ones after (`App::lend_summaries`), so that the old and new are never held at once.
#[derive(Debug, Clone, Default)]
pub struct Others {
    all: Arc<Vec<PlanSummary>>,
    skip: String,
}

impl Others {
    /// The plans in `all` whose id is not `skip`.
    pub fn new(all: Arc<Vec<PlanSummary>>, skip: &str) -> Self {
        Others {
            all,
            skip: skip.to_string(),
        }
    }

    /// The id passed over: the plan the wizard is writing.
    pub fn skip(&self) -> &str {
        &self.skip
    }

    /// Whether these are `all` itself, not a copy.
    #[cfg(test)]
    pub fn shares(&self, all: &Arc<Vec<PlanSummary>>) -> bool {
        Arc::ptr_eq(&self.all, all)
    }

    pub fn iter(&self) -> impl Iterator<Item = &PlanSummary> {
        self.all.iter().filter(|p| p.id() != self.skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Plan;

    #[test]
    fn every_plan_but_the_one_being_written_shared_not_copied() {
        let summaries: Vec<PlanSummary> = (1..=3)
            .map(|day| {
                let ts: jiff::Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
                let plan = Plan::new(ts);
                PlanSummary::from_plan(std::path::Path::new("x.toml"), &plan)
            })
            .collect();
        let skip = summaries[1].id().to_string();
        let all = Arc::new(summaries);
        let others = Others::new(Arc::clone(&all), &skip);
        let ids: Vec<&str> = others.iter().map(PlanSummary::id).collect();
        assert_eq!(ids, [all[0].id(), all[2].id()]);
        assert!(std::ptr::eq(others.iter().next().unwrap(), &all[0]));
        assert_eq!(Others::new(Arc::clone(&all), "").iter().count(), 3);
    }
}
