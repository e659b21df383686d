//! Benchmark: `assess --ndjson` throughput over 100 000 generated bundles, beside a
//! parse-only baseline (reading the same lines and decoding their JSON) in the same run.
//!
//! Run: `cargo bench -p neuronutri --bench ndjson` (optionally `-- 200000` for more bundles).

use neuronutri::assess::{assess_ndjson, assess_ndjson_with, AssessOptions, Format};
use neuronutri_knowledge::{Knowledge, Lang};
use std::io::{BufRead, BufReader, Write};
use std::time::Instant;

/// The allocator of the `neuronutri` binary, so that the bench measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A small deterministic generator (64-bit LCG), so every run sees the same file.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn bundle(rng: &mut Lcg, i: u64) -> String {
    let mut entries = Vec::new();
    let year = 1930 + rng.below(70);
    let gender = rng.pick(&["male", "female"]);
    entries.push(format!(r#"{{"resourceType":"Patient","id":"p{i}","birthDate":"{year}-0{}-1{}","gender":"{gender}"}}"#, 1 + rng.below(9), rng.below(10)));
    let mg = 0.35 + rng.below(80) as f64 / 100.0;
    let (value, unit) = if rng.below(3) == 0 {
        (mg * 2.4305, "mg/dL")
    } else {
        (mg, "mmol/L")
    };
    entries.push(format!(r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"{}"}}]}},"valueQuantity":{{"value":{value:.2},"unit":"{unit}","system":"http://unitsofmeasure.org","code":"{unit}"}},"effectiveDateTime":"2025-02-{:02}T08:00:00Z","referenceRange":[{{"low":{{"value":0.75,"unit":"mmol/L"}},"high":{{"value":0.95,"unit":"mmol/L"}}}}]}}"#, if unit == "mg/dL" { "19123-9" } else { "2601-3" }, 1 + rng.below(27)));
    let creatinine = 50 + rng.below(300);
    entries.push(format!(r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"14682-9"}}]}},"valueQuantity":{{"value":{creatinine},"unit":"umol/L"}},"effectiveDateTime":"2025-02-20"}}"#));
    if rng.below(2) == 0 {
        entries.push(format!(r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"2132-9"}}]}},"valueQuantity":{{"value":{},"unit":"pg/mL"}},"effectiveDateTime":"2025-01-15"}}"#, 120 + rng.below(700)));
    }
    // Diagnoses with onsets spread over ten years, as in a registry; one bundle in 20 is a
    // stroke of the last days, so the acute-stroke and post-stroke rules are exercised too.
    if rng.below(20) == 0 {
        entries.push(format!(r#"{{"resourceType":"Condition","code":{{"coding":[{{"system":"http://hl7.org/fhir/sid/icd-10","code":"I63.9"}}]}},"onsetDateTime":"2025-02-{:02}T08:00:00Z"}}"#, 20 + rng.below(8)));
    }
    for _ in 0..1 + rng.below(3) {
        let code = rng.pick(&[
            "I63.9", "I10", "E11.9", "I67.8", "N18.4", "G70.0", "I70.21", "G51.3", "M79.7", "F32.1",
        ]);
        entries.push(format!(r#"{{"resourceType":"Condition","clinicalStatus":{{"coding":[{{"code":"active"}}]}},"code":{{"coding":[{{"system":"http://hl7.org/fhir/sid/icd-10","code":"{code}"}}]}},"onsetDateTime":"{}-{:02}-{:02}T0{}:00:00Z"}}"#, 2015 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28), rng.below(10)));
    }
    for _ in 0..rng.below(4) {
        let atc = rng.pick(&[
            "A02BC01", "C03CA01", "A10BA02", "A12CC09", "H03AA01", "B01AC06", "J01MA02", "N03AX12",
        ]);
        entries.push(format!(r#"{{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{{"coding":[{{"system":"http://www.whocc.no/atc","code":"{atc}"}}]}},"effectivePeriod":{{"start":"2024-0{}-01"}},"dosage":[{{"doseAndRate":[{{"doseQuantity":{{"value":2,"unit":"{{tbl}}"}}}}],"timing":{{"repeat":{{"frequency":3,"period":1,"periodUnit":"d"}}}}}}]}}"#, 1 + rng.below(9)));
    }
    let entries: Vec<String> = entries
        .into_iter()
        .map(|r| format!(r#"{{"resource":{r}}}"#))
        .collect();
    format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#,
        entries.join(",")
    )
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let count: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let path = std::env::temp_dir().join(format!("neuronutri-bench-{count}.ndjson"));
    let mut rng = Lcg(42);
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        for i in 0..count {
            writeln!(file, "{}", bundle(&mut rng, i)).unwrap();
        }
    }
    let bytes = std::fs::metadata(&path).unwrap().len();
    println!(
        "input: {count} bundles, {:.1} MB, {}",
        bytes as f64 / 1e6,
        path.display()
    );

    let knowledge = Knowledge::builtin().unwrap();
    let options = AssessOptions {
        at: "2025-03-01T12:00:00Z".parse().unwrap(),
        lang: Lang::En,
        zone: neuronutri_knowledge::Zone::Utc,
        format: Format::Json,
    };
    let rounds = 5;
    let (mut parse_rates, mut single_rates, mut all_rates) = (Vec::new(), Vec::new(), Vec::new());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for _ in 0..rounds {
        let start = Instant::now();
        let mut reader = BufReader::with_capacity(1 << 16, std::fs::File::open(&path).unwrap());
        let mut line = Vec::new();
        let mut parsed = 0u64;
        while reader.read_until(b'\n', &mut line).unwrap() > 0 {
            let value: serde_json::Value = serde_json::from_slice(&line).unwrap();
            parsed += value.is_object() as u64;
            line.clear();
        }
        assert_eq!(parsed, count);
        parse_rates.push(count as f64 / start.elapsed().as_secs_f64());

        for (rates, workers) in [(&mut single_rates, Some(1)), (&mut all_rates, None)] {
            let start = Instant::now();
            let reader = BufReader::with_capacity(1 << 16, std::fs::File::open(&path).unwrap());
            let mut sink = std::io::BufWriter::new(std::io::sink());
            let summary = match workers {
                Some(n) => assess_ndjson_with(&knowledge, &options, "bench", reader, &mut sink, n),
                None => assess_ndjson(&knowledge, &options, "bench", reader, &mut sink),
            }
            .unwrap();
            assert_eq!(
                (summary.assessed, summary.failed),
                (count, 0),
                "{:?}",
                summary.first_error
            );
            rates.push(count as f64 / start.elapsed().as_secs_f64());
        }
    }
    let (parse, single, all) = (median(parse_rates), median(single_rates), median(all_rates));
    println!("parse-only baseline (read line + JSON decode, 1 thread): {parse:>9.0} bundles/s (median of {rounds})");
    println!("assess, 1 thread (parse + rules + JSON output):          {single:>9.0} bundles/s   ratio {:.2}", single / parse);
    println!("assess --ndjson as shipped ({cores} cores):                  {all:>9.0} bundles/s   ratio {:.2} (target >= 0.50)", all / parse);
    if std::env::var_os("KEEP").is_none() {
        std::fs::remove_file(&path).ok();
    }
}
