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
mod cert;
mod cms;
mod crl;
mod describe;
mod output;
mod rp;
mod sim;
mod sig;

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
    /// Show a JPKI certificate's profile, or validate it against the pinned J-LIS roots.
    Cert(cert::CertArgs),
    /// Verify a raw PKCS#1 v1.5 signature (as the card makes it) with a certificate's key.
    Sig(sig::SigArgs),
    /// Verify a CMS SignedData and its signer's certificate.
    Cms(cms::CmsArgs),
    /// Check certificate serial numbers against a CRL.
    Crl(crl::CrlArgs),
    /// Verify a widget result (card login or signed submission) as a relying party's server does.
    Rp(rp::RpArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Account(args) => account::run(args),
        Command::Describe(args) => describe::run(args),
        Command::Sim(args) => sim::run(args),
        Command::Cert(args) => cert::run(args),
        Command::Sig(args) => sig::run(args),
        Command::Cms(args) => cms::run(args),
        Command::Crl(args) => crl::run(args),
        Command::Rp(args) => rp::run(args),
    }
}
