//! Drawing pieces shared by several screens.

pub mod chrome;
pub mod field;
pub mod form;
pub mod ladder;
pub mod passage;
pub mod popup;
pub mod scroll;
pub mod step_bar;
pub mod strip;
pub mod wrap;
