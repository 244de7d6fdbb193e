//! `cargo xtask` — the one entry point for running, testing and measuring mynaweb.
//!
//! ```text
//! cargo xtask serve            build the app with Trunk and serve it on http://127.0.0.1:8080
//! cargo xtask test             every test: native, Wasm in headless Chromium, browser end-to-end, fuzz smoke
//! cargo xtask setup            only install the tools the other commands need
//! cargo xtask fuzz [T] [SECS]  run one libFuzzer target (or all) for SECS seconds each (default 60)
//! cargo xtask bench            measure (APDUs, USB transfers, modeled time, size, first render,
//!                              verify and CRL speed) and rewrite docs/BENCHMARKS.md
//! cargo xtask bank-data        build target/bank-data from the zengin-code npm package (data/zengin)
//! cargo xtask rp [ARGS]        build the app, then run the relying-party demo (mynaweb-rp --demo)
//! ```
//!
//! Each command first installs what is missing — idempotently, checking versions, and saying what it
//! does — into one cache directory (`$MYNAWEB_CACHE`, else `$XDG_CACHE_HOME/mynaweb`, else
//! `~/.cache/mynaweb`) that later runs reuse. Only the standard library is used, so this builds in
//! seconds.

mod bank_data;
mod bench;
mod cmd;
mod rp;
mod tools;

use std::process::ExitCode;
use std::time::Instant;

use cmd::{Cmd, Report};
use tools::Tools;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    let result = match command {
        "serve" => serve(),
        "test" => test(),
        "setup" => Tools::ensure_all().and_then(|_| bank_data::ensure()).map(|_| ()),
        "bench" => bank_data::ensure().and_then(|_| bench::bench()),
        "bank-data" => bank_data::ensure().map(|_| ()),
        "fuzz" => fuzz(args.get(1).map(String::as_str), args.get(2).map(String::as_str)),
        "rp" => rp::run(args.get(1..).unwrap_or_default()),
        "help" | "-h" | "--help" => {
            print_help();
            Ok(())
        }
        other => Err(format!("unknown command `{other}`; run `cargo xtask help` for the list")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!(
        "cargo xtask <command>\n\n\
         serve            build the app with Trunk and serve it on http://127.0.0.1:8080 (demo card by default)\n\
         test             run every test: native cargo test, Wasm tests in headless Chromium, the browser\n\
         \x20                end-to-end tests in tests/, and a short run of every fuzz target\n\
         setup            install the tools the other commands need (also done by serve and test)\n\
         fuzz [T] [SECS]  run fuzz target T (default: all) for SECS seconds each (default 60)\n\
         bench            measure APDUs, USB transfers, modeled card time, Wasm size, first render,\n\
         \x20                verify and CRL speed; rewrite docs/BENCHMARKS.md and docs/benchmarks.json\n\
         rp [ARGS]        build the app, then run the relying-party demo: host page and API on\n\
         \x20                http://127.0.0.1:8081, widget on http://127.0.0.1:8082 (ARGS go to mynaweb-rp)\n\
         bank-data        build target/bank-data (bank index, branch files, VERSION) from the zengin-code\n\
         \x20                npm package pinned in data/zengin (also done by serve, test, setup and bench)\n\n\
         Tools are cached in {} (set MYNAWEB_CACHE to move it).",
        tools::cache_dir().display()
    );
}

/// `cargo xtask serve`: Trunk's release build, served on 127.0.0.1:8080 with rebuild on change.
fn serve() -> Result<(), String> {
    let tools = Tools::ensure_for_app()?;
    bank_data::ensure()?;
    println!("xtask: serving the app on http://127.0.0.1:8080 (Ctrl-C stops)");
    tools
        .trunk()
        .args(["serve", "--release"])
        .run()
        .map_err(|e| format!("trunk serve failed: {e}"))
}

/// `cargo xtask test`: every suite, in order from the fastest feedback to the slowest. All suites
/// run even when one fails, then a summary lists each with its time and the command exits non-zero
/// if any failed.
fn test() -> Result<(), String> {
    let started = Instant::now();
    let tools = Tools::ensure_all()?;
    let mut report = Report::default();

    report.step("bank data (npm ci and node data/zengin/build.mjs → target/bank-data)", || {
        bank_data::ensure().map(|_| ())
    });
    report.step("native tests (cargo test --workspace)", || {
        Cmd::cargo()
            .args(["test", "--workspace", "--locked", "--no-fail-fast"])
            .env("MYNAWEB_CRYPTOGRAPHY_VECTORS", tools.cryptography_vectors().display().to_string())
            .run()
    });
    report.step("Wasm tests in headless Chromium (wasm-bindgen-test)", || {
        tools.wasm_cargo().args(["test", "--locked", "--target", "wasm32-unknown-unknown", "-p", "mynaweb-app"]).run()
    });
    report.step("app build (trunk build --release)", || {
        tools.trunk().args(["build", "--release"]).run().and_then(|()| bank_data::check_in_dist())
    });
    let mut fake_webusb = None;
    report.step("fake WebUSB build (crates/fakeusb, wasm-bindgen no-modules)", || {
        fake_webusb = Some(tools.build_fake_webusb()?);
        Ok(())
    });
    // The widget's browser tests start the reference relying-party server (crates/rp); the
    // native tests above built it already, so this is normally a no-op.
    report.step("relying-party server build (cargo build -p mynaweb-rp)", || {
        Cmd::cargo().args(["build", "--locked", "-p", "mynaweb-rp"]).run()
    });
    report.step("browser end-to-end tests (Playwright, tests/)", || {
        let rp = tools::repo_root().join("target").join("debug").join("mynaweb-rp");
        let mut npm = Cmd::new("npm")
            .args(["test"])
            .current_dir(tools::repo_root().join("tests"))
            .env("MYNAWEB_DIST", tools::repo_root().join("dist").display().to_string())
            .env("MYNAWEB_RP", rp.display().to_string());
        if let Some(dir) = &fake_webusb {
            npm = npm.env("MYNAWEB_FAKEUSB", dir.display().to_string());
        }
        npm.run()
    });
    for target in tools::fuzz_targets()? {
        report.step(&format!("fuzz smoke run: {target}"), || tools.fuzz_run(&target, 3));
    }

    report.print(started);
    if report.all_passed() {
        Ok(())
    } else {
        Err("some test suites failed (see the summary above)".into())
    }
}

/// `cargo xtask fuzz [TARGET] [SECONDS]`: a long run by hand.
fn fuzz(target: Option<&str>, seconds: Option<&str>) -> Result<(), String> {
    let seconds: u32 = match seconds {
        Some(s) => s.parse().map_err(|_| format!("SECONDS must be a whole number, got `{s}`"))?,
        None => 60,
    };
    let tools = Tools::ensure_fuzz()?;
    let targets = match target {
        Some("all") | None => tools::fuzz_targets()?,
        Some(name) => vec![name.to_string()],
    };
    for target in targets {
        tools.fuzz_run(&target, seconds).map_err(|e| format!("fuzz target {target}: {e}"))?;
    }
    Ok(())
}
