//! `mynaweb` — the native command-line tool that shares mynaweb's card, reader and certificate
//! crates with the browser app.
//!
//! Integrators use it to see exactly what the card does without a browser (`mynaweb sim …`), to
//! check what a USB reader is and whether a web page may use it (`mynaweb describe …`); relying
//! parties use it to check certificates, signatures, CMS and CRLs (`mynaweb cert|sig|cms|crl …`).
//! Every command prints text for people, or one JSON object with `--json` for machines, and exits
//! non-zero with a message naming what was wrong when its input is not what was asked for.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod account;
mod describe;
mod output;
mod sim;

#[derive(Parser)]
#[command(name = "mynaweb", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    // Each subcommand lives in its own module: `Name(module::Args)` here, `module::run` below.
    /// Check bank-account data against the 公金受取口座 rules (bank/branch codes, Zengin kana, ゆうちょ).
    Account(account::AccountArgs),
    /// Describe a USB reader from a libccid dump or raw descriptor bytes: driver, exchange level, and what a browser allows.
    Describe(describe::DescribeArgs),
    /// Run a card operation against a persona of the virtual My Number card and show every APDU.
    Sim(sim::SimArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Account(args) => account::run(args),
        Command::Describe(args) => describe::run(args),
        Command::Sim(args) => sim::run(args),
    }
}
