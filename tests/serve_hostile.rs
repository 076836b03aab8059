//! `tm serve` under hostile clients: a request head that never ends, an idle connection, a
//! body shorter than its length says, oversized headers and URLs, malformed multipart, more
//! connections than the cap: each is closed or refused, and a normal client is still served.
//! Time-outs are shortened through the environment (`TM_SERVE_*`, see `server::limits`).

mod common;
use common::serve::Server;
use common::Env;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A memory with one pair, served with short time-outs (header 500 ms, idle 800 ms).
fn start(env: &Env, vars: &[(&str, &str)]) -> Server {
    let tsv = env.write("p.tsv", "en\tru\nThe file was saved.\tФайл сохранён.\n");
    env.run(&["import", &tsv]);
    let mut all = vec![
        ("TM_SERVE_HEADER_TIMEOUT_MS", "500"),
        ("TM_SERVE_IDLE_TIMEOUT_MS", "800"),
    ];
    all.extend_from_slice(vars);
    common::serve::start(env.db(), &["--allow-write"], &all)
}

fn connect(s: &Server) -> TcpStream {
    let c = TcpStream::connect(&s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c
}

/// Sends raw bytes and reads the answer until the server closes; returns (status, body).
fn raw(s: &Server, bytes: &[u8]) -> (u16, String) {
    let mut c = connect(s);
    let _ = c.write_all(bytes);
    let mut out = Vec::new();
    let _ = c.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A normal lookup gets its answer.
fn lookup_works(s: &Server) {
    let (status, text) = raw(
        s,
        b"GET /api/lookup?q=The+file+was+saved. HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Файл сохранён."), "{text}");
}

/// Waits until the server closes `c` (read returns 0 or an error); returns how long it took.
fn closed_after(mut c: TcpStream) -> Duration {
    let t = Instant::now();
    let mut buf = [0u8; 256];
    loop {
        match c.read(&mut buf) {
            Ok(0) | Err(_) => return t.elapsed(),
            Ok(_) => {}
        }
    }
}

#[test]
fn a_head_that_never_ends_and_an_idle_connection_are_closed() {
    let env = Env::new();
    let s = start(&env, &[]);
    let mut slow = connect(&s);
    slow.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let idle = connect(&s);
    // The server closes both within its header time-out (not the client's 10 s).
    let (a, b) = (closed_after(slow), closed_after(idle));
    assert!(
        a < Duration::from_secs(5) && b < Duration::from_secs(5),
        "{a:?} {b:?}"
    );
    lookup_works(&s);
}

#[test]
fn a_slowloris_trickling_its_head_is_closed() {
    let env = Env::new();
    let s = start(&env, &[]);
    let mut c = connect(&s);
    c.write_all(b"GET /api/stats HTTP/1.1\r\n").unwrap();
    let t = Instant::now();
    // One header byte every 100 ms: each read makes progress, the head never ends.
    let mut sent_all = true;
    for _ in 0..60 {
        std::thread::sleep(Duration::from_millis(100));
        if c.write_all(b"X").is_err() {
            sent_all = false;
            break;
        }
    }
    let waited = t.elapsed() + closed_after(c);
    assert!(!sent_all || waited < Duration::from_secs(8), "{waited:?}");
    assert!(
        waited < Duration::from_secs(8),
        "still open after {waited:?}"
    );
    lookup_works(&s);
}

#[test]
fn a_body_shorter_than_its_length_is_cut_off() {
    let env = Env::new();
    let s = start(&env, &[]);
    let mut c = connect(&s);
    c.write_all(
        b"POST /api/qa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"units\":",
    )
    .unwrap();
    let waited = closed_after(c);
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    lookup_works(&s);
}

#[test]
fn oversized_headers_and_urls_are_refused() {
    let env = Env::new();
    let s = start(&env, &[]);
    let big = "a".repeat(100 * 1024);
    let (status, text) = raw(
        &s,
        format!("GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(status, 431, "{text}");
    let (status, text) = raw(
        &s,
        format!(
            "GET /api/lookup?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "b".repeat(20 * 1024)
        )
        .as_bytes(),
    );
    assert_eq!(status, 414, "{text}");
    // Just under the limits passes.
    let (status, text) = raw(
        &s,
        format!(
            "GET /api/lookup?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "b".repeat(1500)
        )
        .as_bytes(),
    );
    assert_eq!(status, 200, "{text}");
    lookup_works(&s);
}

#[test]
fn malformed_requests_get_client_errors_not_a_crash() {
    let env = Env::new();
    let s = start(&env, &[]);
    let cases: &[&[u8]] = &[
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /api/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=X\r\nContent-Length: 40\r\n\r\n--X\r\nContent-Disposition: form-data\r\n\r\n",
        b"POST /api/qa HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data\r\nContent-Length: 5\r\n\r\nhello",
        b"POST /api/qa HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}",
        b"POST /api/qa HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\n",
    ];
    for case in cases {
        let (status, text) = raw(&s, case);
        assert!(
            status == 0 || (400..500).contains(&status),
            "{:?} → {text}",
            String::from_utf8_lossy(case)
        );
    }
    lookup_works(&s);
}

#[test]
fn connections_over_the_cap_are_closed_and_others_served_once_they_go() {
    let env = Env::new();
    let s = start(
        &env,
        &[
            ("TM_SERVE_MAX_CONNECTIONS", "8"),
            ("TM_SERVE_HEADER_TIMEOUT_MS", "3000"),
        ],
    );
    let held: Vec<TcpStream> = (0..8).map(|_| connect(&s)).collect();
    std::thread::sleep(Duration::from_millis(200));
    // The ninth is closed at once, without an answer.
    let (status, _) = raw(
        &s,
        b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 0);
    drop(held);
    std::thread::sleep(Duration::from_millis(200));
    lookup_works(&s);
}
