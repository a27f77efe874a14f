//! The scanner's one pass over the text: where its lines break, and every
//! place where an inline ordinal or a lost line break can begin, found by
//! reading the text once.
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

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };

    /// Pushes the positions of the first bytes it covers, calls `on_break`
    /// with their line breaks, and returns how many it covered (a multiple
    /// of 32; the rest is the caller's).
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
        macro_rules! splat {
            ($b:expr) => {
                _mm256_set1_epi8($b as i8)
            };
        }
        macro_rules! all3 {
            ($v0:expr, $v1:expr, $v2:expr, $a:expr, $b:expr, $c:expr) => {
                _mm256_and_si256(
                    _mm256_and_si256(_mm256_cmpeq_epi8($v0, $a), _mm256_cmpeq_epi8($v1, $b)),
                    _mm256_cmpeq_epi8($v2, $c),
                )
            };
        }
        let mut i = 0;
        // SAFETY (the whole block): AVX2 is there (the caller's promise);
        // the loads are explained at each.
        unsafe {
            let (e6, e8, e7, e3, ef) = (
                splat!(0xE6u8),
                splat!(0xE8u8),
                splat!(0xE7u8),
                splat!(0xE3u8),
                splat!(0xEFu8),
            );
            let (x98, xa6, xac, x80, xbc) = (
                splat!(0x98u8),
                splat!(0xA6u8),
                splat!(0xACu8),
                splat!(0x80u8),
                splat!(0xBCu8),
            );
            let (xaf, x81, x82, x9b, one, colon) = (
                splat!(0xAFu8),
                splat!(0x81u8),
                splat!(0x82u8),
                splat!(0x9Bu8),
                splat!(1u8),
                splat!(b':'),
            );
            let (lf, cr) = (splat!(b'\n'), splat!(b'\r'));
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
                // `是` E6 98 AF, `要` E8 A6 81, `第` E7 AC AC, `。` E3 80 82,
                // `：` EF BC 9A and `；` EF BC 9B (9A | 1 = 9B | 1 = 9B).
                let shi = all3!(v0, v1, v2, e6, x98, xaf);
                let yao = all3!(v0, v1, v2, e8, xa6, x81);
                let di = all3!(v0, v1, v2, e7, xac, xac);
                let period = all3!(v0, v1, v2, e3, x80, x82);
                let fw = all3!(v0, v1, _mm256_or_si256(v2, one), ef, xbc, x9b);
                let any = _mm256_or_si256(
                    _mm256_or_si256(_mm256_or_si256(shi, yao), _mm256_or_si256(di, period)),
                    _mm256_or_si256(fw, _mm256_cmpeq_epi8(v0, colon)),
                );
                let mut mask = _mm256_movemask_epi8(any) as u32;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// memchr's searches: the marks and the breaks.
    fn reference(hay: &[u8]) -> (Vec<usize>, Vec<usize>) {
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
        assert_eq!(both(&hay), (vec![9], vec![]));
    }

    proptest! {
        /// The vector loop, its tail and memchr's searches agree at every
        /// length and alignment, needles straddling each 32-byte step, on
        /// the marks and on the line breaks.
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
        }
    }
}
