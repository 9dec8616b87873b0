//! The workbook's reliability, end to end: the real binary in a pseudo-terminal (and the app's state without
//! one) under SIGKILL, a second writer, the hostile corpus, a failing data folder and a failing app. One test
//! binary, so that these slow-by-nature tests run side by side instead of one after another.
#![cfg(target_os = "linux")]

#[path = "../support/bounded.rs"]
mod bounded;
#[path = "../support/hostile_corpus.rs"]
mod hostile_corpus;
#[path = "../support/mount.rs"]
mod mount;
#[path = "../support/pty.rs"]
mod pty;
#[path = "../support/rng.rs"]
mod rng;

mod crash_safety;
mod data_dir_trouble;
mod hostile;
mod signals;
mod terminal;
mod two_writers;
mod workbook;
