//! A scratch environment for running the `tm` binary in tests: a temporary folder holding the
//! memory (`TM_DB`) and any input files.

#![allow(dead_code)] // each test file uses part of it

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The seed documents shipped in the repository.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A temporary folder with a memory in it.
pub struct Env {
    dir: TempDir,
}

impl Env {
    /// A new, empty environment.
    pub fn new() -> Env {
        Env {
            dir: TempDir::new().unwrap(),
        }
    }

    /// The memory of this environment.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("memory.db")
    }

    /// A path inside the environment.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the environment and returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path(name), text).unwrap();
        self.path(name).to_str().unwrap().to_string()
    }

    /// A `tm` command using this environment's memory, run inside its folder.
    pub fn tm(&self) -> Command {
        let mut c = Command::cargo_bin("tm").unwrap();
        c.env("TM_DB", self.db()).current_dir(self.dir.path());
        c
    }

    /// Runs `tm` with `args`, whatever its exit status.
    pub fn output(&self, args: &[&str]) -> std::process::Output {
        self.tm().args(args).output().unwrap()
    }

    /// Runs `tm` with `args`, which must succeed; returns standard output.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "tm {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Ingests the seeds and writes the HTML report into the environment.
    pub fn ingest_seeds(&self) -> String {
        let seeds = seeds();
        self.run(&[
            "ingest",
            seeds.to_str().unwrap(),
            "--report",
            self.path("report.html").to_str().unwrap(),
        ])
    }

    /// `tm stats --format json`.
    pub fn stats(&self) -> serde_json::Value {
        serde_json::from_str(&self.run(&["stats", "--format", "json"])).unwrap()
    }

    /// Number of pairs in the memory.
    pub fn pairs(&self) -> u64 {
        self.stats()["pairs"].as_u64().unwrap()
    }

    /// Runs a command that must fail cleanly: exit code 2, one line on stderr naming `needle`.
    pub fn fails(&self, args: &[&str], needle: &str) -> String {
        let out = self.tm().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "tm {args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line expected: {err}"
        );
        assert!(err.contains(needle), "{err} should name {needle}");
        err
    }
}
pub mod pg;
pub mod serve;
