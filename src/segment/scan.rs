//! Where is the next byte the splitter must look at? A search for a small set of bytes, 16 at a
//! time with SSE2 on x86-64 (part of every x86-64 processor), a table lookup a byte at a time
//! elsewhere and for the tail of the input. Most of a text is plain letters and spaces, so this
//! skips most of it.

/// A set of bytes: up to eight single bytes, and maybe the ASCII digits.
pub(super) struct ByteSet {
    bytes: [u8; 8],
    len: usize,
    digits: bool,
    table: [bool; 256],
}

impl ByteSet {
    /// The set of `bytes` (at most eight), with the ASCII digits when `digits`.
    pub(super) const fn new(bytes: &[u8], digits: bool) -> ByteSet {
        let mut set = ByteSet {
            bytes: [0; 8],
            len: bytes.len(),
            digits,
            table: [false; 256],
        };
        let mut i = 0;
        while i < bytes.len() {
            set.bytes[i] = bytes[i];
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

    /// True when `b` is in the set.
    pub(super) fn contains(&self, b: u8) -> bool {
        self.table[b as usize]
    }

    /// The offset of the first byte of `hay` in the set.
    pub(super) fn find(&self, hay: &[u8]) -> Option<usize> {
        let mut i = 0;
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::*;
            // SAFETY: SSE2 is part of the x86-64 baseline; every load reads 16 bytes inside
            // `hay` (`i + 16 <= hay.len()`), unaligned loads allowed.
            unsafe {
                let zero_digit = _mm_set1_epi8(b'0' as i8);
                let nine = _mm_set1_epi8(9);
                while i + 16 <= hay.len() {
                    let v = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
                    let mut hit = _mm_setzero_si128();
                    for &b in &self.bytes[..self.len] {
                        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)));
                    }
                    if self.digits {
                        // A digit: `v - '0'` is at most 9, unsigned.
                        let d = _mm_sub_epi8(v, zero_digit);
                        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(_mm_min_epu8(d, nine), d));
                    }
                    let mask = _mm_movemask_epi8(hit) as u32;
                    if mask != 0 {
                        return Some(i + mask.trailing_zeros() as usize);
                    }
                    i += 16;
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
    }
}
