//! Realistic values for one attribute, from its type, its format (dates, phone
//! numbers, money, enums), its distribution and, for plain strings and numbers, its
//! name (`firstName`, `state`, `quantity`).

use indexmap::IndexMap;

use crate::model::{AttrType, Attribute, Format};

use super::rng::Rng;
use super::time::{date_text, timestamp_text};
use super::words::*;
use crate::value::Value;

/// The most a value may take of a small sample: rarer values must show up too, or
/// the patterns that look for them (declined transactions, special statuses) would
/// have nothing to prove on.
const MAX_TOP_SHARE: f64 = 0.8;
/// The least share of items that carry an optional attribute, for the same reason.
const MIN_PRESENT_SHARE: f64 = 0.1;

/// When the sample's dates fall: the last `days` days up to `as_of` (day number).
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub as_of: i64,
    pub days: i64,
}

impl Window {
    fn day(&self, rng: &mut Rng) -> i64 {
        self.as_of - rng.below(self.days.max(1) as u64) as i64
    }

    fn second(&self, rng: &mut Rng) -> i64 {
        self.day(rng) * 86_400 + rng.below(86_400) as i64
    }
}

/// Whether an item carries this optional attribute.
pub fn present(attr: &Attribute, rng: &mut Rng) -> bool {
    if attr.required || attr.identifier {
        return true;
    }
    rng.chance(attr.present_share().max(MIN_PRESENT_SHARE))
}

/// A value of `attr` for item `index`; unique attributes get values no other index gets.
pub fn value(attr: &Attribute, index: usize, window: Window, rng: &mut Rng) -> Value {
    match attr.attr_type {
        AttrType::String => Value::S(string(attr, index, window, rng)),
        AttrType::Number => number(attr, index, rng),
        AttrType::Boolean => Value::Bool(rng.chance(0.5)),
        AttrType::Binary => Value::B((0..16).map(|_| rng.below(256) as u8).collect()),
        AttrType::StringSet => Value::Ss(string_set(attr, rng)),
        AttrType::NumberSet => {
            let mut set: Vec<i64> = (0..rng.range(1, 3)).map(|_| rng.range(1, 100)).collect();
            set.sort_unstable();
            set.dedup();
            Value::Ns(set.iter().map(i64::to_string).collect())
        }
        AttrType::List => Value::L((0..rng.range(1, 3)).map(|_| Value::S(lorem(rng, 2))).collect()),
        AttrType::Map => Value::M(map(attr, rng)),
    }
}

/// A value of an identifier attribute that no other `index` gets, drawn from the
/// identifier's own stream so that it depends on the index alone.
pub fn identifier(attr: &Attribute, owner: &str, index: usize, window: Window, seed: u64) -> Value {
    let mut rng = Rng::derive(seed, &format!("{owner}.{}#{index}", attr.name));
    let n = index as i64;
    match (&attr.attr_type, &attr.format) {
        (AttrType::Number, _) => Value::int(n + 1),
        (_, Some(Format::Date)) => Value::S(date_text(window.as_of - n)),
        (_, Some(Format::Timestamp)) => Value::S(timestamp_text((window.as_of - window.days) * 86_400 + n * 61)),
        (_, Some(Format::Ulid)) => Value::S(ulid(((window.as_of - window.days) * 86_400 + n * 61) * 1000, &mut rng)),
        (_, Some(Format::Uuid)) => Value::S(uuid(&mut rng)),
        (_, Some(Format::Email)) => Value::S(email(index, &mut rng)),
        (_, Some(Format::Phone)) => Value::S(phone(index, &mut rng)),
        _ if lower(&attr.name).ends_with("number") => {
            // Account and customer numbers: digits, a block per owner so that they differ.
            let block = 1 + super::hash::fnv1a32(owner.as_bytes()) % 9;
            Value::S(format!("{}", u64::from(block) * 100_000_000 + index as u64 + 1))
        }
        _ => Value::S(format!("{}-{:06}", abbreviation(&attr.name), index + 1)),
    }
}

fn string(attr: &Attribute, index: usize, window: Window, rng: &mut Rng) -> String {
    match &attr.format {
        Some(Format::Enum(values)) if !values.is_empty() => return skewed(values, attr, rng).clone(),
        Some(Format::Timestamp) => return timestamp_text(window.second(rng)),
        Some(Format::Date) => return date_text(window.day(rng)),
        Some(Format::Uuid) => return uuid(rng),
        Some(Format::Ulid) => return ulid(window.second(rng) * 1000 + rng.below(1000) as i64, rng),
        Some(Format::Email) => return email(index, rng),
        Some(Format::Phone) => return phone(index, rng),
        _ => {}
    }
    let name = lower(&attr.name);
    let text = by_name(&name, attr, rng);
    match text {
        Some(t) if attr.unique => format!("{t}-{index}"),
        Some(t) => t,
        None if attr.unique => format!("{}-{:06}", abbreviation(&attr.name), index + 1),
        None => match attr.distribution.as_ref().and_then(|d| d.distinct_values) {
            // A pool of as many values as the model says there are.
            Some(n) => format!("{}-{}", abbreviation(&attr.name), skewed_index(n.max(1) as usize, attr, rng) + 1),
            None => format!("{}-{:04}", abbreviation(&attr.name), rng.below(10_000)),
        },
    }
}

/// Plain strings recognised by their name; `None` for anything else.
fn by_name(name: &str, attr: &Attribute, rng: &mut Rng) -> Option<String> {
    let list = |words: &[&str], rng: &mut Rng| skewed(words, attr, rng).to_string();
    let has = |part: &str| name.contains(part);
    Some(if has("firstname") || name == "preferredname" {
        list(FIRST_NAMES, rng)
    } else if has("lastname") {
        list(LAST_NAMES, rng)
    } else if has("displayname") || has("recipientname") || has("fullname") {
        format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES))
    } else if name == "state" {
        list(US_STATES, rng)
    } else if has("country") {
        list(COUNTRIES, rng)
    } else if has("city") {
        list(CITIES, rng)
    } else if has("timezone") {
        list(TIME_ZONES, rng)
    } else if has("postalcode") || has("zip") {
        format!("{:05}", rng.range(1001, 99_950))
    } else if name == "line1" || has("addressline") || name == "street" {
        format!("{} {} St", rng.range(1, 9999), rng.pick(STREETS))
    } else if name == "line2" {
        format!("Apt {}", rng.range(1, 400))
    } else if has("jobtitle") || name == "title" {
        list(JOB_TITLES, rng)
    } else if has("isbn") {
        isbn(rng)
    } else if has("description") || has("details") || has("notes") {
        sentence(rng, 12)
    } else if has("summary") {
        sentence(rng, 6)
    } else if has("path") {
        let depth = rng.range(1, 3);
        (0..depth).map(|_| format!("/{}", rng.pick(NOUNS).to_lowercase())).collect()
    } else if has("gamertag") || has("username") || has("nickname") {
        format!("{}{}{}", rng.pick(ADJECTIVES), rng.pick(NOUNS), rng.range(1, 99))
    } else if has("namekey") {
        format!("{}-{}", rng.pick(ADJECTIVES).to_lowercase(), rng.pick(NOUNS).to_lowercase())
    } else if name == "name" {
        format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS))
    } else if name == "tag" || name == "code" {
        (0..4).map(|_| (b'A' + rng.below(26) as u8) as char).collect()
    } else if has("location") {
        format!(
            "{}{:02}-{:02}-{}",
            (b'A' + rng.below(8) as u8) as char,
            rng.range(1, 40),
            rng.range(1, 20),
            "ABCD".as_bytes()[rng.below(4) as usize] as char
        )
    } else if name.ends_with("cutoff") {
        format!("{:02}:00", rng.range(12, 20))
    } else {
        return None;
    })
}

fn number(attr: &Attribute, index: usize, rng: &mut Rng) -> Value {
    let name = lower(&attr.name);
    let has = |part: &str| name.contains(part);
    if attr.format == Some(Format::Money) {
        let cents = if has("balance") {
            rng.range(0, 2_500_000)
        } else if has("cost") || has("tax") || has("shipping") {
            rng.range(0, 5_000)
        } else {
            rng.range(100, 50_000)
        };
        return Value::N(format!("{}.{:02}", cents / 100, cents % 100));
    }
    // Below zero and between whole numbers (a freezer's -18.5 degrees), so that
    // a key ordered by them is proven across both.
    if attr.fractional() {
        let tenths = rng.range(-400, 400);
        if tenths % 10 == 0 {
            return Value::int(tenths / 10);
        }
        return Value::N(format!("{}{}.{}", if tenths < 0 { "-" } else { "" }, tenths.abs() / 10, tenths.abs() % 10));
    }
    let n = if attr.unique {
        index as i64 + 1
    } else if has("quantity") || has("team") {
        rng.range(1, 4)
    } else if has("percent") {
        rng.range(0, 100)
    } else if has("version") || has("season") || has("depth") {
        rng.range(1, 9)
    } else if has("count") || has("capacity") {
        rng.range(0, 60)
    } else if has("level") {
        rng.range(1, 100)
    } else if has("score") || has("points") || has("xp") || has("rating") {
        rng.range(0, 5_000)
    } else if has("gram") || has("weight") {
        rng.range(50, 5_000)
    } else {
        rng.range(0, 1_000)
    };
    Value::int(n)
}

fn string_set(attr: &Attribute, rng: &mut Rng) -> Vec<String> {
    let words: Vec<String> = match &attr.format {
        Some(Format::Enum(values)) if !values.is_empty() => values.clone(),
        _ => NOUNS.iter().map(|w| w.to_lowercase()).collect(),
    };
    let mut set: Vec<String> = (0..rng.range(1, 2)).map(|_| rng.pick(&words).clone()).collect();
    set.sort();
    set.dedup();
    set
}

fn map(attr: &Attribute, rng: &mut Rng) -> IndexMap<String, Value> {
    let mut m = IndexMap::new();
    if lower(&attr.name).contains("address") {
        m.insert("line1".into(), Value::S(format!("{} {} St", rng.range(1, 9999), rng.pick(STREETS))));
        m.insert("city".into(), Value::S(rng.pick(CITIES).to_string()));
        m.insert("postalCode".into(), Value::S(format!("{:05}", rng.range(1001, 99_950))));
        m.insert("country".into(), Value::S(rng.pick(COUNTRIES).to_string()));
    } else {
        m.insert("label".into(), Value::S(rng.pick(NOUNS).to_string()));
        m.insert("value".into(), Value::int(rng.range(1, 500)));
    }
    m
}

/// The first value for `top_value_share` of the draws (capped), the rest uniformly.
fn skewed<'a, T>(values: &'a [T], attr: &Attribute, rng: &mut Rng) -> &'a T {
    let limit = attr.distribution.as_ref().and_then(|d| d.distinct_values).map_or(values.len(), |n| n as usize);
    &values[skewed_index(limit.clamp(1, values.len()), attr, rng)]
}

fn skewed_index(n: usize, attr: &Attribute, rng: &mut Rng) -> usize {
    let top = attr.distribution.as_ref().and_then(|d| d.top_value_share);
    match top {
        Some(share) if n > 1 => {
            if rng.chance(share.min(MAX_TOP_SHARE)) {
                0
            } else {
                1 + rng.below(n as u64 - 1) as usize
            }
        }
        _ => rng.below(n as u64) as usize,
    }
}

fn email(index: usize, rng: &mut Rng) -> String {
    let first = rng.pick(FIRST_NAMES).to_lowercase();
    let last = rng.pick(LAST_NAMES).to_lowercase();
    format!("{first}.{last}{}@example.com", index + 1)
}

/// An ISBN-13 with its check digit (`978` and nine digits).
fn isbn(rng: &mut Rng) -> String {
    let digits: Vec<u32> = [9, 7, 8].into_iter().chain((0..9).map(|_| rng.below(10) as u32)).collect();
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
    let check = (10 - sum % 10) % 10;
    digits.iter().chain(std::iter::once(&check)).map(|d| char::from_digit(*d, 10).unwrap_or('0')).collect()
}

/// E.164, `+1` and an area code; the subscriber digits carry the index, so unique.
fn phone(index: usize, rng: &mut Rng) -> String {
    // 7919 is prime to 10^7, so distinct indexes still give distinct numbers.
    format!("+1{}{:07}", rng.range(201, 989), (index as u64 * 7919 + 1_234_567) % 10_000_000)
}

fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// Crockford base32: 48 bits of milliseconds, then 80 random bits.
fn ulid(millis: i64, rng: &mut Rng) -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let value: u128 =
        (u128::from(millis.max(0) as u64) << 80) | (u128::from(rng.next_u64()) << 16) | u128::from(rng.below(1 << 16));
    (0..26).rev().map(|i| CROCKFORD[((value >> (5 * i)) & 31) as usize] as char).collect()
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = lorem(rng, words);
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text.push('.');
    text
}

fn lorem(rng: &mut Rng, words: usize) -> String {
    (0..words).map(|_| *rng.pick(LOREM)).collect::<Vec<_>>().join(" ")
}

/// `employeeId` → `EMP`, `sku` → `SKU`: the prefix of generated codes.
fn abbreviation(name: &str) -> String {
    let trimmed = ["Id", "ID", "Code", "Key", "Number"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name);
    let base = if trimmed.is_empty() { name } else { trimmed };
    base.chars().filter(|c| c.is_ascii_alphanumeric()).take(3).collect::<String>().to_uppercase()
}

fn lower(name: &str) -> String {
    name.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Distribution;

    fn window() -> Window {
        Window { as_of: 20_000, days: 365 }
    }

    #[test]
    fn formats_look_right() {
        let mut rng = Rng::new(3);
        let mut attr = Attribute::new("x", AttrType::String);
        attr.format = Some(Format::Ulid);
        let v = value(&attr, 0, window(), &mut rng);
        assert!(matches!(&v, Value::S(s) if s.len() == 26));
        attr.format = Some(Format::Uuid);
        assert!(matches!(value(&attr, 0, window(), &mut rng), Value::S(s) if s.len() == 36 && &s[14..15] == "4"));
        attr.format = Some(Format::Phone);
        assert!(matches!(value(&attr, 5, window(), &mut rng), Value::S(s) if s.starts_with("+1") && s.len() == 12));
        attr.format = Some(Format::Date);
        assert!(
            matches!(value(&attr, 0, window(), &mut rng), Value::S(s) if s.len() == 10 && s.as_str() <= "2024-10-04")
        );
        let mut money = Attribute::new("balance", AttrType::Number);
        money.format = Some(Format::Money);
        assert!(matches!(value(&money, 0, window(), &mut rng), Value::N(s) if s.contains('.')));
    }

    #[test]
    fn rare_values_still_show_in_small_samples() {
        let mut attr = Attribute::new("status", AttrType::String);
        attr.format = Some(Format::Enum(vec!["approved".into(), "declined".into()]));
        attr.distribution = Some(Distribution {
            distinct_values: Some(2),
            top_value_share: Some(0.999),
            present_share: None,
            writes_take_current_value: false,
        });
        let mut rng = Rng::new(9);
        let declined = (0..200).filter(|&i| value(&attr, i, window(), &mut rng) == Value::S("declined".into())).count();
        assert!(declined > 20, "{declined}");
    }

    #[test]
    fn unique_identifiers_differ() {
        let attr = Attribute::new("customerNumber", AttrType::String);
        let ids: std::collections::BTreeSet<String> = (0..1000)
            .map(|i| match identifier(&attr, "Customer", i, window(), 1) {
                Value::S(s) => s,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(ids.len(), 1000);
        assert_eq!(abbreviation("employeeId"), "EMP");
        assert_eq!(abbreviation("sku"), "SKU");
    }
}
