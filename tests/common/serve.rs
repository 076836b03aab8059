//! A `tm serve` process on a free port, for the tests that talk HTTP to it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A running server, killed when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// `host:port` it listens on.
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `tm --db DB serve --port 0 EXTRA…` with `vars` in its environment, and waits for
/// the URL it prints.
pub fn start(db: impl AsRef<std::ffi::OsStr>, extra: &[&str], vars: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
        .envs(vars.iter().copied())
        .arg("--db")
        .arg(db)
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    Server { child, addr }
}
