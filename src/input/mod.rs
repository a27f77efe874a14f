//! Readers: bytes in, text out, before [`parse`](crate::parse).
//!
//! The library's parser takes `&str`; this module turns what is on disk
//! into that text. Today it holds the decoding of plain text files (a BOM,
//! valid UTF-8, detection of GB18030/GBK and Big5, strict decoding that names
//! the first bad byte); behind the `encoding` feature (on by default through
//! `cli`), so `default-features = false` stays free of encoding_rs and
//! chardetng.

pub mod decode;
