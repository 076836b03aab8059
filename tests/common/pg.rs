//! A throw-away PostgreSQL server for tests (`tests/pg/pg.sh`), stopped when dropped.
//! Absent PostgreSQL skips the test with a message, except under CI=true, where it fails.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running server in a temporary folder.
pub struct PgServer {
    dir: PathBuf,
    /// `postgres://tm@127.0.0.1:PORT/tm`
    pub url: String,
    next_db: std::sync::atomic::AtomicUsize,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pg/pg.sh")
}

impl PgServer {
    /// Starts a server, or `None` (with a message) when PostgreSQL is not installed outside CI.
    pub fn start() -> Option<PgServer> {
        let dir = tempfile::Builder::new()
            .prefix("tm-pg-")
            .tempdir()
            .unwrap()
            .keep();
        let out = Command::new("bash")
            .arg(script())
            .arg("start")
            .arg(&dir)
            .output()
            .unwrap();
        if out.status.code() == Some(3) {
            let _ = std::fs::remove_dir_all(&dir);
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PostgreSQL is not installed, and CI needs these tests: .ci/run installs it"
            );
            eprintln!("skipped: PostgreSQL is not installed (initdb/pg_ctl not found)");
            return None;
        }
        assert!(
            out.status.success(),
            "starting PostgreSQL failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
        Some(PgServer {
            dir,
            url,
            next_db: Default::default(),
        })
    }

    /// A new empty database on this server, as a URL.
    pub fn fresh_db(&self) -> String {
        let n = self
            .next_db
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("case{n}");
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let base = self.url.rsplit_once('/').unwrap().0;
        format!("{base}/{name}")
    }

    /// Stops the server, keeping its files (an outage).
    pub fn pause(&self) {
        self.ctl("pause");
    }

    /// Starts it again after [`PgServer::pause`].
    pub fn resume(&self) {
        self.ctl("resume");
    }

    fn ctl(&self, what: &str) {
        let st = Command::new("bash")
            .arg(script())
            .arg(what)
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(st.success(), "pg.sh {what} failed");
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script())
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}
