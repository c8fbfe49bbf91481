//! The page's components, one per file: props in, HTML and callbacks out. Helpers that several
//! components share live here too (`plan_edit`: the plan editors' callbacks; `drop_zone`: the
//! handlers of both drop zones; `cell_text`: a cell's text on screen and on paper).

pub mod cell_text;
pub mod chart;
pub mod confirm_clear;
pub mod drop_zone;
pub mod file_picker;
pub mod identification;
pub mod municipal_school;
pub mod municipal_view;
pub mod municipality_chart;
pub mod plan_edit;
pub mod plan_profile;
pub mod plan_programmes;
pub mod plan_summary;
pub mod plan_table;
pub mod plan_view;
pub mod print_parts;
pub mod progress;
pub mod protocol_chart;
pub mod protocol_view;
pub mod readiness;
pub mod report_nav;
pub mod report_view;
pub mod schools_table;
pub mod schools_view;
pub mod section_block;
pub mod settings_panel;
pub mod source_panel;
pub mod sparkline;
pub mod start;
pub mod status_notes;
pub mod text_field;
