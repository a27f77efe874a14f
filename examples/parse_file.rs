//! Parses a file and prints how many headings it has: the smallest program
//! for timing or counting instructions of `tigang::parse`.
//!
//! ```sh
//! cargo run --release --example parse_file -- examples/speech.txt
//! ```

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_file FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let doc = tigang::parse(&text);
    println!("{} headings", doc.headings().count());
}
