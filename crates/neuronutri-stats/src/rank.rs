//! Ranking with ties (average ranks) and an in-place radix sort of paired
//! columns, shared by the rank tests. The in-place paths exist so that tests on
//! ten million rows need no memory beyond their input.

/// Order-preserving unsigned key of a non-NaN f64; -0.0 and 0.0 map together.
#[inline]
pub(crate) fn key(v: f64) -> u64 {
    let v = if v == 0.0 { 0.0 } else { v };
    let b = v.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// Sorts `keys` ascending (by [`key`]) and applies the same permutation to
/// `payload`, in place: an MSD radix sort on bytes, insertion sort for short runs.
pub(crate) fn sort_paired(keys: &mut [f64], payload: &mut [f64]) {
    debug_assert_eq!(keys.len(), payload.len());
    radix_level(keys, payload, 7);
}

fn insertion(keys: &mut [f64], payload: &mut [f64]) {
    for i in 1..keys.len() {
        let (k, p) = (keys[i], payload[i]);
        let kk = key(k);
        let mut j = i;
        while j > 0 && key(keys[j - 1]) > kk {
            keys[j] = keys[j - 1];
            payload[j] = payload[j - 1];
            j -= 1;
        }
        keys[j] = k;
        payload[j] = p;
    }
}

fn radix_level(keys: &mut [f64], payload: &mut [f64], byte: u32) {
    let n = keys.len();
    if n <= 48 {
        insertion(keys, payload);
        return;
    }
    let shift = byte * 8;
    let digit = |v: f64| ((key(v) >> shift) & 0xff) as usize;
    let mut counts = [0usize; 256];
    for &k in keys.iter() {
        counts[digit(k)] += 1;
    }
    let mut starts = [0usize; 256];
    let mut sum = 0;
    for d in 0..256 {
        starts[d] = sum;
        sum += counts[d];
    }
    if counts.contains(&n) {
        // All share this byte: go straight to the next one.
        if byte > 0 {
            radix_level(keys, payload, byte - 1);
        }
        return;
    }
    // American flag sort: cycle elements into their buckets.
    let mut next = starts;
    for d in 0..256 {
        let end = starts[d] + counts[d];
        while next[d] < end {
            let i = next[d];
            let dd = digit(keys[i]);
            if dd == d {
                next[d] += 1;
            } else {
                let j = next[dd];
                keys.swap(i, j);
                payload.swap(i, j);
                next[dd] += 1;
            }
        }
    }
    if byte == 0 {
        return;
    }
    let mut rest_k = keys;
    let mut rest_p = payload;
    for &c in counts.iter() {
        let (k, kr) = rest_k.split_at_mut(c);
        let (p, pr) = rest_p.split_at_mut(c);
        if c > 1 {
            radix_level(k, p, byte - 1);
        }
        rest_k = kr;
        rest_p = pr;
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

/// Replaces sorted values by their average ranks (1-based); returns Σ(t³ - t)
/// over tie groups.
pub(crate) fn ranks_of_sorted_in_place(sorted: &mut [f64]) -> f64 {
    let n = sorted.len();
    let mut tie = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n && sorted[j] == sorted[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        tie += t * t * t - t;
        let r = (i + j + 1) as f64 / 2.0;
        for v in &mut sorted[i..j] {
            *v = r;
        }
        i = j;
    }
    tie
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_matches_std_sort_with_payload() {
        let mut state = 12345u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut keys: Vec<f64> = (0..5000)
            .map(|i| match i % 5 {
                0 => (next() % 7) as f64 - 3.0,
                1 => -0.0,
                _ => f64::from_bits(next() >> 2) * if next() % 2 == 0 { 1.0 } else { -1.0 },
            })
            .collect();
        let mut payload: Vec<f64> = keys.iter().map(|k| k * 2.0).collect();
        let mut want = keys.clone();
        want.sort_by(f64::total_cmp);
        sort_paired(&mut keys, &mut payload);
        for i in 0..keys.len() {
            assert!(keys[i] == want[i], "{i}: {} vs {}", keys[i], want[i]);
            assert!(payload[i] == keys[i] * 2.0);
        }
    }

    #[test]
    fn average_ranks_with_ties() {
        let mut v = vec![1.0, 2.0, 3.0, 3.0, 3.0];
        let tie = ranks_of_sorted_in_place(&mut v);
        assert_eq!(v, vec![1.0, 2.0, 4.0, 4.0, 4.0]);
        assert_eq!(tie, 24.0);
    }
}
