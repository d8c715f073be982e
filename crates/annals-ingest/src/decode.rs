//! Bytes to text: binary detection, charset detection (BOM, declared charset, UTF-8, then
//! `chardetng`'s guess), and the small normalisations of metadata (dates, language tags).

use encoding_rs::Encoding;

/// Whether bytes look like a binary file rather than text: NUL bytes, or many control bytes,
/// in the first 8 KB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len().max(1)
}

/// Decodes bytes: a BOM wins, then valid UTF-8, then the declared charset (HTTP header or
/// `<meta charset>`), then the charset `chardetng` guesses.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let enc = declared
        .and_then(|d| Encoding::for_label(d.trim().as_bytes()))
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            det.guess(None, true)
        });
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset an HTML page declares in its first 2 KB (`<meta charset=...>` or
/// `content="text/html; charset=..."`).
pub fn sniff_html_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    charset_param(&head)
}

/// The `charset=` parameter of a header value or markup.
pub fn charset_param(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = lower[at..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// A publication date as `YYYY-MM-DD`, from ISO 8601 or RFC 2822 (`Tue, 14 May 2024 10:00:00 +0000`).
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let b = head.as_bytes();
        if b[4] == b'-' && b[7] == b'-' && head.parse::<jiff::civil::Date>().is_ok() {
            return Some(head.to_string());
        }
    }
    jiff::fmt::rfc2822::parse(s)
        .ok()
        .map(|z| z.date().to_string())
}

/// A language tag reduced to its ISO 639-1 part: `de-DE` -> `de`, `ru_RU` -> `ru`.
pub fn lang_code(tag: &str) -> Option<String> {
    let code = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1251_russian() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("Президент России Владимир Путин прибыл в Астану с государственным визитом.");
        assert_eq!(
            decode(&bytes, None),
            "Президент России Владимир Путин прибыл в Астану с государственным визитом."
        );
        assert_eq!(
            decode(&bytes, Some("windows-1251")),
            "Президент России Владимир Путин прибыл в Астану с государственным визитом."
        );
    }

    #[test]
    fn dates_and_tags() {
        assert_eq!(
            iso_date("2024-05-14T10:00:00+05:00").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(
            iso_date("Tue, 14 May 2024 10:00:00 +0000").as_deref(),
            Some("2024-05-14")
        );
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(lang_code("de-DE").as_deref(), Some("de"));
        assert_eq!(
            charset_param("text/html; charset=\"windows-1251\"").as_deref(),
            Some("windows-1251")
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00\x00"));
        assert!(!looks_binary("Tokayev met Putin.\n".as_bytes()));
    }
}
