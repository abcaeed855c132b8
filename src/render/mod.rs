//! Views of computed data: pure functions from values to text. Nothing here computes a date or
//! touches a file.

pub mod chart;
pub mod ics;
pub mod records;
pub mod table;
pub mod text;
