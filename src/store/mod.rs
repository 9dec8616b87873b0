//! Plan files on disk: where they live, how they are read (with precise error reports) and how they are written
//! (atomically, privately, keeping whatever the user added by hand).

pub mod atomic;
pub mod catalog;
pub mod draft;
pub mod format;
pub mod output;
pub mod paths;
pub mod people;
pub mod plan_check;
pub mod plan_file;
pub mod read;
pub mod watch;
pub mod workbook;

pub use catalog::{Catalog, PlanSummary};
pub use paths::DataDir;
pub use plan_file::{LoadError, PlanFile, SaveError};
pub use workbook::Workbook;
