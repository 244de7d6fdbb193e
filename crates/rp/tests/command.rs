//! The `mynaweb-rp` command itself: the start-up lines other tools read (both origins), and
//! start-up refusals that name the problem.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mynaweb-rp");

fn dir(name: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Stops the server even when an assertion fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_prints_both_origins_then_answers_on_them() {
    let db = dir("command_serve").join("rp.sqlite3");
    let mut child = Command::new(BIN)
        .args(["--demo", "--host-port", "0", "--widget-port", "0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = KillOnDrop(child);
    let mut lines = BufReader::new(stdout).lines();
    let mut next = || lines.next().unwrap().unwrap();
    let host_line = next();
    let widget_line = next();
    let db_line = next();
    let demo_line = next();
    let origin = |line: &str, label: &str| {
        let rest = line.strip_prefix(label).unwrap().trim_start();
        rest.strip_suffix('/').unwrap().to_owned()
    };
    let host = origin(&host_line, "mynaweb-rp: host page and API");
    let widget = origin(&widget_line, "mynaweb-rp: widget");
    assert!(host.starts_with("http://127.0.0.1:"), "{host_line}");
    assert!(widget.starts_with("http://127.0.0.1:"), "{widget_line}");
    assert_ne!(host, widget);
    assert_eq!(
        db_line,
        format!("mynaweb-rp: database           {}", db.display())
    );
    assert_eq!(
        demo_line,
        "mynaweb-rp: demo: test certificates accepted (the simulator's test roots)"
    );
    // The widget origin names the host origin as the one allowed to embed it, and, --demo
    // being given, lets the widget open on the demo card.
    let authority = widget.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /widget-config.json HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(
        answer.ends_with(&format!(
            "{{\"allowedHostOrigins\":[\"{host}\"],\"demoCard\":true}}"
        )),
        "{answer}"
    );
}

#[test]
fn a_crl_that_is_not_one_stops_the_start_with_its_name() {
    let d = dir("command_bad_crl");
    let crl = d.join("junk.crl");
    std::fs::write(&crl, b"junk").unwrap();
    let out = Command::new(BIN)
        .args(["--host-port", "0", "--widget-port", "0", "--db"])
        .arg(d.join("rp.sqlite3"))
        .arg("--crl")
        .arg(&crl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "mynaweb-rp: {}: not a CRL: neither DER nor a PEM block labelled X509 CRL\n",
            crl.display()
        )
    );
}

#[test]
fn crl_check_without_a_database_says_so() {
    let d = dir("command_no_db");
    let out = Command::new(BIN)
        .args(["crl-check", "--db"])
        .arg(d.join("missing.sqlite3"))
        .args(["--crl", "x.crl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "mynaweb-rp: no database at {}\n",
            d.join("missing.sqlite3").display()
        )
    );
}

#[cfg(not(feature = "postgres"))]
#[test]
fn a_postgres_url_without_the_feature_says_how_to_build_it() {
    let out = Command::new(BIN)
        .args([
            "--db",
            "postgres://rp@127.0.0.1:5432/rp",
            "--host-port",
            "0",
            "--widget-port",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "mynaweb-rp: this build has no PostgreSQL support (cargo build -p mynaweb-rp --features postgres)\n"
    );
}
