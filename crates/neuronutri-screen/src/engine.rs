//! The embedded engine: Apache DataFusion reading the extract's CSV or Parquet files in
//! streaming batches on all cores, a progress callback fed from the scans' live row counts,
//! and errors that name the file, the row and the column.

use crate::mapping::Field;
use crate::pool::BusyFairPool;
use crate::ScreenError;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field as ArrowField, Int64Type, Schema};
use datafusion::execution::context::SessionContext;
use datafusion::execution::disk_manager::DiskManagerBuilder;
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::prelude::SessionConfig;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Reports how far a query has got.
pub trait Progress: Sync {
    /// A query starts: its name and, when known, the rows it will scan.
    fn start(&self, phase: &str, total_rows: Option<u64>);
    /// Rows scanned so far in this phase.
    fn rows(&self, rows: u64);
    /// The phase is done.
    fn finish(&self);
}

/// No progress reporting.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: &str, _: Option<u64>) {}
    fn rows(&self, _: u64) {}
    fn finish(&self) {}
}

/// The format of an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Comma (or `delimiter`) separated values with a header line, read as text and cast.
    Csv,
    /// Apache Parquet, one file or a folder of `.parquet` files.
    Parquet,
}

/// One registered input.
#[derive(Clone, Debug)]
pub struct Input {
    /// The table name in SQL (`labs`, `patients`, `medications`).
    pub table: &'static str,
    /// The path as the user gave it.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its columns.
    pub schema: Arc<Schema>,
    /// Rows, when the format says without scanning (Parquet footers).
    pub rows: Option<u64>,
    /// The CSV delimiter.
    pub delimiter: u8,
}

impl Input {
    /// The file's name for messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// The type of a column.
    pub fn column_type(&self, column: &str) -> Option<&DataType> {
        self.schema
            .field_with_name(column)
            .ok()
            .map(ArrowField::data_type)
    }
}

/// The session: an embedded DataFusion context, or a Spark Connect session, and the runtime
/// it runs on.
pub struct Engine {
    ctx: SessionContext,
    spark: Option<std::sync::Mutex<crate::spark::SparkSession>>,
    runtime: tokio::runtime::Runtime,
    /// Bytes the embedded engine's operators have spilled to temporary files so far.
    spilled: std::sync::atomic::AtomicU64,
}

fn engine_error(what: &str, e: impl std::fmt::Display) -> ScreenError {
    ScreenError::Engine(format!("{what}: {e}"))
}

fn parquet_files(path: &Path) -> Result<Vec<PathBuf>, std::io::Error> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// The default bound of the embedded engine's working memory (hash tables, sort and merge
/// buffers), in bytes: 512 MiB. Past it the per-patient aggregation spills sorted runs to
/// temporary files (in `TMPDIR`) and merges them, so the memory used does not grow with the
/// extract (README, "Population screening": under 1 GB resident at 10^8 rows).
pub const DEFAULT_MEMORY_LIMIT: u64 = 512 << 20;

/// The smallest memory limit accepted, in bytes (16 MiB): below it the query's fixed
/// buffers alone do not fit.
pub const MIN_MEMORY_LIMIT: u64 = 16 << 20;

/// Parses a memory size: bytes, or a number with K, M, G or T (binary multiples, an optional
/// `iB` or `B` after them, any case), e.g. `512M`, `1.5GiB`.
pub fn parse_memory_limit(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (number, shift) = match body.chars().last() {
        Some('k') => (&body[..body.len() - 1], 10),
        Some('m') => (&body[..body.len() - 1], 20),
        Some('g') => (&body[..body.len() - 1], 30),
        Some('t') => (&body[..body.len() - 1], 40),
        _ => (body, 0),
    };
    let value: f64 = number
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)
        .ok_or_else(|| {
            format!("--memory-limit {text:?}: write a size such as 512M, 2G or 1073741824")
        })?;
    let bytes = value * (1u64 << shift) as f64;
    if bytes < MIN_MEMORY_LIMIT as f64 {
        return Err(format!(
            "--memory-limit {text:?}: at least {} MiB",
            MIN_MEMORY_LIMIT >> 20
        ));
    }
    if bytes >= usize::MAX as f64 {
        return Err(format!("--memory-limit {text:?}: too large"));
    }
    Ok(bytes as u64)
}

impl Engine {
    /// A session on all cores whose working memory is bounded by `memory_limit` bytes
    /// (shared fairly by the operators that can spill; the aggregation spills to temporary
    /// files past it).
    pub fn new(memory_limit: u64) -> Result<Engine, ScreenError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| engine_error("cannot start the query runtime", e))?;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Fair shares among the operators that spill and are busy (crate::pool), not among all
        // that exist. Not wrapped in DataFusion's TrackConsumersPool: that wrapper takes a
        // lock on every reservation change, which cost a sixth of the CPU time at 10^8 rows
        // (scripts/screen/bench: 38 s of CPU against 45, 24 s of wall time against 29). Its
        // one use was to list the largest consumers when memory runs out; the pool's own
        // error names the operator that ran out.
        let env = RuntimeEnvBuilder::new()
            .with_memory_pool(Arc::new(BusyFairPool::new(
                usize::try_from(memory_limit).unwrap_or(usize::MAX),
            )))
            .with_disk_manager_builder(DiskManagerBuilder::default())
            .build_arc()
            .map_err(|e| engine_error("cannot start the query engine", e))?;
        // DataFusion's own settings may be tuned from the environment (`DATAFUSION_` and the
        // option's name in capitals, e.g. DATAFUSION_EXECUTION_BATCH_SIZE=16384); the
        // partitions and the spill reservation below are set on top.
        let options = datafusion::config::ConfigOptions::from_env()
            .map_err(|e| engine_error("a DATAFUSION_ setting in the environment", e))?;
        let mut config = SessionConfig::from(options).with_target_partitions(cores);
        // Batches of 4 096 rows rather than DataFusion's 8 192, unless the environment says
        // otherwise: the batches between operators are not counted in the working memory, and
        // halving them lowers the peak resident memory at 10^8 rows (8 192: 611 to 692 MB;
        // 4 096: 497 to 582 MB, three alternating runs each) for about 0.5 s more of 15 s
        // (2 048: 474 and 493 MB for 2 s more). This setting made the exchange deadlock below
        // frequent before its workaround.
        if std::env::var_os("DATAFUSION_EXECUTION_BATCH_SIZE").is_none() {
            config = config.with_batch_size(4096);
        }
        // A spilling aggregation or sort first reserves room to merge its sorted runs
        // (DataFusion's default 10 MB): a sixteenth of the limit at most, so that small
        // limits still leave room for the work itself.
        config.options_mut().execution.sort_spill_reservation_bytes =
            (10 << 20).min(usize::try_from(memory_limit / 16).unwrap_or(usize::MAX));
        // DataFusion 55's new ("migrated") hash aggregation can deadlock when the working
        // memory runs out: every worker parked, the query never ending (5 of 60 runs of a
        // 300 000-patient extract at --memory-limit 16M, none of 120 with the classic
        // aggregation). The classic one errors out cleanly; see
        // a_small_memory_limit_never_hangs in tests/screen.rs.
        config.options_mut().execution.enable_migration_aggregate = false;
        // An exchange (RepartitionExec) whose reservation fails writes the batch to a spill
        // file shared by its input tasks. In DataFusion 55.2 two input tasks spilling at once
        // keep two files open, its reader waits on the first for a batch that went to the
        // second, and every worker parks for good (apache/datafusion#24883, fixed after 55.2
        // by #24891). With a limit of one byte each file is closed after its one batch, so
        // the file the reader waits on always gets its batch. Only spilled batches pay: one
        // file each. The a_small_memory_limit_never_hangs test hung in 1 of 11 runs of the
        // screen tests without it (a task dump showed the exchange's input tasks waiting);
        // with 4 096-row batches, 5 of 10 without it and none of 20 with it.
        config.options_mut().execution.max_spill_file_size_bytes =
            datafusion::config::ConfigNonZeroUsize::try_new(1)
                .map_err(|e| engine_error("the exchange's spill file size", e))?;
        Ok(Engine {
            ctx: SessionContext::new_with_config_rt(config, env),
            spark: None,
            runtime,
            spilled: Default::default(),
        })
    }

    /// A session on a Spark Connect server (`host:port`): the statements run there, in Spark
    /// SQL, on the files as the cluster sees their paths.
    pub fn spark(address: &str) -> Result<Engine, ScreenError> {
        let mut engine = Engine::new(DEFAULT_MEMORY_LIMIT)?;
        let session = engine
            .runtime
            .block_on(crate::spark::SparkSession::connect(address))
            .map_err(|e| ScreenError::Engine(e.to_string()))?;
        engine.spark = Some(std::sync::Mutex::new(session));
        Ok(engine)
    }

    /// The dialect the engine's statements are written in.
    pub fn dialect(&self) -> crate::query::Dialect {
        match self.spark {
            Some(_) => crate::query::Dialect::Spark,
            None => crate::query::Dialect::DataFusion,
        }
    }

    /// Runs one statement on the Spark Connect server.
    fn spark_sql(&self, sql: &str) -> Result<Vec<RecordBatch>, crate::spark::SparkError> {
        let spark = self.spark.as_ref().expect("a Spark engine");
        let mut session = spark
            .lock()
            .map_err(|_| crate::spark::SparkError("the Spark session failed before".into()))?;
        self.runtime.block_on(session.sql(sql))
    }

    /// Registers `path` on the Spark Connect server as the temporary view `table`: CSV (a
    /// header line, every column text) or Parquet, as the file's first bytes say when this
    /// machine can read it, else by its extension.
    fn register_spark(
        &self,
        table: &'static str,
        path: &Path,
        delimiter: u8,
    ) -> Result<Input, ScreenError> {
        let name = path.display().to_string();
        let format = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => Format::Parquet,
            Ok(_) => {
                let mut magic = [0u8; 4];
                let n = std::fs::File::open(path)
                    .and_then(|mut f| std::io::Read::read(&mut f, &mut magic))
                    .unwrap_or(0);
                if n == 4 && &magic == b"PAR1" {
                    Format::Parquet
                } else {
                    Format::Csv
                }
            }
            Err(_) if name.to_ascii_lowercase().ends_with(".csv") => Format::Csv,
            Err(_) => Format::Parquet,
        };
        let literal = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
        let using = match format {
            Format::Csv => format!(
                "csv OPTIONS (path {}, header 'true', sep {})",
                literal(&name),
                literal(&(delimiter as char).to_string())
            ),
            Format::Parquet => format!("parquet OPTIONS (path {})", literal(&name)),
        };
        let cannot = |e: crate::spark::SparkError| ScreenError::Input {
            file: name.clone(),
            location: String::new(),
            message: format!("the Spark Connect server cannot read it: {e}"),
        };
        self.spark_sql(&format!(
            "CREATE OR REPLACE TEMPORARY VIEW {table} USING {using}"
        ))
        .map_err(cannot)?;
        let batches = self
            .spark_sql(&format!("SELECT * FROM {table} LIMIT 0"))
            .map_err(cannot)?;
        let schema = match batches.first() {
            Some(b) => b.schema(),
            None => {
                // No batch for no rows: read the schema from one row.
                let one = self
                    .spark_sql(&format!("SELECT * FROM {table} LIMIT 1"))
                    .map_err(cannot)?;
                one.first()
                    .map(|b| b.schema())
                    .ok_or_else(|| ScreenError::Input {
                        file: name.clone(),
                        location: String::new(),
                        message: "the Spark Connect server found no rows and no columns in it"
                            .into(),
                    })?
            }
        };
        Ok(Input {
            table,
            path: path.to_path_buf(),
            format,
            schema,
            rows: None,
            delimiter,
        })
    }

    /// Registers a file (or a folder of Parquet files) as `table`. The format is Parquet when
    /// the file starts with `PAR1` (or the path is a folder), CSV otherwise.
    pub fn register(
        &self,
        table: &'static str,
        path: &Path,
        delimiter: u8,
    ) -> Result<Input, ScreenError> {
        if self.spark.is_some() {
            return self.register_spark(table, path, delimiter);
        }
        let name = path.display().to_string();
        let cannot = |message: String| ScreenError::Input {
            file: name.clone(),
            location: String::new(),
            message,
        };
        let metadata = std::fs::metadata(path).map_err(|e| cannot(format!("cannot read: {e}")))?;
        let format = if metadata.is_dir() {
            Format::Parquet
        } else {
            let mut magic = [0u8; 4];
            let n = std::io::Read::read(
                &mut std::fs::File::open(path).map_err(|e| cannot(format!("cannot read: {e}")))?,
                &mut magic,
            )
            .map_err(|e| cannot(format!("cannot read: {e}")))?;
            if n == 4 && &magic == b"PAR1" {
                Format::Parquet
            } else {
                Format::Csv
            }
        };
        let extension = if metadata.is_dir() {
            ".parquet".to_string()
        } else {
            path.extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default()
        };
        let location = path.to_string_lossy().to_string();
        let (schema, rows) = match format {
            Format::Csv => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .from_path(path)
                    .map_err(|e| cannot(format!("cannot read: {e}")))?;
                let headers = reader
                    .headers()
                    .map_err(|e| cannot(format!("cannot read the header line: {e}")))?
                    .clone();
                let mut fields = Vec::new();
                for (i, h) in headers.iter().enumerate() {
                    let h = h.trim();
                    if h.is_empty() {
                        return Err(cannot(format!(
                            "line 1: column {} has no name in the header line",
                            i + 1
                        )));
                    }
                    if fields.iter().any(|f: &ArrowField| f.name() == h) {
                        return Err(cannot(format!(
                            "line 1: column '{h}' appears twice in the header line"
                        )));
                    }
                    fields.push(ArrowField::new(h, DataType::Utf8, true));
                }
                let schema = Schema::new(fields);
                let options = CsvReadOptions::new()
                    .has_header(true)
                    .delimiter(delimiter)
                    .schema(&schema)
                    .file_extension(&extension);
                self.runtime
                    .block_on(self.ctx.register_csv(table, &location, options))
                    .map_err(|e| cannot(format!("cannot read as CSV: {e}")))?;
                (Arc::new(schema), None)
            }
            Format::Parquet => {
                let files = parquet_files(path).map_err(|e| cannot(format!("cannot read: {e}")))?;
                if files.is_empty() {
                    return Err(cannot("the folder has no .parquet file".into()));
                }
                let mut rows = 0u64;
                for file in &files {
                    use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
                    let f = std::fs::File::open(file)
                        .map_err(|e| cannot(format!("{}: cannot read: {e}", file.display())))?;
                    let reader = SerializedFileReader::new(f).map_err(|e| {
                        cannot(format!(
                            "{}: cannot read the Parquet file: {e}",
                            file.display()
                        ))
                    })?;
                    rows += reader.metadata().file_metadata().num_rows().max(0) as u64;
                }
                let options = ParquetReadOptions {
                    file_extension: &extension,
                    ..Default::default()
                };
                self.runtime
                    .block_on(self.ctx.register_parquet(table, &location, options))
                    .map_err(|e| cannot(format!("cannot read as Parquet: {e}")))?;
                let provider = self
                    .runtime
                    .block_on(self.ctx.table_provider(table))
                    .map_err(|e| cannot(format!("cannot read as Parquet: {e}")))?;
                (provider.schema(), Some(rows))
            }
        };
        Ok(Input {
            table,
            path: path.to_path_buf(),
            format,
            schema,
            rows,
            delimiter,
        })
    }

    /// Runs `sql`, reporting progress from the scans' row counts, and returns the batches.
    pub fn query(
        &self,
        sql: &str,
        phase: &str,
        total_rows: Option<u64>,
        progress: &dyn Progress,
    ) -> Result<Vec<RecordBatch>, datafusion::error::DataFusionError> {
        if self.spark.is_some() {
            progress.start(phase, None);
            let result = self
                .spark_sql(sql)
                .map_err(|e| datafusion::error::DataFusionError::External(Box::new(e)));
            progress.finish();
            return result;
        }
        let plan = self.runtime.block_on(async {
            let frame = self.ctx.sql(sql).await?;
            frame.create_physical_plan().await
        })?;
        progress.start(phase, total_rows);
        let done = AtomicBool::new(false);
        let result = std::thread::scope(|scope| {
            scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    progress.rows(scanned(plan.as_ref()));
                }
            });
            let task = self.ctx.task_ctx();
            let result = self
                .runtime
                .block_on(datafusion::physical_plan::collect(plan.clone(), task));
            done.store(true, Ordering::Relaxed);
            result
        });
        progress.rows(scanned(plan.as_ref()));
        self.spilled
            .fetch_add(spilled(plan.as_ref()), Ordering::Relaxed);
        progress.finish();
        result
    }

    /// Bytes spilled to temporary files by the queries run so far (0 when the working memory
    /// stayed under the limit, and on Spark).
    pub fn spilled_bytes(&self) -> u64 {
        self.spilled.load(Ordering::Relaxed)
    }
}

/// Bytes the plan's operators spilled to temporary files.
fn spilled(plan: &dyn ExecutionPlan) -> u64 {
    let own = plan.metrics().and_then(|m| m.spilled_bytes()).unwrap_or(0) as u64;
    own + plan
        .children()
        .iter()
        .map(|c| spilled(c.as_ref()))
        .sum::<u64>()
}

/// Rows the plan's leaves (the file scans) have produced so far.
fn scanned(plan: &dyn ExecutionPlan) -> u64 {
    let children = plan.children();
    if children.is_empty() {
        plan.metrics().and_then(|m| m.output_rows()).unwrap_or(0) as u64
    } else {
        children.iter().map(|c| scanned(c.as_ref())).sum()
    }
}

/// A result column as text (NULL as `None`).
pub fn text_column(batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>, ScreenError> {
    let column = batch
        .column_by_name(name)
        .ok_or_else(|| ScreenError::Engine(format!("the query gave no column {name}")))?;
    let text = datafusion::arrow::compute::cast(column, &DataType::Utf8)
        .map_err(|e| engine_error(name, e))?;
    let text = text.as_string::<i32>();
    Ok((0..text.len())
        .map(|i| (!text.is_null(i)).then(|| text.value(i).to_string()))
        .collect())
}

/// A result column of counts (NULL and negative values as 0).
pub fn count_column(batch: &RecordBatch, name: &str) -> Result<Vec<u64>, ScreenError> {
    Ok(id_column(batch, name)?
        .into_iter()
        .map(|v| v.unwrap_or(0).max(0) as u64)
        .collect())
}

/// A result column of integers as i64: `None` for NULL and for a value outside i64's range.
pub fn id_column(batch: &RecordBatch, name: &str) -> Result<Vec<Option<i64>>, ScreenError> {
    let column = batch
        .column_by_name(name)
        .ok_or_else(|| ScreenError::Engine(format!("the query gave no column {name}")))?;
    // a safe cast: an unsigned value past i64::MAX becomes NULL
    let values = datafusion::arrow::compute::cast(column, &DataType::Int64)
        .map_err(|e| engine_error(name, e))?;
    Ok(values.as_primitive::<Int64Type>().iter().collect())
}

/// How a field of an input must parse, for the diagnosis of a failed CSV query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A number (f64).
    Number,
    /// A date, `YYYY-MM-DD`, optionally followed by a time.
    Date,
}

fn parses(value: &str, expect: Expect) -> bool {
    match expect {
        Expect::Number => value.parse::<f64>().is_ok(),
        Expect::Date => {
            let date = value.get(..10).unwrap_or(value);
            let rest = &value[date.len()..];
            crate::query::chrono_lite::Date::parse(date).is_some()
                && (rest.is_empty() || rest.starts_with('T') || rest.starts_with(' '))
        }
    }
}

/// After a query failed on a CSV input: finds the first cell of `fields` that does not parse,
/// and names its line and column. `None` when every cell parses (the failure was elsewhere).
pub fn diagnose_csv(input: &Input, fields: &[(&Field, &str, Expect)]) -> Option<ScreenError> {
    if input.format != Format::Csv {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(input.delimiter)
        .from_path(&input.path)
        .ok()?;
    let headers = reader.headers().ok()?.clone();
    let wanted: Vec<(usize, &Field, &str, Expect)> = fields
        .iter()
        .filter_map(|(f, column, expect)| {
            headers
                .iter()
                .position(|h| h.trim() == *column)
                .map(|i| (i, *f, *column, *expect))
        })
        .collect();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Some(ScreenError::Input {
                    file: input.name(),
                    location: format!("line {line}"),
                    message: format!("not a CSV row: {e}"),
                });
            }
        }
        for (i, field, column, expect) in &wanted {
            let Some(value) = record.get(*i) else {
                continue;
            };
            if value.is_empty() || parses(value, *expect) {
                continue;
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let what = match expect {
                Expect::Number => "is not a number (use a point as the decimal separator)",
                Expect::Date => "is not a date (YYYY-MM-DD, optionally followed by a time)",
            };
            return Some(ScreenError::Input {
                file: input.name(),
                location: format!("line {line}, column {column}"),
                message: format!("{:?} {what}; the column holds {}", value, field.meaning),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_parses() {
        assert!(parses("0.82", Expect::Number));
        assert!(parses("1e3", Expect::Number));
        assert!(!parses("0,82", Expect::Number));
        assert!(!parses("<0.7", Expect::Number));
        assert!(parses("2024-03-01", Expect::Date));
        assert!(parses("2024-03-01T10:00:00", Expect::Date));
        assert!(!parses("01.03.2024", Expect::Date));
        assert!(!parses("2024-02-30", Expect::Date));
    }
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    #[test]
    fn memory_limits_parse() {
        assert_eq!(parse_memory_limit("512M"), Ok(512 << 20));
        assert_eq!(parse_memory_limit("2g"), Ok(2 << 30));
        assert_eq!(parse_memory_limit("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_memory_limit("1073741824"), Ok(1 << 30));
        assert_eq!(parse_memory_limit("64 MB"), Ok(64 << 20));
        for bad in ["", "lots", "-1G", "1M", "NaNG", "1e30T"] {
            assert!(parse_memory_limit(bad).is_err(), "{bad}");
        }
    }
}
