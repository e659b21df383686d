//! Ranking with ties (average ranks) for the rank tests, by radix sort on the
//! order-preserving bit pattern of the values. Ranks overwrite the values in
//! place; the only large allocation is one 32-bit index a value (half the
//! values' size), so ten million values need no second copy of the data.

/// Order-preserving unsigned key of a non-NaN f64; -0.0 and 0.0 map together.
#[inline]
pub(crate) fn key(v: f64) -> u64 {
    // Adding 0.0 turns -0.0 into 0.0 and leaves every other non-NaN alone;
    // then flip all bits of negatives and the sign bit of the rest.
    let b = (v + 0.0).to_bits();
    b ^ (((b as i64 >> 63) as u64) | (1 << 63))
}

/// Segments of at most this many values are sorted in scratch that stays in
/// the core's cache (at most 20 bytes a value: about 1.3 MB).
const LOCAL_MAX: usize = 1 << 16;
/// Bits of the first, out-of-place distribution of the indices by key.
const TOP_BITS: u32 = 20;
/// Segments from this size are sorted by an LSD radix sort of packed words.
const LSD_MIN: usize = 1 << 12;
/// Digit of that LSD sort, in bits.
const LSD_BITS: u32 = 11;
/// Largest digit of the MSD radix sort of smaller segments, in bits.
const MSD_MAX_BITS: u32 = 11;
/// Runs this short are insertion-sorted.
const INSERTION_MAX: usize = 32;

/// Reusable scratch of [`rank_in_place`]: sized to the largest segment that
/// fits in cache, plus one byte a value for segments that do not.
#[derive(Default)]
pub(crate) struct RankScratch {
    keys: Vec<u64>,
    keys2: Vec<u64>,
    idx2: Vec<u32>,
    digits: Vec<u8>,
}

impl RankScratch {
    fn reserve(&mut self, m: usize) {
        if self.keys.len() < m {
            self.keys.resize(m, 0);
            self.keys2.resize(m, 0);
            self.idx2.resize(m, 0);
        }
    }
}

/// The bits in which some of the keys differ (zero when all are equal, all
/// ones when there are none).
fn varying(keys: impl Iterator<Item = u64>) -> u64 {
    let (or, and) = keys.fold((0, u64::MAX), |(or, and), k| (or | k, and & k));
    or ^ and
}

/// Shift and width of the digit made of the (at most `bits`) highest bits in
/// which the keys differ, given the nonzero mask of those bits. The keys share
/// every higher bit, so the digit orders them.
#[inline]
fn digit_shift(varying: u64, bits: u32) -> (u32, u32) {
    let span = u64::BITS - varying.leading_zeros();
    if span <= bits {
        (0, span)
    } else {
        (span - bits, bits)
    }
}

/// Replaces each value of `v` by its average rank (1-based; tied values share
/// the mean of the ranks they span) and returns Σ(t³ - t) over the tie groups,
/// summed in ascending order of value. Returns `None`, leaving `v` untouched,
/// when all values are equal or `v` is empty.
///
/// `v` must hold no NaN and fewer than 2³² values; `idx` must be as long as
/// `v` (it is overwritten). The indices are distributed by the top bits of
/// the keys in one stable pass; each resulting segment then has its keys
/// gathered and sorted in cache-sized scratch, and its ranks written back
/// (segments too large for the scratch are first split in place).
pub(crate) fn rank_in_place(v: &mut [f64], idx: &mut [u32], s: &mut RankScratch) -> Option<f64> {
    let n = v.len();
    assert_eq!(idx.len(), n, "index buffer length");
    assert!(u32::try_from(n).is_ok(), "too many values to rank");
    let spread = varying(v.iter().map(|&x| key(x)));
    if n == 0 || spread == 0 {
        return None;
    }
    let mut tie = 0.0;
    if n <= LOCAL_MAX {
        for (i, p) in (0u32..).zip(idx.iter_mut()) {
            *p = i;
        }
        rank_local(v, idx, 0, s, &mut tie);
        return Some(tie);
    }
    // Stable counting distribution of the indices by the top varying key bits.
    let (shift, bits) = digit_shift(spread, TOP_BITS);
    let mask = (1u64 << bits) - 1;
    let digit = |x: f64| ((key(x) >> shift) & mask) as usize;
    let mut ends = vec![0u32; 1 << bits];
    for &x in v.iter() {
        ends[digit(x)] += 1;
    }
    let mut sum = 0;
    let mut largest = 0;
    for c in ends.iter_mut() {
        largest = largest.max(*c);
        (*c, sum) = (sum, sum + *c);
    }
    for (i, &x) in (0u32..).zip(v.iter()) {
        let d = digit(x);
        idx[ends[d] as usize] = i;
        ends[d] += 1;
    }
    s.reserve((largest as usize).min(LOCAL_MAX));
    // Each value is read only while its own segment is ranked, so ranks can
    // be written over the values segment by segment.
    let mut start = 0;
    for &end in ends.iter() {
        let end = end as usize;
        if end > start {
            rank_segment(v, &mut idx[start..end], start, s, &mut tie);
        }
        start = end;
    }
    Some(tie)
}

/// Ranks the values `v[seg[..]]`, which take sorted positions `base..` among
/// all values and are all larger than those of earlier segments.
fn rank_segment(v: &mut [f64], seg: &mut [u32], base: usize, s: &mut RankScratch, tie: &mut f64) {
    let m = seg.len();
    if m == 1 {
        v[seg[0] as usize] = (base + 1) as f64;
        return;
    }
    if m <= LOCAL_MAX {
        rank_local(v, seg, base, s, tie);
        return;
    }
    // Too large for the scratch: split in place by the next varying bits.
    let spread = varying(seg.iter().map(|&i| key(v[i as usize])));
    if spread == 0 {
        write_ranks(v, base, m, tie, |_, _| true, |k| seg[k] as usize);
        return;
    }
    let (shift, _) = digit_shift(spread, 8);
    let mut digits = std::mem::take(&mut s.digits);
    digits.clear();
    digits.extend(seg.iter().map(|&i| (key(v[i as usize]) >> shift) as u8));
    let mut counts = [0usize; 256];
    for &d in &digits {
        counts[d as usize] += 1;
    }
    let (mut next, mut ends) = ([0usize; 256], [0usize; 256]);
    let mut sum = 0;
    for d in 0..256 {
        next[d] = sum;
        sum += counts[d];
        ends[d] = sum;
    }
    // American flag sort: carry each index along its cycle into its bucket.
    for d in 0..256 {
        while next[d] < ends[d] {
            let i = next[d];
            let (mut dv, mut iv) = (digits[i], seg[i]);
            while dv as usize != d {
                let j = next[dv as usize];
                next[dv as usize] += 1;
                std::mem::swap(&mut dv, &mut digits[j]);
                std::mem::swap(&mut iv, &mut seg[j]);
            }
            (digits[i], seg[i]) = (dv, iv);
            next[d] += 1;
        }
    }
    s.digits = digits;
    let mut start = 0;
    for &end in &ends {
        if end > start {
            rank_segment(v, &mut seg[start..end], base + start, s, tie);
        }
        start = end;
    }
}

/// Walks `m` values in sorted order, `same(a, b)` telling whether the a-th and
/// b-th are tied and `orig(k)` where the k-th sits in `v`, and writes each its
/// average rank (sorted positions start at `base`), adding up Σ(t³ - t).
#[inline]
fn write_ranks(
    v: &mut [f64],
    base: usize,
    m: usize,
    tie: &mut f64,
    same: impl Fn(usize, usize) -> bool,
    orig: impl Fn(usize) -> usize,
) {
    let mut a = 0;
    while a < m {
        let mut b = a + 1;
        while b < m && same(a, b) {
            b += 1;
        }
        if b - a == 1 {
            v[orig(a)] = (base + a + 1) as f64;
        } else {
            let t = (b - a) as f64;
            *tie += t * t * t - t;
            let r = (2 * base + a + b + 1) as f64 / 2.0;
            for k in a..b {
                v[orig(k)] = r;
            }
        }
        a = b;
    }
}

/// Ranks a segment that fits in the scratch: gathers its keys, sorts them,
/// then writes the average ranks back. Large segments whose keys vary in few
/// enough bits sort words packing those bits above the position in `seg`;
/// the others sort the keys carrying the indices.
fn rank_local(v: &mut [f64], seg: &mut [u32], base: usize, s: &mut RankScratch, tie: &mut f64) {
    let m = seg.len();
    s.reserve(m);
    let keys = &mut s.keys[..m];
    for (k, &i) in keys.iter_mut().zip(seg.iter()) {
        *k = key(v[i as usize]);
    }
    let spread = varying(keys.iter().copied());
    let span = u64::BITS - spread.leading_zeros();
    let pos_bits = usize::BITS - (m - 1).leading_zeros();
    if m >= LSD_MIN && span + pos_bits <= u64::BITS {
        let low = (1u64 << span) - 1;
        for (k, j) in keys.iter_mut().zip(0u64..) {
            *k = ((*k & low) << pos_bits) | j;
        }
        let sorted = lsd_sort(keys, &mut s.keys2[..m], pos_bits, pos_bits + span);
        let pos = (1u64 << pos_bits) - 1;
        write_ranks(
            v,
            base,
            m,
            tie,
            |a, b| sorted[a] >> pos_bits == sorted[b] >> pos_bits,
            |k| seg[(sorted[k] & pos) as usize] as usize,
        );
    } else {
        sort_by_key(keys, seg, &mut s.keys2[..m], &mut s.idx2[..m], true);
        write_ranks(
            v,
            base,
            m,
            tie,
            |a, b| keys[a] == keys[b],
            |k| seg[k] as usize,
        );
    }
}

/// Sorts `a` by bits `lo..hi` of its words with an LSD radix sort, using `b`
/// as the other buffer, and returns whichever of the two holds the result.
fn lsd_sort<'a>(a: &'a mut [u64], b: &'a mut [u64], lo: u32, hi: u32) -> &'a [u64] {
    const RADIX: usize = 1 << LSD_BITS;
    const PASSES: usize = (u64::BITS / LSD_BITS + 1) as usize;
    let m = a.len();
    let passes = (hi - lo).div_ceil(LSD_BITS) as usize;
    let digit = |w: u64, p: usize| ((w >> (lo + p as u32 * LSD_BITS)) as usize) & (RADIX - 1);
    let mut counts = [[0u32; RADIX]; PASSES];
    for &w in a.iter() {
        for (p, c) in counts[..passes].iter_mut().enumerate() {
            c[digit(w, p)] += 1;
        }
    }
    let (mut src, mut dst) = (a, b);
    for (p, c) in counts[..passes].iter_mut().enumerate() {
        if c[digit(src[0], p)] as usize == m {
            continue; // every word has the same digit here
        }
        let mut sum = 0;
        for x in c.iter_mut() {
            (*x, sum) = (sum, sum + *x);
        }
        for &w in src.iter() {
            let d = digit(w, p);
            dst[c[d] as usize] = w;
            c[d] += 1;
        }
        std::mem::swap(&mut src, &mut dst);
    }
    src
}

/// Sorts (`ak`, `ap`) by key and leaves the result in `a` when `into_a`, else
/// in `b`: an MSD radix sort on the bits below the keys' common prefix,
/// scattering back and forth between the two buffers.
fn sort_by_key(ak: &mut [u64], ap: &mut [u32], bk: &mut [u64], bp: &mut [u32], into_a: bool) {
    let m = ak.len();
    let spread = varying(ak.iter().copied());
    if m <= INSERTION_MAX || spread == 0 {
        if spread != 0 {
            insertion(ak, ap);
        }
        if !into_a {
            bk.copy_from_slice(ak);
            bp.copy_from_slice(ap);
        }
        return;
    }
    // About eight values a bucket, at most 2^MSD_MAX_BITS buckets.
    let want = (usize::BITS - m.leading_zeros())
        .saturating_sub(3)
        .clamp(2, MSD_MAX_BITS);
    let (shift, bits) = digit_shift(spread, want);
    let mask = (1u64 << bits) - 1;
    let digit = |k: u64| ((k >> shift) & mask) as usize;
    let mut counts = [0usize; 1 << MSD_MAX_BITS];
    let counts = &mut counts[..1 << bits];
    for &k in ak.iter() {
        counts[digit(k)] += 1;
    }
    let mut pos = [0usize; 1 << MSD_MAX_BITS];
    let pos = &mut pos[..1 << bits];
    let mut sum = 0;
    for (p, &c) in pos.iter_mut().zip(counts.iter()) {
        *p = sum;
        sum += c;
    }
    for (&k, &p) in ak.iter().zip(ap.iter()) {
        let d = digit(k);
        bk[pos[d]] = k;
        bp[pos[d]] = p;
        pos[d] += 1;
    }
    let mut start = 0;
    for &c in counts.iter() {
        let end = start + c;
        if c > 0 {
            sort_by_key(
                &mut bk[start..end],
                &mut bp[start..end],
                &mut ak[start..end],
                &mut ap[start..end],
                !into_a,
            );
        }
        start = end;
    }
}

fn insertion(k: &mut [u64], p: &mut [u32]) {
    for i in 1..k.len() {
        let (kv, pv) = (k[i], p[i]);
        let mut j = i;
        while j > 0 && k[j - 1] > kv {
            k[j] = k[j - 1];
            p[j] = p[j - 1];
            j -= 1;
        }
        k[j] = kv;
        p[j] = pv;
    }
}

/// Moves the pairs where neither value is NaN to the front; returns their count.
pub(crate) fn compact_pairs(x: &mut [f64], y: &mut [f64]) -> usize {
    let mut w = 0;
    for i in 0..x.len() {
        if !x[i].is_nan() && !y[i].is_nan() {
            x[w] = x[i];
            y[w] = y[i];
            w += 1;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Average ranks and Σ(t³ - t) by a comparison sort of the indices.
    fn naive_ranks(v: &[f64]) -> (Vec<f64>, f64) {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by_key(|&i| key(v[i]));
        let mut ranks = vec![0.0; v.len()];
        let mut tie = 0.0;
        let mut i = 0;
        while i < order.len() {
            let mut j = i + 1;
            while j < order.len() && key(v[order[j]]) == key(v[order[i]]) {
                j += 1;
            }
            let t = (j - i) as f64;
            tie += t * t * t - t;
            for &k in &order[i..j] {
                ranks[k] = (i + j + 1) as f64 / 2.0;
            }
            i = j;
        }
        (ranks, tie)
    }

    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn check(v: Vec<f64>) {
        let (want, want_tie) = naive_ranks(&v);
        let mut got = v.clone();
        let mut idx = vec![0; v.len()];
        let tie = rank_in_place(&mut got, &mut idx, &mut RankScratch::default());
        assert_eq!(tie, Some(want_tie), "tie sum, n = {}", v.len());
        for i in 0..v.len() {
            assert!(
                got[i] == want[i],
                "{i} ({}): {} vs {}",
                v[i],
                got[i],
                want[i]
            );
        }
    }

    #[test]
    fn average_ranks_with_ties() {
        let mut v = vec![3.0, 1.0, 3.0, 2.0, 3.0];
        let mut idx = vec![0; 5];
        let tie = rank_in_place(&mut v, &mut idx, &mut RankScratch::default());
        assert_eq!(v, vec![4.0, 1.0, 4.0, 2.0, 4.0]);
        assert_eq!(tie, Some(24.0));
    }

    #[test]
    fn constant_or_empty_input_is_left_alone() {
        let mut v = vec![-0.0, 0.0, 0.0];
        let mut idx = vec![0; 3];
        let mut s = RankScratch::default();
        assert_eq!(rank_in_place(&mut v, &mut idx, &mut s), None);
        assert!(v[0].is_sign_negative() && v[1] == 0.0);
        assert_eq!(rank_in_place(&mut [], &mut [], &mut s), None);
    }

    #[test]
    fn small_input_with_special_values() {
        let mut next = xorshift(12345);
        let v: Vec<f64> = (0..5000)
            .map(|i| match i % 7 {
                0 => (next() % 7) as f64 - 3.0,
                1 => -0.0,
                2 => f64::from_bits(next() % 4096),
                3 => [f64::INFINITY, f64::NEG_INFINITY, f64::MIN, f64::MAX][i % 4],
                _ => {
                    f64::from_bits(next() >> 2) * if next().is_multiple_of(2) { 1.0 } else { -1.0 }
                }
            })
            .collect();
        check(v);
    }

    #[test]
    fn large_input_through_the_distribution_pass() {
        let mut next = xorshift(987654321);
        // Lab-like values with four decimals: many ties, a few negatives.
        let v: Vec<f64> = (0..300_000)
            .map(|_| {
                let u = (next() >> 11) as f64 / (1u64 << 53) as f64;
                ((u - 0.02) * 700.0 * 1e4).round() / 1e4
            })
            .collect();
        check(v);
    }

    #[test]
    fn segments_sorted_as_packed_words() {
        // 60k values a few thousand ulps apart (many tied) share a top bucket
        // that fits in the scratch; the others spread over the whole range.
        let mut next = xorshift(7);
        let mut v: Vec<f64> = (0..60_000)
            .map(|_| f64::from_bits(1f64.to_bits() + next() % 5000))
            .collect();
        v.extend((0..10_000).map(|i| {
            let x = f64::from_bits(next() >> 2);
            if i % 2 == 0 {
                x
            } else {
                -x
            }
        }));
        check(v);
    }

    #[test]
    fn large_segments_are_split_in_place() {
        // 150k distinct values within a few ulps of each other and 100k copies
        // of one value land in one top bucket larger than the scratch; the
        // copies then form a constant segment that is itself too large.
        let mut next = xorshift(42);
        let mut v: Vec<f64> = (0..150_000u64)
            .map(|k| f64::from_bits(2f64.to_bits() + 1 + k % 120_000))
            .collect();
        v.extend(std::iter::repeat_n(2.0, 100_000));
        v.extend((0..1000).map(|_| f64::from_bits(next() >> 1)));
        v.extend((0..1000).map(|_| -f64::from_bits(next() >> 1)));
        for i in (1..v.len()).rev() {
            v.swap(i, next() as usize % (i + 1));
        }
        check(v);
    }
}
