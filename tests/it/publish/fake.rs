//! Misbehaving servers on 127.0.0.1, for the failures no real server shows on demand: one that
//! accepts connections and never answers, and ones that answer every request with the same
//! bytes (garbage, a busy status, a redirect). Each counts the requests it received and stops
//! when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

pub struct FakeServer {
    pub url: String,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    port: u16,
    thread: Option<JoinHandle<()>>,
}

impl FakeServer {
    /// Accepts every connection and never writes a byte.
    pub fn hanging() -> FakeServer {
        FakeServer::serve(None)
    }

    /// Answers every request with these bytes, then closes the connection.
    pub fn answering(bytes: &'static [u8]) -> FakeServer {
        FakeServer::serve(Some(bytes))
    }

    fn serve(answer: Option<&'static [u8]>) -> FakeServer {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, done) = (requests.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let mut held: Vec<TcpStream> = Vec::new();
            for stream in listener.incoming() {
                if done.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                match answer {
                    // Keep the connection open and silent until the server is dropped.
                    None => held.push(stream),
                    Some(bytes) => {
                        if read_request(&stream) {
                            count.fetch_add(1, Ordering::Relaxed);
                        }
                        let mut stream = stream;
                        let _ = stream.write_all(bytes);
                        let _ = stream.flush();
                    }
                }
            }
        });
        FakeServer {
            url: format!("http://127.0.0.1:{port}/cal/"),
            requests,
            stop,
            port,
            thread: Some(thread),
        }
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }
}

/// Reads one request's head and body; false if the client went away first.
fn read_request(stream: &TcpStream) -> bool {
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).is_ok()
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accepting thread so it sees the flag.
        let _ = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
