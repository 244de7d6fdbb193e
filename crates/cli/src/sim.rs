//! `mynaweb sim [--persona NAME] [--no-extended] [--json] <op>`: run one card operation against a
//! persona of the virtual My Number card and show the result and every APDU it took.
//!
//! PINs and passwords are read from standard input only (`--pin-stdin`, `--password-stdin`),
//! never from the command line, where other users could see them in `ps`. They never appear in
//! the output: VERIFY commands are shown with their data redacted.
//!
//! Each run starts a fresh virtual card (power-on state), so an operation that needs a PIN
//! verifies it in the same run.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::io::Write;
use std::process::ExitCode;

use apdu::CardChannel;
use card::{
    Card, CardError, Certificate, HashAlgorithm, LastTryConfirmation, Pin, PinRef, PinStatus,
    SigningKey, TraceEntry, Verified,
};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{json, Value};
use sim::channel::SimChannel;
use sim::{CardConfig, VirtualCard};
use zeroize::Zeroizing;

use crate::output::{finish, Failure};

/// Arguments of `mynaweb sim`.
#[derive(Args, Debug)]
pub struct SimArgs {
    /// Persona of the virtual card (list them with `mynaweb sim personas`).
    #[arg(long, default_value = DEFAULT_PERSONA)]
    pub persona: String,
    /// Make the virtual reader carry short APDUs only (certificates then take ⌈len/256⌉ reads).
    #[arg(long)]
    pub no_extended: bool,
    /// Print one JSON object instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// The operation.
    #[command(subcommand)]
    pub op: SimOp,
}

/// One card operation.
#[derive(Subcommand, Debug)]
pub enum SimOp {
    /// List the built-in personas.
    Personas,
    /// Read a certificate to a DER file (the signature certificate needs `--password-stdin`).
    ReadCert {
        /// Which certificate.
        which: CertArg,
        /// Where to write the DER certificate.
        #[arg(long)]
        out: PathBuf,
        /// Read the signature password from standard input (needed for `sign`).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Show the status of every PIN (tries left, verified, blocked); costs no try.
    PinStatus,
    /// VERIFY one PIN through the PIN guard (reads the tries first; never retries).
    Verify {
        /// Which PIN.
        which: VerifyArg,
        /// Read the PIN from standard input.
        #[arg(long)]
        pin_stdin: bool,
        /// Allow the VERIFY when only one try is left (a wrong PIN then blocks it).
        #[arg(long)]
        confirm_last_try: bool,
    },
    /// Sign a file with the auth or signature key (PKCS#1 v1.5 over a host-built DigestInfo).
    Sign {
        /// Which key.
        key: KeyArg,
        /// The file to sign.
        #[arg(long = "in")]
        input: PathBuf,
        /// The hash algorithm.
        #[arg(long, value_enum, default_value_t = HashArg::Sha256)]
        hash: HashArg,
        /// Where to write the 256-byte signature.
        #[arg(long)]
        out: PathBuf,
        /// Read the key's PIN or password from standard input.
        #[arg(long)]
        pin_stdin: bool,
        /// Allow the VERIFY when only one try is left.
        #[arg(long)]
        confirm_last_try: bool,
    },
    /// Read 基本4情報 (name, address, birth date, sex); the card-info PIN comes on standard input.
    Basic4 {
        /// Read the card-info PIN from standard input.
        #[arg(long)]
        pin_stdin: bool,
    },
    /// Read the My Number and check it against the card's integrity record; the card-info PIN
    /// comes on standard input.
    MyNumber {
        /// Read the card-info PIN from standard input.
        #[arg(long)]
        pin_stdin: bool,
    },
}

/// A certificate.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CertArg {
    /// 利用者証明用電子証明書.
    Auth,
    /// 署名用電子証明書.
    Sign,
    /// 利用者証明用CA証明書.
    AuthCa,
    /// 署名用CA証明書.
    SignCa,
}

/// A PIN for `verify`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum VerifyArg {
    /// The 4-digit user-authentication PIN.
    Auth,
    /// The signature password.
    Sign,
    /// The 4-digit card-information PIN (券面事項入力補助AP).
    CardInfo,
}

/// A signing key.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KeyArg {
    /// 利用者証明用秘密鍵.
    Auth,
    /// 署名用秘密鍵.
    Sign,
}

/// A hash algorithm.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum HashArg {
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl From<HashArg> for HashAlgorithm {
    fn from(h: HashArg) -> Self {
        match h {
            HashArg::Sha1 => Self::Sha1,
            HashArg::Sha256 => Self::Sha256,
            HashArg::Sha384 => Self::Sha384,
            HashArg::Sha512 => Self::Sha512,
        }
    }
}

impl From<CertArg> for Certificate {
    fn from(c: CertArg) -> Self {
        match c {
            CertArg::Auth => Self::Auth,
            CertArg::Sign => Self::Sign,
            CertArg::AuthCa => Self::AuthCa,
            CertArg::SignCa => Self::SignCa,
        }
    }
}

/// Runs the subcommand.
pub fn run(args: SimArgs) -> ExitCode {
    let json = args.json;
    finish(
        json,
        pollster::block_on(execute(args, &mut std::io::stdin())),
    )
}

/// One step of the session, with the APDUs it took.
struct Step {
    name: &'static str,
    trace: Vec<TraceEntry>,
}

/// The steps taken so far, printed with the result (and with a failure, so the APDUs that led
/// to it are visible).
#[derive(Default)]
struct Session {
    steps: Vec<Step>,
}

impl Session {
    fn record<C: CardChannel>(&mut self, name: &'static str, card: &mut Card<C>) {
        let trace = card.take_trace();
        self.steps.push(Step { name, trace });
    }

    fn apdu_count(&self) -> usize {
        self.steps.iter().map(|s| s.trace.len()).sum()
    }

    fn text(&self) -> String {
        let mut out = String::from("\nAPDU trace\n");
        for step in &self.steps {
            out.push_str(&format!("-- {} ({} APDUs)\n", step.name, step.trace.len()));
            for entry in &step.trace {
                out.push_str(&format!("{entry}\n"));
            }
        }
        out.push_str(&format!("total: {} APDUs\n", self.apdu_count()));
        out
    }

    fn json(&self) -> Value {
        Value::Array(
            self.steps
                .iter()
                .map(|s| {
                    json!({
                        "step": s.name,
                        "apdus": s.trace.iter().map(entry_json).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

fn entry_json(e: &TraceEntry) -> Value {
    json!({
        "command": card::trace::to_hex(&e.command),
        "redacted_bytes": e.redacted_len,
        "response": card::trace::to_hex(&e.response),
        "sw": e.status().map(|sw| sw.to_string()),
    })
}

/// Runs the operation; `stdin` supplies PINs.
pub async fn execute(args: SimArgs, stdin: &mut dyn Read) -> Result<(String, Value), Failure> {
    if let SimOp::Personas = args.op {
        return Ok(list_personas());
    }
    let channel = virtual_card(&args.persona, !args.no_extended)?;
    let mut session = Session::default();
    let outcome = run_op(&args, channel, stdin, &mut session).await;
    let base = json!({
        "persona": args.persona,
        "extended_length": !args.no_extended,
        "apdu_count": session.apdu_count(),
        "trace": session.json(),
    });
    match outcome {
        Ok((text, result)) => {
            let mut value = base;
            value["result"] = result;
            Ok((format!("{text}{}", session.text()), value))
        }
        Err(failure) if args.json => Err(Failure {
            message: format!("{} ({} APDUs sent)", failure.message, session.apdu_count()),
            // The APDUs that led to the failure, so a machine can see e.g. that no VERIFY with
            // data was sent.
            details: Some(base),
            ..failure
        }),
        Err(failure) => {
            if session.apdu_count() > 0 {
                // A closed pipe is not worth a panic.
                let _ = write!(std::io::stderr().lock(), "{}", session.text());
            }
            Err(failure)
        }
    }
}

fn card_failure(e: CardError) -> Failure {
    Failure::failed(e.to_string())
}

async fn open<C: CardChannel>(channel: C, session: &mut Session) -> Result<Card<C>, Failure> {
    let mut card = Card::connect(channel).await.map_err(card_failure)?;
    session.record("connect: SELECT JPKI AP, read token label", &mut card);
    Ok(card)
}

/// Reads one line (the PIN) from `stdin`; the buffer is wiped afterwards.
fn read_secret(
    stdin: &mut dyn Read,
    flag_given: bool,
    flag: &str,
    what: &str,
) -> Result<Zeroizing<String>, Failure> {
    if !flag_given {
        return Err(Failure::input(format!(
            "{what} is needed: pass {flag} and write it to standard input (never on the command line)"
        )));
    }
    // A PIN is at most 16 characters; read a little more than any PIN line can be, no more.
    let mut buf = Zeroizing::new(Vec::new());
    stdin
        .take(MAX_SECRET_INPUT)
        .read_to_end(&mut buf)
        .map_err(|e| Failure::input(format!("cannot read standard input: {e}")))?;
    let text = std::str::from_utf8(&buf)
        .map_err(|_| Failure::input(format!("{what} on standard input is not UTF-8")))?;
    let line = text.lines().next().unwrap_or("");
    if line.is_empty() {
        return Err(Failure::input(format!("no {} was given on standard input", what.trim_start_matches("the "))));
    }
    Ok(Zeroizing::new(line.to_owned()))
}

/// The most bytes read from standard input for a PIN.
const MAX_SECRET_INPUT: u64 = 1024;

/// Fails early, before the card is touched, when `out` cannot be written.
fn check_writable(out: &Path) -> Result<(), Failure> {
    if out.is_dir() {
        return Err(Failure::input(format!("{} is a directory, not a file to write", out.display())));
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(out)
        .map(|_| ())
        .map_err(|e| Failure::input(format!("cannot write {}: {e}", out.display())))
}

async fn verify_step<C: CardChannel>(
    card: &mut Card<C>,
    session: &mut Session,
    pin_ref: PinRef,
    secret: &str,
    confirm_last_try: bool,
) -> Result<Verified, Failure> {
    let pin = Pin::new(pin_ref, secret).map_err(|e| Failure::input(e.to_string()))?;
    let confirmation = confirm_last_try.then(LastTryConfirmation::user_confirmed_last_try);
    let result = card.verify(&pin, confirmation).await;
    session.record(verify_step_name(pin_ref), card);
    result.map_err(card_failure)
}

fn verify_step_name(pin: PinRef) -> &'static str {
    match pin {
        PinRef::JpkiAuth => "verify the auth PIN (tries first, then SELECT EF 0018 + VERIFY)",
        PinRef::JpkiSign => {
            "verify the signature password (tries first, then SELECT EF 001B + VERIFY)"
        }
        PinRef::TextPin => "verify the card-info PIN (tries first, then SELECT EF 0011 + VERIFY)",
        _ => "verify",
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::failed(format!("cannot write {}: {e}", path.display())))
}

async fn run_op<C: CardChannel>(
    args: &SimArgs,
    channel: C,
    stdin: &mut dyn Read,
    session: &mut Session,
) -> Result<(String, Value), Failure> {
    match &args.op {
        SimOp::Personas => Ok(list_personas()),
        SimOp::ReadCert {
            which,
            out,
            password_stdin,
        } => {
            let which = Certificate::from(*which);
            let secret = match which {
                Certificate::Sign => Some(read_secret(
                    stdin,
                    *password_stdin,
                    "--password-stdin",
                    "the signature password",
                )?),
                _ => None,
            };
            // Check the password's format and the output file before touching the card.
            if let Some(secret) = &secret {
                Pin::new(PinRef::JpkiSign, secret).map_err(|e| Failure::input(e.to_string()))?;
            }
            check_writable(out)?;
            let mut card = open(channel, session).await?;
            if let Some(secret) = secret {
                verify_step(&mut card, session, PinRef::JpkiSign, &secret, false).await?;
            }
            let result = card.read_certificate(which).await;
            session.record("read certificate", &mut card);
            let der = result.map_err(card_failure)?;
            write_file(out, &der)?;
            Ok((
                format!(
                    "{} certificate: {} bytes written to {}\n",
                    which.id(),
                    der.len(),
                    out.display()
                ),
                json!({ "certificate": which.id(), "bytes": der.len(), "out": out.display().to_string() }),
            ))
        }
        SimOp::PinStatus => {
            let mut card = open(channel, session).await?;
            let statuses = card.pin_statuses().await;
            session.record(
                "PIN status: SELECT PIN EF + empty VERIFY for each",
                &mut card,
            );
            let mut text = String::new();
            let mut rows = Vec::new();
            for (pin, status) in statuses {
                let (shown, value) = match status {
                    Ok(PinStatus::TriesLeft(n)) => {
                        let shown = if n == 1 {
                            "1 try left".to_owned()
                        } else {
                            format!("{n} tries left")
                        };
                        (shown, json!({ "status": "tries-left", "tries": n }))
                    }
                    Ok(s) => (s.id().to_owned(), json!({ "status": s.id() })),
                    Err(e) => (
                        format!("error: {e}"),
                        json!({ "status": "error", "error": e.to_string() }),
                    ),
                };
                text.push_str(&format!("{:<20} {shown}\n", pin.id()));
                let mut row = value;
                row["pin"] = json!(pin.id());
                rows.push(row);
            }
            Ok((text, json!({ "pins": rows })))
        }
        SimOp::Verify {
            which,
            pin_stdin,
            confirm_last_try,
        } => {
            let pin_ref = match which {
                VerifyArg::Auth => PinRef::JpkiAuth,
                VerifyArg::Sign => PinRef::JpkiSign,
                VerifyArg::CardInfo => PinRef::TextPin,
            };
            let secret = read_secret(stdin, *pin_stdin, "--pin-stdin", "the PIN")?;
            // Check the format before touching the card.
            Pin::new(pin_ref, &secret).map_err(|e| Failure::input(e.to_string()))?;
            let mut card = open(channel, session).await?;
            let verified =
                verify_step(&mut card, session, pin_ref, &secret, *confirm_last_try).await?;
            let status = card.pin_status(pin_ref).await;
            session.record("status after VERIFY", &mut card);
            let status = status.map_err(card_failure)?;
            let how = match verified {
                Verified::Now => "verified",
                Verified::Already => "already verified (no VERIFY sent)",
            };
            Ok((
                format!("{}: {how}; status now {}\n", pin_ref.id(), status.id()),
                json!({ "pin": pin_ref.id(), "verified": true, "status_after": status.id() }),
            ))
        }
        SimOp::Sign {
            key,
            input,
            hash,
            out,
            pin_stdin,
            confirm_last_try,
        } => {
            let key = match key {
                KeyArg::Auth => SigningKey::Auth,
                KeyArg::Sign => SigningKey::Sign,
            };
            let hash = HashAlgorithm::from(*hash);
            let message = std::fs::read(input)
                .map_err(|e| Failure::input(format!("cannot read {}: {e}", input.display())))?;
            let secret = read_secret(stdin, *pin_stdin, "--pin-stdin", "the key's PIN")?;
            Pin::new(key.pin(), &secret).map_err(|e| Failure::input(e.to_string()))?;
            check_writable(out)?;
            let mut card = open(channel, session).await?;
            verify_step(&mut card, session, key.pin(), &secret, *confirm_last_try).await?;
            let signature = card.sign(key, hash, message.as_slice()).await;
            session.record("sign: SELECT key EF + COMPUTE SIGNATURE", &mut card);
            let signature = signature.map_err(card_failure)?;
            write_file(out, &signature)?;
            Ok((
                format!(
                    "{}-key signature over {} of {} ({} bytes): written to {}\n",
                    key.id(),
                    hash.id(),
                    input.display(),
                    signature.len(),
                    out.display()
                ),
                json!({
                    "key": key.id(), "hash": hash.id(), "bytes": signature.len(),
                    "out": out.display().to_string(),
                    "signature": card::trace::to_hex(&signature).replace(' ', ""),
                }),
            ))
        }
        SimOp::Basic4 { pin_stdin } => {
            let secret = read_secret(stdin, *pin_stdin, "--pin-stdin", "the card-info PIN")?;
            Pin::new(PinRef::TextPin, &secret).map_err(|e| Failure::input(e.to_string()))?;
            let mut card = open(channel, session).await?;
            verify_step(&mut card, session, PinRef::TextPin, &secret, false).await?;
            let basic4 = card.read_basic4().await;
            session.record("read 基本4情報 (text AP EF 0002)", &mut card);
            let b = basic4.map_err(card_failure)?;
            Ok((
                format!(
                    "name:       {}\naddress:    {}\nbirth date: {}\nsex:        {}\n",
                    b.name,
                    b.address,
                    b.birth_date,
                    b.sex.id()
                ),
                json!({
                    "name": b.name, "address": b.address,
                    "birth_date": b.birth_date.to_string(), "sex": b.sex.id(),
                }),
            ))
        }
        SimOp::MyNumber { pin_stdin } => {
            let secret = read_secret(stdin, *pin_stdin, "--pin-stdin", "the card-info PIN")?;
            Pin::new(PinRef::TextPin, &secret).map_err(|e| Failure::input(e.to_string()))?;
            let mut card = open(channel, session).await?;
            verify_step(&mut card, session, PinRef::TextPin, &secret, false).await?;
            let number = card.read_my_number().await;
            session.record(
                "read My Number (EF 0001) and integrity record (EF 0003)",
                &mut card,
            );
            let number = number.map_err(card_failure)?;
            Ok((
                format!(
                    "My Number: {} (matches the integrity record)\n",
                    number.as_str()
                ),
                json!({ "my_number": number.as_str(), "integrity": "ok" }),
            ))
        }
    }
}

const DEFAULT_PERSONA: &str = "standard";

fn list_personas() -> (String, Value) {
    let personas = sim::persona::personas();
    let mut text = String::new();
    let mut rows = Vec::new();
    for p in &personas {
        text.push_str(&format!("{:<16} {}\n", p.id, p.description));
        rows.push(json!({ "id": p.id, "description": p.description, "token": p.token.label() }));
    }
    (text, json!({ "personas": rows }))
}

/// The virtual card of `persona`, behind a reader that carries extended APDUs or not.
fn virtual_card(persona: &str, extended: bool) -> Result<SimChannel, Failure> {
    let p = sim::persona(persona).ok_or_else(|| {
        Failure::input(format!(
            "no persona named {persona:?}; see `mynaweb sim personas`"
        ))
    })?;
    let config = CardConfig {
        extended_length: extended,
        ..CardConfig::default()
    };
    let card = VirtualCard::with_config(p, config).map_err(|e| Failure::failed(e.to_string()))?;
    Ok(SimChannel::new(card))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: SimArgs,
    }

    fn run_with(argv: &[&str], stdin: &str) -> Result<(String, Value), Failure> {
        let mut full = vec!["sim"];
        full.extend_from_slice(argv);
        let cli = Cli::try_parse_from(full).unwrap();
        pollster::block_on(execute(cli.args, &mut stdin.as_bytes()))
    }

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("mynaweb-sim-test-{}-{name}", std::process::id()))
    }

    #[test]
    fn a_refused_last_try_shows_its_trace_in_json_with_no_verify_data() {
        let failure = run_with(&["--persona", "auth-one-try", "--json", "verify", "auth", "--pin-stdin"], "9876\n")
            .map(|_| ())
            .unwrap_err();
        assert_eq!(failure.code, 1);
        let details = failure.details.unwrap();
        assert_eq!(details["apdu_count"], 4);
        let commands: Vec<String> = details["trace"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|step| step["apdus"].as_array().unwrap().iter())
            .map(|apdu| apdu["command"].as_str().unwrap().to_owned())
            .collect();
        // SELECT AP, token label, SELECT EF 0018, empty VERIFY — and no VERIFY with data.
        assert_eq!(commands.last().map(String::as_str), Some("00 20 00 80"));
        assert!(commands.iter().all(|c| !c.starts_with("00 20 00 80 04")), "{commands:?}");
        assert!(!details.to_string().contains("9876"));
    }

    #[test]
    fn verify_shows_the_trace_with_the_pin_redacted() {
        let (text, value) =
            run_with(&["--json", "verify", "auth", "--pin-stdin"], "1234\n").unwrap();
        assert_eq!(
            value["result"],
            json!({ "pin": "auth", "verified": true, "status_after": "verified" })
        );
        assert_eq!(value["apdu_count"], 8);
        let verify = &value["trace"][1]["apdus"][3];
        assert_eq!(verify["command"], "00 20 00 80 04");
        assert_eq!(verify["redacted_bytes"], 4);
        assert_eq!(verify["sw"], "9000");
        assert!(!text.contains("31 32 33 34") && !value.to_string().contains("31 32 33 34"));
    }

    #[test]
    fn read_cert_takes_one_apdu_extended_and_ceil_len_over_256_short() {
        let out = temp("auth.der");
        let out_arg = out.to_str().unwrap();
        let (_, ext) = run_with(&["--json", "read-cert", "auth", "--out", out_arg], "").unwrap();
        let len = ext["result"]["bytes"].as_u64().unwrap() as usize;
        assert_eq!(std::fs::read(&out).unwrap().len(), len);
        assert_eq!(ext["trace"][1]["apdus"].as_array().unwrap().len(), 1);
        let (_, short) = run_with(
            &[
                "--no-extended",
                "--json",
                "read-cert",
                "auth",
                "--out",
                out_arg,
            ],
            "",
        )
        .unwrap();
        assert_eq!(
            short["trace"][1]["apdus"].as_array().unwrap().len(),
            len.div_ceil(256)
        );
        assert_eq!(
            short["apdu_count"].as_u64().unwrap() as usize,
            2 + len.div_ceil(256)
        );
        std::fs::remove_file(out).unwrap();
    }

    #[test]
    fn sign_certificate_needs_the_password_on_stdin() {
        let out = temp("sign.der");
        let err = run_with(&["read-cert", "sign", "--out", out.to_str().unwrap()], "").unwrap_err();
        assert_eq!(err.code, 2);
        assert_eq!(
            err.message,
            "the signature password is needed: pass --password-stdin and write it to standard input (never on the command line)"
        );
        let (_, value) = run_with(
            &[
                "--json",
                "read-cert",
                "sign",
                "--password-stdin",
                "--out",
                out.to_str().unwrap(),
            ],
            "abc123\n",
        )
        .unwrap();
        assert_eq!(value["result"]["certificate"], "sign");
        std::fs::remove_file(out).unwrap();
    }

    #[test]
    fn one_try_left_is_refused_without_confirmation() {
        let err = run_with(
            &["--persona", "auth-one-try", "verify", "auth", "--pin-stdin"],
            "1234\n",
        )
        .unwrap_err();
        assert_eq!(err.code, 1);
        assert!(
            err.message.starts_with("only one try is left for the"),
            "{}",
            err.message
        );
        let (_, value) = run_with(
            &[
                "--persona",
                "auth-one-try",
                "--json",
                "verify",
                "auth",
                "--pin-stdin",
                "--confirm-last-try",
            ],
            "1234",
        )
        .unwrap();
        assert_eq!(value["result"]["verified"], true);
    }

    #[test]
    fn a_badly_formed_pin_never_reaches_the_card() {
        let err = run_with(&["--json", "verify", "auth", "--pin-stdin"], "12\n").unwrap_err();
        assert_eq!(err.code, 2);
        assert_eq!(
            err.message,
            "the 利用者証明用電子証明書の暗証番号 (user-authentication PIN) must be exactly 4 digits (0 APDUs sent)"
        );
    }

    #[test]
    fn pin_status_lists_every_pin() {
        let (text, value) =
            run_with(&["--persona", "auth-blocked", "--json", "pin-status"], "").unwrap();
        assert_eq!(
            value["result"]["pins"][0],
            json!({ "pin": "auth", "status": "blocked" })
        );
        assert_eq!(
            value["result"]["pins"][1],
            json!({ "pin": "sign", "status": "tries-left", "tries": 5 })
        );
        assert_eq!(value["result"]["pins"].as_array().unwrap().len(), 8);
        assert_eq!(value["result"]["pins"][7]["pin"], "card-face-birth-date");
        assert!(text.starts_with("auth                 blocked\n"));
    }

    #[test]
    fn basic4_and_my_number_read_with_the_card_info_pin() {
        let (_, value) = run_with(&["--json", "basic4", "--pin-stdin"], "1234\n").unwrap();
        let persona = sim::persona("standard").unwrap();
        assert_eq!(value["result"]["name"], persona.name);
        assert_eq!(value["result"]["address"], persona.address);
        let (_, value) = run_with(&["--json", "my-number", "--pin-stdin"], "1234\n").unwrap();
        assert_eq!(
            value["result"],
            json!({ "my_number": persona.my_number(), "integrity": "ok" })
        );
    }

    #[test]
    fn sign_writes_a_256_byte_signature() {
        let input = temp("msg.txt");
        let out = temp("msg.sig");
        std::fs::write(&input, b"hello").unwrap();
        let (_, value) = run_with(
            &[
                "--json",
                "sign",
                "auth",
                "--in",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--pin-stdin",
            ],
            "1234\n",
        )
        .unwrap();
        assert_eq!(value["result"]["bytes"], 256);
        assert_eq!(std::fs::read(&out).unwrap().len(), 256);
        // connect 2 + guarded VERIFY 4 + SELECT key EF + COMPUTE SIGNATURE 2.
        assert_eq!(value["apdu_count"], 8);
        std::fs::remove_file(input).unwrap();
        std::fs::remove_file(out).unwrap();
    }

    #[test]
    fn personas_lists_the_built_in_citizens() {
        let (text, value) = run_with(&["personas"], "").unwrap();
        assert!(text.starts_with("standard "));
        assert_eq!(value["personas"][0]["id"], "standard");
    }
}
