//! `cargo xtask bench`: builds what the measurements need, runs `mynaweb-bench run`, and leaves
//! `docs/BENCHMARKS.md` and `docs/benchmarks.json` behind.
//!
//! | Step | What |
//! |---|---|
//! | tools | the `test` tools (Trunk, wasm-bindgen, Chromium, playwright-core), plus Debian's `binaryen` (wasm-opt) and `time` |
//! | app | `trunk build --release` into target/bench/dist (not dist/, which `serve` may be using) |
//! | Wasm verify | crates/bench as a cdylib for wasm32 (wasm-release profile), wasm-bindgen `--target web` into target/bench/wasm |
//! | native | `cargo build --release -p mynaweb-bench` |
//! | measure | `mynaweb-bench run ROOT target/bench/dist docs` |

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::tools::{self, Tools};

/// The whole benchmark run.
pub fn bench() -> Result<(), String> {
    let root = tools::repo_root();
    let work = root.join("target").join("bench");
    let tools = Tools::ensure_all()?;
    ensure_debian_tool("wasm-opt", "binaryen");
    ensure_debian_tool("/usr/bin/time", "time");

    let dist = work.join("dist");
    tools
        .trunk()
        .args([
            "build".to_string(),
            "--release".to_string(),
            "--dist".to_string(),
            dist.display().to_string(),
        ])
        .run()?;

    if let Err(e) = build_wasm_bench(&tools, &root, &work) {
        // the report says the Wasm verify was not measured; everything else still runs
        println!("xtask: the Wasm verify benchmark could not be built: {e}");
    }

    Cmd::cargo()
        .args(["build", "--release", "--locked", "-p", "mynaweb-bench"])
        .run()?;
    let bench = root.join("target").join("release").join("mynaweb-bench");
    Cmd::new(bench)
        .args(["run"])
        .args([&root, &dist, &root.join("docs")])
        .run()
}

/// Installs a Debian package when its program is missing (best effort: a missing tool becomes a
/// note in the report, not a failure).
fn ensure_debian_tool(program: &str, package: &str) {
    let found = if program.starts_with('/') {
        Path::new(program).exists()
    } else {
        Cmd::new("sh")
            .args(["-c", &format!("command -v {program}")])
            .output()
            .is_some()
    };
    if found {
        return;
    }
    println!("xtask: {program} is missing; installing Debian's {package}");
    let _ = Cmd::new("apt-get").args(["install", "-y", package]).run();
}

/// Builds the bench library for the browser and runs wasm-bindgen on it.
fn build_wasm_bench(tools: &Tools, root: &Path, work: &Path) -> Result<(), String> {
    tools
        .wasm_cargo()
        .args([
            "rustc",
            "--locked",
            "-p",
            "mynaweb-bench",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--crate-type",
            "cdylib",
        ])
        .run()?;
    // The target dir depends on the Wasm route (see tools.rs): take the newest build.
    let candidates: Vec<PathBuf> = [root.join("target"), root.join("target").join("debian-wasm")]
        .iter()
        .map(|t| {
            t.join("wasm32-unknown-unknown")
                .join("wasm-release")
                .join("mynaweb_bench.wasm")
        })
        .filter(|p| p.exists())
        .collect();
    let wasm = candidates
        .into_iter()
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .ok_or("mynaweb_bench.wasm was not built")?;
    let out = work.join("wasm");
    Cmd::new(
        tools::cache_dir()
            .join("tools")
            .join("bin")
            .join("wasm-bindgen"),
    )
    .args(["--target", "web", "--no-typescript", "--out-dir"])
    .args([&out, &wasm])
    .run()
}
