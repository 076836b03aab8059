//! Where is the next byte the splitter must look at? A search for a small set of bytes, 16 at a
//! time with SSE2 on x86-64 (part of every x86-64 processor), a table lookup a byte at a time
//! elsewhere and for the tail of the input. Most of a text is plain letters and spaces, so this
//! skips most of it.

/// A set of `N` single bytes, and maybe the ASCII digits. The size is part of the type, so
/// that the search compares with each byte in unrolled code and its broadcasts stay in
/// registers for the whole search.
pub(super) struct ByteSet<const N: usize> {
    bytes: [u8; N],
    digits: bool,
    table: [bool; 256],
}

impl<const N: usize> ByteSet<N> {
    pub(super) const fn new(bytes: &[u8; N], digits: bool) -> ByteSet<N> {
        let mut set = ByteSet {
            bytes: *bytes,
            digits,
            table: [false; 256],
        };
        let mut i = 0;
        while i < N {
            set.table[bytes[i] as usize] = true;
            i += 1;
        }
        if digits {
            let mut d = b'0';
            while d <= b'9' {
                set.table[d as usize] = true;
                d += 1;
            }
        }
        set
    }

    pub(super) fn contains(&self, b: u8) -> bool {
        self.table[b as usize]
    }

    pub(super) fn find(&self, hay: &[u8]) -> Option<usize> {
        let mut i = 0;
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::*;
            // SAFETY: SSE2 is part of every x86-64 processor; every load reads 16 bytes inside
            // `hay` (i + 16 <= len).
            unsafe {
                let zero_digit = _mm_set1_epi8(b'0' as i8);
                let nine = _mm_set1_epi8(9);
                let needles: [__m128i; N] =
                    std::array::from_fn(|k| _mm_set1_epi8(self.bytes[k] as i8));
                let hits = |at: usize| -> u32 {
                    let v = _mm_loadu_si128(hay.as_ptr().add(at) as *const __m128i);
                    let mut hit = _mm_setzero_si128();
                    for needle in &needles {
                        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, *needle));
                    }
                    if self.digits {
                        let d = _mm_sub_epi8(v, zero_digit);
                        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
                    }
                    _mm_movemask_epi8(hit) as u32
                };
                while i + 16 <= hay.len() {
                    let mask = hits(i);
                    if mask != 0 {
                        return Some(i + mask.trailing_zeros() as usize);
                    }
                    i += 16;
                }
                // The tail: the last 16 bytes, overlapping bytes already searched (none of
                // them is in the set, so the first hit is in the tail).
                if i < hay.len() && hay.len() >= 16 {
                    let at = hay.len() - 16;
                    let mask = hits(at);
                    return (mask != 0).then(|| at + mask.trailing_zeros() as usize);
                }
            }
        }
        hay[i..]
            .iter()
            .position(|&b| self.contains(b))
            .map(|p| i + p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_byte_by_byte_search_finds() {
        let set = ByteSet::new(b".?!\xE2", true);
        let texts: [&[u8]; 6] = [
            b"",
            b"no marks here at all, none in this long line of text",
            b"a sentence. another",
            "плюс «кавычки» и цифра 7 в конце строки, и дальше текст".as_bytes(),
            b"0123456789abcdef0123456789abcdef",
            b"////////////////:::::::::::::::::////////////////?",
        ];
        for t in texts {
            for from in 0..t.len() {
                let expect = t[from..].iter().position(|&b| set.contains(b));
                assert_eq!(set.find(&t[from..]), expect, "{:?} from {from}", t);
            }
        }
        // Bytes next to the digits ('/' and ':') are not digits.
        assert_eq!(ByteSet::new(b"", true).find(b"//::"), None);
        assert_eq!(ByteSet::new(b"", false).find(b"//::"), None);
    }
}
