//! attune's text field (src/textfield and its view): every edit, wrapping, undo,
//! drawing, and random edit sequences against a naive reference. More cases:
//! PROPTEST_CASES=5000 cargo test --release --test textfield

#[path = "textfield/common.rs"]
mod common;
#[path = "textfield/edits.rs"]
mod edits;
#[path = "textfield/props.rs"]
mod props;
#[path = "textfield/reference.rs"]
mod reference;
#[path = "textfield/render.rs"]
mod render;
#[path = "textfield/undo.rs"]
mod undo;
#[path = "textfield/wrap.rs"]
mod wrap;
