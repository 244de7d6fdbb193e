//! `mynaweb rp verify`: check a widget result (docs/widget-protocol.md §3) by hand, exactly as a
//! relying party's server does with `pki::rp` (§4): the statement's kind, challenge, origin and
//! time, the certificate's kind and chain, the signature or CMS, and revocation when a CRL is
//! given. Exit 0 verified, 1 rejected (with the reason code), 2 bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64ct::{Base64, Encoding};
use clap::{Args, Subcommand, ValueEnum};
use pki::crl::Crl;
use pki::der::DateTime;
use pki::rp::{
    self, Challenge, Expectation, Flow, Kind, LoginResult, Origin, RpError, SubmissionResult,
    VerifiedCertificate,
};
use pki::trust::TrustStore;
use pki::validate::RevocationStatus;
use serde_json::{json, Value};

use crate::cert::{parse_rfc3339, read, Store, TrustArgs};
use crate::output::{finish, Failure};

/// Arguments of `mynaweb rp`.
#[derive(Args, Debug)]
pub struct RpArgs {
    #[command(subcommand)]
    pub command: RpCommand,
}

/// `rp` subcommands.
#[derive(Subcommand, Debug)]
pub enum RpCommand {
    /// Verify a card-login or signed-submission result JSON against the challenge you issued.
    Verify(VerifyArgs),
}

/// What `rp verify` checks against.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The result object the widget posted (`{"version":1,"kind":…}`), as a JSON file.
    #[arg(long, value_name = "FILE.json")]
    pub result: PathBuf,
    /// The challenge you issued.
    #[arg(long)]
    pub challenge: String,
    /// The host page's origin the challenge was issued to (`https://city.example.jp`).
    #[arg(long)]
    pub origin: String,
    /// When you issued the challenge (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub issued_at: String,
    /// When the challenge expires (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub expires_at: String,
    /// The time to verify at (RFC 3339); default: now.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// The kind the challenge was issued for; default: the result's `kind`.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// For a submission: the flow the challenge was issued for; default: either.
    #[arg(long, value_enum)]
    pub flow: Option<FlowArg>,
    /// Trust the test roots (J-LIS test-card roots and the simulator's test CA) instead of the
    /// production J-LIS roots. A result verified this way proves nothing about a real person.
    #[arg(long)]
    pub test_roots: bool,
    /// Trust this test-hierarchy root (DER/PEM), e.g. the simulator's CA, instead of production.
    #[arg(long = "test-root", value_name = "FILE")]
    pub test_root: Vec<PathBuf>,
    /// A CRL (DER/PEM) from the certificate's root, to check revocation.
    #[arg(long, value_name = "FILE")]
    pub crl: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// `--kind`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    /// Card login.
    Login,
    /// Signed submission.
    Submission,
}

/// `--flow`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FlowArg {
    /// 公金受取口座 account data.
    Account,
    /// Latest-4-items consent.
    Consent,
}

/// Runs the subcommand.
pub fn run(args: RpArgs) -> ExitCode {
    match args.command {
        RpCommand::Verify(args) => finish(args.json, verify(&args)),
    }
}

/// A result decoded from its JSON form (§3).
enum Decoded {
    Login(LoginResult),
    Submission(SubmissionResult),
}

fn verify(args: &VerifyArgs) -> Result<(String, Value), Failure> {
    let decoded = decode_result(&read(&args.result)?, &args.result)?;
    let found_kind = match &decoded {
        Decoded::Login(_) => Kind::Login,
        Decoded::Submission(_) => Kind::Submission,
    };
    let expected = Expectation {
        kind: match args.kind {
            Some(KindArg::Login) => Kind::Login,
            Some(KindArg::Submission) => Kind::Submission,
            None => found_kind,
        },
        flow: args.flow.map(|f| match f {
            FlowArg::Account => Flow::Account,
            FlowArg::Consent => Flow::Consent,
        }),
        challenge: Challenge::parse(&args.challenge)
            .map_err(|e| Failure::input(format!("--challenge: {e}")))?,
        origin: Origin::parse(&args.origin)
            .map_err(|e| Failure::input(format!("--origin {:?}: {e}", args.origin)))?,
        issued_at: time("--issued-at", &args.issued_at)?,
        expires_at: time("--expires-at", &args.expires_at)?,
    };
    let now = match &args.now {
        Some(text) => time("--now", text)?,
        None => DateTime::from_system_time(std::time::SystemTime::now())
            .map_err(|e| Failure::failed(format!("the system clock is out of range: {e}")))?,
    };
    let crl_der = match &args.crl {
        Some(path) => Some(
            pki::crl::der_from_pem_or_der(&read(path)?)
                .map_err(|e| Failure::input(format!("{} is not a CRL: {e}", path.display())))?,
        ),
        None => None,
    };
    let crl = match &crl_der {
        Some(der) => Some(
            Crl::from_der(der)
                .map_err(|e| Failure::input(format!("the CRL file is not a CRL: {e}")))?,
        ),
        None => None,
    };
    let store = Store::from_args(&TrustArgs {
        at: None,
        test_roots: args.test_roots,
        test_root: args.test_root.clone(),
    })?;
    let outcome = match &store {
        Store::Production(s) => check(&decoded, &expected, s, now, crl.as_ref()),
        Store::Test(s) => check(&decoded, &expected, s, now, crl.as_ref()),
    };
    outcome.map_err(rejection)
}

/// Runs `pki::rp` on the decoded result and reports what it verified.
fn check<H: pki::trust::HierarchyMarker>(
    decoded: &Decoded,
    expected: &Expectation,
    store: &TrustStore<H>,
    now: DateTime,
    crl: Option<&Crl<'_>>,
) -> Result<(String, Value), RpError> {
    match decoded {
        Decoded::Login(r) => rp::verify_login_with_crl(
            &r.statement,
            &r.certificate,
            &r.signature,
            expected,
            store,
            now,
            crl,
        )
        .map(|v| login_report(&v.statement, &v.certificate)),
        Decoded::Submission(r) => r
            .verify(expected, store, now, crl)
            .map(|v| submission_report(&v)),
    }
}

fn time(flag: &str, text: &str) -> Result<DateTime, Failure> {
    parse_rfc3339(text).ok_or_else(|| {
        Failure::input(format!(
            "{flag} {text:?} is not an RFC 3339 time like 2026-12-03T10:00:00Z"
        ))
    })
}

/// A verification that said no: exit 1, the reason code in the JSON.
fn rejection(error: RpError) -> Failure {
    let mut failure = Failure::failed(format!("REJECTED ({}): {error}", error.code()));
    failure.details = Some(json!({ "verified": false, "code": error.code() }));
    failure
}

/// Reads the §3 JSON: `version` 1, `kind`, `statement` text, base64 `certificate`, and
/// `hash: "sha256"` + `signature` (login) or `cms` (submission).
fn decode_result(bytes: &[u8], path: &Path) -> Result<Decoded, Failure> {
    let bad = |what: String| Failure::input(format!("{}: {what}", path.display()));
    let value: Value = serde_json::from_slice(bytes).map_err(|e| bad(format!("not JSON: {e}")))?;
    if value["version"] != json!(1) {
        return Err(bad("\"version\" is not 1".into()));
    }
    let text = |field: &str| -> Result<&str, Failure> {
        value[field]
            .as_str()
            .ok_or_else(|| bad(format!("\"{field}\" is missing or not a string")))
    };
    let base64 = |field: &str| -> Result<Vec<u8>, Failure> {
        Base64::decode_vec(text(field)?)
            .map_err(|_| bad(format!("\"{field}\" is not standard base64")))
    };
    let statement = text("statement")?.as_bytes().to_vec();
    let certificate = base64("certificate")?;
    match text("kind")? {
        "login" => {
            if text("hash")? != "sha256" {
                return Err(bad("\"hash\" is not \"sha256\"".into()));
            }
            Ok(Decoded::Login(LoginResult {
                statement,
                certificate,
                signature: base64("signature")?,
            }))
        }
        "submission" => Ok(Decoded::Submission(SubmissionResult {
            statement,
            certificate,
            cms: base64("cms")?,
        })),
        other => Err(bad(format!(
            "\"kind\" is {other:?}, not \"login\" or \"submission\""
        ))),
    }
}

fn certificate_json(c: &VerifiedCertificate) -> Value {
    json!({
        "issuer": c.issuer,
        "serial": c.serial_hex,
        "fingerprint_sha256": c.fingerprint_sha256,
        "not_before": rp::format_time(&c.not_before),
        "not_after": rp::format_time(&c.not_after),
        "root": c.root,
        "hierarchy": c.hierarchy.name(),
    })
}

fn revocation_json(c: &VerifiedCertificate) -> Value {
    let status = match c.revocation {
        RevocationStatus::NotChecked => "not_checked",
        RevocationStatus::NotRevoked { .. } => "not_revoked",
        RevocationStatus::Revoked => "revoked",
    };
    json!({ "status": status, "note": c.revocation_text() })
}

fn statement_json(s: &rp::Statement) -> Value {
    json!({
        "challenge": s.challenge().as_str(),
        "origin": s.origin().as_str(),
        "relying_party": s.relying_party().as_str(),
        "time": rp::format_time(&s.time()),
    })
}

fn common_text(kind: &str, s: &rp::Statement, c: &VerifiedCertificate) -> String {
    let mut text = format!(
        "VERIFIED {kind} for {} ({}), signed {}\ncertificate: {} serial {} ({} root {})\n\
         sha256 fingerprint: {}\nrevocation: {}\n",
        s.origin(),
        s.relying_party(),
        rp::format_time(&s.time()),
        c.issuer,
        c.serial_hex,
        c.hierarchy.name(),
        c.root,
        c.fingerprint_sha256,
        c.revocation_text(),
    );
    if c.hierarchy == pki::Hierarchy::Test {
        text.push_str("NOTE: test hierarchy: this proves nothing about a real person\n");
    }
    text
}

fn login_report(s: &rp::Statement, c: &VerifiedCertificate) -> (String, Value) {
    let value = json!({
        "verified": true,
        "kind": "login",
        "statement": statement_json(s),
        "certificate": certificate_json(c),
        "revocation": revocation_json(c),
    });
    (common_text("login", s, c), value)
}

fn submission_report(v: &rp::VerifiedSubmission) -> (String, Value) {
    let holder = &v.holder;
    let date_of_birth = holder
        .date_of_birth
        .as_ref()
        .map(|d| d.iso8601().unwrap_or_else(|| d.raw.clone()));
    let value = json!({
        "verified": true,
        "kind": "submission",
        "statement": statement_json(&v.statement),
        "certificate": certificate_json(&v.certificate),
        "revocation": revocation_json(&v.certificate),
        "flow": v.flow.as_str(),
        "data": v.data,
        "holder": {
            "name": holder.name,
            "address": holder.address,
            "date_of_birth": date_of_birth,
            "sex": holder.sex.as_ref().map(|s| s.name().to_string()),
        },
    });
    let mut text = common_text("submission", &v.statement, &v.certificate);
    text.push_str(&format!("flow: {}\n", v.flow));
    for (key, value) in &v.data {
        text.push_str(&format!("  {key} = {value}\n"));
    }
    text.push_str(&format!(
        "holder: {} / {} / born {} / sex {}\n",
        holder.name.as_deref().unwrap_or("-"),
        holder.address.as_deref().unwrap_or("-"),
        date_of_birth.as_deref().unwrap_or("-"),
        holder.sex.as_ref().map_or("-", |s| s.name()),
    ));
    (text, value)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cert::tests::temp_dir;
    use pki::cms::{Encapsulation, SignedDataBuilder};
    use pki::rp::{RelyingParty, Statement};

    const CHALLENGE: &str = "q8KxT0a-ZB3m_lw9Yf2R";

    fn args(result: PathBuf) -> VerifyArgs {
        VerifyArgs {
            result,
            challenge: CHALLENGE.into(),
            origin: "http://localhost:8080".into(),
            issued_at: "2026-12-03T19:00:00+09:00".into(),
            expires_at: "2026-12-03T10:10:00Z".into(),
            now: Some("2026-12-03T10:02:00Z".into()),
            kind: None,
            flow: None,
            test_roots: true,
            test_root: vec![],
            crl: None,
            json: true,
        }
    }

    fn statement(kind: Kind) -> Statement {
        let (challenge, origin, rp, time) = (
            Challenge::parse(CHALLENGE).unwrap(),
            Origin::parse("http://localhost:8080").unwrap(),
            RelyingParty::parse("みなと市").unwrap(),
            parse_rfc3339("2026-12-03T10:01:00Z").unwrap(),
        );
        match kind {
            Kind::Login => Statement::login(challenge, origin, rp, time),
            Kind::Submission => Statement::submission(
                challenge,
                origin,
                rp,
                time,
                Flow::Consent,
                [("consent".to_string(), "同意します".to_string())].into(),
            )
            .unwrap(),
        }
    }

    /// Writes the result JSON the widget would post for the first persona with a signature
    /// certificate, signed by the simulator's keys.
    fn write_result(tag: &str, kind: Kind) -> PathBuf {
        let persona = sim::persona::personas()
            .into_iter()
            .find(|p| p.has_signature_certificate)
            .unwrap();
        let issued = sim::issuer::issue_for(&persona).unwrap();
        let statement = statement(kind).to_string();
        let value = match kind {
            Kind::Login => {
                let key = sim::keys::load(&persona.auth_key_label()).unwrap();
                json!({
                    "version": 1, "kind": "login", "statement": statement,
                    "certificate": Base64::encode_string(&issued.auth),
                    "hash": "sha256",
                    "signature": Base64::encode_string(
                        &sim::layouts::sign_sha256(&key, statement.as_bytes())),
                })
            }
            Kind::Submission => {
                let key = sim::keys::load(&persona.sign_key_label()).unwrap();
                let der = issued.sign.unwrap();
                let signer = pki::JpkiCertificate::from_der(&der).unwrap();
                let pending =
                    SignedDataBuilder::new(&signer, statement.as_bytes(), Encapsulation::Detached)
                        .prepare()
                        .unwrap();
                let signature = sim::layouts::sign_sha256(&key, pending.signed_attributes_der());
                json!({
                    "version": 1, "kind": "submission", "statement": statement,
                    "certificate": Base64::encode_string(&der),
                    "cms": Base64::encode_string(&pending.finish(&signature).unwrap()),
                })
            }
        };
        let path = temp_dir("rp").join(format!("{tag}.json"));
        std::fs::write(&path, value.to_string()).unwrap();
        path
    }

    #[test]
    fn verifies_a_login_result_under_the_test_roots() {
        let path = write_result("login", Kind::Login);
        let (text, value) = verify(&args(path)).unwrap();
        assert_eq!(value["verified"], true);
        assert_eq!(value["kind"], "login");
        assert_eq!(value["statement"]["origin"], "http://localhost:8080");
        assert_eq!(value["certificate"]["hierarchy"], "test");
        assert_eq!(value["revocation"]["status"], "not_checked");
        assert_eq!(value["revocation"]["note"], rp::REVOCATION_NOT_CHECKED);
        assert!(text.starts_with("VERIFIED login for http://localhost:8080 (みなと市)"));
    }

    #[test]
    fn verifies_a_consent_submission_and_shows_the_4_items() {
        let path = write_result("submission", Kind::Submission);
        let (_, value) = verify(&args(path)).unwrap();
        assert_eq!(value["kind"], "submission");
        assert_eq!(value["flow"], "consent");
        assert_eq!(value["data"]["consent"], "同意します");
        assert_eq!(value["holder"]["date_of_birth"], "1975-06-15");
        assert_eq!(value["holder"]["sex"], "male");
    }

    #[test]
    fn rejections_exit_1_with_the_reason_code() {
        let path = write_result("reject", Kind::Login);
        type Change = fn(&mut VerifyArgs);
        let cases: [(Change, &str); 5] = [
            (
                |a| a.origin = "https://city.example.jp".into(),
                "wrong_origin",
            ),
            (
                |a| a.challenge = "another-challenge-0001".into(),
                "wrong_challenge",
            ),
            (
                |a| a.now = Some("2026-12-03T10:10:01Z".into()),
                "challenge_expired",
            ),
            (|a| a.kind = Some(KindArg::Submission), "wrong_kind"),
            (|a| a.test_roots = false, "untrusted"),
        ];
        for (change, code) in cases {
            let mut a = args(path.clone());
            change(&mut a);
            let failure = verify(&a).unwrap_err();
            assert_eq!(failure.code, 1, "{code}");
            assert_eq!(
                failure.details,
                Some(json!({"verified": false, "code": code}))
            );
        }
    }

    #[test]
    fn bad_input_exits_2() {
        let dir = temp_dir("rp-bad");
        let path = dir.join("bad.json");
        std::fs::write(
            &path,
            br#"{"version":1,"kind":"login","statement":"x","certificate":"%%"}"#,
        )
        .unwrap();
        let failure = verify(&args(path.clone())).unwrap_err();
        assert_eq!(failure.code, 2);
        assert_eq!(
            failure.message,
            format!("{}: \"certificate\" is not standard base64", path.display())
        );
        let mut a = args(write_result("bad-arg", Kind::Login));
        a.origin = "https://city.example.jp/".into();
        let failure = verify(&a).unwrap_err();
        assert_eq!(failure.code, 2);
        assert_eq!(
            failure.message,
            "--origin \"https://city.example.jp/\": an origin has no path, query, fragment or user name"
        );
    }
}
