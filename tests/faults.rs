//! Faults under the memory: a full disk during an import or ingest, a read-only memory file
//! or folder, a memory file truncated or overwritten with random bytes, another process
//! holding the write lock. Each must end in one clear line on standard error, exit 2, and the
//! memory as it was (compared before and after); `tm check` and `tm backup` on sound and
//! damaged memories.

mod common;

use common::Env;
use std::path::Path;
use std::process::Output;

/// A memory with a few pairs, and its export (what "as it was" compares).
fn env_with_pairs() -> Env {
    let env = Env::new();
    let tsv = env.write(
        "pairs.tsv",
        "en\tru\nThe file was saved.\tФайл сохранён.\nHello, world!\tПривет, мир!\nOpen the file.\tОткройте файл.\n",
    );
    env.run(&["import", &tsv]);
    env
}

/// What the memory holds, as tm exports it (logical identity).
fn export(env: &Env) -> String {
    env.run(&["export", "--format", "tsv"])
}

/// The bytes of the memory file with its WAL folded in (the memory is closed between runs:
/// the last connection checkpoints).
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Asserts one line on standard error, exit status 2, and the line mentions `what`.
fn assert_clear_error(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "more than one line: {err}"
    );
    assert!(err.starts_with("tm: error: "), "{err}");
    assert!(
        err.to_lowercase().contains(what),
        "{err} should mention {what}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A TMX of `n` units with long texts (a few MB): an import that cannot fit a small limit.
fn big_tmx(env: &Env, n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" o-tmf=\"t\" creationtool=\"t\" creationtoolversion=\"1\"/><body>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>Unit {i} says the weather report {} was read.</seg></tuv><tuv xml:lang=\"ru\"><seg>Единица {i} говорит, что сводка погоды {} прочитана.</seg></tuv></tu>\n",
            "alpha beta gamma delta ".repeat(8),
            "альфа бета гамма дельта ".repeat(8)
        ));
    }
    s.push_str("</body></tmx>\n");
    env.write("big.tmx", &s)
}

/// Runs `tm args` with files limited to `kib` KiB (`ulimit -f`), the signal a write past the
/// limit raises ignored, so the write fails as on a full disk (`EFBIG`).
fn with_file_limit(env: &Env, kib: u64, args: &[&str]) -> Output {
    let tm = assert_cmd::cargo::cargo_bin("tm");
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""))
        .arg(tm)
        .args(args)
        .env("TM_DB", env.db())
        .current_dir(env.path("."));
    cmd.output().unwrap()
}

#[test]
fn a_full_disk_during_an_import_leaves_the_memory_as_it_was() {
    let env = env_with_pairs();
    let before = export(&env);
    let file_before = bytes(&env.db());
    let tmx = big_tmx(&env, 20_000);
    // The memory file is about 100 KB; the import would need several MB.
    let out = with_file_limit(&env, 1024, &["import", &tmx]);
    assert_clear_error(&out, "full");
    assert_eq!(bytes(&env.db()), file_before, "memory file changed");
    assert_eq!(export(&env), before);
    env.run(&["check"]);
    // With room, the same import succeeds.
    env.run(&["import", &tmx]);
    assert_ne!(export(&env), before);
}

#[test]
fn a_full_disk_during_an_ingest_leaves_the_memory_as_it_was() {
    let env = env_with_pairs();
    let before = export(&env);
    let file_before = bytes(&env.db());
    let mut doc = String::new();
    for i in 0..4000 {
        doc.push_str(&format!("Paragraph {i} tells of the weather in the north and the south of the land.\n\nАбзац {i} рассказывает о погоде на севере и на юге страны.\n\n"));
    }
    let doc = env.write("doc.txt", &doc);
    let out = with_file_limit(&env, 1024, &["ingest", &doc]);
    assert_clear_error(&out, "full");
    assert_eq!(bytes(&env.db()), file_before, "memory file changed");
    assert_eq!(export(&env), before);
    env.run(&["check"]);
}

/// Runs `tm args` as a user who may not write the memory: `nobody` when the tests run as
/// root (root writes any file whatever its mode), else the current user.
fn unprivileged(env: &Env, args: &[&str]) -> Output {
    let tm = assert_cmd::cargo::cargo_bin("tm");
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(tm);
        c
    } else {
        std::process::Command::new(tm)
    };
    cmd.args(args).env("TM_DB", env.db()).current_dir("/");
    cmd.output().unwrap()
}

fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_memory_file_refuses_writes_and_still_reads() {
    let env = env_with_pairs();
    let before = export(&env);
    let file_before = bytes(&env.db());
    let tsv = env.write("more.tsv", "en\tru\nA new line.\tНовая строка.\n");
    chmod(&env.path("."), 0o755);
    chmod(&env.path("more.tsv"), 0o644);
    chmod(&env.db(), 0o444);
    let out = unprivileged(&env, &["import", &tsv]);
    assert_clear_error(&out, "read");
    // `tm check` reads a read-only file; other readers answer or say why not.
    let out = unprivileged(&env, &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ok (3 segments"), "{stdout}");
    let out = unprivileged(&env, &["lookup", "The file was saved."]);
    if out.status.success() {
        assert!(String::from_utf8_lossy(&out.stdout).contains("Файл сохранён."));
    } else {
        assert_clear_error(&out, "read");
    }
    chmod(&env.db(), 0o644);
    assert_eq!(bytes(&env.db()), file_before, "memory file changed");
    assert_eq!(export(&env), before);
}

#[test]
fn a_read_only_memory_folder_refuses_writes() {
    let env = env_with_pairs();
    let before = export(&env);
    let file_before = bytes(&env.db());
    let tsv = env.write("more.tsv", "en\tru\nA new line.\tНовая строка.\n");
    chmod(&env.path("more.tsv"), 0o644);
    chmod(&env.db(), 0o644);
    chmod(&env.path("."), 0o555);
    let out = unprivileged(&env, &["import", &tsv]);
    chmod(&env.path("."), 0o755);
    assert_clear_error(&out, "memory");
    assert_eq!(bytes(&env.db()), file_before, "memory file changed");
    assert_eq!(export(&env), before);
}

#[test]
fn a_memory_overwritten_with_random_bytes_is_refused_and_left_alone() {
    let env = env_with_pairs();
    // Bytes from a fixed generator (xorshift), so the test is the same every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..65536)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(env.db(), &noise).unwrap();
    let tsv = env.write("more.tsv", "en\tru\nA new line.\tНовая строка.\n");
    for args in [
        vec!["import", tsv.as_str()],
        vec!["stats"],
        vec!["lookup", "The file"],
        vec!["check"],
        vec!["backup", "copy.db"],
    ] {
        let out = env.output(&args);
        assert_clear_error(&out, "memory");
        assert_eq!(bytes(&env.db()), noise, "tm {args:?} changed the file");
    }
    assert!(!env.path("copy.db").exists());
}

#[test]
fn a_truncated_memory_is_refused_and_left_alone() {
    let env = env_with_pairs();
    let tmx = big_tmx(&env, 2000);
    env.run(&["import", &tmx]);
    let full = bytes(&env.db());
    let cut = full[..full.len() / 2].to_vec();
    std::fs::write(env.db(), &cut).unwrap();
    // `tm check` names the damage; writes are refused, and nothing changes the file.
    let out = env.output(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("damaged") || err.contains("malformed"),
        "{err}"
    );
    assert_eq!(bytes(&env.db()), cut);
    let tsv = env.write("more.tsv", "en\tru\nA new line.\tНовая строка.\n");
    let out = env.output(&["import", &tsv]);
    assert_clear_error(&out, "malformed");
    assert_eq!(bytes(&env.db()), cut, "import changed a damaged memory");
}

#[test]
fn a_write_lock_held_elsewhere_gives_a_clear_error_and_changes_nothing() {
    let env = env_with_pairs();
    let before = export(&env);
    let tsv = env.write("more.tsv", "en\tru\nA new line.\tНовая строка.\n");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    // tm waits for the lock (10 s), then gives up.
    let out = env.output(&["import", &tsv]);
    assert_clear_error(&out, "locked");
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    assert_eq!(export(&env), before);
    // Once the lock is gone the import goes through.
    env.run(&["import", &tsv]);
    assert!(export(&env).contains("Новая строка."));
}

#[test]
fn check_and_backup_on_a_sound_memory() {
    let env = env_with_pairs();
    let out = env.run(&["check"]);
    assert!(out.contains("ok (3 segments"), "{out}");
    let out = env.run(&["backup", "copy.db"]);
    assert!(out.contains("3 segments"), "{out}");
    let copy = env
        .tm()
        .env("TM_DB", env.path("copy.db"))
        .args(["export", "--format", "tsv"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&copy.stdout), export(&env));
    // A backup never overwrites a file.
    let out = env.output(&["backup", "copy.db"]);
    assert_clear_error(&out, "already exists");
}

#[test]
fn a_backup_taken_during_an_import_is_a_sound_snapshot() {
    let env = env_with_pairs();
    let tmx = big_tmx(&env, 20_000);
    let mut import = std::process::Command::new(assert_cmd::cargo::cargo_bin("tm"))
        .args(["import", &tmx])
        .env("TM_DB", env.db())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let out = env.output(&["backup", "during.db"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(import.wait().unwrap().success());
    // The copy holds the memory before the import or after it, never part of it.
    let copy = env
        .tm()
        .env("TM_DB", env.path("during.db"))
        .args(["stats", "--format", "json"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&copy.stdout).unwrap();
    let n = stats["segments"].as_i64().unwrap();
    assert!(n == 3 || n == 20_003, "{n} segments in the backup");
    let check = env
        .tm()
        .env("TM_DB", env.path("during.db"))
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
