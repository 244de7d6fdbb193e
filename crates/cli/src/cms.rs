//! `mynaweb cms verify FILE [--content FILE]`: a CMS SignedData (RFC 5652), its signature, and
//! its signer's certificate validated against the J-LIS roots at the signing time.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pki::cms::CmsError;
use pki::validate::ValidationOptions;
use serde_json::{json, Value};

use crate::cert::{pki_pem, read, time_arg, verdict_exit, verdict_report, Store, TrustArgs};
use crate::output::Failure;

/// Arguments of `mynaweb cms`.
#[derive(Args, Debug)]
pub struct CmsArgs {
    #[command(subcommand)]
    pub command: CmsCommand,
}

/// `cms` subcommands.
#[derive(Subcommand, Debug)]
pub enum CmsCommand {
    /// Verify a CMS SignedData (DER or PEM) and its signer's certificate.
    Verify {
        /// The SignedData.
        file: PathBuf,
        /// The signed content, for a detached signature.
        #[arg(long)]
        content: Option<PathBuf>,
        #[command(flatten)]
        trust: TrustArgs,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the subcommand.
pub fn run(args: CmsArgs) -> ExitCode {
    match args.command {
        CmsCommand::Verify { file, content, trust, json } => verdict_exit(json, verify(&file, content.as_deref(), &trust)),
    }
}

fn verify(file: &Path, content: Option<&Path>, trust: &TrustArgs) -> Result<(String, Value), Failure> {
    let bytes = read(file)?;
    let der = pki_pem(&bytes, &["CMS", "PKCS7"])
        .map_err(|e| Failure::input(format!("{} is not CMS: {e}", file.display())))?;
    let content = content.map(read).transpose()?;
    let store = Store::from_args(trust)?;
    let verified = match pki::cms::verify(&der, content.as_deref()) {
        Ok(v) => v,
        Err(e @ (CmsError::Der(_) | CmsError::NotSignedData(_))) => {
            return Err(Failure::input(format!("{} is not a CMS SignedData: {e}", file.display())))
        }
        Err(e @ CmsError::ContentMissing) => return Err(Failure::input(format!("{e} (use --content FILE)"))),
        Err(e) => {
            return Ok((
                format!("NOT VALID: {e}\n"),
                json!({"valid": false, "reasons": [e.to_string()], "signature_valid": false}),
            ))
        }
    };
    // Validate the certificate as of the claimed signing time unless --at says otherwise.
    let at = match (&trust.at, verified.signing_time) {
        (None, Some(t)) => t,
        (at, _) => time_arg(at.as_deref())?,
    };
    let verdict = store.validate(&verified.signer, &ValidationOptions::at(at));
    let (cert_text, mut value) = verdict_report(&verdict, &store, at);
    value["signature_valid"] = json!(true);
    value["hash"] = json!(verified.hash.name());
    value["signing_time"] = json!(verified.signing_time.map(|t| t.to_string()));
    value["signer"] = json!(verified.signer.profile().subject);
    value["detached"] = json!(verified.content.is_none());
    let text = format!(
        "signature: VALID ({}, signer {})\ncertificate: {cert_text}",
        verified.hash.name(),
        verified.signer.profile().subject
    );
    Ok((text, value))
}
