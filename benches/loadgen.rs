//! Open-loop HTTP load for `tm serve`: C clients, each sending GET requests at a fixed mean
//! rate (exponential gaps), latency measured from the moment a request was due (so a slow
//! server cannot hide its queue). Prints requests, errors, achieved rate and p50/p95/p99.
//!
//!   cargo bench --bench loadgen -- HOST:PORT PATHS_FILE CLIENTS RATE_PER_CLIENT SECONDS

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.len() < 5 {
        eprintln!("usage: loadgen HOST:PORT PATHS_FILE CLIENTS RATE_PER_CLIENT SECONDS");
        std::process::exit(2);
    }
    let addr = args[0].clone();
    let paths: Vec<String> = std::fs::read_to_string(&args[1])
        .expect("paths file")
        .lines()
        .map(str::to_string)
        .collect();
    let clients: usize = args[2].parse().expect("clients");
    let rate: f64 = args[3].parse().expect("rate");
    let secs: f64 = args[4].parse().expect("seconds");
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(secs);
    let handles: Vec<_> = (0..clients)
        .map(|c| {
            let (addr, paths) = (addr.clone(), paths.clone());
            std::thread::spawn(move || {
                // A small deterministic generator per client (xorshift).
                let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ (c as u64 + 1).wrapping_mul(0x2545_F491);
                let mut next = || {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 11) as f64 / (1u64 << 53) as f64
                };
                let mut due = start + Duration::from_secs_f64(next() / rate);
                let (mut lat, mut errors, mut i) = (Vec::new(), 0usize, c * 7);
                while due < end {
                    let now = Instant::now();
                    if due > now {
                        std::thread::sleep(due - now);
                    }
                    let path = &paths[i % paths.len()];
                    i += 1;
                    match get(&addr, path) {
                        Ok(200) => lat.push(due.elapsed().as_secs_f64() * 1000.0),
                        _ => errors += 1,
                    }
                    due += Duration::from_secs_f64(-(1.0 - next()).ln() / rate);
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().expect("client thread");
        all.extend(l);
        errors += e;
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        all.get(((all.len() as f64 - 1.0) * p) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "RESULT requests={} errors={} rps={:.0} p50_ms={:.1} p95_ms={:.1} p99_ms={:.1}",
        all.len(),
        errors,
        all.len() as f64 / secs,
        pct(0.50),
        pct(0.95),
        pct(0.99)
    );
}

/// One GET on a fresh connection; the status code.
fn get(addr: &str, path: &str) -> std::io::Result<u16> {
    let mut s = TcpStream::connect(addr)?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let head = String::from_utf8_lossy(&buf[..buf.len().min(16)]).to_string();
    Ok(head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0))
}
