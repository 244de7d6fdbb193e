//! `mynaweb-rp` — the reference relying-party server (see the library docs and README.md).
//!
//! ```text
//! mynaweb-rp [--demo] [--host-port 8081] [--widget-port 8082] [--dist dist] [--pkg pkg]
//!            [--db target/mynaweb-rp/rp.sqlite3] [--crl FILE]…
//! mynaweb-rp crl-check --db FILE --crl FILE [--demo]
//! ```

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use mynaweb_rp::clock::{Clock, SystemClock};
use mynaweb_rp::http::{AppState, Config};
use mynaweb_rp::sqlite::SqliteStore;
use mynaweb_rp::store::Store;
use mynaweb_rp::trust::{Trust, DEMO_NOTICE};

/// The reference relying-party server for the mynaweb widget: a demo host page and the API on
/// one localhost port, the widget on another.
#[derive(Parser, Debug)]
#[command(name = "mynaweb-rp", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List stored customers whose signature certificate a CRL revokes, with the reason
    /// (flows.md §6.2), as JSON.
    CrlCheck(CrlCheckArgs),
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Port of the host origin (demo page and API) on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8081)]
    host_port: u16,
    /// Port of the widget origin (app and pkg/) on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8082)]
    widget_port: u16,
    /// The app build (Trunk's dist/).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// The embeddable package (pkg/: mynaweb-widget.js, demo-host.js).
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// SQLite database file (created if missing), or a `postgres://` URL (needs the `postgres`
    /// feature).
    #[arg(long, default_value = "target/mynaweb-rp/rp.sqlite3")]
    db: PathBuf,
    /// Trust the simulator's test roots instead of the J-LIS production roots.
    #[arg(long)]
    demo: bool,
    /// A CRL (DER or PEM) from a trusted root to check results against at verify time
    /// (repeatable: one per issuing root). Without one, revocation is "not checked".
    #[arg(long = "crl", value_name = "FILE")]
    crls: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct CrlCheckArgs {
    /// SQLite database file of the server, or its `postgres://` URL.
    #[arg(long)]
    db: PathBuf,
    /// The signature CA's CRL (DER or PEM).
    #[arg(long)]
    crl: PathBuf,
    /// Accept a CRL signed by the simulator's test root.
    #[arg(long)]
    demo: bool,
}

fn trust(demo: bool) -> Result<Trust, String> {
    if demo {
        Trust::demo().map_err(|e| e.to_string())
    } else {
        Ok(Trust::production())
    }
}

/// The `postgres://` URL in `--db`, if it is one.
fn postgres_url(db: &Path) -> Option<&str> {
    db.to_str()
        .filter(|t| t.starts_with("postgres://") || t.starts_with("postgresql://"))
}

/// Opens the store `--db` names: a PostgreSQL URL, or an SQLite file (created when `create`).
fn open_store(db: &Path, create: bool) -> Result<Arc<dyn Store>, String> {
    if let Some(url) = postgres_url(db) {
        #[cfg(feature = "postgres")]
        {
            let store = mynaweb_rp::pg::PostgresStore::connect(url).map_err(|e| e.to_string())?;
            return Ok(Arc::new(store));
        }
        #[cfg(not(feature = "postgres"))]
        {
            let _ = url;
            return Err(
                "this build has no PostgreSQL support (cargo build -p mynaweb-rp --features postgres)"
                    .to_owned(),
            );
        }
    }
    if !create && !db.exists() {
        return Err(format!("no database at {}", db.display()));
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    Ok(Arc::new(SqliteStore::open(db).map_err(|e| e.to_string())?))
}

fn crl_check(args: &CrlCheckArgs) -> Result<(), String> {
    let store = open_store(&args.db, false)?;
    let crl =
        std::fs::read(&args.crl).map_err(|e| format!("cannot read {}: {e}", args.crl.display()))?;
    let trust = trust(args.demo)?;
    let customers = store.signature_customers().map_err(|e| e.to_string())?;
    let report = mynaweb_rp::crl_check::check(&crl, &customers, &trust, SystemClock.now())
        .map_err(|e| e.to_string())?;
    let mut value = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    if let (true, Some(obj)) = (args.demo, value.as_object_mut()) {
        obj.insert("demo".into(), DEMO_NOTICE.into());
    }
    let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

/// Reads each CRL and checks it parses and a trusted root signed it.
fn load_crls(paths: &[PathBuf], trust: &Trust) -> Result<Vec<Vec<u8>>, String> {
    paths
        .iter()
        .map(|path| {
            let raw =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let der = pki::crl::der_from_pem_or_der(&raw)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let crl =
                pki::crl::Crl::from_der(&der).map_err(|e| format!("{}: {e}", path.display()))?;
            let signer = trust
                .crl_signer(&crl)
                .ok_or_else(|| format!("{}: not signed by a trusted root", path.display()))?;
            println!(
                "mynaweb-rp: CRL {} ({} entries, signed by {signer})",
                path.display(),
                crl.len()
            );
            Ok(der)
        })
        .collect()
}

fn serve(args: &ServeArgs) -> Result<(), String> {
    let store = open_store(&args.db, true)?;
    let trust = trust(args.demo)?;
    let crls = load_crls(&args.crls, &trust)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        let bind =
            |port| tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
        let host = bind(args.host_port)
            .await
            .map_err(|e| format!("cannot listen on port {}: {e}", args.host_port))?;
        let widget = bind(args.widget_port)
            .await
            .map_err(|e| format!("cannot listen on port {}: {e}", args.widget_port))?;
        let port = |l: &tokio::net::TcpListener| l.local_addr().map(|a| a.port()).unwrap_or(0);
        let config = Config {
            host_origin: format!("http://127.0.0.1:{}", port(&host)),
            widget_origin: format!("http://127.0.0.1:{}", port(&widget)),
            dist: Some(args.dist.clone()),
            pkg: Some(args.pkg.clone()),
            crls,
        };
        println!("mynaweb-rp: host page and API  {}/", config.host_origin);
        println!("mynaweb-rp: widget             {}/", config.widget_origin);
        match postgres_url(&args.db) {
            // The URL may hold a password: not printed.
            Some(_) => println!("mynaweb-rp: database           PostgreSQL"),
            None => println!("mynaweb-rp: database           {}", args.db.display()),
        }
        if args.demo {
            println!("mynaweb-rp: {DEMO_NOTICE} (the simulator's test roots)");
        }
        for (what, dir) in [("dist", &args.dist), ("pkg", &args.pkg)] {
            if !dir.is_dir() {
                println!(
                    "mynaweb-rp: warning: --{what} {} is not a directory",
                    dir.display()
                );
            }
        }
        let state = AppState {
            store,
            clock: Arc::new(SystemClock),
            trust: Arc::new(trust),
            config: Arc::new(config),
        };
        mynaweb_rp::http::run(host, widget, state)
            .await
            .map_err(|e| format!("server stopped: {e}"))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(Command::CrlCheck(args)) => crl_check(args),
        None => serve(&cli.serve),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mynaweb-rp: {message}");
            ExitCode::FAILURE
        }
    }
}
