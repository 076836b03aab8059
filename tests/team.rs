//! The team memory through the `tm` binary: `tm add`/`edit`/`delete` with optimistic
//! concurrency on SQLite and PostgreSQL, `tm copy` both ways, and two `tm serve` instances in
//! front of one PostgreSQL database (the same answers, writes seen by the other, 503 while the
//! database is down and answers again after, without a restart).

mod common;

use common::pg::PgServer;
use common::serve::Server;
use common::Env;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const TSV: &str = "en\tru\nOpen the file.\tОткройте файл.\nClose the window.\tЗакройте окно.\n\
Save the document before closing.\tСохраните документ перед закрытием.\n";

/// Adds, edits (twice from the same version: the second is refused) and deletes through the
/// CLI on the memory `db`.
fn add_edit_delete(env: &Env, db: &str) {
    let out = env.run(&[
        "--db",
        db,
        "add",
        "Print the page.",
        "Напечатайте страницу.",
        "--src-lang",
        "en",
        "--tgt-lang",
        "ru",
        "--user",
        "anna",
    ]);
    assert!(out.contains("(version 1)"), "{out}");
    let id = out
        .split_whitespace()
        .nth(2)
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| panic!("no id in {out}"));
    let id = id.to_string();
    let out = env.run(&[
        "--db",
        db,
        "edit",
        &id,
        "--target",
        "Распечатайте страницу.",
        "--from-version",
        "1",
        "--user",
        "boris",
    ]);
    assert!(
        out.contains("version 2") && out.contains("changed by boris"),
        "{out}"
    );
    let err = env.fails(
        &[
            "--db",
            db,
            "edit",
            &id,
            "--target",
            "Печать страницы.",
            "--from-version",
            "1",
            "--user",
            "carl",
        ],
        "changed by boris",
    );
    assert!(err.contains("not saved"), "{err}");
    let shown = env.run(&["--db", db, "show", &id]);
    assert!(shown.contains("Распечатайте страницу."), "{shown}");
    let found = env.run(&["--db", db, "lookup", "Print the page."]);
    assert!(found.contains("Распечатайте страницу."), "{found}");
    env.run(&["--db", db, "delete", &id, "--from-version", "2"]);
    env.fails(&["--db", db, "show", &id], "no unit");
    env.fails(&["--db", db, "delete", &id], "no unit");
}

#[test]
fn add_edit_delete_on_sqlite() {
    let env = Env::new();
    let f = env.write("a.tsv", TSV);
    env.run(&["import", &f]);
    let db = env.db();
    add_edit_delete(&env, db.to_str().unwrap());
    // A target without its language is a usage error.
    env.fails(
        &["add", "Hello.", "Привет.", "--src-lang", "en"],
        "--tgt-lang",
    );
}

/// A running `tm serve`, stopped when dropped.
fn serve(db: &str, extra: &[&str]) -> Server {
    common::serve::start(db, extra, &[])
}

/// One request; (status, JSON body).
fn call(s: &Server, method: &str, path: &str, body: &str) -> (u16, serde_json::Value) {
    let mut c = TcpStream::connect(&s.addr).unwrap();
    write!(
        c,
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text[9..12].parse().unwrap();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap();
    let rest = if head.to_lowercase().contains("transfer-encoding: chunked") {
        // One chunk is enough for these small answers.
        rest.split_once("\r\n")
            .map_or("", |x| x.1)
            .rsplit_once("\r\n0")
            .map_or("", |x| x.0)
            .to_string()
    } else {
        rest.to_string()
    };
    (
        status,
        serde_json::from_str(rest.trim()).unwrap_or(serde_json::Value::Null),
    )
}

fn lookup(s: &Server, q: &str) -> (u16, serde_json::Value) {
    call(
        s,
        "GET",
        &format!("/api/lookup?q={}", q.replace(' ', "+")),
        "",
    )
}

#[test]
fn team_memory_on_postgres() {
    let Some(pg) = PgServer::start() else {
        return;
    };
    let env = Env::new();
    let url = pg.fresh_db();
    let f = env.write("a.tsv", TSV);
    env.run(&["--db", &url, "import", &f]);
    add_edit_delete(&env, &url);

    // Context on PostgreSQL too: a unit keyed by id (OmegaT's `file` and `id`) is a 101 %
    // match for a lookup with that id.
    let keyed = env.write(
        "keyed.tmx",
        r#"<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><prop type="file">menu.properties</prop><prop type="id">menu.open</prop><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="ru"><seg>Открыть меню</seg></tuv></tu>
</body></tmx>"#,
    );
    let keyed_url = pg.fresh_db();
    env.run(&["--db", &keyed_url, "import", &keyed]);
    let j: serde_json::Value = serde_json::from_str(&env.run(&[
        "--db",
        &keyed_url,
        "lookup",
        "Open",
        "--id",
        "menu.open",
        "--file",
        "menu.properties",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(j[0]["score"], 101, "{j}");

    // tm copy, both ways: the same pairs come back.
    env.run(&["import", &f]);
    let lite = env.db();
    let lite = lite.to_str().unwrap();
    let copy_url = pg.fresh_db();
    // A document with a monolingual segment comes along with its name.
    let doc = env.write(
        "notes.txt",
        "Meeting notes\n\nThe meeting starts at noon.\n",
    );
    env.run(&["ingest", &doc]);
    // The counts of `tm stats` (its first line names the memory).
    let stats_of = |db: &str| {
        let out = env.run(&["--db", db, "stats"]);
        out.lines().skip(1).collect::<Vec<_>>().join("\n")
    };
    let out = env.run(&["copy", "--from", lite, "--to", &copy_url]);
    assert!(
        out.contains("copied 3 pairs, 2 monolingual segments and 1 document"),
        "{out}"
    );
    assert_eq!(stats_of(lite), stats_of(&copy_url));
    let back = env.path("back.db");
    let back = back.to_str().unwrap();
    env.run(&["copy", "--from", &copy_url, "--to", back]);
    let export = |db: &str| env.run(&["--db", db, "export", "--format", "tmx"]);
    assert_eq!(export(lite), export(&copy_url));
    assert_eq!(export(lite), export(back));
    assert_eq!(stats_of(lite), stats_of(back));
    // Into a memory that holds units: refused.
    env.fails(
        &["copy", "--from", lite, "--to", &copy_url],
        "already holds",
    );

    // Two servers in front of one database.
    let a = serve(&copy_url, &["--allow-write"]);
    let b = serve(&copy_url, &[]);
    let q = "The printer jams on every page.";
    for s in [&a, &b] {
        let (st, v) = lookup(s, q);
        assert_eq!(st, 200);
        assert_eq!(v["matches"].as_array().unwrap().len(), 0);
    }
    let (st, added) = call(
        &a,
        "POST",
        "/api/units",
        r#"{"source":"The printer jams on every page.","target":"Принтер заедает на каждой странице.","src_lang":"en","tgt_lang":"ru","user":"anna"}"#,
    );
    assert_eq!(st, 201, "{added}");
    let id = added["id"].as_i64().unwrap();
    // Found through the other server (its cached answer dropped) within a second.
    let t = Instant::now();
    loop {
        let (_, v) = lookup(&b, q);
        if v["matches"][0]["segment"].as_i64() == Some(id) {
            assert_eq!(v["matches"][0]["score"], 100);
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "not seen by the other server: {v}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Writes: refused by the read-only one, 409 from an old version, both answer alike.
    let body = r#"{"target":"Принтер застревает на каждой странице.","version":1,"user":"boris"}"#;
    assert_eq!(call(&b, "PUT", &format!("/api/units/{id}"), body).0, 403);
    assert_eq!(call(&a, "PUT", &format!("/api/units/{id}"), body).0, 200);
    let (st, v) = call(&a, "PUT", &format!("/api/units/{id}"), body);
    assert_eq!(st, 409, "{v}");
    assert!(v["error"].as_str().unwrap().contains("boris"), "{v}");
    let (_, shown) = call(&b, "GET", &format!("/api/units/{id}"), "");
    assert_eq!(shown["version"], 2);
    assert_eq!(shown["changed_by"], "boris");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(lookup(&a, q).1["matches"], lookup(&b, q).1["matches"]);

    // The database goes away: 503 with a message; it comes back: answers, no restart.
    pg.pause();
    let (st, v) = lookup(&b, "Open the file again.");
    assert_eq!(st, 503, "{v}");
    assert!(v["error"].as_str().unwrap().contains("unavailable"), "{v}");
    pg.resume();
    let t = Instant::now();
    loop {
        let (st, _) = lookup(&b, "Open the file again.");
        if st == 200 {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(5), "no recovery: {st}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        call(&a, "DELETE", &format!("/api/units/{id}?version=1"), "").0,
        409
    );
    let (st, v) = call(&a, "DELETE", &format!("/api/units/{id}?version=2"), "");
    assert_eq!(st, 200, "{v}");
}
