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
        SigCommand::Verify {
            cert,
            data,
            sig,
            json,
        } => verdict_exit(json, verify(&cert, &data, &sig)),
    }
}

fn verify(
    cert: &std::path::Path,
    data: &std::path::Path,
    sig: &std::path::Path,
) -> Result<(String, Value), Failure> {
    let cert = read_certificate(cert)?;
    let key = cert.rsa_public_key().map_err(|e| {
        Failure::input(format!(
            "the certificate's key cannot verify signatures: {e}"
        ))
    })?;
    let data = read(data)?;
    let signature = read(sig)?;
    Ok(
        match pki::signature::verify_any_hash(&key, &data, &signature) {
            Ok(hash) => (
                format!(
                    "VALID: PKCS#1 v1.5 signature with {} by {}\n",
                    hash.name(),
                    cert.profile().subject
                ),
                json!({"valid": true, "reasons": [], "hash": hash.name(), "signer": cert.profile().subject}),
            ),
            Err(e) => (
                format!("NOT VALID: {e}\n"),
                json!({"valid": false, "reasons": [e.to_string()], "hash": null, "signer": cert.profile().subject}),
            ),
        },
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cert::tests::temp_dir;

    #[test]
    fn verifies_a_card_style_signature_and_refuses_other_data() {
        let persona = sim::persona::personas()
            .into_iter()
            .find(|p| p.has_signature_certificate)
            .unwrap();
        let issued = sim::issuer::issue_for(&persona).unwrap();
        let key = sim::keys::load(&persona.sign_key_label()).unwrap();
        let dir = temp_dir("sig");
        let cert = dir.join("sign.der");
        let data = dir.join("data.txt");
        let sig = dir.join("data.sig");
        std::fs::write(&cert, issued.sign.unwrap()).unwrap();
        std::fs::write(&data, b"signed by the card").unwrap();
        std::fs::write(&sig, sim::layouts::sign_sha256(&key, b"signed by the card")).unwrap();

        let (text, json) = verify(&cert, &data, &sig).unwrap();
        assert_eq!(json["valid"], true);
        assert_eq!(json["hash"], "sha256");
        assert!(text.starts_with("VALID"), "{text}");

        std::fs::write(&data, b"signed by the card!").unwrap();
        let (_, json) = verify(&cert, &data, &sig).unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(
            json["reasons"],
            serde_json::json!(["the signature does not match the data"])
        );

        let failure = verify(&data, &data, &sig).unwrap_err();
        assert_eq!(failure.code, 2);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
