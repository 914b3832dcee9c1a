//! Finds where a JSON path's value starts in the text, so that schema and semantic
//! errors can name a line and column and not only a path.

use crate::path::{JsonPath, Segment};

/// Line and column (both 1-based) of the value at `path`, or of its closest
/// ancestor that exists. `text` must be valid JSON.
pub fn locate(text: &str, path: &JsonPath) -> (usize, usize) {
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    let offset = scanner.find(path.segments());
    line_column(text, offset)
}

/// A key an object holds twice, which JSON readers resolve silently (the last
/// wins): where both are, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub path: JsonPath,
    pub first: (usize, usize),
    pub second: (usize, usize),
}

/// Every key given twice in one object of `text`, which must be valid JSON.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    let mut scanner = Scanner { bytes: text.as_bytes(), pos: 0 };
    let mut found = Vec::new();
    scanner.walk(&JsonPath::root(), &mut |path, first, second| {
        found.push(DuplicateKey { path, first: line_column(text, first), second: line_column(text, second) });
    });
    found
}

pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    /// Descends along `segments` from the value at the current position and
    /// returns the offset of the deepest value reached.
    fn find(&mut self, segments: &[Segment]) -> usize {
        self.skip_ws();
        let start = self.pos;
        let Some((first, rest)) = segments.split_first() else {
            return start;
        };
        let found = match (self.peek(), first) {
            (Some(b'{'), Segment::Key(key)) => self.enter_object(key),
            (Some(b'['), Segment::Index(index)) => self.enter_array(*index),
            _ => false,
        };
        if found {
            self.find(rest)
        } else {
            start
        }
    }

    fn enter_object(&mut self, wanted: &str) -> bool {
        self.pos += 1;
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return false;
            }
            let key = self.read_string();
            self.skip_ws();
            self.pos += 1; // the colon
            self.skip_ws();
            if key == wanted {
                return true;
            }
            self.skip_value();
            self.skip_ws();
            if self.peek() != Some(b',') {
                return false;
            }
            self.pos += 1;
        }
    }

    /// Reads the value at the current position, calling `duplicate` with the
    /// path and both offsets of each key an object repeats.
    fn walk(&mut self, path: &JsonPath, duplicate: &mut dyn FnMut(JsonPath, usize, usize)) {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
                loop {
                    self.skip_ws();
                    if self.peek() != Some(b'"') {
                        break;
                    }
                    let at = self.pos;
                    let key = self.read_string();
                    self.skip_ws();
                    self.pos += 1; // the colon
                    let inner = path.key(&key);
                    match seen.get(&key) {
                        Some(&first) => duplicate(inner.clone(), first, at),
                        None => {
                            seen.insert(key, at);
                        }
                    }
                    self.walk(&inner, duplicate);
                    if !self.next_item() {
                        break;
                    }
                }
                self.skip_ws();
                self.pos += 1; // the closing brace
            }
            Some(b'[') => {
                self.pos += 1;
                for i in 0.. {
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        break;
                    }
                    self.walk(&path.index(i), duplicate);
                    if !self.next_item() {
                        break;
                    }
                }
                self.skip_ws();
                self.pos += 1; // the closing bracket
            }
            _ => self.skip_value(),
        }
    }

    /// Steps over the comma after an item; false at the end of the container.
    fn next_item(&mut self) -> bool {
        self.skip_ws();
        let more = self.peek() == Some(b',');
        if more {
            self.pos += 1;
        }
        more
    }

    fn enter_array(&mut self, wanted: usize) -> bool {
        self.pos += 1;
        for _ in 0..wanted {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return false;
            }
            self.skip_value();
            self.skip_ws();
            if self.peek() != Some(b',') {
                return false;
            }
            self.pos += 1;
        }
        self.skip_ws();
        self.peek().is_some_and(|b| b != b']')
    }

    fn skip_value(&mut self) {
        match self.peek() {
            Some(b'"') => {
                self.read_string();
            }
            Some(b'{') | Some(b'[') => self.skip_container(),
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
    }

    fn skip_container(&mut self) {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.read_string();
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Reads a string literal, returning its content with escapes decoded.
    fn read_string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        let literal = std::str::from_utf8(&self.bytes[start..self.pos.min(self.bytes.len())]);
        literal.ok().and_then(|l| serde_json::from_str(l).ok()).unwrap_or_default()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c\": {\"d\": true}\n}";

    #[test]
    fn finds_nested_values() {
        let path = JsonPath::root().key("a").index(1).key("b");
        assert_eq!(locate(TEXT, &path), (2, 18));
        assert_eq!(locate(TEXT, &JsonPath::root().key("c").key("d")), (3, 14));
    }

    #[test]
    fn finds_keys_given_twice_at_any_depth() {
        let text = "{\"a\": 1, \"b\": [{\"c\": 1,\n \"c\": 2}], \"a\": {\"x\": 0}}";
        let found = duplicate_keys(text);
        let paths: Vec<String> = found.iter().map(|d| d.path.to_string()).collect();
        assert_eq!(paths, ["$.b[0].c", "$.a"]);
        assert_eq!((found[0].first, found[0].second), ((1, 17), (2, 2)));
        assert!(duplicate_keys(TEXT).is_empty());
    }

    #[test]
    fn falls_back_to_the_closest_ancestor() {
        let path = JsonPath::root().key("a").index(7);
        assert_eq!(locate(TEXT, &path), (2, 8));
        assert_eq!(locate(TEXT, &JsonPath::root().key("zz")), (1, 1));
    }
}
