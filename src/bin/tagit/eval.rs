//! `tagit eval`: not written yet.

/// Runs `tagit eval` with the arguments after the command name.
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not implemented yet".to_string())
}
