//! `annals-loadgen`: the HTTP API load test (BENCHMARKS.md, "HTTP API").
//!
//! `annals-loadgen generate --db FILE --events N` writes N SYNTHETIC events (labelled so in
//! every document row: source `synthetic-load-data`) straight into a new SQLite store: 60
//! countries with Zipf-like weights, ten years of days, PLOVER types with their scores, a third
//! of them located. It is load data, not news.
//!
//! `annals-loadgen run --addr 127.0.0.1:8080 --seconds 20 --connections 8 PATH...` sends GET
//! requests over keep-alive connections, round-robin over the paths, for a bounded time, to a
//! loopback address only, and prints throughput and p50/p90/p99/max latency.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const COUNTRIES: &[(&str, f64, f64)] = &[
    ("USA", 38.9, -77.0),
    ("RUS", 55.75, 37.62),
    ("UKR", 50.45, 30.52),
    ("CHN", 39.9, 116.4),
    ("DEU", 52.52, 13.4),
    ("KAZ", 51.18, 71.45),
    ("GBR", 51.5, -0.13),
    ("FRA", 48.86, 2.35),
    ("TUR", 39.93, 32.86),
    ("IRN", 35.69, 51.39),
    ("ISR", 31.78, 35.22),
    ("POL", 52.23, 21.01),
    ("JPN", 35.68, 139.69),
    ("IND", 28.61, 77.21),
    ("BLR", 53.9, 27.56),
    ("GEO", 41.72, 44.79),
    ("ARM", 40.18, 44.51),
    ("AZE", 40.41, 49.87),
    ("UZB", 41.3, 69.24),
    ("KGZ", 42.87, 74.59),
    ("TJK", 38.56, 68.79),
    ("TKM", 37.95, 58.38),
    ("MNG", 47.92, 106.92),
    ("ITA", 41.9, 12.5),
    ("ESP", 40.42, -3.7),
    ("CAN", 45.42, -75.7),
    ("BRA", -15.79, -47.88),
    ("MEX", 19.43, -99.13),
    ("SAU", 24.71, 46.68),
    ("EGY", 30.04, 31.24),
    ("SYR", 33.51, 36.29),
    ("IRQ", 33.31, 44.36),
    ("AFG", 34.53, 69.17),
    ("PAK", 33.69, 73.06),
    ("KOR", 37.57, 126.98),
    ("PRK", 39.04, 125.76),
    ("AUS", -35.28, 149.13),
    ("ZAF", -25.75, 28.19),
    ("NGA", 9.08, 7.4),
    ("ETH", 9.03, 38.74),
    ("HUN", 47.5, 19.04),
    ("ROU", 44.43, 26.1),
    ("MDA", 47.01, 28.86),
    ("LTU", 54.69, 25.28),
    ("LVA", 56.95, 24.1),
    ("EST", 59.44, 24.75),
    ("FIN", 60.17, 24.94),
    ("SWE", 59.33, 18.07),
    ("NOR", 59.91, 10.75),
    ("NLD", 52.37, 4.9),
    ("BEL", 50.85, 4.35),
    ("AUT", 48.21, 16.37),
    ("CHE", 46.95, 7.45),
    ("GRC", 37.98, 23.73),
    ("SRB", 44.79, 20.45),
    ("QAT", 25.29, 51.53),
    ("ARE", 24.45, 54.38),
    ("VEN", 10.48, -66.9),
    ("ARG", -34.6, -58.38),
    ("IGO", 50.85, 4.35),
];

/// A small deterministic generator (xorshift64*), so two runs write the same data.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn generate(args: &[String]) -> Result<(), String> {
    let db = arg(args, "--db").ok_or("give --db FILE")?;
    let n: u64 = arg(args, "--events")
        .unwrap_or_else(|| "1000000".into())
        .parse()
        .map_err(|_| "--events: give a number")?;
    if std::path::Path::new(&db).exists() {
        return Err(format!("{db} exists: generate into a new file"));
    }
    let t0 = Instant::now();
    let store = annals_store::Store::open(std::path::Path::new(&db)).map_err(|e| e.to_string())?;
    let conn = store.connection();
    conn.execute_batch("PRAGMA synchronous = OFF; BEGIN")
        .map_err(|e| e.to_string())?;
    // Zipf-like weights: the k-th country is drawn with weight 1/(k+1).
    let weights: Vec<f64> = (0..COUNTRIES.len())
        .map(|k| 1.0 / (k as f64 + 1.0))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in &weights {
        acc += w / total;
        cumulative.push(acc);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pick = |rng: &mut Rng| -> usize {
        let u = rng.unit();
        cumulative
            .iter()
            .position(|c| u <= *c)
            .unwrap_or(COUNTRIES.len() - 1)
    };
    let types = annals_core::plover::EventType::ALL;
    let days = 3653i64; // 2015-01-01 .. 2024-12-31
    let epoch = 16436i64; // 2015-01-01 as days since 1970-01-01
    let iso = |d: i64| -> String {
        // Civil date from a day number (Howard Hinnant's algorithm).
        let z = d + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        format!("{year:04}-{month:02}-{day:02}")
    };
    {
        let mut doc = conn.prepare("INSERT INTO documents (id, doc_id, url, text_hash, lang, published, title, source, chars, sentences) VALUES (?1, ?2, NULL, ?3, ?4, ?5, 'SYNTHETIC LOAD DATA', 'synthetic-load-data', 200, '[[0,200]]')").map_err(|e| e.to_string())?;
        let mut ev = conn.prepare("INSERT INTO events (id, document, idx, type, mode, cameo, contexts, date_value, date_precision, day_lo, day_hi, location_name, location_country, lat, lon, negated, future, hypothetical, historical, score, sentence, trigger_text, trigger_start, trigger_end, notes) VALUES (?1, ?2, ?3, ?4, NULL, ?5, '[]', ?6, 'day', ?6, ?6, ?7, ?8, ?9, ?10, 0, 0, 0, 0, ?11, 0, 'synthetic', 0, 9, '[]')").map_err(|e| e.to_string())?;
        let mut part = conn.prepare("INSERT INTO participants (event, role, name, country, sector, entity, text, span_start, span_end) VALUES (?1, ?2, ?3, ?4, 'GOV', NULL, ?3, 10, 20)").map_err(|e| e.to_string())?;
        let langs = ["en", "de", "ru", "kk"];
        let mut document = 0i64;
        for id in 1..=n as i64 {
            // About three events per synthetic document.
            if id % 3 == 1 {
                document += 1;
                let day = epoch + rng.below(days as usize) as i64;
                doc.execute(rusqlite::params![
                    document,
                    format!("synthetic-{document}"),
                    format!("synthetic-{document:016x}"),
                    langs[rng.below(4)],
                    iso(day)
                ])
                .map_err(|e| e.to_string())?;
            }
            let day = iso(epoch + rng.below(days as usize) as i64);
            let t = types[rng.below(types.len())];
            let a = pick(&mut rng);
            let mut b = pick(&mut rng);
            while b == a {
                b = pick(&mut rng);
            }
            let located = rng.below(3) == 0;
            let (place, country, lat, lon) = if located {
                let (c, lat, lon) = COUNTRIES[if rng.below(2) == 0 { a } else { b }];
                (Some(format!("{c} capital")), Some(c), Some(lat), Some(lon))
            } else {
                (None, None, None, None)
            };
            ev.execute(rusqlite::params![
                id,
                document,
                id % 3,
                t.name(),
                t.cameo(None),
                day,
                place,
                country,
                lat,
                lon,
                t.score(None) as f64
            ])
            .map_err(|e| e.to_string())?;
            let (ca, cb) = (COUNTRIES[a].0, COUNTRIES[b].0);
            part.execute(rusqlite::params![id, "actor", format!("{ca} GOV"), ca])
                .map_err(|e| e.to_string())?;
            if rng.below(5) != 0 {
                part.execute(rusqlite::params![id, "recipient", format!("{cb} GOV"), cb])
                    .map_err(|e| e.to_string())?;
            } else {
                // A fifth of events have a second actor instead of a recipient (mutual events).
                part.execute(rusqlite::params![id, "actor", format!("{cb} GOV"), cb])
                    .map_err(|e| e.to_string())?;
            }
            if id % 200_000 == 0 {
                eprintln!("{id} events…");
            }
        }
    }
    conn.execute_batch("COMMIT").map_err(|e| e.to_string())?;
    let t1 = Instant::now();
    annals_server::db::prepare(conn).map_err(|e| e.to_string())?;
    println!(
        "wrote {n} synthetic events to {db} in {:.1} s; server indexes in {:.1} s",
        (t1 - t0).as_secs_f64(),
        t1.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One GET on a keep-alive connection; the status and body length.
fn get(reader: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<(u16, usize)> {
    write!(
        reader.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: loadgen\r\nAccept: application/json\r\n\r\n"
    )?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok((status, length))
}

fn run(args: &[String]) -> Result<(), String> {
    let addr: SocketAddr = arg(args, "--addr")
        .unwrap_or_else(|| "127.0.0.1:8080".into())
        .parse()
        .map_err(|_| "--addr: give IP:PORT")?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "{addr} is not a loopback address: the load test only targets this machine"
        ));
    }
    let seconds: u64 = arg(args, "--seconds")
        .unwrap_or_else(|| "20".into())
        .parse()
        .map_err(|_| "--seconds: give a number")?;
    let seconds = seconds.min(300);
    let connections: usize = arg(args, "--connections")
        .unwrap_or_else(|| "8".into())
        .parse()
        .map_err(|_| "--connections: give a number")?;
    let mut paths: Vec<String> = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a.starts_with("--") {
            skip = true;
        } else {
            paths.push(a.clone());
        }
    }
    if paths.is_empty() {
        return Err("give the paths to request, e.g. /api/events?dyad=USA,RUS".into());
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let handles: Vec<_> = (0..connections)
        .map(|k| {
            let paths = paths.clone();
            std::thread::spawn(move || -> Result<(Vec<u32>, u64), String> {
                let stream =
                    TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
                stream.set_nodelay(true).ok();
                stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
                let mut reader = BufReader::new(stream);
                let mut lat = Vec::new();
                let mut errors = 0;
                let mut i = k;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let (status, _) =
                        get(&mut reader, &paths[i % paths.len()]).map_err(|e| e.to_string())?;
                    lat.push(t.elapsed().as_micros() as u32);
                    if status != 200 {
                        errors += 1;
                    }
                    i += 1;
                }
                Ok((lat, errors))
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (lat, e) = h.join().map_err(|_| "a worker panicked")??;
        all.extend(lat);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0) as f64
            / 1000.0
    };
    println!(
        "{} requests in {elapsed:.1} s over {connections} connections: {:.0} req/s; latency ms p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}; non-200: {errors}",
        all.len(),
        all.len() as f64 / elapsed,
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate(&args[1..]),
        Some("run") => run(&args[1..]),
        _ => Err("usage: annals-loadgen generate --db FILE [--events N] | run [--addr 127.0.0.1:PORT] [--seconds S] [--connections C] PATH...".into()),
    };
    if let Err(e) = result {
        eprintln!("annals-loadgen: {e}");
        std::process::exit(2);
    }
}
