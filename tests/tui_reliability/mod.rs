//! The workbook's reliability, end to end: the real binary in a pseudo-terminal (and the app's state without
//! one) under SIGKILL, a second writer, the hostile corpus, a failing data folder and a failing app. One test
//! group, so that these slow-by-nature tests run side by side instead of one after another.
#![cfg(target_os = "linux")]

mod crash_safety;
mod data_dir_trouble;
mod hostile;
mod signals;
mod terminal;
mod two_writers;
mod workbook;
