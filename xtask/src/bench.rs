//! `cargo xtask bench`: builds what the measurements need, runs `mynaweb-bench run`, and leaves
//! `docs/BENCHMARKS.md` and `docs/benchmarks.json` behind.
//!
//! | Step | What |
//! |---|---|
//! | tools | the `test` tools (Trunk, wasm-bindgen, Chromium, playwright-core), plus Debian's `binaryen` (wasm-opt) and `time` |
//! | app | `trunk build --release` into target/bench/dist (not dist/, which `serve` may be using) |
//! | code split | the app linked once more with `-C strip=none`, kept as target/bench/app-with-names.wasm |
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

    if let Err(e) = build_app_with_names(&tools, &root, &work) {
        println!("xtask: the app could not be linked with its names (no code split by crate): {e}");
    }

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

/// The newest `name` under `wasm32-unknown-unknown/wasm-release/` of either target dir (the
/// target dir depends on the Wasm route, see tools.rs).
fn newest_wasm_artifact(root: &Path, name: &str) -> Option<PathBuf> {
    [root.join("target"), root.join("target").join("debian-wasm")]
        .iter()
        .map(|t| {
            t.join("wasm32-unknown-unknown")
                .join("wasm-release")
                .join(name)
        })
        .filter(|p| p.exists())
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
}

/// The served app is stripped; for the code split by crate, link the same app once more with
/// its names (only the final link changes) and keep a copy as target/bench/app-with-names.wasm.
fn build_app_with_names(tools: &Tools, root: &Path, work: &Path) -> Result<(), String> {
    tools
        .wasm_cargo()
        .args([
            "rustc",
            "--locked",
            "-p",
            "mynaweb-app",
            "--bin",
            "mynaweb-app",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--",
            "-C",
            "strip=none",
        ])
        .run()?;
    let wasm =
        newest_wasm_artifact(root, "mynaweb-app.wasm").ok_or("mynaweb-app.wasm was not built")?;
    std::fs::copy(&wasm, work.join("app-with-names.wasm"))
        .map(|_| ())
        .map_err(|e| format!("cannot copy {}: {e}", wasm.display()))
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
    let wasm = newest_wasm_artifact(root, "mynaweb_bench.wasm")
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
