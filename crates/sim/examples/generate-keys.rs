//! Regenerates every committed simulator key from its seed into `crates/sim/data/keys/`.
//!
//! `cargo run -p sim --example generate-keys [LABEL…]` (all keys when no label is given).
//! The output is byte-identical to the committed files; `git diff` shows nothing after a run.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let wanted: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("keys");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for label in sim::keys::LABELS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == label) {
            continue;
        }
        let der = match sim::keys::generate_der(label) {
            Ok(der) => der,
            Err(e) => {
                eprintln!("{label}: key generation failed: {e}");
                return ExitCode::FAILURE;
            }
        };
        let path = dir.join(format!("{}.der", sim::keys::file_stem(label)));
        if let Err(e) = std::fs::write(&path, &der) {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{label}: {} bytes -> {}", der.len(), path.display());
    }
    ExitCode::SUCCESS
}
