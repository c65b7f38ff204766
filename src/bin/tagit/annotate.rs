//! `tagit annotate`: stub, written next.

/// Runs `tagit annotate`.
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not implemented yet".to_string())
}
