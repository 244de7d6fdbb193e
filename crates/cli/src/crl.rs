//! `mynaweb crl check --crl FILE SERIAL…`: are these certificate serials revoked, when and why
//! (RFC 5280 §5; a changed address shows as affiliationChanged, jpki-pki.md §4). The CRL is
//! read streaming and its signature checked against the bundled roots.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pki::crl::Crl;
use serde_json::{json, Value};

use crate::cert::{read, verdict_exit, Store, TrustArgs};
use crate::output::Failure;

/// Arguments of `mynaweb crl`.
#[derive(Args, Debug)]
pub struct CrlArgs {
    #[command(subcommand)]
    pub command: CrlCommand,
}

/// `crl` subcommands.
#[derive(Subcommand, Debug)]
pub enum CrlCommand {
    /// Look certificate serials up in a CRL. Exit 0: CRL signed by a trusted root and no serial
    /// revoked; 1: a serial is revoked or the CRL is not trusted; 2: bad input.
    Check {
        /// The CRL, DER or PEM.
        #[arg(long)]
        crl: PathBuf,
        /// Serial numbers in hex as openssl prints them (`1EE607`, `0x1ee607`, `1e:e6:07`).
        #[arg(required = true)]
        serials: Vec<String>,
        #[command(flatten)]
        trust: TrustArgs,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Runs the subcommand.
pub fn run(args: CrlArgs) -> ExitCode {
    match args.command {
        CrlCommand::Check {
            crl,
            serials,
            trust,
            json,
        } => verdict_exit(json, check(&crl, &serials, &trust)),
    }
}

/// Parses a hex serial into big-endian bytes.
fn parse_serial(text: &str) -> Option<Vec<u8>> {
    let digits: String = text
        .trim_start_matches("0x")
        .trim_start_matches("0X")
        .chars()
        .filter(|c| *c != ':')
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let padded = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(padded.get(i..i + 2)?, 16).ok())
        .collect()
}

fn check(path: &Path, serials: &[String], trust: &TrustArgs) -> Result<(String, Value), Failure> {
    let parsed: Vec<Vec<u8>> = serials
        .iter()
        .map(|s| {
            parse_serial(s)
                .ok_or_else(|| Failure::input(format!("{s:?} is not a hex serial number")))
        })
        .collect::<Result<_, _>>()?;
    let der = pki::crl::der_from_pem_or_der(&read(path)?)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    let crl = Crl::from_der(&der)
        .map_err(|e| Failure::input(format!("{} is not a usable CRL: {e}", path.display())))?;
    let store = Store::from_args(trust)?;
    let signer = store.crl_signer(&crl);
    let queries: Vec<&[u8]> = parsed.iter().map(Vec::as_slice).collect();
    let answers = crl.scan(&queries);

    let mut reasons = Vec::new();
    if signer.is_none() {
        reasons.push(format!(
            "the CRL is not signed by any {} root with its issuer name",
            store.name()
        ));
    }
    let mut text = String::new();
    let mut rows = Vec::new();
    for (serial, answer) in serials.iter().zip(&answers) {
        match answer {
            Some(r) => {
                let reason = r.reason.map(|x| x.name());
                reasons.push(format!("serial {serial} is revoked"));
                text.push_str(&format!(
                    "{serial}: REVOKED at {} ({})\n",
                    r.time,
                    reason.unwrap_or("no reason code")
                ));
                rows.push(json!({"serial": serial, "revoked": true, "time": r.time.to_string(), "reason": reason}));
            }
            None => {
                text.push_str(&format!("{serial}: not listed\n"));
                rows.push(json!({"serial": serial, "revoked": false}));
            }
        }
    }
    let header = match &signer {
        Some(root) => format!(
            "CRL of {} entries, thisUpdate {}, signed by {root}\n",
            crl.len(),
            crl.this_update()
        ),
        None => format!(
            "CRL of {} entries, thisUpdate {}: SIGNATURE NOT TRUSTED\n",
            crl.len(),
            crl.this_update()
        ),
    };
    let value = json!({
        "valid": reasons.is_empty(),
        "reasons": reasons,
        "crl_signed_by": signer,
        "entries": crl.len(),
        "this_update": crl.this_update().to_string(),
        "next_update": crl.next_update().map(|t| t.to_string()),
        "serials": rows,
    });
    Ok((header + &text, value))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cert::tests::{pki_data, trust};

    #[test]
    fn reports_revoked_serials_and_an_untrusted_crl() {
        let serials = ["1EE607".to_owned(), "05".to_owned()];
        let (text, json) = check(
            &pki_data("seed.fake.crl"),
            &serials,
            &trust("2026-06-01T00:00:00Z", true, vec![]),
        )
        .unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(
            json["reasons"],
            json!([
                "the CRL is not signed by any test root with its issuer name",
                "serial 1EE607 is revoked"
            ])
        );
        assert_eq!(json["serials"][0]["reason"], "affiliationChanged");
        assert_eq!(json["serials"][0]["time"], "2025-01-01T00:00:00Z");
        assert_eq!(json["serials"][1]["revoked"], false);
        assert!(text.contains("05: not listed"), "{text}");
        let failure = check(
            &pki_data("jpki-auth-cert.der"),
            &serials,
            &trust("2026-06-01T00:00:00Z", true, vec![]),
        )
        .unwrap_err();
        assert_eq!(failure.code, 2);
        let failure = check(
            &pki_data("seed.fake.crl"),
            &["zz".to_owned()],
            &trust("2026-06-01T00:00:00Z", true, vec![]),
        )
        .unwrap_err();
        assert_eq!(failure.code, 2);
    }

    #[test]
    fn parses_hex_serials() {
        assert_eq!(parse_serial("1EE607"), Some(vec![0x1e, 0xe6, 0x07]));
        assert_eq!(parse_serial("0x1ee607"), Some(vec![0x1e, 0xe6, 0x07]));
        assert_eq!(parse_serial("1e:e6:07"), Some(vec![0x1e, 0xe6, 0x07]));
        assert_eq!(parse_serial("EE607"), Some(vec![0x0e, 0xe6, 0x07]));
        assert_eq!(parse_serial("xyz"), None);
        assert_eq!(parse_serial(""), None);
    }
}
