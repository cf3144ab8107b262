//! Reusable pieces of the exercise screen, one per prompt kind that needs one.

pub mod scale;
