//! WARC crawls (`.warc`, `.warc.gz`), read one record at a time so files of any size stream:
//! every `response` (or `resource`) record whose payload is an HTML page becomes a document.
//! A record cut short ends the file with an error; the documents before it are kept.

use crate::decode::charset_param;
use crate::{read_error, read_line_limited, ErrorKind, Item, Options, SourceError};
use std::io::{BufRead, Read};
use std::path::Path;

/// Longest WARC or HTTP header block read (bytes).
const MAX_HEADER_BYTES: u64 = 64 * 1024;

/// The headers of one record: names lowercased.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_header_line(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(':')?;
    Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
}

/// Reads the records of a WARC stream.
pub fn read(
    path: &Path,
    source: &str,
    mut r: Box<dyn BufRead>,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let mut n = 0usize;
    let mut line = Vec::new();
    while !opts.stopped() {
        // The version line, after the blank lines that end the previous record.
        let version = loop {
            match read_line_limited(&mut r, MAX_HEADER_BYTES, &mut line) {
                Ok(None) => return,
                Ok(Some(_)) => {
                    let l = String::from_utf8_lossy(&line).trim().to_string();
                    if !l.is_empty() {
                        break l;
                    }
                }
                Err(e) => {
                    emit(Item::Error(read_error(
                        path,
                        source,
                        &e,
                        &format!(" after {n} WARC record(s)"),
                    )));
                    return;
                }
            }
        };
        n += 1;
        let here = format!("{source}#{n}");
        let fail = |kind, reason: String| {
            Item::Error(SourceError {
                source: here.clone(),
                id: None,
                kind,
                reason,
            })
        };
        if !version.starts_with("WARC/") {
            emit(fail(ErrorKind::BadWarc, format!("{here}: expected a WARC record (\"WARC/1.0\"), found {:?}; check the file is a WARC crawl", version.chars().take(40).collect::<String>())));
            return;
        }
        let mut headers = Vec::new();
        loop {
            match read_line_limited(&mut r, MAX_HEADER_BYTES, &mut line) {
                Ok(None) => {
                    emit(fail(ErrorKind::TruncatedWarc, format!("{here}: the file ends inside the record's headers; the crawl was cut short, re-fetch or re-write it")));
                    return;
                }
                Ok(Some(_)) => {
                    let l = String::from_utf8_lossy(&line);
                    let l = l.trim_end_matches(['\r', '\n']);
                    if l.is_empty() {
                        break;
                    }
                    if let Some(h) = parse_header_line(l) {
                        headers.push(h);
                    }
                }
                Err(e) => {
                    emit(Item::Error(read_error(path, &here, &e, "")));
                    return;
                }
            }
        }
        let headers = Headers(headers);
        let Some(length) = headers
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            emit(fail(
                ErrorKind::BadWarc,
                format!("{here}: the record has no valid Content-Length; the file is damaged"),
            ));
            return;
        };
        let wanted = matches!(
            headers.get("warc-type"),
            Some("response") | Some("resource")
        );
        if !wanted || length > opts.max_doc_bytes {
            match std::io::copy(&mut r.by_ref().take(length), &mut std::io::sink()) {
                Ok(got) if got < length => {
                    emit(fail(ErrorKind::TruncatedWarc, format!("{here}: the record declares {length} bytes but the file ends after {got}; the crawl was cut short, re-fetch it")));
                    return;
                }
                Ok(_) => {}
                Err(e) => {
                    emit(Item::Error(read_error(path, &here, &e, "")));
                    return;
                }
            }
            if wanted {
                emit(fail(ErrorKind::TooLarge, format!("{here}: the record is {length} bytes, more than the {}-byte limit per document; it was skipped", opts.max_doc_bytes)));
            }
            continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        match r.by_ref().take(length).read_to_end(&mut block) {
            Ok(got) if (got as u64) < length => {
                emit(fail(ErrorKind::TruncatedWarc, format!("{here}: the record declares {length} bytes but the file ends after {got}; the crawl was cut short, re-fetch it")));
                return;
            }
            Ok(_) => {}
            Err(e) => {
                emit(Item::Error(read_error(path, &here, &e, "")));
                return;
            }
        }
        let uri = headers
            .get("warc-target-uri")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let date = headers.get("warc-date");
        let is_http = headers
            .get("content-type")
            .is_some_and(|c| c.starts_with("application/http"));
        let (content_type, body) = if is_http {
            match http_payload(&block) {
                Ok(p) => p,
                Err(why) => {
                    emit(Item::Skipped {
                        source: here,
                        reason: why,
                    });
                    continue;
                }
            }
        } else {
            (headers.get("content-type").unwrap_or("").to_string(), block)
        };
        if !content_type.to_ascii_lowercase().contains("html") {
            emit(Item::Skipped {
                source: here,
                reason: format!("not an HTML page ({content_type})"),
            });
            continue;
        }
        let id = uri.clone().unwrap_or_else(|| here.clone());
        emit(crate::html::document(
            &here,
            id,
            &body,
            charset_param(&content_type).as_deref(),
            uri.as_deref(),
            date,
        ));
    }
}

/// The content type and body of an HTTP response block, de-chunked and decompressed.
fn http_payload(block: &[u8]) -> Result<(String, Vec<u8>), String> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })
        .ok_or("the HTTP response has no header end")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status.split_whitespace().nth(1).unwrap_or("");
    if !code.starts_with('2') {
        return Err(format!("HTTP status {code}, not a page"));
    }
    let headers = Headers(lines.filter_map(parse_header_line).collect());
    let mut body = block[split.1..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        body = dechunk(&body);
    }
    if headers
        .get("content-encoding")
        .is_some_and(|e| e.eq_ignore_ascii_case("gzip"))
    {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("the gzip-encoded page is corrupt: {e}"))?;
        body = out;
    }
    Ok((headers.get("content-type").unwrap_or("").to_string(), body))
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&body[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        body = &body[eol + 2..];
        if size == 0 || size > body.len() {
            out.extend_from_slice(&body[..size.min(body.len())]);
            break;
        }
        out.extend_from_slice(&body[..size]);
        body = body.get(size + 2..).unwrap_or(&[]);
    }
    out
}
