//! Large-n benchmark driven by `scripts/stats/bench_vs_python.py`: runs one
//! method on raw little-endian f64 columns written by that script, times each
//! repetition, and reports the median and the process's peak RSS as JSON, so
//! the script can put SciPy/statsmodels beside it on the same data.
//!
//! Usage: `cargo bench -p neuronutri-stats --bench large_n -- METHOD DIR REPS`
//! with METHOD one of `mann-whitney`, `spearman`, `ols`.

use neuronutri_stats::correlation::{spearman_in_place, SpearmanMethod};
use neuronutri_stats::mann_whitney::{mann_whitney_in_place, MannWhitneyOptions, Method};
use neuronutri_stats::ols::ols;
use neuronutri_stats::Alternative;
use std::io::Read;
use std::time::Instant;

fn read_into(path: &str, buf: &mut Vec<f64>) {
    let mut f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let len = f.metadata().unwrap().len() as usize / 8;
    buf.resize(len, 0.0);
    let mut bytes = [0u8; 8 * 8192];
    let mut i = 0;
    loop {
        let got = f.read(&mut bytes).unwrap();
        if got == 0 {
            break;
        }
        for chunk in bytes[..got].chunks_exact(8) {
            buf[i] = f64::from_le_bytes(chunk.try_into().unwrap());
            i += 1;
        }
    }
    assert_eq!(i, len, "{path}: short read");
}

fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [method, dir, reps] = args.as_slice() else {
        eprintln!("usage: large_n METHOD DIR REPS");
        std::process::exit(2);
    };
    let reps: usize = reps.parse().expect("REPS");
    let mut times = Vec::new();
    let mut input_bytes = 0usize;
    let mut summary = String::new();
    match method.as_str() {
        "mann-whitney" => {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let opts = MannWhitneyOptions {
                method: Method::Asymptotic,
                ..Default::default()
            };
            for _ in 0..reps {
                read_into(&format!("{dir}/mwu_a.f64"), &mut a);
                read_into(&format!("{dir}/mwu_b.f64"), &mut b);
                input_bytes = 8 * (a.len() + b.len());
                let t = Instant::now();
                let r = mann_whitney_in_place(&mut a, &mut b, &opts).unwrap();
                times.push(t.elapsed().as_secs_f64());
                summary = format!("{{\"u\": {}, \"p_value\": {:e}}}", r.u, r.p_value);
            }
        }
        "spearman" => {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            for _ in 0..reps {
                read_into(&format!("{dir}/sp_x.f64"), &mut x);
                read_into(&format!("{dir}/sp_y.f64"), &mut y);
                input_bytes = 8 * (x.len() + y.len());
                let t = Instant::now();
                let r = spearman_in_place(
                    &mut x,
                    &mut y,
                    Alternative::TwoSided,
                    SpearmanMethod::Asymptotic,
                )
                .unwrap();
                times.push(t.elapsed().as_secs_f64());
                summary = format!("{{\"rho\": {}, \"p_value\": {:e}}}", r.rho, r.p_value);
            }
        }
        "ols" => {
            let mut cols: Vec<Vec<f64>> = vec![Vec::new(); 6];
            for (j, c) in cols.iter_mut().enumerate() {
                let name = if j == 0 {
                    "ols_y".to_owned()
                } else {
                    format!("ols_x{j}")
                };
                read_into(&format!("{dir}/{name}.f64"), c);
            }
            input_bytes = cols.iter().map(|c| 8 * c.len()).sum();
            let names = ["x1", "x2", "x3", "x4", "x5"];
            for _ in 0..reps {
                let preds: Vec<(&str, &[f64])> = names
                    .iter()
                    .zip(&cols[1..])
                    .map(|(n, c)| (*n, c.as_slice()))
                    .collect();
                let t = Instant::now();
                let r = ols(&cols[0], &preds).unwrap();
                times.push(t.elapsed().as_secs_f64());
                summary = format!(
                    "{{\"r_squared\": {}, \"b1\": {}, \"se1\": {}}}",
                    r.r_squared, r.coefficients[1].estimate, r.coefficients[1].std_error
                );
            }
        }
        other => {
            eprintln!("unknown method `{other}`");
            std::process::exit(2);
        }
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!(
        "{{\"method\": \"{method}\", \"median_s\": {median}, \"times_s\": {times:?}, \"input_bytes\": {input_bytes}, \"peak_rss_bytes\": {}, \"result\": {summary}}}",
        peak_rss_bytes()
    );
}
