//! One component per file; props beside their component.

pub mod account_copy_sheet;
pub mod account_typeahead;
pub mod app;
pub mod card_panel;
pub mod header;
pub mod language_switch;
pub mod pin_dialog;
pub mod reader_panel;
pub mod trace_view;
pub mod widget_app;
pub mod widget_report;
pub mod nav_menu;
pub mod notification;
pub mod overseas_choice;
pub mod radio_group;
pub mod step_indicator;
