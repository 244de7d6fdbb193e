//! `mynaweb-bench`: runs the measurements and prints or writes them. Normally started by
//! `cargo xtask bench`, which builds the app and this tool first.
//!
//! ```text
//! mynaweb-bench cards                       card round trips and modeled time (JSON)
//! mynaweb-bench verify                      native verify speed (JSON)
//! mynaweb-bench crl-make ENTRIES FILE       write a generated CRL
//! mynaweb-bench crl-scan FILE [QUERIES]     read, parse and scan one CRL (JSON)
//! mynaweb-bench run ROOT DIST OUT           everything; writes OUT/benchmarks.json and OUT/BENCHMARKS.md
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use mynaweb_bench::report::{BrowserReport, CrlRow, FileSize, Report, SizeReport};
use mynaweb_bench::speed::{self, CrlScan};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let result = match arg(0) {
        Some("cards") => print_json(&mynaweb_bench::report::card_report()),
        Some("verify") => speed::verify_speed(&speed::native_clock(), 7, 200).and_then(|v| print_json(&v)),
        Some("crl-make") => match (arg(1).and_then(|n| n.parse().ok()), arg(2)) {
            (Some(n), Some(file)) => mynaweb_bench::crl_gen::make_crl(n)
                .map_err(|e| e.to_string())
                .and_then(|der| std::fs::write(file, der).map_err(|e| format!("{file}: {e}"))),
            _ => Err("usage: crl-make ENTRIES FILE".into()),
        },
        Some("crl-scan") => match arg(1) {
            Some(file) => {
                let queries = arg(2).and_then(|q| q.parse().ok()).unwrap_or(1000);
                speed::crl_scan(Path::new(file), queries).and_then(|s| print_json(&s))
            }
            None => Err("usage: crl-scan FILE [QUERIES]".into()),
        },
        Some("run") => match (arg(1), arg(2), arg(3)) {
            (Some(root), Some(dist), Some(out)) => run(Path::new(root), Path::new(dist), Path::new(out)),
            _ => Err("usage: run ROOT DIST OUT".into()),
        },
        _ => Err("usage: mynaweb-bench cards | verify | crl-make N FILE | crl-scan FILE [Q] | run ROOT DIST OUT".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mynaweb-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn step(name: &str) {
    eprintln!("mynaweb-bench: {name}");
}

/// Everything, written to `out`.
fn run(root: &Path, dist: &Path, out: &Path) -> Result<(), String> {
    let load_before = load_average();
    let mut notes = Vec::new();
    step("card round trips on every virtual reader");
    let card = mynaweb_bench::report::card_report();
    step("native verify speed");
    let verify_native = match speed::verify_speed(&speed::native_clock(), 7, 200) {
        Ok(v) => Some(v),
        Err(e) => {
            notes.push(format!("native verify failed: {e}"));
            None
        }
    };
    let work = root.join("target").join("bench");
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut crl = Vec::new();
    for entries in [10_000u64, 1_000_000] {
        step(&format!("CRL scan, {entries} entries"));
        match crl_row(&work, entries) {
            Ok(row) => crl.push(row),
            Err(e) => notes.push(format!("CRL scan of {entries} entries failed: {e}")),
        }
    }
    step("sizes");
    let size = Some(sizes(root, dist, &work));
    step("headless Chromium: first render and Wasm verify");
    let browser = browser(root, dist, &work);
    let report = Report {
        date: command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
            .unwrap_or_else(|| "unknown date".into()),
        nproc: std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_before,
        load_after: load_average(),
        card,
        size,
        browser,
        verify_native,
        crl,
        notes,
    };
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(out.join("benchmarks.json"), json + "\n").map_err(|e| e.to_string())?;
    std::fs::write(out.join("BENCHMARKS.md"), report.markdown()).map_err(|e| e.to_string())?;
    eprintln!(
        "mynaweb-bench: wrote {} and {}",
        out.join("BENCHMARKS.md").display(),
        out.join("benchmarks.json").display()
    );
    Ok(())
}

/// One process run under `/usr/bin/time -v`: wall time, peak RSS (KiB) and stdout.
fn timed_process(program: &Path, args: &[&str]) -> Result<(f64, Option<u64>, String), String> {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(program).args(args);
        c
    } else {
        let mut c = Command::new(program);
        c.args(args);
        c
    };
    let start = Instant::now();
    let output = cmd
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let wall_ms = start.elapsed().as_secs_f64() * 1e3;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            program.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    Ok((
        wall_ms,
        peak,
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

const PROCESS_RUNS: usize = 5;

fn crl_row(work: &Path, entries: u64) -> Result<CrlRow, String> {
    let file = work.join(format!("crl-{entries}.der"));
    let der = mynaweb_bench::crl_gen::make_crl(entries).map_err(|e| e.to_string())?;
    std::fs::write(&file, der).map_err(|e| format!("{}: {e}", file.display()))?;
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let file_arg = file.display().to_string();
    let mut ours = Vec::new();
    for _ in 0..PROCESS_RUNS {
        let (wall, peak, stdout) = timed_process(&me, &["crl-scan", &file_arg, "1000"])?;
        let scan: CrlScan =
            serde_json::from_str(&stdout).map_err(|e| format!("crl-scan output: {e}"))?;
        ours.push((wall, peak, scan));
    }
    ours.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (ours_wall_ms, ours_peak_kib, scan) = ours.swap_remove(PROCESS_RUNS / 2);
    let openssl = Path::new("/usr/bin/openssl");
    let mut theirs = Vec::new();
    if openssl.exists() {
        for _ in 0..PROCESS_RUNS {
            let (wall, peak, _) = timed_process(
                openssl,
                &["crl", "-inform", "DER", "-noout", "-in", &file_arg],
            )?;
            theirs.push((wall, peak));
        }
    }
    theirs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = theirs.get(theirs.len() / 2).copied();
    Ok(CrlRow {
        entries,
        scan,
        ours_wall_ms,
        ours_peak_kib,
        openssl_wall_ms: median.map(|m| m.0),
        openssl_peak_kib: median.and_then(|m| m.1),
        speedup: median.map(|m| m.0 / ours_wall_ms),
    })
}

fn gzip_len(file: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip {} failed", file.display()));
    }
    Ok(out.stdout.len() as u64)
}

fn file_size(name: String, file: &Path) -> Result<FileSize, String> {
    let raw = std::fs::metadata(file)
        .map_err(|e| format!("{}: {e}", file.display()))?
        .len();
    Ok(FileSize {
        name,
        raw,
        gzip: gzip_len(file)?,
    })
}

fn sizes(root: &Path, dist: &Path, work: &Path) -> SizeReport {
    let mut report = SizeReport::default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "wasm" || e == "js"))
    {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match file_size(name, f) {
            Ok(s) => report.app.push(s),
            Err(e) => report.notes.push(e),
        }
    }
    if report.app.is_empty() {
        report
            .notes
            .push(format!("no .wasm or .js in {}", dist.display()));
    }
    let wasm = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "wasm"));
    if let Some(wasm) = wasm {
        if let Err(e) = wasm_parts(wasm, work, &mut report) {
            report
                .notes
                .push(format!("the app's Wasm could not be split: {e}"));
        }
    }
    let widget_script = root.join("pkg/mynaweb-widget.js");
    if widget_script.exists() {
        match file_size("pkg/mynaweb-widget.js".into(), &widget_script) {
            Ok(s) => report.widget_script = Some(s),
            Err(e) => report.notes.push(e),
        }
    }
    report.sim_key_data_bytes = std::fs::read_dir(root.join("crates/sim/data/keys"))
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    report.wasm_opt_version = command_line("wasm-opt", &["--version"]);
    match (wasm, &report.wasm_opt_version) {
        (Some(wasm), Some(_)) => {
            let optimized = work.join("app-wasm-opt.wasm");
            let status = Command::new("wasm-opt")
                .arg("-Oz")
                .args([
                    "--enable-bulk-memory",
                    "--enable-nontrapping-float-to-int",
                    "--enable-sign-ext",
                    "--enable-mutable-globals",
                    "--enable-reference-types",
                ])
                .arg(wasm)
                .arg("-o")
                .arg(&optimized)
                .stdout(Stdio::null())
                .output();
            match status {
                Ok(o) if o.status.success() => {
                    match file_size("app .wasm after `wasm-opt -Oz`".into(), &optimized) {
                        Ok(s) => report.app_wasm_opt = Some(s),
                        Err(e) => report.notes.push(e),
                    }
                }
                Ok(o) => report.notes.push(format!(
                    "wasm-opt could not read the app's Wasm, so whether it helps is not measured (binaryen 108 \
                     predates some instructions rustc now emits for wasm32, e.g. `table.fill` from reference types): {}",
                    String::from_utf8_lossy(&o.stderr)
                        .lines()
                        .next()
                        .unwrap_or("no message")
                )),
                Err(e) => report.notes.push(format!("wasm-opt did not start: {e}")),
            }
        }
        (_, None) => report
            .notes
            .push("wasm-opt is not installed (Debian: apt-get install -y binaryen)".into()),
        (None, _) => {}
    }
    let parts = root.join("target").join("bench").join("parts");
    if let Ok(dir) = std::fs::read_dir(&parts) {
        let mut wasm_parts: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
            .collect();
        wasm_parts.sort();
        for p in wasm_parts {
            let name = p
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match file_size(format!("part: {name}"), &p) {
                Ok(s) => report.parts.push(s),
                Err(e) => report.notes.push(e),
            }
        }
    }
    report
}

fn wasm_parts(wasm: &Path, work: &Path, report: &mut SizeReport) -> Result<(), String> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let module = mynaweb_bench::wasm_size::Module::parse(&bytes).map_err(|e| e.to_string())?;
    report.app_wasm_sections = module.sections.clone();
    report.code_by_crate = module.code_by_crate();
    let has_custom = module.sections.iter().any(|s| s.id == 0);
    if module.named_share() < 0.5 {
        // The served build is stripped (wasm-bindgen names only its own glue): split the code of the same app linked with its names
        // (`cargo xtask bench` builds it with `-C strip=none`, before wasm-bindgen).
        let named = work.join("app-with-names.wasm");
        match std::fs::read(&named) {
            Ok(bytes) => {
                let with_names = mynaweb_bench::wasm_size::Module::parse(&bytes)
                    .map_err(|e| format!("{}: {e}", named.display()))?;
                report.code_by_crate = with_names.code_by_crate();
                report.notes.push(
                    "The served Wasm is stripped (its `name` section names only wasm-bindgen's glue), so the code \
                     split by crate comes from the same app \
                     linked with `-C strip=none` (before wasm-bindgen, so a few KB of glue differ)."
                        .into(),
                );
            }
            Err(_) => report.notes.push(
                "the app's Wasm names too few functions: code could not be split by crate".into(),
            ),
        }
    }
    if has_custom {
        let stripped = work.join("app-stripped.wasm");
        std::fs::write(&stripped, module.without_custom_sections()).map_err(|e| e.to_string())?;
        report.app_wasm_stripped = Some(file_size(
            "app .wasm without custom sections (`strip`)".into(),
            &stripped,
        )?);
    }
    Ok(())
}

fn browser(root: &Path, dist: &Path, work: &Path) -> BrowserReport {
    let script = root.join("tests").join("bench").join("browser_bench.mjs");
    let wasm_dir = work.join("wasm");
    let output = Command::new("node")
        .arg(&script)
        .arg(dist)
        .arg(&wasm_dir)
        .current_dir(root.join("tests"))
        .stderr(Stdio::inherit())
        .output();
    match output {
        Ok(o) if o.status.success() => match serde_json::from_slice::<BrowserReport>(&o.stdout) {
            Ok(r) => r,
            Err(e) => BrowserReport {
                notes: vec![format!("the browser script printed no report: {e}")],
                ..BrowserReport::default()
            },
        },
        Ok(o) => BrowserReport {
            notes: vec![format!(
                "the browser script failed ({}): {}",
                o.status,
                String::from_utf8_lossy(&o.stdout).trim()
            )],
            ..BrowserReport::default()
        },
        Err(e) => BrowserReport {
            notes: vec![format!("node did not start: {e}")],
            ..BrowserReport::default()
        },
    }
}
