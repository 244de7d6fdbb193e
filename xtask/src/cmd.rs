//! Running external commands, echoing each one, and summarising test steps.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command that is printed before it runs.
pub struct Cmd {
    inner: Command,
}

impl Cmd {
    /// A program found on PATH (or a path).
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        let mut inner = Command::new(program);
        inner.current_dir(crate::tools::repo_root());
        Self { inner }
    }

    /// The cargo that runs this xtask (`$CARGO`), so the same toolchain builds everything.
    pub fn cargo() -> Self {
        Self::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.inner.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.inner.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.inner.current_dir(dir);
        self
    }

    fn describe(&self) -> String {
        let program = self.inner.get_program().to_string_lossy().into_owned();
        let program = program.rsplit('/').next().unwrap_or(&program).to_string();
        let args: Vec<String> = self.inner.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
        format!("{program} {}", args.join(" "))
    }

    /// Runs with inherited stdout/stderr; an error says which command failed and how.
    pub fn run(mut self) -> Result<(), String> {
        println!("xtask: $ {}", self.describe());
        let status = self.inner.status().map_err(|e| format!("could not start `{}`: {e}", self.describe()))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.describe()))
        }
    }

    /// Runs quietly and returns stdout, or `None` if it could not run or failed.
    pub fn output(mut self) -> Option<String> {
        let out = self.inner.stderr(Stdio::null()).output().ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// The outcome of each test step, printed as a table at the end.
#[derive(Default)]
pub struct Report {
    steps: Vec<(String, Duration, Result<(), String>)>,
}

impl Report {
    pub fn step(&mut self, name: &str, run: impl FnOnce() -> Result<(), String>) {
        println!("\nxtask: ==== {name} ====");
        let started = Instant::now();
        let result = run();
        if let Err(e) = &result {
            eprintln!("xtask: FAILED: {name}: {e}");
        }
        self.steps.push((name.to_string(), started.elapsed(), result));
    }

    pub fn all_passed(&self) -> bool {
        self.steps.iter().all(|(_, _, r)| r.is_ok())
    }

    pub fn print(&self, started: Instant) {
        println!("\nxtask: summary");
        for (name, took, result) in &self.steps {
            let verdict = if result.is_ok() { "ok    " } else { "FAILED" };
            println!("  {verdict} {:>7.1}s  {name}", took.as_secs_f64());
        }
        let passed = self.steps.iter().filter(|(_, _, r)| r.is_ok()).count();
        println!("  total {:.1}s", started.elapsed().as_secs_f64());
        println!("suites: {passed} passed, {} failed", self.steps.len() - passed);
    }
}
