//! `tm serve`: the JSON API over real HTTP (status codes, JSON shapes, limits, read-only mode,
//! uploads) and the pages' safety (escaping, embedded assets).

mod common;
use common::serve::Server;
use common::Env;
use std::io::{Read, Write};
use std::net::TcpStream;

/// A running `tm serve` on a free port, stopped when dropped.
fn start(env: &Env, extra: &[&str]) -> Server {
    start_with(env, extra, &[])
}

fn start_with(env: &Env, extra: &[&str], vars: &[(&str, &str)]) -> Server {
    common::serve::start(env.db(), extra, vars)
}

/// One HTTP/1.1 request; returns (status, headers, body).
fn request(
    s: &Server,
    method: &str,
    path: &str,
    ctype: &str,
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut c = TcpStream::connect(&s.addr).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        s.addr,
        body.len()
    );
    c.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body: ignore a broken pipe.
    let _ = c.write_all(body);
    let mut raw = Vec::new();
    let _ = c.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response");
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = headers.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .to_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    (status, headers, body)
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let nl = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + n]);
        b = &b[nl + 4 + n..];
    }
}

fn get(s: &Server, path: &str) -> (u16, serde_json::Value) {
    let (st, _, body) = request(s, "GET", path, "text/plain", b"");
    (
        st,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    )
}

fn multipart(file_name: &str, content: &[u8], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let b = "XtmBoundary7MA4YWxk";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend(content);
    body.extend(format!("\r\n--{b}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={b}"), body)
}

fn seeded() -> Env {
    let env = Env::new();
    env.run(&["ingest", common::seeds().to_str().unwrap()]);
    env
}

const HEADLINE: &str = "Steinmeier%20said%20that%20NATO%20is%20ready%20to%20work%20with%20Russia";

#[test]
fn lookup_concordance_and_stats_answer_json() {
    let env = seeded();
    let s = start(&env, &[]);
    let (st, v) = get(&s, &format!("/api/lookup?q={HEADLINE}&min=60&limit=3"));
    assert_eq!(st, 200);
    let m = &v["matches"][0];
    assert_eq!(m["score"], 100);
    assert_eq!(
        m["target"],
        "Штайнмайер заявил о готовности НАТО работать вместе с Россией"
    );
    for k in [
        "source",
        "source_lang",
        "target_lang",
        "proposal",
        "diff",
        "segment",
    ] {
        assert!(m.get(k).is_some(), "missing {k}");
    }
    assert!(v["elapsed_us"].is_u64());

    let (st, v) = get(&s, "/api/concordance?q=%D0%9D%D0%90%D0%A2%D0%9E");
    assert_eq!(st, 200);
    let hit = &v["hits"][0];
    let tgt: Vec<char> = hit["tgt"].as_str().unwrap().chars().collect();
    let span = &hit["tgt_spans"][0];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert_eq!(tgt[a..b].iter().collect::<String>(), "НАТО");

    let (st, v) = get(&s, "/api/stats");
    assert_eq!(st, 200);
    assert_eq!(v["segments"], 36);
    assert_eq!(v["pairs"], 1);
    assert_eq!(v["read_only"], true);
}

#[test]
fn bad_requests_get_json_errors_with_status_codes() {
    let env = seeded();
    let s = start(&env, &[]);
    for (path, code) in [
        ("/api/lookup", 400),
        ("/api/lookup?q=%20", 400),
        ("/api/lookup?q=x&limit=0", 400),
        ("/api/lookup?q=x&min=500", 400),
        ("/api/lookup?q=x&limit=abc", 400),
        ("/api/concordance?q=%2C%2C", 400),
        ("/api/export?format=pdf", 400),
        ("/api/nothing", 404),
    ] {
        let (st, _, body) = request(&s, "GET", path, "text/plain", b"");
        assert_eq!(st, code, "{path}");
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert!(v["error"].is_string(), "{path}: {v}");
    }
    let long = "a".repeat(2500);
    let (st, _) = get(&s, &format!("/api/lookup?q={long}"));
    assert_eq!(st, 413);
}

#[test]
fn read_only_by_default_and_writes_with_allow_write() {
    let env = seeded();
    let tsv = "en\tru\nThe budget was approved.\tБюджет утвердили.\n";
    let (ct, body) = multipart("new.tsv", tsv.as_bytes(), &[("on_duplicate", "skip")]);
    let s = start(&env, &[]);
    let (st, _, b) = request(&s, "POST", "/api/import", &ct, &body);
    assert_eq!(st, 403, "{}", String::from_utf8_lossy(&b));
    // The pages offer writing (the add form, editing in lookups) only on a writable server.
    let page = |s: &Server, path: &str| {
        let (_, _, b) = request(s, "GET", path, "text/plain", b"");
        String::from_utf8_lossy(&b).to_string()
    };
    assert!(!page(&s, "/memory").contains("add-form") && !page(&s, "/").contains("data-write"));
    drop(s);
    let s = start(&env, &["--allow-write"]);
    assert!(page(&s, "/memory").contains("id=\"add-form\""));
    assert!(page(&s, "/").contains("data-write=\"1\""));
    // The server loads the memory's texts in the background when it starts (given time
    // here); the import must leave no stale copy behind.
    let fuzzy = "/api/lookup?q=The%20budget%20was%20approved%20yesterday.&min=50";
    let (_, v) = get(&s, fuzzy);
    assert_eq!(v["matches"].as_array().map(Vec::len), Some(0));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let (st, _, b) = request(&s, "POST", "/api/import", &ct, &body);
    assert_eq!(st, 200, "{}", String::from_utf8_lossy(&b));
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["added"], 1);
    let (_, v) = get(&s, fuzzy);
    assert_eq!(v["matches"][0]["target"], "Бюджет утвердили.", "{v}");
    let (_, v) = get(&s, "/api/stats");
    assert_eq!(v["pairs"], 2);
    // A malformed upload is refused whole, naming the file and position.
    let (ct, body) = multipart(
        "bad.tmx",
        b"<tmx version=\"1.4\"><header/><body><tu><tuv",
        &[],
    );
    let (st, _, b) = request(&s, "POST", "/api/import", &ct, &body);
    assert_eq!(st, 400);
    assert!(String::from_utf8_lossy(&b).contains("bad.tmx:1:"));
    let (_, v) = get(&s, "/api/stats");
    assert_eq!(v["pairs"], 2);
    let (st, hdr, b) = request(&s, "GET", "/api/export?format=tmx", "text/plain", b"");
    assert_eq!(st, 200);
    assert!(hdr.contains("attachment"));
    assert!(String::from_utf8_lossy(&b).contains("Бюджет утвердили."));
}

#[test]
fn qa_on_uploads_and_on_the_memory_with_report_formats() {
    let env = seeded();
    let s = start(&env, &["--max-upload-mb", "1"]);
    let (st, _, b) = request(&s, "POST", "/api/qa?source=memory", "text/plain", b"");
    assert_eq!(st, 200);
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    assert_eq!(v["units"], 36);
    assert_eq!(v["counts"]["spelling"], 1);
    let f = v["findings"].as_array().unwrap();
    assert!(f
        .iter()
        .any(|x| x["text"] == "relatiomns" && x["source"].is_string()));
    // The one Russian–English pair of the seeds (the headlines) is scored; monolingual
    // segments are not, and their findings carry no score.
    let q = v["quality"].as_array().unwrap();
    assert_eq!(q.len(), 1, "{q:?}");
    let score = q[0]["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    let pair = format!("{} {}", q[0]["source"], q[0]["target"]);
    assert!(
        pair.contains("Штайнмайер") && pair.contains("Steinmeier"),
        "{pair}"
    );
    assert!(f
        .iter()
        .any(|x| x["text"] == "relatiomns" && x["quality"].is_null()));

    let tsv = "en\tru\nThe talks ended in 2020.\tПереговоры закончились в 2021 году.\n";
    let (ct, body) = multipart("batch.tsv", tsv.as_bytes(), &[]);
    let (st, _, b) = request(&s, "POST", "/api/qa", &ct, &body);
    assert_eq!(st, 200, "{}", String::from_utf8_lossy(&b));
    let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
    // One finding, on the target, naming the source's number; the pair is scored and its
    // finding carries the score.
    assert_eq!(v["counts"]["number_mismatch"], 1);
    let score = v["quality"][0]["score"].as_f64().unwrap();
    assert_eq!(v["findings"][0]["quality"].as_f64(), Some(score));
    for (fmt, needle) in [
        ("csv", "number_mismatch"),
        ("jsonl", "\"check\":\"number_mismatch\""),
        ("html", "<mark>2021</mark>"),
        ("html", "Lowest quality scores"),
    ] {
        let (st, hdr, b) = request(&s, "POST", &format!("/api/qa?format={fmt}"), &ct, &body);
        assert_eq!(st, 200);
        assert!(hdr.contains("attachment"), "{fmt}");
        assert!(String::from_utf8_lossy(&b).contains(needle), "{fmt}");
    }
    // No file, an unreadable file, a body over the upload limit.
    let (st, _, _) = request(&s, "POST", "/api/qa", "text/plain", b"");
    assert_eq!(st, 400);
    let (ct2, body2) = multipart("x.tsv", b"\x00\x01binary", &[]);
    let (st, _, b) = request(&s, "POST", "/api/qa", &ct2, &body2);
    assert_eq!(st, 400);
    assert!(String::from_utf8_lossy(&b).contains("x.tsv"));
    let big = vec![b'a'; 2 * 1024 * 1024];
    let (ct3, body3) = multipart("big.tsv", &big, &[]);
    let (st, _, _) = request(&s, "POST", "/api/qa", &ct3, &body3);
    assert_eq!(st, 413);
}

#[test]
fn pages_escape_text_and_embed_their_assets() {
    let env = Env::new();
    let evil = "<script>alert(1)</script>";
    let f = env.write(
        "evil.txt",
        &format!("The minister {evil} spoke at lenght today.\n"),
    );
    env.run(&["ingest", &f]);
    let s = start(&env, &[]);
    for (path, ctype) in [
        ("/", "text/html"),
        ("/qa", "text/html"),
        ("/memory", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
    ] {
        let (st, hdr, _) = request(&s, "GET", path, "text/plain", b"");
        assert_eq!(st, 200, "{path}");
        assert!(hdr.to_lowercase().contains(ctype), "{path}: {hdr}");
    }
    // QA of the memory returns the text as JSON data; the HTML report escapes it.
    let (st, _, b) = request(
        &s,
        "POST",
        "/api/qa?source=memory&format=html",
        "text/plain",
        b"",
    );
    assert_eq!(st, 200);
    let page = String::from_utf8_lossy(&b);
    assert!(!page.contains(evil) && page.contains("&lt;script&gt;"));
    // Pages reference nothing outside the server.
    let (_, _, b) = request(&s, "GET", "/", "text/plain", b"");
    let html = String::from_utf8_lossy(&b);
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn a_taken_port_and_a_missing_memory_are_clear_errors() {
    let env = seeded();
    let s = start(&env, &[]);
    let port = s.addr.rsplit(':').next().unwrap();
    let out = env.output(&["serve", "--port", port]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("port is taken"));
    let empty = Env::new();
    let out = empty.output(&["serve", "--port", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no memory here yet"));
}

#[test]
fn the_server_finds_what_the_command_line_finds() {
    // A small posting-list budget makes the server take its two-phase path (candidates from
    // the rarer lists, then searched in the commoner ones) on a small memory; its best
    // matches must be the command line's.
    let env = Env::new();
    let mut tsv = String::from("en\tru\n");
    for i in 0..1500 {
        tsv.push_str(&format!(
            "The {} report number {i} was approved by the board of directors\tОтчёт {i}\n",
            ["quarterly", "annual", "monthly"][i % 3]
        ));
    }
    let f = env.write("units.tsv", &tsv);
    env.run(&["import", &f]);
    let vars = [("TM_FUZZY_BUDGET", "3000")];
    let s = start_with(&env, &["--cache", "0"], &vars);
    for q in [
        "The annual report number 121 was approved by the board of director",
        "The monthly report number 77 was approvd by the board",
        "Quarterly report 150 approved by the directors",
    ] {
        let enc: String = q.replace(' ', "%20");
        let (st, v) = get(&s, &format!("/api/lookup?q={enc}&min=50&limit=3"));
        assert_eq!(st, 200);
        let out = env
            .tm()
            .env("TM_FUZZY_BUDGET", "3000")
            .args([
                "lookup",
                q,
                "--min-score",
                "50",
                "--limit",
                "3",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ids = |m: &serde_json::Value| -> Vec<i64> {
            m.as_array()
                .unwrap()
                .iter()
                .map(|x| x["segment"].as_i64().unwrap())
                .collect()
        };
        let server = ids(&v["matches"]);
        let cli = ids(cli.get("matches").unwrap_or(&cli));
        assert!(!server.is_empty());
        assert_eq!(
            server[0], cli[0],
            "{q}: server {server:?}, command line {cli:?}"
        );
    }
}
