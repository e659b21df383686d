//! `--engine spark://HOST:PORT`: the screen's statements in Spark SQL on a Spark Connect server
//! (Apache Spark 3.5+/4, Databricks, Sail), so that an extract that lives on a cluster is read
//! where the cluster sees it and only the small grouped result comes back.
//!
//! Spark Connect is gRPC over HTTP/2 with protocol buffers; the screen needs two calls of it:
//! `Config` (the session time zone, UTC, so that a date-time with an offset counts on its UTC
//! date as in the embedded engine) and `ExecutePlan` with a plan whose root is one SQL
//! statement, answered by a stream of Arrow IPC batches. Those few messages are encoded here by
//! hand (field numbers of `spark/connect/base.proto` and `relations.proto`, Spark 3.5 and 4),
//! over the `h2` crate, rather than with a generated client of the whole protocol (tonic and
//! prost would add their own compile time for two calls).

use bytes::{Buf, Bytes, BytesMut};
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::ipc::reader::StreamReader;
use std::time::Duration;

/// A Spark Connect session.
pub struct SparkSession {
    /// `host:port`.
    pub address: String,
    session_id: String,
    sender: h2::client::SendRequest<Bytes>,
}

/// A failure of the Spark Connect server or of the connection to it.
#[derive(Debug)]
pub struct SparkError(pub String);

impl std::fmt::Display for SparkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SparkError {}

/// Parses `spark://HOST:PORT` or `sc://HOST:PORT` (the Spark Connect URL; parameters after a
/// `/;` are not supported) into `HOST:PORT`.
pub fn parse_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("spark://")
        .or_else(|| url.strip_prefix("sc://"))
        .ok_or_else(|| {
            format!("--engine {url:?}: write datafusion or spark://HOST:PORT (a Spark Connect server, port 15002 by default)")
        })?;
    let rest = rest.trim_end_matches('/');
    if rest.contains(['/', ';', '?', '@']) {
        return Err(format!(
            "--engine {url:?}: only spark://HOST:PORT is supported (no path, token or parameters)"
        ));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, p),
        None => (rest, "15002"),
    };
    if host.is_empty() || port.parse::<u16>().map_or(true, |p| p == 0) {
        return Err(format!(
            "--engine {url:?}: write spark://HOST:PORT with a port from 1 to 65535"
        ));
    }
    Ok(format!("{host}:{port}"))
}

fn varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

/// A length-delimited field (strings, bytes, messages).
fn field(buf: &mut Vec<u8>, number: u64, bytes: &[u8]) {
    varint(buf, (number << 3) | 2);
    varint(buf, bytes.len() as u64);
    buf.extend_from_slice(bytes);
}

fn message(fields: &[(u64, &[u8])]) -> Vec<u8> {
    let mut buf = Vec::new();
    for (n, b) in fields {
        field(&mut buf, *n, b);
    }
    buf
}

/// The fields of one protocol buffers message: (number, wire type, varint value or bytes).
/// A field's value: a varint (`Ok`) or length-delimited bytes (`Err`).
type Value<'a> = Result<u64, &'a [u8]>;

fn fields(mut data: &[u8]) -> Result<Vec<(u64, Value<'_>)>, SparkError> {
    fn read_varint(data: &mut &[u8]) -> Result<u64, SparkError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = data
                .split_first()
                .ok_or_else(|| SparkError("a truncated reply from the server".into()))?;
            *data = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(SparkError("a malformed reply from the server".into()))
    }
    let mut out = Vec::new();
    while !data.is_empty() {
        let key = read_varint(&mut data)?;
        let (number, wire) = (key >> 3, key & 7);
        let value = match wire {
            0 => Ok(read_varint(&mut data)?),
            1 | 5 => {
                let n = if wire == 1 { 8 } else { 4 };
                if data.len() < n {
                    return Err(SparkError("a truncated reply from the server".into()));
                }
                data = &data[n..];
                Ok(0)
            }
            2 => {
                let n = read_varint(&mut data)? as usize;
                if data.len() < n {
                    return Err(SparkError("a truncated reply from the server".into()));
                }
                let (bytes, rest) = data.split_at(n);
                data = rest;
                Err(bytes)
            }
            _ => return Err(SparkError("a malformed reply from the server".into())),
        };
        out.push((number, value));
    }
    Ok(out)
}

/// A random version 4 UUID for the session (the server requires one); from the clock, the
/// process id and a counter, mixed by SplitMix64.
fn session_uuid() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut state = nanos ^ (u64::from(std::process::id()) << 32);
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let (a, b) = (next(), next());
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x4000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// `%XX` escapes of a `grpc-message`.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn status_error(headers: &http::HeaderMap) -> Option<SparkError> {
    let status = headers.get("grpc-status")?.to_str().ok()?;
    if status == "0" {
        return None;
    }
    let message = headers
        .get("grpc-message")
        .and_then(|m| m.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    // The server's message is often long (a stack trace); its first line says what failed.
    let first = message.lines().next().unwrap_or("").to_string();
    Some(SparkError(format!(
        "the Spark Connect server answered with an error (gRPC status {status}): {first}"
    )))
}

impl SparkSession {
    /// Connects to `host:port` over HTTP/2 (no TLS) and sets the session time zone to UTC.
    pub async fn connect(address: &str) -> Result<SparkSession, SparkError> {
        let cannot = |e: &dyn std::fmt::Display| {
            SparkError(format!(
                "cannot reach the Spark Connect server at {address}: {e}"
            ))
        };
        let tcp = tokio::time::timeout(
            Duration::from_secs(30),
            tokio::net::TcpStream::connect(address),
        )
        .await
        .map_err(|e| cannot(&e))?
        .map_err(|e| cannot(&e))?;
        let _ = tcp.set_nodelay(true);
        let (sender, connection) = h2::client::Builder::new()
            .initial_window_size(1 << 24)
            .initial_connection_window_size(1 << 26)
            .max_frame_size(1 << 20)
            .handshake(tcp)
            .await
            .map_err(|e| cannot(&e))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        let mut session = SparkSession {
            address: address.to_string(),
            session_id: session_uuid(),
            sender,
        };
        session
            .config(&[("spark.sql.session.timeZone", "UTC")])
            .await?;
        Ok(session)
    }

    fn user_context() -> Vec<u8> {
        message(&[(1, b"neuronutri")])
    }

    /// One gRPC call: the request message, then every reply message and the trailers' status.
    async fn call(&mut self, method: &str, request: Vec<u8>) -> Result<Vec<Bytes>, SparkError> {
        let address = self.address.clone();
        let lost = |e: &dyn std::fmt::Display| {
            SparkError(format!(
                "the connection to the Spark Connect server at {address} failed: {e}"
            ))
        };
        let mut body = Vec::with_capacity(request.len() + 5);
        body.push(0);
        body.extend_from_slice(&(request.len() as u32).to_be_bytes());
        body.extend_from_slice(&request);
        let uri = format!(
            "http://{}/spark.connect.SparkConnectService/{method}",
            self.address
        );
        let req = http::Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/grpc")
            .header("te", "trailers")
            .header("user-agent", "neuronutri")
            .body(())
            .map_err(|e| lost(&e))?;
        let mut sender = self.sender.clone().ready().await.map_err(|e| lost(&e))?;
        let (response, mut stream) = sender.send_request(req, false).map_err(|e| lost(&e))?;
        stream
            .send_data(Bytes::from(body), true)
            .map_err(|e| lost(&e))?;
        let response = response.await.map_err(|e| lost(&e))?;
        if let Some(e) = status_error(response.headers()) {
            return Err(e);
        }
        if response.status() != http::StatusCode::OK {
            return Err(SparkError(format!(
                "the server at {address} is not a Spark Connect server (HTTP status {})",
                response.status()
            )));
        }
        let mut body = response.into_body();
        let mut buffer = BytesMut::new();
        let mut messages = Vec::new();
        while let Some(chunk) = body.data().await {
            let chunk = chunk.map_err(|e| lost(&e))?;
            let _ = body.flow_control().release_capacity(chunk.len());
            buffer.extend_from_slice(&chunk);
            while buffer.len() >= 5 {
                let len = u32::from_be_bytes([buffer[1], buffer[2], buffer[3], buffer[4]]) as usize;
                if buffer[0] != 0 {
                    return Err(SparkError(
                        "the server sent a compressed message, which is not supported".into(),
                    ));
                }
                if buffer.len() < 5 + len {
                    break;
                }
                buffer.advance(5);
                messages.push(buffer.split_to(len).freeze());
            }
        }
        if let Some(trailers) = body.trailers().await.map_err(|e| lost(&e))? {
            if let Some(e) = status_error(&trailers) {
                return Err(e);
            }
        }
        Ok(messages)
    }

    /// Sets session configuration.
    pub async fn config(&mut self, pairs: &[(&str, &str)]) -> Result<(), SparkError> {
        let mut set = Vec::new();
        for (k, v) in pairs {
            field(
                &mut set,
                1,
                &message(&[(1, k.as_bytes()), (2, v.as_bytes())]),
            );
        }
        let operation = message(&[(1, &set)]);
        let request = message(&[
            (1, self.session_id.as_bytes()),
            (2, &Self::user_context()),
            (3, &operation),
            (4, b"neuronutri"),
        ]);
        self.call("Config", request).await.map(|_| ())
    }

    /// Runs one SQL statement and returns its rows as Arrow batches.
    pub async fn sql(&mut self, sql: &str) -> Result<Vec<RecordBatch>, SparkError> {
        let relation = message(&[(10, &message(&[(1, sql.as_bytes())]))]);
        let plan = message(&[(1, &relation)]);
        let request = message(&[
            (1, self.session_id.as_bytes()),
            (2, &Self::user_context()),
            (3, &plan),
            (4, b"neuronutri"),
        ]);
        let mut batches = Vec::new();
        for reply in self.call("ExecutePlan", request).await? {
            for (number, value) in fields(&reply)? {
                // ExecutePlanResponse.arrow_batch = 2; ArrowBatch.data = 2 (an Arrow IPC stream).
                let (2, Err(arrow_batch)) = (number, value) else {
                    continue;
                };
                for (n, v) in fields(arrow_batch)? {
                    if let (2, Err(data)) = (n, v) {
                        let reader = StreamReader::try_new(std::io::Cursor::new(data), None)
                            .map_err(|e| SparkError(format!("an unreadable Arrow batch: {e}")))?;
                        for batch in reader {
                            batches.push(batch.map_err(|e| {
                                SparkError(format!("an unreadable Arrow batch: {e}"))
                            })?);
                        }
                    }
                }
            }
        }
        Ok(batches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("spark://localhost:15002").unwrap(),
            "localhost:15002"
        );
        assert_eq!(parse_url("sc://10.0.0.5").unwrap(), "10.0.0.5:15002");
        assert!(parse_url("localhost:15002").is_err());
        assert!(parse_url("spark://host:0").is_err());
        assert!(parse_url("sc://host:15002/;token=x").is_err());
    }

    #[test]
    fn messages_round_trip() {
        let m = message(&[(1, b"abc"), (10, &message(&[(1, b"SELECT 1")]))]);
        let f = fields(&m).unwrap();
        assert_eq!(f[0], (1, Err(&b"abc"[..])));
        let (n, Err(inner)) = f[1] else { panic!() };
        assert_eq!(n, 10);
        assert_eq!(fields(inner).unwrap(), vec![(1, Err(&b"SELECT 1"[..]))]);
        let mut v = Vec::new();
        varint(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
        let id = session_uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
