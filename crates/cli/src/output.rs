//! How every subcommand reports: text for people, one JSON object for machines, and a
//! non-zero exit with a message that names what was wrong.

use std::io::Write;
use std::process::ExitCode;

/// A failure a subcommand reports to the user: what went wrong and what to do about it.
#[derive(Debug)]
pub struct Failure {
    /// One sentence naming what was wrong (the file, the value, the card's answer).
    pub message: String,
    /// Process exit code (2 = bad input or usage, 1 = the check itself said no).
    pub code: u8,
    /// More fields for the `--json` error object (e.g. the APDU trace that led to the failure).
    pub details: Option<serde_json::Value>,
}

impl Failure {
    /// Bad input: the file, argument or value is not what the command needs.
    pub fn input(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: 2, details: None }
    }
    /// The operation ran and failed (card refused, verification failed, I/O error).
    pub fn failed(message: impl Into<String>) -> Self {
        Self { message: message.into(), code: 1, details: None }
    }
}

/// Prints a result for people or, with `--json`, as one JSON object, and maps a failure to
/// its exit code. With `--json`, a failure is printed as `{"error": "…"}` on stdout too.
pub fn finish(json: bool, result: Result<(String, serde_json::Value), Failure>) -> ExitCode {
    match result {
        Ok((text, value)) => {
            // A closed pipe (`mynaweb … | head`) is not an error worth a panic: stop quietly.
            let mut out = std::io::stdout().lock();
            let _ = if json {
                writeln!(out, "{value}")
            } else if text.ends_with('\n') {
                write!(out, "{text}")
            } else {
                writeln!(out, "{text}")
            };
            ExitCode::SUCCESS
        }
        Err(failure) => {
            if json {
                let mut value = failure.details.clone().unwrap_or_else(|| serde_json::json!({}));
                value["error"] = serde_json::json!(failure.message);
                let _ = writeln!(std::io::stdout().lock(), "{value}");
            }
            let _ = writeln!(std::io::stderr().lock(), "mynaweb: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
