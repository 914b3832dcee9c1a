//! Numbers written into key text so that text order is numeric order: a sort
//! key's range conditions and its order compare text, byte by byte.
//!
//! A padded part `{n:10}` writes a number as:
//! - zero or more: the whole part zero-padded to the width, then the fraction
//!   without trailing zeros (`4.5` → `0000000004.5`, `10` → `0000000010`);
//! - below zero: `-`, each digit of the padded whole part and of the fraction
//!   replaced by 9 minus it, and `~` (`-1` → `-9999999998~`, `-1.5` →
//!   `-9999999998.4~`). `-` sorts before every digit, so negatives come first;
//!   the nines' complement puts the larger magnitude first; `~` sorts after
//!   `.` and every digit, so `-1` comes after `-1.5`.
//!
//! The generated code of every language writes the same text (its own
//! `sortable_number` helper); this is the one the sample, the seed, the proof and
//! the plans' fixed values use.

use thiserror::Error;

/// Why a number cannot be written into a padded part.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unsortable {
    #[error("{value} has more than {width} digits before the point, which a key padded to {width} digits cannot hold in order")]
    TooWide { value: String, width: u8 },
}

/// `value` (a decimal number's text) as key text that sorts in numeric order
/// against every other number of at most `width` whole digits. Text that is
/// not a plain decimal number (an exponent, letters) is returned as it is.
pub fn sortable_number(value: &str, width: u8) -> Result<String, Unsortable> {
    let Some(number) = Decimal::parse(value) else { return Ok(value.to_string()) };
    if number.whole.len() > usize::from(width) {
        return Err(Unsortable::TooWide { value: value.to_string(), width });
    }
    let whole = format!("{:0>w$}", number.whole, w = usize::from(width));
    if !number.negative {
        return Ok(match number.fraction {
            "" => whole,
            fraction => format!("{whole}.{fraction}"),
        });
    }
    let flip = |digits: &str| digits.bytes().map(|d| char::from(b'9' - d + b'0')).collect::<String>();
    Ok(match number.fraction {
        "" => format!("-{}~", flip(&whole)),
        fraction => format!("-{}.{}~", flip(&whole), flip(fraction)),
    })
}

/// A decimal number's text taken apart: the whole part without leading zeros,
/// the fraction without trailing ones; zero is never negative.
struct Decimal<'v> {
    negative: bool,
    whole: &'v str,
    fraction: &'v str,
}

impl<'v> Decimal<'v> {
    fn parse(text: &'v str) -> Option<Self> {
        let (negative, unsigned) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
            return None;
        }
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        let zero = whole.is_empty() && fraction.is_empty();
        Some(Decimal { negative: negative && !zero, whole, fraction })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(v: &str) -> String {
        sortable_number(v, 10).unwrap()
    }

    #[test]
    fn writes_the_documented_forms() {
        assert_eq!(key("4.5"), "0000000004.5");
        assert_eq!(key("10"), "0000000010");
        assert_eq!(key("12.50"), "0000000012.5");
        assert_eq!(key("007"), "0000000007");
        assert_eq!(key("0"), "0000000000");
        assert_eq!(key("-0.0"), "0000000000");
        assert_eq!(key(".5"), "0000000000.5");
        assert_eq!(key("-1"), "-9999999998~");
        assert_eq!(key("-1.5"), "-9999999998.4~");
        assert_eq!(key("1e3"), "1e3");
        assert_eq!(
            sortable_number("12345678901", 10).unwrap_err().to_string(),
            "12345678901 has more than 10 digits before the point, which a key padded to 10 digits cannot hold in order"
        );
    }

    #[test]
    fn text_order_is_numeric_order_across_signs_fractions_and_widths() {
        let values = [
            "-9999999999.99",
            "-1000",
            "-999.5",
            "-18.5",
            "-18.25",
            "-18.2",
            "-18",
            "-1.05",
            "-1",
            "-0.5",
            "-0.05",
            "0",
            "0.05",
            "0.5",
            "1",
            "1.05",
            "4.5",
            "9.99",
            "10",
            "10.5",
            "18",
            "999",
            "9999999999.5",
        ];
        let keys: Vec<String> = values.iter().map(|v| key(v)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, keys);
        // Followed by a separator and more of the key, as in `{n:10}#{id}`.
        let joined: Vec<String> = keys.iter().map(|k| format!("{k}#ITEM")).collect();
        let mut sorted = joined.clone();
        sorted.sort();
        assert_eq!(sorted, joined);
    }
}
