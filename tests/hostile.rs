//! Hostile models: the ACME model with every name and description it has, pattern
//! ids, tags and one attribute made of the fragments an attacker would try (quotes,
//! backticks, `$(...)`, `${...}`, `%{...}`, line breaks, `*/`, `]]>`, `<script>`,
//! Unicode line separators, bidi controls, NUL and DEL). `check` refuses such a
//! model; these tests bypass it, as a hand-edited file or a buggy importer could,
//! and show that every generated script and export still parses with the real
//! tool (bash, Python's ast, rustfmt, tsc, hcl-rs, YAML, cfn-lint, an XML parser,
//! the PartiQL project's reference parser), keeps the names as data, and runs
//! nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;
use support::{assert_exit, repo, run, stderr, stdout, type_check};
use tablewright_engine::codegen::{code_all, Language};
use tablewright_engine::design::derive;
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::Model;

/// What an attacker puts in a name. Running any of the `touch` commands leaves a
/// file named PWNED in the working directory.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "`touch PWNED`",
    "$(touch PWNED)",
    "${touch PWNED}",
    "%{ if true }x%{ endif }",
    "\ntouch PWNED\n",
    "*/ touch PWNED /*",
    "]]>",
    "<script>alert(1)</script>",
    "\u{2028}touch PWNED",
    "\u{2029}",
    "\u{85}",
    "\r",
    "\\",
    "\"\"\"",
    "-->",
    "\u{202e}",
    "\u{0}",
    "\u{7f}",
    "|",
    "```",
];

/// The `i`-th hostile text: three fragments around a word, different for each `i`.
fn hostile(i: usize) -> String {
    let n = FRAGMENTS.len();
    format!("x{i}{}{}y{}", FRAGMENTS[i % n], FRAGMENTS[(i * 7 + 3) % n], FRAGMENTS[(i * 5 + 1) % n])
}

/// A hostile name that key templates can still hold (no `#`, `{`, `}`, `:`, `.`):
/// the corpus is about escaping, not about key syntax, which `check` keeps out.
fn hostile_name(i: usize) -> String {
    hostile(i).replace(['#', '{', '}', ':', '.'], "_")
}

/// The ACME model, made hostile with `seed` choosing the fragments.
fn hostile_model(seed: usize) -> Model {
    let text = std::fs::read_to_string(repo().join("models/acme-bank.tablewright.json")).unwrap();
    // Renaming by JSON token changes every reference too: relationship ends,
    // pattern targets, canvas positions.
    let entity = Json::String(hostile_name(seed)).to_string();
    let attribute = Json::String(hostile_name(seed + 1)).to_string();
    let text = text.replace("\"Customer\"", &entity).replace("\"email\"", &attribute);
    let mut model: Json = serde_json::from_str(&text).unwrap();
    let mut next = seed + 2;
    let mut take = || {
        next += 1;
        hostile(next)
    };
    model["name"] = take().into();
    model["description"] = take().into();
    model["table"]["tags"][take()] = take().into();
    for entity in model["entities"].as_array_mut().unwrap() {
        entity["description"] = take().into();
    }
    for pattern in model["access_patterns"].as_array_mut().unwrap() {
        let id = format!("{}{}", pattern["id"].as_str().unwrap(), take());
        pattern["id"] = id.into();
        pattern["name"] = take().into();
        pattern["description"] = take().into();
    }
    serde_json::from_value(model).expect("the hostile model has the model's shape")
}

/// Every code language and export format of `model`, written to `dir`.
struct Outputs {
    files: Vec<(String, PathBuf)>,
}

impl Outputs {
    fn of(model: &Model, dir: &Path) -> Outputs {
        let design = derive(model);
        let mut files = Vec::new();
        for language in Language::ALL {
            let name = format!("patterns.{}", language.extension());
            let code = code_all(model, &design, language).unwrap_or_else(|e| panic!("{language}: {e}"));
            std::fs::write(dir.join(&name), code).unwrap();
            files.push((language.name().to_string(), dir.join(name)));
        }
        for format in ExportFormat::ALL {
            let bytes = export(model, &design, format, 0).unwrap_or_else(|e| panic!("{}: {e}", format.id()));
            let name = format!("export.{}.{}", format.id(), format.extension());
            std::fs::write(dir.join(&name), bytes).unwrap();
            files.push((format.id().to_string(), dir.join(name)));
        }
        Outputs { files }
    }

    fn file(&self, kind: &str) -> &Path {
        &self.files.iter().find(|(k, _)| k == kind).unwrap_or_else(|| panic!("no {kind} output")).1
    }

    fn text(&self, kind: &str) -> String {
        std::fs::read_to_string(self.file(kind)).unwrap()
    }
}

fn succeeds(command: &mut Command, what: &str) -> String {
    let out = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A Markdown line without its code spans (`` `x` ``, ``` `` a`b `` ```), where
/// markup is shown as text.
fn outside_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let fence_len = rest[start..].chars().take_while(|&c| c == '`').count();
        let fence = "`".repeat(fence_len);
        let after = &rest[start + fence_len..];
        match after.find(&fence) {
            Some(end) => rest = &after[end + fence_len..],
            None => return out + &rest[start..],
        }
    }
    out + rest
}

const SEEDS: [usize; 6] = [0, 5, 9, 13, 17, 21];

#[test]
fn check_refuses_every_hostile_text_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let model = hostile_model(0);
    let file = dir.path().join("hostile.tablewright.json");
    std::fs::write(&file, serde_json::to_string_pretty(&model).unwrap()).unwrap();
    let out = run(dir.path(), &["check", "hostile.tablewright.json"]);
    assert_exit(&out, 1);
    let said = format!("{}{}", stdout(&out), stderr(&out));
    // (Quotes, `$(...)` and `<script>` are printable: names may hold them. Line
    // breaks, invisible characters and ids that are not plain words are refused.)
    let places = ["$.table.tags[", "$.entities[1].description", "$.access_patterns[0].id", "$.access_patterns[0].name"];
    for place in places {
        assert!(said.contains(place), "check does not name {place}:\n{said}");
    }
    assert!(!said.contains('\u{0}') && !said.contains('\u{2028}'), "the messages show hidden characters escaped");
}

#[test]
fn generated_bash_parses_keeps_every_id_and_runs_nothing() {
    for seed in SEEDS {
        let dir = tempfile::tempdir().unwrap();
        let model = hostile_model(seed);
        let outputs = Outputs::of(&model, dir.path());
        let script = outputs.file("cli");
        succeeds(Command::new("bash").arg("-n").arg(script), "bash -n");
        let bash = |args: &[&str]| {
            Command::new("bash")
                .arg(script)
                .args(args)
                .current_dir(dir.path())
                .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
                .env("AWS_ACCESS_KEY_ID", "x")
                .env("AWS_SECRET_ACCESS_KEY", "x")
                .env("AWS_DEFAULT_REGION", "us-east-1")
                .env("AWS_MAX_ATTEMPTS", "1")
                .output()
                .unwrap()
        };
        let usage = bash(&[]);
        assert_eq!(usage.status.code(), Some(2), "{}", String::from_utf8_lossy(&usage.stderr));
        // Each pattern's id reaches its function: one with inputs stops at the first
        // missing input, before any request.
        // (An id with a NUL cannot be an argument of any program: skipped.)
        for p in model.access_patterns.iter().filter(|p| !p.inputs.is_empty() && !p.id.contains('\0')) {
            let out = bash(&[&p.id]);
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(said.contains("is required"), "seed {seed}, {:?} did not reach its function: {said}", p.id);
        }
        assert!(!dir.path().join("PWNED").exists(), "seed {seed}: the generated script ran an injected command");
    }
}

#[test]
fn generated_python_parses_and_keeps_every_id_as_a_string() {
    let program = "import ast, json, sys\n\
                   tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())\n\
                   print(json.dumps([n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]))";
    for seed in SEEDS {
        let dir = tempfile::tempdir().unwrap();
        let model = hostile_model(seed);
        let outputs = Outputs::of(&model, dir.path());
        let strings = succeeds(Command::new("python3").args(["-c", program]).arg(outputs.file("python")), "ast.parse");
        let strings: Vec<String> = serde_json::from_str(&strings).unwrap();
        for p in &model.access_patterns {
            assert!(strings.contains(&p.id), "seed {seed}: the id {:?} is not a string of the module", p.id);
        }
    }
}

/// A piece of PartiQL text: code, a quoted string or name (with its quotes), or a
/// `--` comment (with its line break).
enum Piece {
    Code(String),
    Quoted(String),
    Comment(String),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut code = String::new();
    while let Some(c) = chars.next() {
        let close = match c {
            '\'' | '"' => c,
            '-' if chars.peek() == Some(&'-') => '\n',
            _ => {
                code.push(c);
                continue;
            }
        };
        out.push(Piece::Code(std::mem::take(&mut code)));
        let mut quoted = c.to_string();
        while let Some(d) = chars.next() {
            quoted.push(d);
            // A doubled quote inside a quoted text is the quote itself.
            if d == close && close != '\n' && chars.peek() == Some(&close) {
                quoted.push(chars.next().unwrap());
            } else if d == close {
                break;
            }
        }
        out.push(if close == '\n' { Piece::Comment(quoted) } else { Piece::Quoted(quoted) });
    }
    out.push(Piece::Code(code));
    out
}

/// A DynamoDB PartiQL statement as a SELECT of the same expressions, for the
/// reference parser, whose grammar has SELECT but neither DynamoDB's DML nor its
/// `?` parameters: `?` becomes NULL; INSERT's value is selected, UPDATE's
/// assignments and DELETE's conditions become conditions. Only code is rewritten:
/// text in quotes (every name) and comments stay as they are.
fn as_select(statement: &str) -> String {
    let mut out = String::new();
    let mut head: Option<&str> = None;
    let mut table_end: Option<String> = None;
    let mut after_table = false;
    for piece in pieces(statement) {
        match piece {
            Piece::Comment(text) => out.push_str(&text),
            Piece::Quoted(text) if head == Some("INSERT") && !after_table => {
                table_end = Some(format!(" FROM {text}"));
                after_table = true;
            }
            Piece::Quoted(text) => {
                out.push_str(&text);
                after_table |= head.is_some();
            }
            Piece::Code(code) => {
                let mut code = code.replace('?', "NULL");
                if head.is_none() && !code.trim().is_empty() {
                    let (kind, select) = [
                        ("INSERT INTO ", "SELECT VALUE "),
                        ("UPDATE ", "SELECT * FROM "),
                        ("DELETE FROM ", "SELECT * FROM "),
                        ("SELECT ", "SELECT "),
                    ]
                    .into_iter()
                    .find(|(k, _)| code.trim_start().starts_with(k))
                    .unwrap_or_else(|| panic!("not a statement: {code:?}"));
                    head = Some(kind.split(' ').next().unwrap());
                    code = code.replacen(kind, select, 1);
                } else if head == Some("INSERT") && after_table && table_end.is_some() {
                    code = code.replacen(" VALUE ", "", 1);
                } else if head == Some("UPDATE") {
                    code = code.replacen(" SET ", " WHERE ", 1);
                    head = Some("UPDATE-WHERE");
                } else if head == Some("UPDATE-WHERE") {
                    code = code.replace(" SET ", " AND ").replace(" REMOVE ", " AND ").replace(" WHERE ", " AND ");
                }
                out.push_str(&code);
            }
        }
    }
    out + &table_end.unwrap_or_default()
}

#[test]
fn generated_partiql_parses_statement_by_statement() {
    let parser = partiql_parser::Parser::default();
    // ACME and a model with an absent filter, as written and made hostile.
    let plain = ["models/acme-bank.tablewright.json", "tests/fixtures/library-optional-key.tablewright.json"];
    let plain = plain.map(|f| tablewright_engine::load::load_file(&repo().join(f)).unwrap());
    for (seed, model) in [None, None].into_iter().zip(plain).chain(SEEDS.map(|s| (Some(s), hostile_model(s)))) {
        let dir = tempfile::tempdir().unwrap();
        let text = Outputs::of(&model, dir.path()).text("partiql");
        // Each statement with the comments before it: a name that broke out of a
        // `--` comment would be text of the statement, which the parser rejects.
        let mut chunk = String::new();
        let mut statements = 0;
        for line in text.lines() {
            chunk.push_str(line);
            chunk.push('\n');
            if line.starts_with("--") || !line.trim_end().ends_with(';') {
                continue;
            }
            let statement = as_select(chunk.trim_end().trim_end_matches(';'));
            if let Err(e) = parser.parse(&statement) {
                panic!("seed {seed:?}: the PartiQL parser rejects\n{chunk}\nas\n{statement}\n{:?}", e.errors);
            }
            statements += 1;
            chunk.clear();
        }
        assert!(statements >= model.access_patterns.len(), "seed {seed:?}: {statements} statements");
        let rest = chunk.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("--")).collect::<Vec<_>>();
        assert!(rest.is_empty(), "seed {seed:?}: text outside any statement or comment: {rest:?}");
    }
}

#[test]
fn generated_rust_and_typescript_parse() {
    let mut typescript = Vec::new();
    for seed in SEEDS {
        let dir = tempfile::tempdir().unwrap();
        let outputs = Outputs::of(&hostile_model(seed), dir.path());
        // rustfmt parses the whole file and fails on a syntax error.
        succeeds(
            Command::new("rustfmt").args(["--edition", "2021", "--emit", "stdout"]).arg(outputs.file("rust")),
            "rustfmt (parse)",
        );
        typescript.push((format!("patterns{seed}.ts"), outputs.text("typescript").into_bytes()));
    }
    type_check("codegen-ts", "hostile", &typescript);
}

/// The CDK export's header comment and strings hold the names; tsc with
/// aws-cdk-lib parses and types what is left.
#[test]
fn cdk_exports_type_check_against_aws_cdk_lib() {
    let mut stacks = Vec::new();
    for seed in SEEDS {
        let dir = tempfile::tempdir().unwrap();
        let model = hostile_model(seed);
        let outputs = Outputs::of(&model, dir.path());
        let stack = outputs.text("cdk");
        let (_, tag_value) = model.table.tags.iter().next().unwrap();
        assert!(
            stack.contains(&tablewright_engine::escape::quoted(tag_value)),
            "seed {seed}: the tag's value is not one string literal in the stack"
        );
        stacks.push((format!("hostile{seed}.ts"), stack.into_bytes()));
    }
    type_check("cdk", "hostile", &stacks);
}

#[test]
fn exports_parse_and_keep_the_names_as_data() {
    let mut templates = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    for seed in SEEDS {
        let sub = dir.path().join(seed.to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let model = hostile_model(seed);
        let outputs = Outputs::of(&model, &sub);
        let (tag_key, tag_value) = model.table.tags.iter().next().unwrap();

        // CloudFormation: the YAML reads back as the JSON; the tag is intact.
        let from_yaml = succeeds(
            Command::new("python3")
                .args([
                    "-c",
                    "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))",
                ])
                .arg(outputs.file("cloudformation")),
            "yaml.safe_load",
        );
        let from_yaml: Json = serde_json::from_str(&from_yaml).unwrap();
        let from_json: Json = serde_json::from_str(&outputs.text("cloudformation-json")).unwrap();
        assert_eq!(from_yaml, from_json, "seed {seed}: the YAML and JSON templates differ");
        let tags = from_json["Resources"]["Table"]["Properties"]["Tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| t["Key"] == tag_key.as_str() && t["Value"] == tag_value.as_str()));
        templates.push(outputs.file("cloudformation").to_path_buf());
        templates.push(outputs.file("cloudformation-json").to_path_buf());

        // Terraform: HCL that holds the tag as written, and no interpolation.
        let body: hcl::Body = hcl::from_str(&outputs.text("terraform")).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let resource = body.blocks().find(|b| b.identifier() == "resource").expect("the table resource");
        let tags = resource.body().attributes().find(|a| a.key() == "tags").expect("tags");
        let hcl::Expression::Object(tags) = tags.expr() else { panic!("tags are an object") };
        let want = hcl::Expression::String(tag_value.clone());
        assert!(tags.values().any(|v| *v == want), "seed {seed}: the tag's value changed: {tags:?}");

        // The NoSQL Workbench and aws-cli JSON: the model's name survives.
        let nwb: Json = serde_json::from_str(&outputs.text("nosql-workbench")).unwrap();
        assert_eq!(nwb["ModelName"], model.name.as_str());
        let _: Json = serde_json::from_str(&outputs.text("aws-cli")).unwrap();

        // SVG: well-formed XML (and PNG, rendered from it, exists).
        succeeds(
            Command::new("python3")
                .args(["-c", "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])"])
                .arg(outputs.file("svg")),
            "an XML parser on the SVG",
        );
        assert!(std::fs::metadata(outputs.file("png")).unwrap().len() > 1000);

        // Markdown and Mermaid: no markup from a name, one diagram fence.
        let markdown = outputs.text("markdown");
        let raw = markdown.lines().find(|l| outside_code_spans(l).to_lowercase().contains("<script"));
        assert!(raw.is_none(), "seed {seed}: raw <script> in the Markdown: {raw:?}");
        assert_eq!(markdown.lines().filter(|l| l.starts_with("```")).count(), 4, "seed {seed}: the fences moved");
        for text in [&markdown, &outputs.text("mermaid")] {
            assert!(!text.contains(|c| tablewright_engine::escape::is_hidden(c) && c != '\n'));
        }
    }
    // cfn-lint parses every template (E0000 is "could not be parsed"); its rules
    // on values rightly reject the hostile tags, which `check` refuses too.
    let entry = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())";
    let lint = Command::new("python3").args(["-c", entry]).args(&templates).output().unwrap();
    let said = String::from_utf8_lossy(&lint.stdout);
    assert!(!said.contains("E0000"), "cfn-lint could not parse an export:\n{said}");
    assert!(said.contains("E3024"), "cfn-lint ran and judged the tags:\n{said}");
}
