//! overture: a terminal workbook for planning how to win someone over.
//!
//! The library holds everything the binary does, so that tests, benchmarks and the command line all reach the
//! same core: `domain` (pure rules), `store` (files on disk), `config`, and the front ends `cli` and `tui`.

pub mod cli;
pub mod config;
pub mod domain;
pub mod editor;
pub mod export;
pub mod external;
pub mod store;
pub mod tui;
