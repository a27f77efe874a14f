//! The scanner's one pass over the text: where its lines break, and every
//! place where an inline ordinal or a lost line break can begin, found by
//! reading the text once; and the same 32-byte steps for two smaller jobs,
//! the bytes that can stop a title ([`Stops`]) and counting characters
//! ([`count_chars`]).
//!
//! The scanner looks for six characters anywhere in a paragraph: `是`, `要`
//! and `第` (inline ordinals, `一是`, `二要`, `第三，`) and `。`, `：`, `；`
//! (before a line-level marker whose line break was lost), and ASCII `:`.
//! Six memmem passes read a 20 MB text six times, out of cache each time;
//! [`positions`] compares 32 bytes at once against all of them (AVX2, where
//! the processor has it), so the text is read once. Elsewhere it falls back
//! to memchr's searches, merged: the same positions, as the tests check.
//! The same loads answer where `\n` and `\r` are, so the lines are cut in
//! the same pass, while the bytes around each break are still in the cache.
//!
//! This is the crate's only `unsafe` code: the SIMD loads, each inside the
//! slice (see the SAFETY notes), and the call of an AVX2 function after the
//! processor was asked.
#![allow(unsafe_code)]

/// `是`, `要`, `第`, `。`, `：`, `；` in UTF-8.
const NEEDLES: [[u8; 3]; 6] = [
    [0xE6, 0x98, 0xAF],
    [0xE8, 0xA6, 0x81],
    [0xE7, 0xAC, 0xAC],
    [0xE3, 0x80, 0x82],
    [0xEF, 0xBC, 0x9A],
    [0xEF, 0xBC, 0x9B],
];

/// The byte offsets in `hay` where one of the six characters or an ASCII
/// `:` begins, in order. `on_break` is called with the offset of every `\n`
/// and `\r`, in order.
pub(crate) fn positions(hay: &[u8], mut on_break: impl FnMut(usize)) -> Vec<usize> {
    // About one in fifty bytes in Chinese prose.
    let mut out = Vec::with_capacity(hay.len() / 48 + 16);
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor supports AVX2, checked just above.
        let done = unsafe { avx2::positions(hay, &mut out, &mut on_break) };
        tail(hay, done, &mut out, on_break);
        return out;
    }
    portable(hay, &mut out, on_break);
    out
}

/// Whether one of the six characters or `:` begins at `i`.
fn at(hay: &[u8], i: usize) -> bool {
    hay[i] == b':' || NEEDLES.iter().any(|n| hay[i..].starts_with(n))
}

/// The positions from `from` on, byte by byte: the last bytes after the
/// vector loop.
fn tail(hay: &[u8], from: usize, out: &mut Vec<usize>, mut on_break: impl FnMut(usize)) {
    for i in from..hay.len() {
        if matches!(hay[i], b'\n' | b'\r') {
            on_break(i);
        } else if at(hay, i) {
            out.push(i);
        }
    }
}

/// memchr's searches, one per needle, merged.
fn portable(hay: &[u8], out: &mut Vec<usize>, on_break: impl FnMut(usize)) {
    memchr::memchr2_iter(b'\n', b'\r', hay).for_each(on_break);
    for n in &NEEDLES {
        out.extend(memchr::memmem::find_iter(hay, n));
    }
    out.extend(memchr::memchr_iter(b':', hay));
    out.sort_unstable();
}

/// Whether `b` can begin a character that stops a title or changes its
/// depth ([`crate::parse::text`]'s `title_stop_within`): the lead bytes of
/// the three-byte quotes, brackets and end marks (0xE2, 0xE3, 0xEF) and
/// ASCII `(` `)` `[` `]` `"`. In UTF-8 no other character holds these
/// bytes, so looking at them alone skips every other character.
pub(crate) fn is_stop_byte(b: u8) -> bool {
    matches!(b, 0xE2 | 0xE3 | 0xEF | b'(' | b')' | b'[' | b']' | b'"')
}

/// Where titles may stop, 32 bytes a step (AVX2 where the processor has it).
#[derive(Clone, Copy)]
pub(crate) struct Stops {
    #[cfg(target_arch = "x86_64")]
    avx2: bool,
}

impl Stops {
    pub(crate) fn new() -> Self {
        Stops {
            #[cfg(target_arch = "x86_64")]
            avx2: std::arch::is_x86_feature_detected!("avx2"),
        }
    }

    /// Bit `k` is set where `hay[at + k]` is a stop byte ([`is_stop_byte`]),
    /// for `k < 32` and `at + k < limit`.
    #[inline]
    pub(crate) fn mask(self, hay: &[u8], at: usize, limit: usize) -> u32 {
        let limit = limit.min(hay.len());
        #[cfg(target_arch = "x86_64")]
        if self.avx2 && at + 32 <= hay.len() {
            // SAFETY: the processor supports AVX2 (asked in `new`), and
            // hay[at..at + 32] is inside the slice.
            let m = unsafe { avx2::stops(hay, at) };
            let n = limit.saturating_sub(at);
            return if n >= 32 { m } else { m & ((1u32 << n) - 1) };
        }
        let end = limit.min(at + 32);
        (at..end)
            .filter(|&i| is_stop_byte(hay[i]))
            .fold(0, |m, i| m | 1 << (i - at))
    }
}

/// The number of characters in `s`: its bytes less the continuation bytes,
/// counted 32 at a time with AVX2 where the processor has it (columns are
/// counted from the line start to every marker, inline ones far into the
/// line).
pub(crate) fn count_chars(s: &str) -> usize {
    let hay = s.as_bytes();
    #[cfg(target_arch = "x86_64")]
    if hay.len() >= 64
        && std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("popcnt")
    {
        // SAFETY: the processor supports AVX2 and POPCNT, checked just above.
        let (continuations, done) = unsafe { avx2::continuations(hay) };
        let rest = hay[done..].iter().filter(|&&b| (b as i8) < -64).count();
        return hay.len() - continuations - rest;
    }
    s.chars().count()
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m128i, __m256i, _mm_loadu_si128, _mm256_and_si256, _mm256_broadcastsi128_si256,
        _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
    };

    /// Pushes the positions of the first bytes it covers, calls `on_break`
    /// with their line breaks, and returns how many it covered (a multiple
    /// of 32; the rest is the caller's).
    ///
    /// Each needle has a bit of its own (`：` and `；` share one, and `:`
    /// has one that every second and third byte matches). A byte is looked
    /// up by its two halves in two 16-entry tables per position of the
    /// needle (`pshufb`), so that `table_lo[b & 15] & table_hi[b >> 4]` holds
    /// the bits of the needles whose byte there is `b`; a needle begins at
    /// `i` when its bit survives at `i`, `i + 1` and `i + 2`.
    ///
    /// # Safety
    ///
    /// The processor must support AVX2.
    #[target_feature(enable = "avx2")]
    // Rust < 1.87 asks for `unsafe` around each intrinsic, later ones only
    // around the loads.
    #[allow(unused_unsafe)]
    pub(super) unsafe fn positions(
        hay: &[u8],
        out: &mut Vec<usize>,
        on_break: &mut impl FnMut(usize),
    ) -> usize {
        let [lo, hi] = tables();
        let mut i = 0;
        // SAFETY (the whole block): AVX2 is there (the caller's promise);
        // the loads are explained at each.
        unsafe {
            let load = |t: &[u8; 16]| {
                _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr().cast::<__m128i>()))
            };
            let (lo0, lo1, lo2) = (load(&lo[0]), load(&lo[1]), load(&lo[2]));
            let (hi0, hi1, hi2) = (load(&hi[0]), load(&hi[1]), load(&hi[2]));
            let nibble = _mm256_set1_epi8(0x0F);
            let zero = _mm256_setzero_si256();
            let (lf, cr) = (_mm256_set1_epi8(b'\n' as i8), _mm256_set1_epi8(b'\r' as i8));
            macro_rules! bits {
                ($v:expr, $lo:expr, $hi:expr) => {
                    _mm256_and_si256(
                        _mm256_shuffle_epi8($lo, _mm256_and_si256($v, nibble)),
                        _mm256_shuffle_epi8(
                            $hi,
                            _mm256_and_si256(_mm256_srli_epi16($v, 4), nibble),
                        ),
                    )
                };
            }
            // Each step reads bytes i..i + 34: the three loads are offset by
            // 0, 1 and 2, so the three bytes of a character starting at
            // i + k are byte k of v0, v1 and v2.
            while i + 34 <= hay.len() {
                let p = hay[i..i + 34].as_ptr();
                // p..p + 34 lies in `hay`; each load reads 32 bytes from p,
                // p + 1 or p + 2; unaligned loads take any address.
                let v0 = _mm256_loadu_si256(p.cast::<__m256i>());
                let v1 = _mm256_loadu_si256(p.add(1).cast::<__m256i>());
                let v2 = _mm256_loadu_si256(p.add(2).cast::<__m256i>());
                let found = _mm256_and_si256(
                    _mm256_and_si256(bits!(v0, lo0, hi0), bits!(v1, lo1, hi1)),
                    bits!(v2, lo2, hi2),
                );
                let mut mask = !(_mm256_movemask_epi8(_mm256_cmpeq_epi8(found, zero)) as u32);
                while mask != 0 {
                    out.push(i + mask.trailing_zeros() as usize);
                    mask &= mask - 1;
                }
                let breaks = _mm256_or_si256(_mm256_cmpeq_epi8(v0, lf), _mm256_cmpeq_epi8(v0, cr));
                let mut mask = _mm256_movemask_epi8(breaks) as u32;
                while mask != 0 {
                    on_break(i + mask.trailing_zeros() as usize);
                    mask &= mask - 1;
                }
                i += 32;
            }
        }
        i
    }

    /// The nibble tables of [`positions`]: `[low, high]` halves, one table
    /// per byte of the needles.
    const fn tables() -> [[[u8; 16]; 3]; 2] {
        let mut t = [[[0u8; 16]; 3]; 2];
        let mut k = 0;
        while k < super::NEEDLES.len() {
            // `：` and `；` (the last two) share a bit.
            let bit = 1u8 << if k == 5 { 4 } else { k };
            let mut pos = 0;
            while pos < 3 {
                let b = super::NEEDLES[k][pos];
                t[0][pos][(b & 15) as usize] |= bit;
                t[1][pos][(b >> 4) as usize] |= bit;
                pos += 1;
            }
            k += 1;
        }
        // `:` is one byte: bit 5 at its first position, any byte after it.
        t[0][0][(b':' & 15) as usize] |= 1 << 5;
        t[1][0][(b':' >> 4) as usize] |= 1 << 5;
        let mut n = 0;
        while n < 16 {
            t[0][1][n] |= 1 << 5;
            t[1][1][n] |= 1 << 5;
            t[0][2][n] |= 1 << 5;
            t[1][2][n] |= 1 << 5;
            n += 1;
        }
        t
    }

    /// How many continuation bytes (0x80–0xBF) the first 32-byte steps of
    /// `hay` hold, and how many bytes those steps cover.
    ///
    /// # Safety
    ///
    /// The processor must support AVX2 and POPCNT.
    #[target_feature(enable = "avx2,popcnt")]
    #[allow(unused_unsafe)]
    pub(super) unsafe fn continuations(hay: &[u8]) -> (usize, usize) {
        use std::arch::x86_64::{
            __m256i, _mm256_cmpgt_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_set1_epi8,
        };
        let mut n = 0;
        let mut i = 0;
        // SAFETY: each load reads hay[i..i + 32], inside the slice; AVX2 and
        // POPCNT are the caller's promise.
        unsafe {
            // As signed bytes, continuation bytes are the ones below -64.
            let below = _mm256_set1_epi8(-64);
            while i + 32 <= hay.len() {
                let v = _mm256_loadu_si256(hay[i..i + 32].as_ptr().cast::<__m256i>());
                let m = _mm256_movemask_epi8(_mm256_cmpgt_epi8(below, v)) as u32;
                n += m.count_ones() as usize;
                i += 32;
            }
        }
        (n, i)
    }

    /// The stop bytes of `hay[at..at + 32]`, a bit each.
    ///
    /// # Safety
    ///
    /// The processor must support AVX2, and `at + 32 <= hay.len()`.
    #[target_feature(enable = "avx2")]
    #[allow(unused_unsafe)]
    pub(super) unsafe fn stops(hay: &[u8], at: usize) -> u32 {
        use std::arch::x86_64::{
            __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
            _mm256_set1_epi8,
        };
        let p = hay[at..at + 32].as_ptr();
        // SAFETY: p..p + 32 lies in `hay` (just indexed); AVX2 is the
        // caller's promise.
        unsafe {
            let v = _mm256_loadu_si256(p.cast::<__m256i>());
            let one = _mm256_set1_epi8(1);
            macro_rules! eq {
                ($x:expr, $b:expr) => {
                    _mm256_cmpeq_epi8($x, _mm256_set1_epi8($b as i8))
                };
            }
            // 0xE2 | 1 = 0xE3, `(` | 1 = `)`.
            let v1 = _mm256_or_si256(v, one);
            let any = _mm256_or_si256(
                _mm256_or_si256(eq!(v1, 0xE3u8), eq!(v, 0xEFu8)),
                _mm256_or_si256(
                    _mm256_or_si256(eq!(v1, b')'), eq!(v, b'"')),
                    _mm256_or_si256(eq!(v, b'['), eq!(v, b']')),
                ),
            );
            _mm256_movemask_epi8(any) as u32
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Byte by byte: the marks and the breaks. The reference for both
    /// paths, so that a machine without AVX2 (where `positions` is
    /// `portable`) still compares two different codes.
    fn reference(hay: &[u8]) -> (Vec<usize>, Vec<usize>) {
        let (mut out, mut breaks) = (Vec::new(), Vec::new());
        tail(hay, 0, &mut out, |i| breaks.push(i));
        (out, breaks)
    }

    /// memchr's searches, merged (the path without AVX2), whatever the
    /// processor: the marks and the breaks.
    fn merged(hay: &[u8]) -> (Vec<usize>, Vec<usize>) {
        let (mut out, mut breaks) = (Vec::new(), Vec::new());
        portable(hay, &mut out, |i| breaks.push(i));
        (out, breaks)
    }

    /// The one pass: the marks and the breaks.
    fn both(hay: &[u8]) -> (Vec<usize>, Vec<usize>) {
        let mut breaks = Vec::new();
        let marks = positions(hay, |i| breaks.push(i));
        (marks, breaks)
    }

    #[test]
    fn finds_each_needle_once() {
        let s = "一是，二要：第三；完。a:b：；\r\n";
        let got = both(s.as_bytes());
        let at = |set: &str| -> Vec<usize> {
            s.char_indices()
                .filter(|&(_, c)| set.contains(c))
                .map(|(i, _)| i)
                .collect()
        };
        assert_eq!(got, (at("是要第。：；:"), at("\r\n")));
        assert_eq!(got, reference(s.as_bytes()));
        assert_eq!(merged(s.as_bytes()), reference(s.as_bytes()));
    }

    #[test]
    fn near_misses_are_not_found() {
        // `，` EF BC 8C, `、` E3 80 81, `昰` E6 98 B0, and needles cut short.
        let s = "，、昰\u{FF1B}";
        let mut hay = s.as_bytes().to_vec();
        hay.extend_from_slice(&[0xE6, 0x98, b'x', 0xEF, 0xBC]);
        hay.extend(std::iter::repeat_n(b'.', 40));
        hay.extend_from_slice(&[0xEF, 0xBC]);
        assert_eq!(both(&hay), reference(&hay));
        assert_eq!(merged(&hay), reference(&hay));
        assert_eq!(both(&hay), (vec![9], vec![]));
    }

    #[test]
    fn chars_are_counted_as_std_counts_them() {
        let s = "甲a😀é（），\u{3000}".repeat(20);
        for (i, _) in s.char_indices() {
            for (j, _) in s[i..].char_indices() {
                assert_eq!(count_chars(&s[i..i + j]), s[i..i + j].chars().count());
            }
        }
    }

    #[test]
    fn stops_are_the_stop_bytes_up_to_the_limit() {
        let s = "甲（乙）“丙”。a(b)[c]\"d\"！，、ü😀".repeat(3);
        let hay = s.as_bytes();
        // The path the processor takes, and the scalar one whatever it has.
        let scalar = Stops {
            #[cfg(target_arch = "x86_64")]
            avx2: false,
        };
        for stops in [Stops::new(), scalar] {
            for at in 0..hay.len() {
                for limit in [at, at + 1, at + 17, at + 31, at + 32, at + 40, hay.len()] {
                    let want = (at..limit.min(at + 32).min(hay.len()))
                        .filter(|&i| is_stop_byte(hay[i]))
                        .fold(0u32, |m, i| m | 1 << (i - at));
                    assert_eq!(stops.mask(hay, at, limit), want, "at {at} limit {limit}");
                }
            }
        }
    }

    proptest! {
        /// The vector loop, its tail and memchr's searches agree with a
        /// byte-by-byte reading at every length and alignment, needles
        /// straddling each 32-byte step, on the marks and on the line breaks.
        #[test]
        fn vector_and_memchr_agree(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "是", "要", "第", "。", "：", "；", ":", "，", "、", "昰",
                    "\u{FF1A}", "a", "一", "\u{E6}", "\n", "\r", "\r\n", "\u{3000}",
                ]),
                0..120,
            ),
            cut in 0usize..3,
        ) {
            let s: String = parts.concat();
            // Cut bytes off the front so that needles fall at every offset.
            let hay = &s.as_bytes()[cut.min(s.len())..];
            prop_assert_eq!(both(hay), reference(hay));
            prop_assert_eq!(merged(hay), reference(hay));
        }
    }
}
