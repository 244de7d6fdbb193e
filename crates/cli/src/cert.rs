//! `mynaweb cert show FILE` and `mynaweb cert verify FILE [--at RFC3339] [--test-roots]`:
//! a JPKI certificate's profile, and its verdict against the pinned J-LIS roots
//! (crates/pki; jpki-pki.md §2–§3). Also the helpers the `sig`, `cms` and `crl` commands share.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use pki::crl::Crl;
use pki::der::DateTime;
use pki::validate::{RevocationStatus, ValidationOptions, Verdict};
use pki::{JpkiCertificate, TrustAnchor, TrustStore};
use serde_json::{json, Value};

use crate::output::{finish, Failure};

/// Arguments of `mynaweb cert`.
#[derive(Args, Debug)]
pub struct CertArgs {
    #[command(subcommand)]
    pub command: CertCommand,
}

/// `cert` subcommands.
#[derive(Subcommand, Debug)]
pub enum CertCommand {
    /// Print a JPKI certificate's profile: kind, hierarchy, validity, policies, holder facts.
    Show {
        /// Certificate, DER or PEM.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Validate a certificate against the J-LIS production roots (or the test roots).
    Verify {
        /// Certificate, DER or PEM.
        file: PathBuf,
        #[command(flatten)]
        trust: TrustArgs,
        /// A CRL from the issuing root (DER or PEM) to check revocation.
        #[arg(long)]
        crl: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Which roots to trust and when — shared by `cert verify`, `cms verify` and `crl check`.
#[derive(Args, Debug, Clone)]
pub struct TrustArgs {
    /// Validate at this time (RFC 3339, e.g. 2026-06-01T09:00:00+09:00); default: now.
    #[arg(long)]
    pub at: Option<String>,
    /// Trust the test roots instead of the production roots: the J-LIS test-card roots and the
    /// mynaweb simulator's test CA (what `mynaweb sim` and the demo card use).
    #[arg(long)]
    pub test_roots: bool,
    /// Trust this test-hierarchy root (DER/PEM; e.g. the simulator's CA); implies --test-roots.
    #[arg(long = "test-root", value_name = "FILE")]
    pub test_root: Vec<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: CertArgs) -> ExitCode {
    match args.command {
        CertCommand::Show { file, json } => finish(json, show(&file)),
        CertCommand::Verify {
            file,
            trust,
            crl,
            json,
        } => {
            let result = verify(&file, &trust, crl.as_deref());
            verdict_exit(json, result)
        }
    }
}

/// Prints a verdict and exits 1 when it says "not valid".
pub fn verdict_exit(json: bool, result: Result<(String, Value), Failure>) -> ExitCode {
    let valid = matches!(&result, Ok((_, v)) if v["valid"] == Value::Bool(true));
    let failed_check = result.is_ok() && !valid;
    let code = finish(json, result);
    if failed_check {
        ExitCode::from(1)
    } else {
        code
    }
}

/// Reads a file, naming it in the error.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::input(format!("cannot read {}: {e}", path.display())))
}

/// Reads a certificate (DER or PEM).
pub fn read_certificate(path: &Path) -> Result<JpkiCertificate, Failure> {
    let bytes = read(path)?;
    JpkiCertificate::from_pem_or_der(&bytes).map_err(|e| {
        Failure::input(format!(
            "{} is not an X.509 certificate: {e}",
            path.display()
        ))
    })
}

/// The trust store chosen on the command line.
pub enum Store {
    /// J-LIS production roots.
    Production(TrustStore<pki::Production>),
    /// Test roots.
    Test(TrustStore<pki::Test>),
}

impl Store {
    /// From `--test-roots` / `--test-root`.
    pub fn from_args(args: &TrustArgs) -> Result<Self, Failure> {
        if !args.test_roots && args.test_root.is_empty() {
            return Ok(Self::Production(TrustStore::production()));
        }
        let mut store = if args.test_roots {
            let mut store = TrustStore::bundled_test_roots();
            for purpose in [sim::issuer::Purpose::Authentication, sim::issuer::Purpose::Signature] {
                let root = sim::issuer::TestRoot::new(purpose)
                    .map_err(|e| Failure::failed(format!("the simulator's test CA could not be built: {e}")))?;
                let anchor = TrustAnchor::from_der(root.certificate_der())
                    .map_err(|e| Failure::failed(format!("the simulator's test CA is not a usable root: {e}")))?;
                store.add(anchor);
            }
            store
        } else {
            TrustStore::empty()
        };
        for path in &args.test_root {
            let der = pki_pem(&read(path)?, &["CERTIFICATE"])
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
            let anchor = TrustAnchor::from_der(&der).map_err(|e| {
                Failure::input(format!("{} cannot be a test root: {e}", path.display()))
            })?;
            store.add(anchor);
        }
        Ok(Self::Test(store))
    }

    /// Validates with this store.
    pub fn validate(&self, cert: &JpkiCertificate, options: &ValidationOptions<'_>) -> Verdict {
        match self {
            Self::Production(s) => s.validate(cert, options),
            Self::Test(s) => s.validate(cert, options),
        }
    }

    /// The name of the root that signed `crl` (same issuer DN and a verifying key), if any.
    pub fn crl_signer(&self, crl: &Crl<'_>) -> Option<String> {
        fn find<H: pki::trust::HierarchyMarker>(
            s: &TrustStore<H>,
            crl: &Crl<'_>,
        ) -> Option<String> {
            use pki::der::Encode;
            s.anchors()
                .iter()
                .find(|a| {
                    a.certificate().subject().to_der().ok().as_deref() == Some(crl.issuer_der())
                        && crl.verify_signature(a.key()).is_ok()
                })
                .map(|a| a.name())
        }
        match self {
            Self::Production(s) => find(s, crl),
            Self::Test(s) => find(s, crl),
        }
    }

    /// `"production"` or `"test"`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Production(_) => "production",
            Self::Test(_) => "test",
        }
    }
}

/// DER from DER or PEM input with one of `labels`.
pub fn pki_pem(bytes: &[u8], labels: &[&str]) -> Result<Vec<u8>, String> {
    pki::pem::der_from_pem_or_der(bytes, labels).map_err(|e| e.to_string())
}

/// `--at` or now.
pub fn time_arg(at: Option<&str>) -> Result<DateTime, Failure> {
    match at {
        Some(text) => parse_rfc3339(text).ok_or_else(|| {
            Failure::input(format!(
                "--at {text:?} is not an RFC 3339 time like 2026-06-01T09:00:00+09:00"
            ))
        }),
        None => DateTime::from_system_time(std::time::SystemTime::now())
            .map_err(|e| Failure::failed(format!("the system clock is out of range: {e}"))),
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` into UTC (RFC 3339 §5.6).
pub fn parse_rfc3339(text: &str) -> Option<DateTime> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = text.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    let offset_secs: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes().get(3) != Some(&b':') {
                return None;
            }
            // Two digits each, hours ≤ 23 and minutes ≤ 59 (RFC 3339 §5.6 time-numoffset).
            let two_digits = |r: std::ops::Range<usize>| {
                rest.get(r).filter(|d| d.bytes().all(|c| c.is_ascii_digit())).and_then(|d| d.parse::<i64>().ok())
            };
            let h = two_digits(1..3).filter(|h| *h <= 23)?;
            let m = two_digits(4..6).filter(|m| *m <= 59)?;
            sign * (h * 3600 + m * 60)
        }
    };
    let local = DateTime::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()?;
    let utc = i64::try_from(local.unix_duration().as_secs())
        .ok()?
        .checked_sub(offset_secs)?;
    DateTime::from_unix_duration(std::time::Duration::from_secs(u64::try_from(utc).ok()?)).ok()
}

/// The JSON and text lines for a verdict.
pub fn verdict_report(verdict: &Verdict, store: &Store, at: DateTime) -> (String, Value) {
    let revocation = match verdict.revocation {
        RevocationStatus::NotChecked => json!("not_checked"),
        RevocationStatus::NotRevoked { crl_this_update } => {
            json!({"status": "not_revoked", "crl_this_update": crl_this_update.to_string()})
        }
        RevocationStatus::Revoked => json!("revoked"),
    };
    let value = json!({
        "valid": verdict.is_valid(),
        "reasons": verdict.reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "reason_codes": verdict.reasons.iter().map(|r| r.code()).collect::<Vec<_>>(),
        "kind": verdict.kind.map(|k| k.name()),
        "root": verdict.root,
        "trust_store": store.name(),
        "at": at.to_string(),
        "signature_hash": verdict.signature_hash.map(|h| h.name()),
        "revocation": revocation,
    });
    let mut text = if verdict.is_valid() {
        format!(
            "VALID: chains to {} ({} roots) at {at}\n",
            verdict.root.as_deref().unwrap_or("?"),
            store.name()
        )
    } else {
        format!("NOT VALID against the {} roots at {at}:\n", store.name())
    };
    for reason in &verdict.reasons {
        text.push_str(&format!("  - {reason}\n"));
    }
    match verdict.revocation {
        RevocationStatus::NotChecked => text.push_str("revocation: NOT checked (no CRL given)\n"),
        RevocationStatus::NotRevoked { crl_this_update } => {
            text.push_str(&format!(
                "revocation: not revoked (CRL of {crl_this_update})\n"
            ));
        }
        RevocationStatus::Revoked => text.push_str("revocation: REVOKED\n"),
    }
    (text, value)
}

fn verify(file: &Path, trust: &TrustArgs, crl: Option<&Path>) -> Result<(String, Value), Failure> {
    let cert = read_certificate(file)?;
    let store = Store::from_args(trust)?;
    let at = time_arg(trust.at.as_deref())?;
    let crl_der = match crl {
        Some(path) => Some(
            pki::crl::der_from_pem_or_der(&read(path)?)
                .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?,
        ),
        None => None,
    };
    let crl = match &crl_der {
        Some(der) => Some(Crl::from_der(der).map_err(|e| Failure::input(format!("the CRL: {e}")))?),
        None => None,
    };
    let verdict = store.validate(
        &cert,
        &ValidationOptions {
            at,
            crl: crl.as_ref(),
        },
    );
    Ok(verdict_report(&verdict, &store, at))
}

fn show(file: &Path) -> Result<(String, Value), Failure> {
    let cert = read_certificate(file)?;
    let p = cert.profile();
    let oids = |v: &[pki::der::oid::ObjectIdentifier]| {
        v.iter().map(ToString::to_string).collect::<Vec<_>>()
    };
    let holder = p.holder.as_ref().map(|h| {
        json!({
            "name": h.name,
            "name_substitutions": h.name_substitutions.as_ref().map(|s| s.0.clone()),
            "address": h.address,
            "address_substitutions": h.address_substitutions.as_ref().map(|s| s.0.clone()),
            "date_of_birth": h.date_of_birth.as_ref().map(|d| json!({
                "raw": d.raw,
                "era": d.era.map(|e| format!("{e:?}")),
                "date": d.iso8601(),
            })),
            "sex": h.sex.as_ref().map(|s| s.name().to_owned()),
        })
    });
    let value = json!({
        "kind": p.kind.map(|k| k.name()),
        "hierarchy": p.hierarchy.map(|h| h.name()),
        "root": p.root.map(|r| r.name),
        "generation": p.root.and_then(|r| r.generation),
        "serial": p.serial_hex(),
        "not_before": p.not_before.to_string(),
        "not_after": p.not_after.to_string(),
        "issuer": p.issuer,
        "subject": p.subject,
        "policies": oids(&p.policies),
        "key_usage": p.key_usage.as_ref().map(|k| k.iter().map(|u| u.name()).collect::<Vec<_>>()),
        "ext_key_usage": p.ext_key_usage.as_deref().map(oids),
        "ocsp_url": p.ocsp_url,
        "holder": holder,
    });
    let mut text = format!(
        "kind:        {}\nhierarchy:   {}\nissuer root: {}\nserial:      {}\nvalid:       {} .. {}\nissuer:      {}\nsubject:     {}\npolicies:    {}\n",
        p.kind.map_or("unknown (not a JPKI issuer)", |k| k.name()),
        p.hierarchy.map_or("unknown", |h| h.name()),
        p.root.map_or_else(|| "not a bundled J-LIS root".to_owned(), |r| match r.generation {
            Some(g) => format!("{} (generation {g})", r.name),
            None => r.name.to_owned(),
        }),
        p.serial_hex(),
        p.not_before,
        p.not_after,
        p.issuer,
        p.subject,
        oids(&p.policies).join(", "),
    );
    if let Some(url) = &p.ocsp_url {
        text.push_str(&format!("ocsp:        {url}\n"));
    }
    if let Some(h) = &p.holder {
        text.push_str(&format!(
            "name:        {}\n",
            h.name.as_deref().unwrap_or("-")
        ));
        text.push_str(&format!(
            "address:     {}\n",
            h.address.as_deref().unwrap_or("-")
        ));
        if let Some(d) = &h.date_of_birth {
            text.push_str(&format!(
                "birth:       {} (raw {})\n",
                d.iso8601().as_deref().unwrap_or("?"),
                d.raw
            ));
        }
        if let Some(s) = &h.sex {
            text.push_str(&format!("sex:         {}\n", s.name()));
        }
    }
    Ok((text, value))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;

    /// A file of crates/pki's test data.
    pub fn pki_data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../pki/tests/data")
            .join(name)
    }

    /// A fresh temporary directory for one test.
    pub fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mynaweb-cli-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    pub fn trust(at: &str, test_roots: bool, test_root: Vec<PathBuf>) -> TrustArgs {
        TrustArgs {
            at: Some(at.to_owned()),
            test_roots,
            test_root,
        }
    }

    #[test]
    fn show_reports_kind_and_holder_facts() {
        let (text, json) = show(&pki_data("jpki-sign-cert.der")).unwrap();
        assert_eq!(json["kind"], "signature");
        assert_eq!(json["hierarchy"], "test");
        assert_eq!(json["root"], "signca-test-2024");
        assert_eq!(json["serial"], "1EE607");
        assert_eq!(json["holder"]["date_of_birth"]["date"], "1980-02-17");
        assert_eq!(json["holder"]["date_of_birth"]["era"], "Showa");
        assert_eq!(json["holder"]["sex"], "male");
        assert!(text.contains("kind:        signature\n"), "{text}");
        let (_, json) = show(&pki_data("jpki-auth-cert.der")).unwrap();
        assert_eq!(json["kind"], "user_authentication");
        assert_eq!(json["ocsp_url"], "http://test-ocspauthnorm.jpki.go.jp");
        assert_eq!(json["holder"], Value::Null);
    }

    #[test]
    fn verify_against_test_and_production_roots() {
        let cert = pki_data("jpki-auth-cert.der");
        let (text, json) = verify(
            &cert,
            &trust("2026-06-01T09:00:00+09:00", true, vec![]),
            None,
        )
        .unwrap();
        assert_eq!(json["valid"], true);
        assert_eq!(json["reasons"], json!([]));
        assert_eq!(json["revocation"], "not_checked");
        assert_eq!(json["at"], "2026-06-01T00:00:00Z");
        assert!(text.contains("revocation: NOT checked"), "{text}");
        let (_, json) = verify(&cert, &trust("2026-06-01T00:00:00Z", false, vec![]), None).unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(
            json["reason_codes"],
            json!(["wrong_hierarchy", "no_trusted_root"])
        );
        let (_, json) = verify(&cert, &trust("2030-02-17T15:00:00Z", true, vec![]), None).unwrap();
        assert_eq!(json["reason_codes"], json!(["expired"]));
    }

    #[test]
    fn verify_with_a_crl_from_another_issuer_says_so() {
        let cert = pki_data("jpki-sign-cert.der");
        let crl = pki_data("seed.fake.crl");
        let (text, json) = verify(
            &cert,
            &trust("2026-06-01T00:00:00Z", true, vec![]),
            Some(&crl),
        )
        .unwrap();
        assert_eq!(json["valid"], false);
        assert_eq!(json["reason_codes"], json!(["crl_not_from_root"]));
        assert_eq!(json["revocation"], "not_checked");
        assert!(
            text.contains("the CRL is not signed by this certificate's root"),
            "{text}"
        );
        let failure = verify(
            &cert,
            &trust("2026-06-01T00:00:00Z", true, vec![]),
            Some(&cert),
        )
        .unwrap_err();
        assert_eq!(failure.code, 2);
    }

    #[test]
    fn refuses_input_that_is_not_a_certificate() {
        let dir = temp_dir("png");
        let png = dir.join("image.png");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let failure = show(&png).unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(
            failure.message.contains("is not an X.509 certificate"),
            "{}",
            failure.message
        );
        let failure = verify(
            &pki_data("jpki-auth-cert.der"),
            &trust("yesterday", true, vec![]),
            None,
        )
        .unwrap_err();
        assert_eq!(failure.code, 2);
        assert!(failure.message.contains("RFC 3339"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_impossible_offsets() {
        for bad in [
            "2026-06-01T09:00:00+99:99",
            "2026-06-01T09:00:00+25:00",
            "2026-06-01T09:00:00-00:75",
            "2026-06-01T09:00:00+-1:00",
            "2026-06-01T09:00:00++1:+5",
        ] {
            assert!(parse_rfc3339(bad).is_none(), "{bad} was accepted");
        }
    }

    #[test]
    fn parses_rfc3339_with_offsets() {
        let utc = |y, mo, d, h, mi, s| DateTime::new(y, mo, d, h, mi, s).ok();
        assert_eq!(
            parse_rfc3339("2030-02-17T14:59:59Z"),
            utc(2030, 2, 17, 14, 59, 59)
        );
        assert_eq!(
            parse_rfc3339("2030-02-17T23:59:59+09:00"),
            utc(2030, 2, 17, 14, 59, 59)
        );
        assert_eq!(
            parse_rfc3339("2030-02-17T00:30:00.250-01:00"),
            utc(2030, 2, 17, 1, 30, 0)
        );
        assert_eq!(parse_rfc3339("2030-02-17"), None);
        assert_eq!(parse_rfc3339("2030-13-17T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2030-02-17T00:00:00+0900"), None);
    }
}
