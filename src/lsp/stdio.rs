//! The server's stdio transport: lsp-server's, but reading the framing
//! itself so that a `Content-Length` is bounded before anything is
//! allocated (lsp-server allocates whatever length is announced, and
//! panics past `usize`).

use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::bounded;
use lsp_server::{Connection, Message};

use super::Error;

/// The largest message body (`Content-Length`) the server reads: 64 MiB,
/// far beyond any text document an editor sends; a larger length is
/// refused and the server stops with status 1.
pub const MAX_MESSAGE: u64 = 64 << 20;

/// The most header bytes before the blank line that ends them: an endless
/// header line must not grow without bound either.
const MAX_HEADER: u64 = 8 << 10;

/// The reader and writer threads of [`transport`].
pub(super) struct Threads {
    pub(super) reader: JoinHandle<Result<(), Error>>,
    writer: JoinHandle<Result<(), Error>>,
}

impl Threads {
    /// Waits for both threads (the writer ends once the connection is
    /// dropped) and returns the first error.
    pub(super) fn join(self) -> Result<(), Error> {
        let reader = self.reader.join().unwrap_or(Ok(()));
        let writer = self.writer.join().unwrap_or(Ok(()));
        reader.and(writer)
    }
}

/// A connection over stdin and stdout. Rendezvous channels, as lsp-server's,
/// so the reader reads ahead by one message only.
pub(super) fn transport() -> (Connection, Threads) {
    let (to_server, receiver) = bounded::<Message>(0);
    let (sender, from_server) = bounded::<Message>(0);
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        while let Some(msg) = read_message(&mut stdin)? {
            let is_exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            // The server has stopped: nothing more to read for.
            if to_server.send(msg).is_err() || is_exit {
                break;
            }
        }
        Ok(())
    });
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for msg in from_server {
            msg.write(&mut stdout)?;
        }
        stdout.flush()?;
        Ok(())
    });
    let conn = Connection { sender, receiver };
    (conn, Threads { reader, writer })
}

/// Reads one message: headers (`Name: value` lines ending in CRLF, then a
/// blank line), then `Content-Length` bytes of JSON. `None` at the end of
/// the input before a message starts.
fn read_message(input: &mut impl BufRead) -> Result<Option<Message>, Error> {
    let mut length = None;
    let mut header = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        let left = MAX_HEADER.saturating_sub(header.len() as u64);
        let n = input.by_ref().take(left).read_line(&mut line)?;
        if n == 0 && header.is_empty() && left > 0 {
            return Ok(None);
        }
        header.extend_from_slice(line.as_bytes());
        let Some(text) = line.strip_suffix("\r\n") else {
            return Err(malformed(&format!(
                "a header line that does not end in CRLF within {MAX_HEADER} bytes: {line:?}"
            )));
        };
        if text.is_empty() {
            break;
        }
        let Some((name, value)) = text.split_once(": ") else {
            return Err(malformed(&format!(
                "a header that is not `Name: value`: {text:?}"
            )));
        };
        if name.eq_ignore_ascii_case("Content-Length") {
            // Parsed as u64 and bounded before anything is allocated.
            match value.parse::<u64>() {
                Ok(n) if n <= MAX_MESSAGE => length = Some(n),
                _ => {
                    return Err(malformed(&format!(
                        "Content-Length {value:?}, more than the {} MiB a message may have",
                        MAX_MESSAGE >> 20
                    )));
                }
            }
        }
    }
    let Some(length) = length else {
        return Err(malformed("a message without a Content-Length header"));
    };
    // Read what arrives rather than allocating the announced length.
    let mut body = Vec::new();
    input.by_ref().take(length).read_to_end(&mut body)?;
    if body.len() as u64 != length {
        return Err(malformed(&format!(
            "a message cut short: {} of its {length} bytes",
            body.len()
        )));
    }
    // lsp-server parses the JSON, as it would have from stdin.
    let mut frame = format!("Content-Length: {length}\r\n\r\n").into_bytes();
    frame.extend_from_slice(&body);
    Ok(Message::read(&mut &frame[..])?)
}

/// The error for input that is not LSP framing.
fn malformed(what: &str) -> Error {
    Error(format!(
        "the client sent {what}; an LSP message is a Content-Length header, a blank line, then JSON"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Option<Message>, Error> {
        read_message(&mut &bytes[..])
    }

    #[test]
    fn framing_is_read_and_bounded() {
        let ok = b"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}       ";
        assert!(matches!(read(ok), Ok(Some(Message::Notification(_)))));
        assert!(matches!(read(b""), Ok(None)));
        for bad in [
            &b"Content-Length: 99999999999\r\n\r\n{"[..],
            b"Content-Length: 18446744073709551615\r\n\r\n",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            b"Content-Length: 10\r\n\r\n{}",
            b"Content-Type: x\r\n\r\n{}",
            b"Content-Length: 2\n\n{}",
        ] {
            assert!(read(bad).is_err(), "{bad:?}");
        }
        let endless = vec![b'a'; 1 << 20];
        let e = read(&endless).unwrap_err();
        assert!(e.to_string().contains("CRLF"), "{e}");
    }
}
