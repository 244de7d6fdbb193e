//! `cargo xtask rp [ARGS…]`: the reference relying-party demo. Builds the app with Trunk
//! (dist/), then starts `mynaweb-rp --demo` with dist/ and pkg/: the demo host page and API on
//! http://127.0.0.1:8081, the widget on http://127.0.0.1:8082. Extra arguments go to
//! `mynaweb-rp` (e.g. `--host-port 9081 --widget-port 9082`).

use crate::cmd::Cmd;
use crate::tools::{self, Tools};

/// Builds the app, then runs the relying-party server in demo mode until Ctrl-C.
pub fn run(extra: &[String]) -> Result<(), String> {
    let tools = Tools::ensure_for_app()?;
    crate::bank_data::ensure()?;
    tools
        .trunk()
        .args(["build", "--release"])
        .run()
        .map_err(|e| format!("app build failed: {e}"))?;
    let root = tools::repo_root();
    let pkg = root.join("pkg");
    if !pkg.join("mynaweb-widget.js").is_file() {
        println!(
            "xtask: note: {} has no mynaweb-widget.js yet; the demo page's buttons need it",
            pkg.display()
        );
    }
    let db = root.join("target").join("mynaweb-rp").join("demo.sqlite3");
    println!("xtask: starting mynaweb-rp --demo (Ctrl-C stops)");
    Cmd::cargo()
        .args(["run", "--locked", "-p", "mynaweb-rp", "--", "--demo"])
        .args(["--dist".to_string(), root.join("dist").display().to_string()])
        .args(["--pkg".to_string(), pkg.display().to_string()])
        .args(["--db".to_string(), db.display().to_string()])
        .args(extra.iter().cloned())
        .current_dir(&root)
        .run()
}
