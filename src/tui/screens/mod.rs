//! The screens of the workbook. Each keeps its own state and draws from it without changing it.

pub mod dialog;
pub mod help;
pub mod home;
pub mod plan_view;
pub mod preview;
pub mod record;
pub mod reflection;
pub mod stakeholders;
pub mod wizard;
