//! `neuronutri serve`: runs the HTTP service (JSON API, FHIR API, OpenAPI) on SQLite — a
//! file in the user's data directory by default — or on PostgreSQL, with the migrations
//! applied at start, structured JSON logs on standard error (no patient data), graceful
//! shutdown on Ctrl-C or SIGTERM, and `--demo` data with one account per role whose
//! passwords are printed once.

use crate::BadInput;
use anyhow::{Context, Result};
use neuronutri_knowledge::Knowledge;
use neuronutri_server::{demo, AppState};
use neuronutri_storage::Store;
use std::path::PathBuf;

/// How log lines are written.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line (for log collectors).
    Json,
    /// Human-readable lines.
    Text,
}

/// Arguments of `neuronutri serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Where the data lives: sqlite://PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB.
    /// Default: sqlite://$XDG_DATA_HOME/neuronutri/neuronutri.db (~/.local/share/… when
    /// XDG_DATA_HOME is unset). The schema is created or migrated at start.
    #[arg(long, value_name = "URL")]
    pub database: Option<String>,
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Load the demo: 12 invented patients with results over months, the hemifacial spasm
    /// study, and accounts demo-clinician, demo-researcher and demo-admin whose new
    /// passwords are printed once. Reloading updates in place.
    #[arg(long)]
    pub demo: bool,
    /// A deployment configuration file whose [thresholds] override the defaults (it changes
    /// the knowledge version stored with every assessment) and whose [cds] table turns on
    /// the CDS Hooks services at /cds-services (public URL, trusted issuers and their keys;
    /// see the README).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// LOCAL DEVELOPMENT ONLY: accept CDS Hooks calls without checking their JWT (any
    /// signature, any key, or none), for trying a sandbox client on this machine. Refused
    /// unless --listen is a loopback address; logged loudly at start and on every call.
    /// Never use it with real patient data.
    #[arg(long)]
    pub cds_insecure_dev: bool,
    /// Log format on standard error.
    #[arg(long, value_enum, default_value_t = LogFormat::Json)]
    pub log_format: LogFormat,
}

/// The service's `long_about`.
pub const SERVE_ABOUT: &str =
    "Run the neuronutri service: a JSON API described by the OpenAPI 3.1 \
document at /openapi.json, a FHIR R4 read/search API at /fhir, accounts with roles (clinician: \
patients and assessments; researcher: studies and the summary-statistics audit; admin: users, \
tokens, audit log), bearer API tokens and browser sessions, and an audit log of every read and \
write of patient data.\n\n\
Storage is SQLite (a file; one machine) or PostgreSQL (several instances may share one database; \
the server keeps no state of its own). The schema is applied at start. Logs are JSON lines on \
standard error with method, route, status and duration, never patient data. Ctrl-C or SIGTERM \
stops accepting connections and lets requests in flight finish.";

/// Examples for `--help`.
pub const SERVE_HELP: &str = "Examples:\n  neuronutri serve --demo\n  \
neuronutri serve --database postgres://neuronutri@db.internal/neuronutri --listen 0.0.0.0:8080\n  \
neuronutri serve --database sqlite:///var/lib/neuronutri/data.db --config site.toml\n  \
neuronutri serve --demo --cds-insecure-dev   # CDS Hooks for a sandbox on this machine only\n\n\
Then, with the demo's clinician password:\n  \
curl -s -c jar -H 'content-type: application/json' \\\n    \
-d '{\"username\":\"demo-clinician\",\"password\":\"PASSWORD\"}' http://127.0.0.1:8080/api/session\n  \
curl -s -b jar http://127.0.0.1:8080/api/patients";

fn default_database() -> Result<String> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME").ok_or_else(|| {
                BadInput("neither XDG_DATA_HOME nor HOME is set: give --database".into())
            })?;
            PathBuf::from(home).join(".local").join("share")
        }
    };
    let dir = base.join("neuronutri");
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create the data folder", dir.display()))?;
    Ok(format!("sqlite://{}", dir.join("neuronutri.db").display()))
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

fn init_logs(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_target(true);
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .try_init(),
        LogFormat::Text => builder.with_ansi(false).try_init(),
    };
}

/// The CDS Hooks settings: the `[cds]` table of `--config`, if any, and
/// `--cds-insecure-dev`, which is refused on any address but loopback. With the switch and
/// no `[cds]` table, the public base URL is the listening address.
fn cds_config(
    args: &ServeArgs,
    address: std::net::SocketAddr,
) -> Result<Option<neuronutri_server::cds::CdsConfig>> {
    let configured = match &args.config {
        Some(path) => neuronutri_server::cds::CdsConfig::from_site_file(path).map_err(BadInput)?,
        None => None,
    };
    if !args.cds_insecure_dev {
        return Ok(configured);
    }
    if !address.ip().is_loopback() {
        return Err(BadInput(format!(
            "--cds-insecure-dev: refused while listening on {address}: it switches off the \
             authentication of CDS Hooks calls and is allowed only on a loopback address \
             (for example --listen 127.0.0.1:8080)"
        ))
        .into());
    }
    let mut config = configured.unwrap_or_else(|| neuronutri_server::cds::CdsConfig {
        public_base_url: format!("http://{address}"),
        ..Default::default()
    });
    config.insecure_dev = true;
    Ok(Some(config))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested: finishing requests in flight");
}

/// Runs the service until it is stopped.
pub fn run(args: ServeArgs, knowledge: Knowledge) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args, knowledge))
}

async fn serve(args: ServeArgs, knowledge: Knowledge) -> Result<()> {
    init_logs(args.log_format);
    let url = match &args.database {
        Some(url) => url.clone(),
        None => default_database()?,
    };
    let shown = redact(&url);
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| BadInput(format!("--listen {}: cannot listen: {e}", args.listen)))?;
    let address = listener
        .local_addr()
        .context("the listening socket has no address")?;
    let cds = cds_config(&args, address)?;
    let store = Store::connect(&url).await.map_err(|e| match e {
        neuronutri_storage::StorageError::UnsupportedUrl(_) => BadInput(format!("--database: {e}")),
        other => BadInput(format!("--database {shown}: {other}")),
    })?;
    let mut state = AppState::new(store.clone(), knowledge)
        .map_err(|e| anyhow::anyhow!("cannot set up the service: {e:?}"))?;
    let cds_discovery = cds.as_ref().map(|c| {
        (
            format!("{}/cds-services", c.public_base_url),
            c.insecure_dev,
            c.issuers.len(),
        )
    });
    if let Some(cds) = cds {
        state = state.with_cds(cds);
    }
    tracing::info!(
        database = store.engine().name(),
        knowledge_version = %state.knowledge_version,
        engine_version = neuronutri_server::ENGINE_VERSION,
        "database ready"
    );
    if args.demo {
        let summary = demo::load(&state, chrono::Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("cannot load the demo: {e:?}"))?;
        tracing::info!(
            patients = summary.patients,
            created = summary.created,
            study = summary.study_id,
            "demo loaded"
        );
        println!(
            "Demo loaded: {} patients, the hemifacial spasm study (id {}).",
            summary.patients, summary.study_id
        );
        println!("Demo accounts (these passwords are shown only now; a new start sets new ones):");
        for (username, role, password) in &summary.accounts {
            println!("  {username:<16} {:<11} {password}", role.as_str());
        }
    }
    println!("neuronutri is listening on http://{address}/ (database {shown})");
    println!(
        "  API description: http://{address}/openapi.json   FHIR: http://{address}/fhir/metadata"
    );
    if let Some((discovery, insecure, issuers)) = &cds_discovery {
        println!("  CDS Hooks discovery: {discovery} ({issuers} trusted issuer(s))");
        if *insecure {
            println!(
                "  WARNING: --cds-insecure-dev: CDS Hooks calls are NOT authenticated. \
                 Local development only; never with real patient data."
            );
        }
        tracing::info!(%discovery, issuers, insecure, "CDS Hooks enabled");
    }
    println!("  Stop with Ctrl-C.");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    tracing::info!(%address, "listening");
    neuronutri_server::serve(listener, state, shutdown_signal())
        .await
        .context("the server stopped with an error")?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/nn"),
            "postgres://app:***@db:5432/nn"
        );
        assert_eq!(redact("postgres://app@db/nn"), "postgres://app@db/nn");
        assert_eq!(redact("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }
}
