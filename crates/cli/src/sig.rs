//! `mynaweb sig verify --cert FILE --data FILE --sig FILE`: a raw RSASSA-PKCS1-v1_5 signature
//! (as the card returns it for `80 2A`, jpki-pki.md §1) checked with a certificate's key; the
//! hash is the one named by the DigestInfo inside the signature (SHA-1/256/384/512).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use crate::cert::{read, read_certificate, verdict_exit};
use crate::output::Failure;

/// Arguments of `mynaweb sig`.
#[derive(Args, Debug)]
pub struct SigArgs {
    #[command(subcommand)]
    pub command: SigCommand,
}

/// `sig` subcommands.
#[derive(Subcommand, Debug)]
pub enum SigCommand {
    /// Verify a raw PKCS#1 v1.5 signature over a file with a certificate's public key.
    Verify {
        /// The signer's certificate, DER or PEM.
        #[arg(long)]
        cert: PathBuf,
        /// The signed data.
        #[arg(long)]
        data: PathBuf,
        /// The raw signature (exactly the modulus length, e.g. 256 bytes for RSA-2048).
        #[arg(long)]
        sig: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the subcommand.
pub fn run(args: SigArgs) -> ExitCode {
    match args.command {
        SigCommand::Verify { cert, data, sig, json } => verdict_exit(json, verify(&cert, &data, &sig)),
    }
}

fn verify(cert: &std::path::Path, data: &std::path::Path, sig: &std::path::Path) -> Result<(String, Value), Failure> {
    let cert = read_certificate(cert)?;
    let key = cert
        .rsa_public_key()
        .map_err(|e| Failure::input(format!("the certificate's key cannot verify signatures: {e}")))?;
    let data = read(data)?;
    let signature = read(sig)?;
    Ok(match pki::signature::verify_any_hash(&key, &data, &signature) {
        Ok(hash) => (
            format!("VALID: PKCS#1 v1.5 signature with {} by {}\n", hash.name(), cert.profile().subject),
            json!({"valid": true, "reasons": [], "hash": hash.name(), "signer": cert.profile().subject}),
        ),
        Err(e) => (
            format!("NOT VALID: {e}\n"),
            json!({"valid": false, "reasons": [e.to_string()], "hash": null, "signer": cert.profile().subject}),
        ),
    })
}
