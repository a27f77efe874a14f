//! Readers: bytes in, text out, before [`parse`](crate::parse).
//!
//! The parser takes `&str`; this module turns what is on disk into that
//! text. [`sniff`] tells from the first bytes what a file is (text, a web
//! page, a Word document, or something that is not text at all);
//! [`decode`] (feature `encoding`, on by default through `cli`) reads plain
//! text files: a BOM, valid UTF-8, detection of GB18030/GBK and Big5, strict
//! decoding that names the first bad byte, and writing back in the same
//! encoding. `default-features = false` leaves encoding_rs and chardetng out.

#[cfg(feature = "encoding")]
pub mod decode;
pub mod sniff;
