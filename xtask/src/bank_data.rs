//! `cargo xtask bank-data`: the bank and branch data the app ships and the CLI reads by default
//! (flows.md §2.5), built from the `zengin-code` npm package pinned in data/zengin.
//!
//! | step | command | skipped when |
//! |---|---|---|
//! | install | `npm ci` in data/zengin, npm cache in CACHE/npm (as tests/ uses) | node_modules matches package-lock.json |
//! | self-test | `node --test data/zengin/build.test.mjs` | the output is up to date |
//! | build | `node data/zengin/build.mjs target/bank-data` | the output is up to date |
//!
//! "Up to date" means target/bank-data/VERSION (written last by build.mjs) is newer than
//! data/zengin's package.json, package-lock.json, build.mjs and build.test.mjs.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::cmd::Cmd;
use crate::tools::{cache_dir, repo_root};

/// The files whose change makes the output stale.
const INPUTS: [&str; 4] = [
    "package.json",
    "package-lock.json",
    "build.mjs",
    "build.test.mjs",
];

/// Where the bank data is built (Trunk copies it to dist/bank-data; the CLI reads it by default).
pub fn output_dir() -> PathBuf {
    repo_root().join("target").join("bank-data")
}

/// After a Trunk build: dist/bank-data is the built data (index.html's `copy-dir` line), so the
/// app can fetch `bank-data/banks.json` and `bank-data/branches/<bank>.json`.
pub fn check_in_dist() -> Result<(), String> {
    let dist = repo_root().join("dist").join("bank-data");
    let built =
        fs::read(output_dir().join("VERSION")).map_err(|e| format!("no built bank data: {e}"))?;
    let copied = fs::read(dist.join("VERSION")).map_err(|e| {
        format!(
            "the app build has no {} ({e}); is index.html's copy-dir line there?",
            dist.join("VERSION").display()
        )
    })?;
    if copied != built {
        return Err(format!(
            "{} is not the bank data in target/bank-data",
            dist.display()
        ));
    }
    for file in ["banks.json", "branches/0001.json", "branches/9900.json"] {
        if !dist.join(file).is_file() {
            return Err(format!("the app build has no bank-data/{file}"));
        }
    }
    println!(
        "xtask: the app build serves the bank data ({})",
        String::from_utf8_lossy(&built).trim()
    );
    Ok(())
}

/// Builds target/bank-data unless it is newer than every input; returns its path.
pub fn ensure() -> Result<PathBuf, String> {
    let source = repo_root().join("data").join("zengin");
    let output = output_dir();
    let version = output.join("VERSION");
    if is_newer_than_inputs(&version, &source)? {
        let date = fs::read_to_string(&version).unwrap_or_default();
        println!(
            "xtask: bank data {} present in {} (newer than data/zengin)",
            date.trim(),
            output.display()
        );
        return Ok(output);
    }
    ensure_package(&source)?;
    Cmd::new("node")
        .args(["--test", "data/zengin/build.test.mjs"])
        .run()?;
    Cmd::new("node")
        .args(["data/zengin/build.mjs".as_ref(), output.as_os_str()])
        .run()?;
    if !version.exists() {
        return Err(format!(
            "data/zengin/build.mjs finished without writing {}",
            version.display()
        ));
    }
    Ok(output)
}

fn modified(path: &Path) -> Result<SystemTime, String> {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(|e| format!("cannot read the time stamp of {}: {e}", path.display()))
}

fn is_newer_than_inputs(version: &Path, source: &Path) -> Result<bool, String> {
    let Ok(built) = modified(version) else {
        return Ok(false);
    };
    for input in INPUTS {
        if modified(&source.join(input))? >= built {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `npm ci` in data/zengin unless node_modules already matches the package-lock.
fn ensure_package(source: &Path) -> Result<(), String> {
    let lock_path = source.join("package-lock.json");
    let lock =
        fs::read(&lock_path).map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let stamp = source.join("node_modules").join(".mynaweb-lock-stamp");
    if fs::read(&stamp).is_ok_and(|s| s == lock) {
        println!("xtask: npm package of data/zengin present (matches package-lock.json)");
        return Ok(());
    }
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--cache"])
        .args([cache_dir().join("npm")])
        .current_dir(source)
        .run()?;
    fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}
