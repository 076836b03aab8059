//! How does the server stay up for everyone when some clients are slow, idle or hostile?
//!
//! [`serve`] accepts connections itself (HTTP/1.1 through hyper) and bounds what each may cost:
//! - at most [`Limits::max_connections`] open at once; a connection over the cap is closed at
//!   once, so the waiting ones never pile up in the kernel's queue;
//! - a request head (request line and headers) must arrive within
//!   [`Limits::header_timeout`], and fit in [`Limits::max_head`] bytes (else `431`); a URL
//!   longer than [`Limits::max_url`] gets `414`; an idle keep-alive connection is closed
//!   after the same time-out (hyper starts it whenever it waits for a head);
//! - once a head is in, a read or write that makes no progress for
//!   [`Limits::idle_timeout`] closes the connection (a body that never comes, a client that
//!   never reads its answer), so no connection is held for ever.
//!
//! Bodies are capped by the routes themselves (`ServeConfig::max_body`, `max_upload`).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// What one connection may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once; more are closed as they come.
    pub max_connections: usize,
    /// Time for a request head to arrive (and for an idle connection to stay open).
    pub header_timeout: Duration,
    /// Time a read or write may make no progress.
    pub idle_timeout: Duration,
    /// Largest request head in bytes (request line and headers).
    pub max_head: usize,
    /// Longest URL (path and query) in bytes.
    pub max_url: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 2048,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_head: 64 * 1024,
            max_url: 8 * 1024,
        }
    }
}

impl Limits {
    /// The defaults, with the time-outs (in milliseconds) and the connection cap taken from
    /// `TM_SERVE_HEADER_TIMEOUT_MS`, `TM_SERVE_IDLE_TIMEOUT_MS` and `TM_SERVE_MAX_CONNECTIONS`
    /// where set (tests and benchmarks shorten them).
    pub fn from_env() -> Limits {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
        let mut l = Limits::default();
        if let Some(ms) = var("TM_SERVE_HEADER_TIMEOUT_MS") {
            l.header_timeout = Duration::from_millis(ms);
        }
        if let Some(ms) = var("TM_SERVE_IDLE_TIMEOUT_MS") {
            l.idle_timeout = Duration::from_millis(ms);
        }
        if let Some(n) = var("TM_SERVE_MAX_CONNECTIONS") {
            l.max_connections = n.max(1) as usize;
        }
        l
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let (max_url, max_head) = (limits.max_url, limits.max_head);
    let app = app.layer(axum::middleware::from_fn(
        move |req: Request<Body>, next: axum::middleware::Next| async move {
            let len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
            if len > max_url {
                return uri_too_long();
            }
            let head: usize = req
                .headers()
                .iter()
                .map(|(k, v)| k.as_str().len() + v.len() + 4)
                .sum();
            if head > max_head {
                return (
                    StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers too large\n",
                )
                    .into_response();
            }
            next.run(req).await
        },
    ));
    let open = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let limits = Arc::new(limits);
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(_) => {
                    // Out of file descriptors or a connection reset before it was taken:
                    // wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let limits = limits.clone();
        tokio::spawn(async move {
            let io = TokioIo::new(Watched::new(stream, limits.idle_timeout));
            let service = hyper_util::service::TowerToHyperService::new(
                app.map_request(|r: Request<hyper::body::Incoming>| r.map(Body::new)),
            );
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_buf_size(limits.max_head);
            let _ = builder.serve_connection(io, service).await;
            drop(permit);
        });
    }
}

/// A connection whose reads and writes fail with `TimedOut` once one of them has waited
/// `idle` without progress.
struct Watched<T> {
    inner: T,
    idle: Duration,
    read_deadline: Pin<Box<Sleep>>,
    read_waiting: bool,
    write_deadline: Pin<Box<Sleep>>,
    write_waiting: bool,
}

impl<T> Watched<T> {
    fn new(inner: T, idle: Duration) -> Self {
        Watched {
            inner,
            idle,
            read_deadline: Box::pin(tokio::time::sleep(idle)),
            read_waiting: false,
            write_deadline: Box::pin(tokio::time::sleep(idle)),
            write_waiting: false,
        }
    }
}

/// Polls `deadline` for an operation still pending: starts it on the first wait, fails once
/// it passes.
fn check_deadline(
    deadline: &mut Pin<Box<Sleep>>,
    waiting: &mut bool,
    idle: Duration,
    cx: &mut Context<'_>,
) -> Option<io::Error> {
    if !*waiting {
        *waiting = true;
        deadline.as_mut().reset(Instant::now() + idle);
    }
    deadline
        .as_mut()
        .poll(cx)
        .is_ready()
        .then(|| io::Error::new(io::ErrorKind::TimedOut, "connection idle too long"))
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let me = self.get_mut();
        match Pin::new(&mut me.inner).poll_read(cx, buf) {
            Poll::Pending => {
                match check_deadline(&mut me.read_deadline, &mut me.read_waiting, me.idle, cx) {
                    Some(e) => Poll::Ready(Err(e)),
                    None => Poll::Pending,
                }
            }
            ready => {
                me.read_waiting = false;
                ready
            }
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        match Pin::new(&mut me.inner).poll_write(cx, data) {
            Poll::Pending => {
                match check_deadline(&mut me.write_deadline, &mut me.write_waiting, me.idle, cx) {
                    Some(e) => Poll::Ready(Err(e)),
                    None => Poll::Pending,
                }
            }
            ready => {
                me.write_waiting = false;
                ready
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let me = self.get_mut();
        match Pin::new(&mut me.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => {
                match check_deadline(&mut me.write_deadline, &mut me.write_waiting, me.idle, cx) {
                    Some(e) => Poll::Ready(Err(e)),
                    None => Poll::Pending,
                }
            }
            ready => {
                me.write_waiting = false;
                ready
            }
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// The answer to a request whose URL is too long.
fn uri_too_long() -> Response {
    (StatusCode::URI_TOO_LONG, "URL too long\n").into_response()
}
