//! Installing and finding the tools: idempotent, version-checked, into one cache directory.
//!
//! | tool | how | check |
//! |---|---|---|
//! | wasm32 target | `rustup target add`, else Debian's rustc-web + rust-web-src + lld-22 (build-std) | std for wasm32 in the sysroot |
//! | wasm-bindgen-cli | `cargo install --root CACHE/tools` at exactly the `wasm-bindgen` version in Cargo.lock | `wasm-bindgen --version` |
//! | trunk | `cargo install --locked` 0.21.x (0.22 needs a newer rustc) | `trunk --version` |
//! | chromium, chromedriver, fonts-noto-cjk | Debian packages | `/usr/bin/chromium`, `/usr/bin/chromedriver`, the font file |
//! | playwright-core | `npm ci` in tests/ from its package-lock, npm cache in CACHE/npm | lock stamp |
//! | cargo-fuzz | `cargo install --locked` | `cargo fuzz --version` |
//! | cryptography_vectors | `pip download` of the wheel, unpacked into CACHE | its x509/ folder |

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cmd::Cmd;

const TRUNK_VERSION: &str = "0.21.14";
const CARGO_FUZZ_VERSION: &str = "0.13.2";
const CRYPTOGRAPHY_VECTORS_VERSION: &str = "50.0.2";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The repository root (the workspace that contains this xtask).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Where tools are installed: `$MYNAWEB_CACHE`, else `$XDG_CACHE_HOME/mynaweb`, else `~/.cache/mynaweb`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MYNAWEB_CACHE") {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(dir).join("mynaweb");
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"));
    home.join(".cache").join("mynaweb")
}

/// The fuzz targets declared in fuzz/Cargo.toml (`[[bin]] name = "…"`).
pub fn fuzz_targets() -> Result<Vec<String>, String> {
    let manifest = repo_root().join("fuzz").join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let mut targets = Vec::new();
    let mut in_bin = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if in_bin {
            if let Some(value) = line.strip_prefix("name").map(str::trim).and_then(|r| r.strip_prefix('=')) {
                targets.push(value.trim().trim_matches('"').to_string());
            }
        }
    }
    Ok(targets)
}

/// How Wasm is built on this machine.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WasmRoute {
    /// The rustup toolchain has the wasm32 standard library.
    Rustup,
    /// Debian's rustc-web builds `std` for wasm32 from source (see docs/toolchain.md).
    DebianBuildStd,
}

/// The installed tools, found in the cache.
pub struct Tools {
    bin: PathBuf,
    wasm_route: WasmRoute,
}

impl Tools {
    fn base() -> Result<Self, String> {
        let bin = cache_dir().join("tools").join("bin");
        fs::create_dir_all(&bin).map_err(|e| format!("cannot create the tool cache {}: {e}", bin.display()))?;
        println!("xtask: tool cache: {}", cache_dir().display());
        Ok(Self { bin, wasm_route: ensure_wasm_target()? })
    }

    /// What `serve` needs: the wasm32 target, wasm-bindgen and Trunk.
    pub fn ensure_for_app() -> Result<Self, String> {
        let tools = Self::base()?;
        tools.ensure_wasm_bindgen()?;
        tools.ensure_trunk()?;
        Ok(tools)
    }

    /// What `fuzz` needs.
    pub fn ensure_fuzz() -> Result<Self, String> {
        let tools = Self::base()?;
        tools.ensure_cargo_fuzz()?;
        Ok(tools)
    }

    /// Everything `test` needs.
    pub fn ensure_all() -> Result<Self, String> {
        let tools = Self::ensure_for_app()?;
        ensure_chromium()?;
        ensure_npm_packages()?;
        tools.ensure_cargo_fuzz()?;
        ensure_cryptography_vectors()?;
        println!("xtask: all tools present");
        Ok(tools)
    }

    /// PATH with the cache's bin first (and Debian's toolchain first on the build-std route).
    fn path_env(&self) -> String {
        let mut parts = Vec::new();
        if self.wasm_route == WasmRoute::DebianBuildStd {
            parts.push("/usr/bin".to_string());
        }
        parts.push(self.bin.display().to_string());
        if let Ok(path) = std::env::var("PATH") {
            parts.push(path);
        }
        parts.join(":")
    }

    fn with_wasm_env(&self, cmd: Cmd) -> Cmd {
        let cmd = cmd.env("PATH", self.path_env());
        match self.wasm_route {
            WasmRoute::Rustup => cmd,
            WasmRoute::DebianBuildStd => cmd
                .env("RUSTC_BOOTSTRAP", "1")
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", "wasm-ld-22")
                .env("CARGO_TARGET_DIR", repo_root().join("target").join("debian-wasm").display().to_string()),
        }
    }

    /// Trunk, with the cached wasm-bindgen on PATH. It runs inside crates/app because Trunk looks
    /// for the app's package from its working directory (the workspace root is a virtual
    /// manifest); `--config` points it back at the top-level trunk.toml and index.html.
    pub fn trunk(&self) -> Cmd {
        let root = repo_root();
        self.with_wasm_env(Cmd::new(self.bin.join("trunk")))
            .current_dir(root.join("crates").join("app"))
            .args(["--config".to_string(), root.join("trunk.toml").display().to_string()])
    }

    /// cargo for `--target wasm32-unknown-unknown` tests: wasm-bindgen-test-runner drives Debian's
    /// Chromium through chromedriver (options in each crate's webdriver.json).
    pub fn wasm_cargo(&self) -> Cmd {
        let cargo = match self.wasm_route {
            WasmRoute::Rustup => Cmd::cargo(),
            WasmRoute::DebianBuildStd => Cmd::new("/usr/bin/cargo"),
        };
        self.with_wasm_env(cargo)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                self.bin.join("wasm-bindgen-test-runner").display().to_string(),
            )
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
    }

    /// Builds the fake WebUSB (crates/fakeusb) for the browser tests into target/fakeusb:
    /// `fakeusb.js` (wasm-bindgen glue, no-modules), `fakeusb_bg.wasm` and `fake-webusb.js`.
    pub fn build_fake_webusb(&self) -> Result<PathBuf, String> {
        let root = repo_root();
        let target_dir = match self.wasm_route {
            WasmRoute::Rustup => root.join("target"),
            WasmRoute::DebianBuildStd => root.join("target").join("debian-wasm"),
        };
        let cargo = match self.wasm_route {
            WasmRoute::Rustup => Cmd::cargo(),
            WasmRoute::DebianBuildStd => Cmd::new("/usr/bin/cargo"),
        };
        self.with_wasm_env(cargo)
            .args(["build", "--locked", "-p", "fakeusb", "--target", "wasm32-unknown-unknown", "--profile", "wasm-release"])
            .run()?;
        let out = root.join("target").join("fakeusb");
        let wasm = target_dir.join("wasm32-unknown-unknown").join("wasm-release").join("fakeusb.wasm");
        Cmd::new(self.bin.join("wasm-bindgen"))
            .args(["--target", "no-modules", "--no-typescript", "--out-dir"])
            .args([&out, &wasm])
            .run()?;
        let shim = root.join("crates").join("fakeusb").join("js").join("fake-webusb.js");
        fs::copy(&shim, out.join("fake-webusb.js")).map_err(|e| format!("cannot copy {}: {e}", shim.display()))?;
        Ok(out)
    }

    /// The unpacked `cryptography_vectors` package (malformed certificates and CRLs).
    pub fn cryptography_vectors(&self) -> PathBuf {
        cryptography_vectors_dir().join("cryptography_vectors")
    }

    /// Runs one fuzz target for `seconds`, from the seeds in fuzz/seeds/TARGET if any.
    pub fn fuzz_run(&self, target: &str, seconds: u32) -> Result<(), String> {
        let mut cmd = Cmd::cargo()
            .args(["fuzz", "run", "--sanitizer", "none", target])
            .env("PATH", self.path_env())
            // cargo-fuzz passes -Z flags; the stable compiler accepts them with RUSTC_BOOTSTRAP.
            .env("RUSTC_BOOTSTRAP", "1");
        let seeds = repo_root().join("fuzz").join("seeds").join(target);
        let corpus = repo_root().join("fuzz").join("corpus").join(target);
        fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        cmd = cmd.args([corpus.display().to_string()]);
        if seeds.is_dir() {
            cmd = cmd.args([seeds.display().to_string()]);
        }
        cmd.args(["--", &format!("-max_total_time={seconds}"), "-rss_limit_mb=2048", "-print_final_stats=1"]).run()
    }

    fn tool_version(&self, name: &str) -> Option<String> {
        Cmd::new(self.bin.join(name)).args(["--version"]).output()
    }

    fn cargo_install(&self, krate: &str, version: &str, locked: bool) -> Result<(), String> {
        println!("xtask: installing {krate} {version} into {} (takes minutes, once)", self.bin.display());
        let root = self.bin.parent().map(Path::to_path_buf).unwrap_or_else(|| self.bin.clone());
        let mut cmd = Cmd::cargo().args(["install", "--force", "--root"]).args([root]).args([krate, "--version", version]);
        if locked {
            cmd = cmd.args(["--locked"]);
        }
        cmd.run()
    }

    fn ensure_wasm_bindgen(&self) -> Result<(), String> {
        let wanted = locked_version("wasm-bindgen")?;
        match self.tool_version("wasm-bindgen") {
            Some(v) if v.split_whitespace().nth(1) == Some(wanted.as_str()) => {
                println!("xtask: wasm-bindgen {wanted} present (matches Cargo.lock)");
                Ok(())
            }
            found => {
                if let Some(v) = found {
                    println!("xtask: wasm-bindgen in the cache is `{}`, Cargo.lock wants {wanted}", v.trim());
                }
                // Without --locked: one of its locked dependencies is no longer in the index.
                self.cargo_install("wasm-bindgen-cli", &wanted, false)
            }
        }
    }

    fn ensure_trunk(&self) -> Result<(), String> {
        match self.tool_version("trunk") {
            Some(v) if v.split_whitespace().nth(1) == Some(TRUNK_VERSION) => {
                println!("xtask: trunk {TRUNK_VERSION} present");
                Ok(())
            }
            _ => self.cargo_install("trunk", TRUNK_VERSION, true),
        }
    }

    fn ensure_cargo_fuzz(&self) -> Result<(), String> {
        match self.tool_version("cargo-fuzz") {
            Some(v) if v.contains(CARGO_FUZZ_VERSION) => {
                println!("xtask: cargo-fuzz {CARGO_FUZZ_VERSION} present");
                Ok(())
            }
            _ => self.cargo_install("cargo-fuzz", CARGO_FUZZ_VERSION, true),
        }
    }
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = repo_root().join("Cargo.lock");
    let text = fs::read_to_string(&lock).map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    let needle = format!("name = \"{package}\"");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock; run `cargo generate-lockfile`"))
}

fn rustc_has_wasm_std() -> bool {
    let sysroot = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .args(["--print", "sysroot"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    sysroot.is_some_and(|root| root.join("lib/rustlib/wasm32-unknown-unknown/lib").is_dir())
}

/// Runs a command with a time limit; `false` if it failed, could not start, or ran out of time.
fn run_with_timeout(program: &str, args: &[&str], limit: Duration) -> bool {
    println!("xtask: $ {program} {} (time limit {}s)", args.join(" "), limit.as_secs());
    let Ok(mut child) = Command::new(program).args(args).spawn() else { return false };
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                println!("xtask: {program} did not finish in time; stopped it");
                return false;
            }
        }
    }
}

fn ensure_wasm_target() -> Result<WasmRoute, String> {
    if rustc_has_wasm_std() {
        println!("xtask: wasm32-unknown-unknown target present");
        return Ok(WasmRoute::Rustup);
    }
    if run_with_timeout("rustup", &["target", "add", "wasm32-unknown-unknown"], Duration::from_secs(180))
        && rustc_has_wasm_std()
    {
        return Ok(WasmRoute::Rustup);
    }
    println!("xtask: rustup could not add wasm32; using Debian's rustc-web with build-std (docs/toolchain.md)");
    let debian_ready = Path::new("/usr/bin/cargo").exists()
        && Path::new("/usr/lib/rustlib/src/rust/library").is_dir()
        && Path::new("/usr/bin/wasm-ld-22").exists();
    if !debian_ready {
        apt_install(&["rustc-web", "cargo-web", "rust-web-src", "lld-22"])?;
    }
    Ok(WasmRoute::DebianBuildStd)
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    println!("xtask: installing Debian packages: {}", packages.join(" "));
    let root = Cmd::new("id").args(["-u"]).output().is_some_and(|uid| uid.trim() == "0");
    let prefix: &[&str] = if root { &[] } else { &["sudo"] };
    let run = |args: &[&str]| {
        let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
        Cmd::new(all[0]).args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive").run()
    };
    run(&["apt-get", "update", "-q"])?;
    let mut install = vec!["apt-get", "install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(&install)
}

/// Debian's Chromium and ChromeDriver, and Noto CJK so that Japanese renders in screenshots.
fn ensure_chromium() -> Result<(), String> {
    let fonts = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if !(Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && fonts.exists()) {
        apt_install(&["chromium", "chromium-driver", "fonts-noto-cjk"])?;
    }
    let version = Cmd::new(CHROMEDRIVER).args(["--version"]).output().unwrap_or_default();
    println!("xtask: chromium and chromedriver present ({})", version.trim());
    Ok(())
}

/// `npm ci` in tests/ unless node_modules already matches the package-lock.
fn ensure_npm_packages() -> Result<(), String> {
    let tests = repo_root().join("tests");
    let lock = fs::read(tests.join("package-lock.json")).map_err(|e| format!("cannot read tests/package-lock.json: {e}"))?;
    let stamp = tests.join("node_modules").join(".mynaweb-lock-stamp");
    if fs::read(&stamp).is_ok_and(|s| s == lock) {
        println!("xtask: npm packages of tests/ present (match package-lock.json)");
        return Ok(());
    }
    let npm_cache = cache_dir().join("npm");
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--cache"])
        .args([npm_cache])
        .current_dir(&tests)
        .run()?;
    fs::write(&stamp, lock).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

fn cryptography_vectors_dir() -> PathBuf {
    cache_dir().join(format!("cryptography_vectors-{CRYPTOGRAPHY_VECTORS_VERSION}"))
}

/// The PyPI `cryptography_vectors` wheel, downloaded once and unpacked into the cache.
fn ensure_cryptography_vectors() -> Result<(), String> {
    let dir = cryptography_vectors_dir();
    if dir.join("cryptography_vectors").join("x509").is_dir() {
        println!("xtask: cryptography_vectors {CRYPTOGRAPHY_VECTORS_VERSION} present");
        return Ok(());
    }
    let download = cache_dir().join("pip");
    Cmd::new("python3")
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--dest"])
        .args([&download])
        .args([format!("cryptography_vectors=={CRYPTOGRAPHY_VECTORS_VERSION}")])
        .run()?;
    let wheel = fs::read_dir(&download)
        .map_err(|e| format!("cannot list {}: {e}", download.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&format!("cryptography_vectors-{CRYPTOGRAPHY_VECTORS_VERSION}")) && n.ends_with(".whl")
            })
        })
        .ok_or_else(|| format!("pip did not leave a cryptography_vectors wheel in {}", download.display()))?;
    Cmd::new("python3").args(["-m", "zipfile", "-e"]).args([&wheel, &dir]).run()
}
