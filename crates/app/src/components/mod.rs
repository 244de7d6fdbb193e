//! One component per file; props beside their component.

pub mod app;
pub mod header;
pub mod language_switch;
pub mod reader_panel;
