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
        CmsCommand::Verify {
            file,
            content,
            trust,
            json,
        } => verdict_exit(json, verify(&file, content.as_deref(), &trust)),
    }
}

fn verify(
    file: &Path,
    content: Option<&Path>,
    trust: &TrustArgs,
) -> Result<(String, Value), Failure> {
    let bytes = read(file)?;
    let der = pki_pem(&bytes, &["CMS", "PKCS7"])
        .map_err(|e| Failure::input(format!("{} is not CMS: {e}", file.display())))?;
    let content = content.map(read).transpose()?;
    let store = Store::from_args(trust)?;
    let verified = match pki::cms::verify(&der, content.as_deref()) {
        Ok(v) => v,
        Err(e @ (CmsError::Der(_) | CmsError::NotSignedData(_))) => {
            return Err(Failure::input(format!(
                "{} is not a CMS SignedData: {e}",
                file.display()
            )))
        }
        Err(e @ CmsError::ContentMissing) => {
            return Err(Failure::input(format!("{e} (use --content FILE)")))
        }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cert::tests::{temp_dir, trust};
    use pki::cms::{Encapsulation, SignedDataBuilder};

    #[test]
    fn verifies_simulator_signed_cms_against_its_test_root() {
        let persona = sim::persona::personas()
            .into_iter()
            .find(|p| p.has_signature_certificate)
            .unwrap();
        let issued = sim::issuer::issue_for(&persona).unwrap();
        let key = sim::keys::load(&persona.sign_key_label()).unwrap();
        let signer = pki::JpkiCertificate::from_der(issued.sign.as_deref().unwrap()).unwrap();
        let content = b"consent";
        let pending = SignedDataBuilder::new(&signer, content, Encapsulation::Detached)
            .prepare()
            .unwrap();
        let signature = sim::layouts::sign_sha256(&key, pending.signed_attributes_der());
        let der = pending.finish(&signature).unwrap();

        let dir = temp_dir("cms");
        let (file, data, root) = (dir.join("s.p7s"), dir.join("data"), dir.join("root.der"));
        std::fs::write(&file, der).unwrap();
        std::fs::write(&data, content).unwrap();
        std::fs::write(&root, issued.sign_root.certificate_der()).unwrap();

        let (_, json) = verify(
            &file,
            Some(&data),
            &trust("2026-06-01T00:00:00Z", false, vec![root.clone()]),
        )
        .unwrap();
        assert_eq!(json["valid"], true);
        assert_eq!(json["signature_valid"], true);
        assert_eq!(json["kind"], "signature");
        assert_eq!(json["detached"], true);

        let (_, json) = verify(
            &file,
            Some(&data),
            &trust("2026-06-01T00:00:00Z", false, vec![]),
        )
        .unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(
            json["reason_codes"],
            serde_json::json!(["wrong_hierarchy", "no_trusted_root"])
        );

        std::fs::write(&data, b"consent?").unwrap();
        let (_, json) = verify(
            &file,
            Some(&data),
            &trust("2026-06-01T00:00:00Z", false, vec![root.clone()]),
        )
        .unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(
            json["reasons"],
            serde_json::json!(["the content does not match the signed message digest"])
        );

        let failure = verify(
            &file,
            None,
            &trust("2026-06-01T00:00:00Z", false, vec![root.clone()]),
        )
        .unwrap_err();
        assert_eq!(failure.code, 2);
        let failure =
            verify(&root, None, &trust("2026-06-01T00:00:00Z", false, vec![])).unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.contains("is not a CMS SignedData"),
            "{}",
            failure.message
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
