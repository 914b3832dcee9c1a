//! Identifiers in each language's convention: `customer_number` (Python, Rust),
//! `customerNumber` (TypeScript), `CUSTOMER_NUMBER` (shell variables), with a `_`
//! appended where the name would be a keyword, a name the environment already
//! gives a meaning to, or a local name of the generated code.

use super::Language;

/// The words of a name: split at anything not an ASCII letter or digit and at
/// camelCase humps; digits stay with the word before them. `date.from` is
/// `[date, from]`, `GSI1PK` is `[gsi1, pk]`, `AP01` is `[ap01]`.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let hump = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if hump && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn snake(words: &[String]) -> String {
    words.join("_")
}

pub fn camel(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            let mut chars = w.chars();
            if let Some(first) = chars.next() {
                out.push(first.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

pub fn upper(words: &[String]) -> String {
    words.join("_").to_ascii_uppercase()
}

/// A name in `language`'s convention for variables and parameters. Never empty,
/// never starting with a digit, never a reserved word.
pub fn variable(language: Language, name: &str) -> String {
    let mut w = words(name);
    if w.is_empty() {
        w.push("value".to_string());
    }
    if w[0].starts_with(|c: char| c.is_ascii_digit()) {
        w.insert(0, "n".to_string());
    }
    let ident = match language {
        Language::Python | Language::Rust | Language::Partiql => snake(&w),
        Language::TypeScript => camel(&w),
        Language::Cli => upper(&w),
    };
    if reserved(language, &ident) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// A function's name: the pattern's id and name, `ap01_get_a_customer` or
/// `ap01GetACustomer`, so that it is unique in a file of every pattern and says
/// what it does.
pub fn function(language: Language, id: &str, name: &str) -> String {
    let mut w = words(id);
    w.extend(words(name));
    if w.first().is_none_or(|f| f.starts_with(|c: char| c.is_ascii_digit())) {
        w.insert(0, "pattern".to_string());
    }
    match language {
        Language::TypeScript => camel(&w),
        _ => snake(&w),
    }
}

fn reserved(language: Language, ident: &str) -> bool {
    let list: &[&str] = match language {
        Language::Python | Language::Partiql => &[
            // Keywords and soft keywords.
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            "match",
            "case",
            // Built-ins and modules the generated code calls.
            "str",
            "int",
            "dict",
            "list",
            "set",
            "len",
            "range",
            "sorted",
            "all",
            "any",
            "json",
            "os",
            "sys",
            "boto3",
            "print",
            "type",
            "id",
            "input",
            "max",
            "min",
            "datetime",
            "timezone",
            "time",
            "decimal",
            "Decimal",
            // Locals of the generated code.
            "client",
            "table_name",
            "items",
            "item",
            "page",
            "pages",
            "request",
            "response",
            "previous",
            "shard",
            "pool",
            "keys",
            "pending",
            "found",
            "params",
            "chunk",
            "value",
            "key",
            "batch",
            "attempt",
            "transact_items",
        ],
        Language::Rust => &[
            "as",
            "async",
            "await",
            "break",
            "const",
            "continue",
            "crate",
            "dyn",
            "else",
            "enum",
            "extern",
            "false",
            "fn",
            "for",
            "if",
            "impl",
            "in",
            "let",
            "loop",
            "match",
            "mod",
            "move",
            "mut",
            "pub",
            "ref",
            "return",
            "self",
            "static",
            "struct",
            "super",
            "trait",
            "true",
            "type",
            "unsafe",
            "use",
            "where",
            "while",
            "abstract",
            "become",
            "box",
            "do",
            "final",
            "gen",
            "macro",
            "override",
            "priv",
            "try",
            "typeof",
            "unsized",
            "virtual",
            "yield",
            "union",
            // Locals of the generated code.
            "client",
            "table_name",
            "items",
            "item",
            "page",
            "pages",
            "output",
            "previous",
            "shard",
            "keys",
            "key",
            "pending",
            "found",
            "chunk",
            "request",
            "values",
            "names",
            "attempt",
        ],
        Language::TypeScript => &[
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "as",
            "implements",
            "interface",
            "let",
            "package",
            "private",
            "protected",
            "public",
            "static",
            "yield",
            "any",
            "boolean",
            "number",
            "string",
            "symbol",
            "type",
            "from",
            "of",
            "await",
            "async",
            "arguments",
            "eval",
            "undefined",
            "NaN",
            "Infinity",
            "Date",
            "String",
            "Number",
            "Math",
            "Promise",
            "Array",
            "Object",
            "JSON",
            // Locals of the generated code.
            "client",
            "tableName",
            "items",
            "item",
            "page",
            "pages",
            "output",
            "previous",
            "shard",
            "keys",
            "key",
            "pending",
            "found",
            "chunk",
            "request",
            "startKey",
            "attempt",
        ],
        Language::Cli => &[
            // Variables the shell, the system or the AWS CLI give a meaning to.
            "PATH",
            "HOME",
            "USER",
            "SHELL",
            "PWD",
            "OLDPWD",
            "IFS",
            "PS1",
            "PS2",
            "PS4",
            "LANG",
            "TERM",
            "HOSTNAME",
            "UID",
            "EUID",
            "PPID",
            "RANDOM",
            "SECONDS",
            "LINENO",
            "OPTARG",
            "OPTIND",
            "GROUPS",
            "BASH",
            "TMPDIR",
            "LOGNAME",
            "MAIL",
            "EDITOR",
            "PAGER",
            "CDPATH",
            "HISTFILE",
            "REPLY",
            "PIPESTATUS",
            "FUNCNAME",
            "SHLVL",
            "DISPLAY",
            "TZ",
            "COLUMNS",
            "LINES",
            // Locals of the generated script.
            "TABLE_NAME",
            "ITEMS",
            "ITEM",
            "PAGE",
            "PREVIOUS",
            "SHARD",
            "KEYS",
            "KEY",
            "PENDING",
            "OUT",
            "CHUNK",
            "ATTEMPT",
            "PAGES",
            "VALUE",
            "BYTE",
            "HASH",
            "TEXT",
        ],
    };
    list.contains(&ident) || (language == Language::Cli && (ident.starts_with("AWS_") || ident.starts_with("LC_")))
}

/// Names given out in one scope (a function's parameters and locals): each model
/// name gets its identifier, made unique with a number where two would clash.
pub struct Scope {
    language: Language,
    given: Vec<(String, String)>,
}

impl Scope {
    pub fn new(language: Language) -> Scope {
        Scope { language, given: Vec::new() }
    }

    /// The identifier of `name` in this scope, the same every time it is asked for.
    pub fn name(&mut self, name: &str) -> String {
        if let Some((_, ident)) = self.given.iter().find(|(n, _)| n == name) {
            return ident.clone();
        }
        let base = variable(self.language, name);
        let mut ident = base.clone();
        let mut n = 2;
        while self.given.iter().any(|(_, i)| i == &ident) {
            ident = format!("{base}{n}");
            n += 1;
        }
        self.given.push((name.to_string(), ident.clone()));
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn words_split_at_humps_and_punctuation() {
        assert_eq!(w("customerNumber"), ["customer", "number"]);
        assert_eq!(w("date.from"), ["date", "from"]);
        assert_eq!(w("GSI1PK"), ["gsi1", "pk"]);
        assert_eq!(w("AP01"), ["ap01"]);
        assert_eq!(w("HTTPServer"), ["http", "server"]);
        assert_eq!(w("Get a customer, by phone!"), ["get", "a", "customer", "by", "phone"]);
        assert_eq!(w("friend.playerId"), ["friend", "player", "id"]);
    }

    #[test]
    fn conventions_and_reserved_words() {
        assert_eq!(variable(Language::Python, "customerNumber"), "customer_number");
        assert_eq!(variable(Language::TypeScript, "date.from"), "dateFrom");
        assert_eq!(variable(Language::Cli, "expectedLastTransactionNumber"), "EXPECTED_LAST_TRANSACTION_NUMBER");
        assert_eq!(variable(Language::Rust, "type"), "type_");
        assert_eq!(variable(Language::Python, "from"), "from_");
        assert_eq!(variable(Language::Cli, "path"), "PATH_");
        assert_eq!(variable(Language::Cli, "awsRegion"), "AWS_REGION_");
        assert_eq!(variable(Language::TypeScript, "delete"), "delete_");
        assert_eq!(variable(Language::Python, "2fa"), "n_2fa");
        assert_eq!(function(Language::Python, "AP01", "Get a customer"), "ap01_get_a_customer");
        assert_eq!(function(Language::TypeScript, "AP01", "Get a customer"), "ap01GetACustomer");
        assert_eq!(function(Language::Rust, "01", "x"), "pattern_01_x");
    }

    #[test]
    fn a_scope_keeps_names_apart() {
        let mut scope = Scope::new(Language::Python);
        assert_eq!(scope.name("date.from"), "date_from");
        assert_eq!(scope.name("date_from"), "date_from2");
        assert_eq!(scope.name("date.from"), "date_from");
    }
}
