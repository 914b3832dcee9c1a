//! The code `tablewright code` generates, checked by the real tools: tsc with the
//! AWS SDK v3 (lib-dynamodb) for the TypeScript of every pattern of every example
//! and corpus model; and for the AWS CLI scripts and the Python modules, every ACME pattern
//! run against DynamoDB Local, deployed and seeded by `tablewright deploy` and
//! `tablewright seed`: each read's answer compared with the oracle's (computed from
//! the model over the same sample data), each write run through the oracle's
//! scenarios (it succeeds and leaves the items as the model says, or it is
//! rejected and changes nothing). scripts/test.sh installs the tools.
//! (The Rust is compiled by the workspace itself: tests/codegen-rs.)

mod support;

use std::path::Path;
use std::process::Command;

use indexmap::IndexMap;
use serde_json::Value as Json;
use support::{assert_exit, aws_env, corpus_models, example_models, repo, run, stdout, stem, Local};
use tablewright_engine::codegen::negates;
use tablewright_engine::codegen::ops::InputKind;
use tablewright_engine::codegen::{input_names, program, Language, Program};
use tablewright_engine::design::{derive, Design};
use tablewright_engine::model::PatternKind;
use tablewright_engine::oracle::{
    compare, draw, draw_answered, expected, same, scenarios, Expected, Params, WriteScenario,
};
use tablewright_engine::sample::{date_text, generate, Rng, SampleOptions, Value};
use tablewright_engine::template::pad_number;
use tablewright_engine::{load_file, Model};

/// `tablewright code MODEL --pattern ID --lang LANG` (or `--all`).
fn generated(model: &Path, pattern: Option<&str>, lang: &str) -> String {
    let model = model.to_str().unwrap();
    let args = match pattern {
        Some(id) => vec!["code", model, "--pattern", id, "--lang", lang],
        None => vec!["code", model, "--all", "--lang", lang],
    };
    let out = run(&repo(), &args);
    assert_exit(&out, 0);
    stdout(&out)
}

#[test]
fn typescript_of_every_pattern_type_checks_against_the_aws_sdk() {
    let dir = repo().join("tests/codegen-ts");
    let tsc = dir.join("node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "tsc and the AWS SDK are not installed: run scripts/test.sh, or `npm ci --prefix tests/codegen-ts`"
    );
    let out_dir = dir.join("out");
    let _ = std::fs::remove_dir_all(&out_dir);
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut files = 0;
    for model_path in example_models().into_iter().chain(corpus_models()) {
        let model = load_file(&model_path).unwrap();
        let folder = out_dir.join(stem(&model_path));
        std::fs::create_dir_all(&folder).unwrap();
        for p in &model.access_patterns {
            std::fs::write(folder.join(format!("{}.ts", p.id)), generated(&model_path, Some(&p.id), "typescript"))
                .unwrap();
            files += 1;
        }
        std::fs::write(folder.join("all.ts"), generated(&model_path, None, "typescript")).unwrap();
    }
    assert!(files >= 21, "only {files} patterns generated");
    let check = Command::new(&tsc).args(["-p", "tsconfig.json"]).current_dir(&dir).output().unwrap();
    assert!(
        check.status.success(),
        "tsc rejected the generated TypeScript:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn every_script_and_python_module_of_every_example_and_corpus_model_parses() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for model_path in example_models().into_iter().chain(corpus_models()) {
        let model = load_file(&model_path).unwrap();
        let ids: Vec<Option<&str>> = model.access_patterns.iter().map(|p| Some(p.id.as_str())).chain([None]).collect();
        for id in ids {
            let name = format!("{}-{}", stem(&model_path), id.unwrap_or("all"));
            let script = dir.path().join(format!("{name}.sh"));
            let module = dir.path().join(format!("{}.py", name.replace('-', "_")));
            std::fs::write(&script, generated(&model_path, id, "cli")).unwrap();
            std::fs::write(&module, generated(&model_path, id, "python")).unwrap();
            let bash = Command::new("bash").arg("-n").arg(&script).output().unwrap();
            assert!(bash.status.success(), "{name}.sh: {}", String::from_utf8_lossy(&bash.stderr));
            let python = Command::new("python3").args(["-m", "py_compile"]).arg(&module).output().unwrap();
            assert!(python.status.success(), "{name}.py: {}", String::from_utf8_lossy(&python.stderr));
            checked += 1;
        }
    }
    assert!(checked >= 21, "only {checked} patterns checked");
}

/// An item as plain JSON (what the Python module prints) in the sample's values.
fn from_plain(json: &Json) -> Value {
    match json {
        Json::String(s) => Value::S(s.clone()),
        Json::Number(n) => Value::N(n.to_string()),
        Json::Bool(b) => Value::Bool(*b),
        Json::Array(a) => Value::L(a.iter().map(from_plain).collect()),
        Json::Object(o) => Value::M(o.iter().map(|(k, v)| (k.clone(), from_plain(v))).collect()),
        Json::Null => Value::S(String::new()),
    }
}

type Item = IndexMap<String, Value>;

/// The Python module's answer: a JSON list of plain items.
fn python_items(text: &str) -> Result<Vec<Item>, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("not JSON ({e}): {text}"))?;
    let list = json.as_array().ok_or_else(|| format!("not a list: {text}"))?;
    Ok(list
        .iter()
        .map(|item| {
            item.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), from_plain(v))).collect()).unwrap_or_default()
        })
        .collect())
}

/// The script's answer: the AWS CLI's JSON (`{"Item": ...}`, `{"Items": [...]}`,
/// nothing for a GetItem that found nothing).
fn cli_items(text: &str) -> Result<Vec<Item>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let json: Json = serde_json::from_str(text).map_err(|e| format!("not JSON ({e}): {text}"))?;
    let items: Vec<&Json> = match (json.get("Items"), json.get("Item")) {
        (Some(Json::Array(list)), _) => list.iter().collect(),
        (_, Some(item)) => vec![item],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .map(|item| {
            let object = item.as_object().ok_or_else(|| format!("an item that is no object: {item}"))?;
            object
                .iter()
                .map(|(k, v)| Value::from_dynamodb_json(v).map(|v| (k.clone(), v)).ok_or(format!("{k}: {v}")))
                .collect()
        })
        .collect()
}

/// The parameters as the Python module's JSON argument, under the model's names.
fn python_inputs(params: &Params, inputs: &[(String, String)]) -> String {
    let object: serde_json::Map<String, Json> =
        inputs.iter().map(|(name, _)| (name.clone(), params[name.as_str()].to_plain_json())).collect();
    Json::Object(object).to_string()
}

#[test]
fn cli_and_python_code_of_every_acme_pattern_agrees_with_the_oracle_on_dynamodb_local() {
    for tool in [["aws", "--version"], ["jq", "--version"], ["python3", "-c"]] {
        let args: &[&str] = if tool[0] == "python3" { &["-c", "import boto3"] } else { &tool[1..] };
        let ok = Command::new(tool[0]).args(args).output().is_ok_and(|o| o.status.success());
        assert!(ok, "{} is missing: scripts/test.sh installs the AWS CLI and boto3 (pip) and jq", tool[0]);
    }
    let live = Deployed::new(&repo().join("models/acme-bank.tablewright.json"));
    let (model_path, model) = (&live.model_path, &live.model);
    let (scratch, endpoint) = (&live.scratch, live.local.endpoint());

    let mut failures: Vec<String> = Vec::new();
    let runs = live.run_reads(&[], &mut failures);
    assert!(runs >= 17 * 2 * 2, "only {runs} runs");

    let statements = live.run_partiql(&[], &mut failures);
    assert!(statements >= 15, "only {statements} PartiQL statements run");

    let scenario_runs = live.run_writes(&[], &mut failures);
    assert!(scenario_runs >= 7 * 2, "only {scenario_runs} write runs");

    // Expiry: no request deletes; the code checks that the deployed table has TTL on
    // the attribute the writers set (and fails when it has not).
    for p in model.access_patterns.iter().filter(|p| p.kind == PatternKind::Expire) {
        for (tool, lang, ext) in [("python3", "python", "py"), ("bash", "cli", "sh")] {
            let file = scratch.path().join(format!("{}.{ext}", p.id.to_lowercase()));
            std::fs::write(&file, generated(model_path, Some(&p.id), lang)).unwrap();
            let mut command = Command::new(tool);
            command.arg(&file);
            aws_env(&mut command, &endpoint, scratch.path());
            let out = command.output().unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || !text.contains("expiresAt") {
                failures.push(format!("{} {lang}: {text}{}", p.id, String::from_utf8_lossy(&out.stderr)));
            }
        }
    }
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

/// A model deployed to a DynamoDB Local of its own with `tablewright deploy` and
/// seeded with `tablewright seed`, beside the same sample the oracle reads (the
/// same options give the same items).
struct Deployed {
    model_path: std::path::PathBuf,
    model: Model,
    design: Design,
    sample: tablewright_engine::sample::Sample,
    options: SampleOptions,
    // Dropped before the scratch folder its log is in.
    local: Local,
    scratch: tempfile::TempDir,
}

impl Deployed {
    fn new(model_path: &Path) -> Deployed {
        let scratch = tempfile::tempdir().unwrap();
        let local = Local::start(&scratch.path().join("dynamodb-local.log"));
        let endpoint = local.endpoint();
        let model: Model = load_file(model_path).unwrap();
        let design = derive(&model);
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let options = SampleOptions { items_per_entity: 40, seed: 7, as_of: SampleOptions::month_start(now) };
        let sample = generate(&model, &design, &options).unwrap();
        let model_arg = model_path.to_str().unwrap();
        let deploy = run(scratch.path(), &["deploy", model_arg, "--endpoint", &endpoint, "--yes"]);
        assert_exit(&deploy, 0);
        let checkpoint = scratch.path().join("seed-checkpoint.json");
        let as_of = date_text(options.as_of);
        let seed = [
            "seed",
            model_arg,
            "--endpoint",
            &endpoint,
            "--checkpoint",
            checkpoint.to_str().unwrap(),
            "--items",
            "40",
            "--seed",
            "7",
            "--as-of",
            &as_of,
        ];
        assert_exit(&run(scratch.path(), &seed), 0);
        Deployed { model_path: model_path.to_path_buf(), model, design, sample, options, local, scratch }
    }

    /// Runs the Python and the AWS CLI code of every read (or of those in `only`)
    /// twice, with parameters drawn from the sample, and compares each answer with
    /// the oracle's. Returns the number of runs.
    fn run_reads(&self, only: &[&str], failures: &mut Vec<String>) -> usize {
        let (model_path, model, design, sample, options) =
            (&self.model_path, &self.model, &self.design, &self.sample, &self.options);
        let (scratch, endpoint) = (&self.scratch, self.local.endpoint());
        let mut runs = 0;
        for p in self.reads(only) {
            let prog = program(model, design, &p.id).unwrap();
            let python_file = scratch.path().join(format!("{}.py", p.id.to_lowercase()));
            let script_file = scratch.path().join(format!("{}.sh", p.id.to_lowercase()));
            std::fs::write(&python_file, generated(model_path, Some(&p.id), "python")).unwrap();
            std::fs::write(&script_file, generated(model_path, Some(&p.id), "cli")).unwrap();
            let python_names = input_names(Language::Python, &prog);
            let cli_names = input_names(Language::Cli, &prog);
            let mut rng = Rng::derive(options.seed, &format!("codegen {}", p.id));
            for trial in 0..2 {
                let params = draw_answered(model, sample, p, &mut rng)
                    .unwrap_or_else(|| panic!("{}: no sample item supplies its inputs", p.id));
                let want = expected(model, sample, p, &params);
                let shown: Vec<String> =
                    params.iter().map(|(k, v)| format!("{k}={}", v.as_key_text().unwrap_or("?"))).collect();

                let mut python = Command::new("python3");
                python.arg(&python_file).arg(python_inputs(&params, &python_names));
                aws_env(&mut python, &endpoint, scratch.path());
                let mut cli = Command::new("bash");
                cli.arg(&script_file);
                for (name, variable) in &cli_names {
                    cli.env(variable, params[name.as_str()].as_key_text().unwrap_or_default());
                }
                aws_env(&mut cli, &endpoint, scratch.path());

                for (tool, mut command, parse) in [
                    ("python", python, python_items as fn(&str) -> Result<Vec<Item>, String>),
                    ("cli", cli, cli_items as fn(&str) -> Result<Vec<Item>, String>),
                ] {
                    runs += 1;
                    let out = command.output().unwrap();
                    let text = String::from_utf8_lossy(&out.stdout);
                    let context = format!("{} {tool} trial {} ({})", p.id, trial + 1, shown.join(", "));
                    if !out.status.success() {
                        failures.push(format!(
                            "{context}: exit {:?}\n{}",
                            out.status.code(),
                            String::from_utf8_lossy(&out.stderr)
                        ));
                        continue;
                    }
                    self.judge(&context, &want, parse(&text), failures);
                }
            }
        }
        runs
    }

    /// The model's reads, or those in `only`.
    fn reads<'a>(&'a self, only: &'a [&str]) -> impl Iterator<Item = &'a tablewright_engine::model::AccessPattern> {
        let wanted = move |id: &str| only.is_empty() || only.contains(&id);
        self.model.access_patterns.iter().filter(move |p| p.kind.is_read() && wanted(&p.id))
    }

    /// Compares an answer with the oracle's; a failure names `context`.
    fn judge(&self, context: &str, want: &Expected, answer: Result<Vec<Item>, String>, failures: &mut Vec<String>) {
        match answer {
            Ok(items) => {
                let verdict = compare(want, &items, &self.sample.key_names);
                if !verdict.pass {
                    failures.push(format!("{context}: {verdict:?}"));
                }
            }
            Err(e) => failures.push(format!("{context}: {e}")),
        }
    }

    /// Runs the PartiQL of every read (or of those in `only`) whose plan is one
    /// statement with ExecuteStatement, and compares the answer with the oracle's.
    /// Returns the number of statements run.
    fn run_partiql(&self, only: &[&str], failures: &mut Vec<String>) -> usize {
        let (model_path, model, sample, options) = (&self.model_path, &self.model, &self.sample, &self.options);
        let (scratch, endpoint) = (&self.scratch, self.local.endpoint());
        let mut statements = 0;
        for p in self.reads(only) {
            let text = generated(model_path, Some(&p.id), "partiql");
            let Some(run) = PartiqlRun::parse(&text) else { continue };
            let mut rng = Rng::derive(options.seed, &format!("codegen partiql {}", p.id));
            let params = draw(model, sample, p, &mut rng).unwrap();
            let want = expected(model, sample, p, &params);
            // DynamoDB Local cannot run NOT or IS NOT MISSING with ORDER BY (the
            // statement's note says so): the rest of the statement runs without
            // its ORDER BY, and the ascending answer is reversed for DESC.
            let (statement, reverse) = match run.statement.split_once(" ORDER BY ") {
                Some((rest, order)) if negates(&run.statement) => (rest.to_string(), order.ends_with("DESC")),
                _ => (run.statement.clone(), false),
            };
            statements += 1;
            let context = format!("{} partiql `{}`", p.id, run.statement);
            // Every page (NextToken), then cut to the limit: the first items in the
            // statement's order. Not under a Limit page by page, as the statement's
            // note says a client does: DynamoDB Local's PartiQL loses a DESC order
            // across such pages (the 3 latest of a region came back as page 1
            // holding February and December, page 3 June).
            let mut items: Vec<Item> = Vec::new();
            let mut next: Option<String> = None;
            let answer = loop {
                let mut command = Command::new("aws");
                command.args(["dynamodb", "execute-statement", "--statement", &statement]);
                command.args(["--parameters", &run.parameters(&params)]);
                if let Some(token) = &next {
                    command.args(["--next-token", token]);
                }
                aws_env(&mut command, &endpoint, scratch.path());
                let out = command.output().unwrap();
                if !out.status.success() {
                    break Err(String::from_utf8_lossy(&out.stderr).to_string());
                }
                let text = String::from_utf8_lossy(&out.stdout).to_string();
                match cli_items(&text) {
                    Ok(page) => items.extend(page),
                    Err(e) => break Err(e),
                }
                let json: Json = serde_json::from_str(&text).unwrap_or_default();
                next = json.get("NextToken").and_then(Json::as_str).map(str::to_string);
                if next.is_none() {
                    if let Some(limit) = run.limit {
                        items.truncate(limit as usize);
                    }
                    break Ok(std::mem::take(&mut items));
                }
            };
            let mut answer = match answer {
                Ok(items) => Ok(items),
                Err(e) => {
                    failures.push(format!("{context}: {e}"));
                    continue;
                }
            };
            if reverse {
                answer = answer.map(|items| items.into_iter().rev().collect());
            }
            self.judge(&context, &want, answer, failures);
        }
        statements
    }

    /// Runs the Python and the AWS CLI code of every write (or of those in `only`)
    /// through the oracle's scenarios: each succeeds and leaves the items as the
    /// model says, or is rejected and changes nothing; the table is put back after
    /// each run. Returns the number of runs.
    fn run_writes(&self, only: &[&str], failures: &mut Vec<String>) -> usize {
        self.run_scenarios(only, &|_| true, None, failures)
    }

    /// `run_writes` of the scenarios `keep` selects: each run costs a dozen AWS
    /// CLI calls. With a `tamper`, each run's inputs are changed by it (plain
    /// JSON for Python, text for the script), and the code must refuse them
    /// with its message before anything is written.
    fn run_scenarios(
        &self,
        only: &[&str],
        keep: &dyn Fn(&WriteScenario) -> bool,
        tamper: Option<&Tamper>,
        failures: &mut Vec<String>,
    ) -> usize {
        let (model_path, model, design, sample, options) =
            (&self.model_path, &self.model, &self.design, &self.sample, &self.options);
        let (scratch, endpoint) = (&self.scratch, self.local.endpoint());
        let table = Table { design, endpoint: &endpoint, scratch: scratch.path() };
        let writes = model.access_patterns.iter().filter(|p| {
            !p.kind.is_read() && p.kind != PatternKind::Expire && (only.is_empty() || only.contains(&p.id.as_str()))
        });
        let mut scenario_runs = 0;
        for p in writes {
            let prog = program(model, design, &p.id).unwrap();
            let plan = design.plans.iter().find(|plan| plan.pattern == p.id).unwrap();
            let cases =
                scenarios(model, design, sample, options, p, plan).unwrap_or_else(|e| panic!("{}: {e}", p.id)).cases;
            let python_file = scratch.path().join(format!("{}.py", p.id.to_lowercase()));
            let script_file = scratch.path().join(format!("{}.sh", p.id.to_lowercase()));
            std::fs::write(&python_file, generated(model_path, Some(&p.id), "python")).unwrap();
            std::fs::write(&script_file, generated(model_path, Some(&p.id), "cli")).unwrap();
            for scenario in cases.iter().filter(|c| keep(c)) {
                for tool in ["python", "cli"] {
                    scenario_runs += 1;
                    let context = format!("{} {tool} «{}»", p.id, scenario.name);
                    let plain = tool == "python";
                    let mut inputs = write_inputs(&prog, scenario, design, plain);
                    let refusal = tamper.and_then(|t| t(&mut inputs, plain));
                    let mut command = match tool {
                        "python" => {
                            let mut c = Command::new("python3");
                            c.arg(&python_file).arg(inputs.to_string());
                            c
                        }
                        _ => {
                            let mut c = Command::new("bash");
                            c.arg(&script_file);
                            for (name, variable) in input_names(Language::Cli, &prog) {
                                let value = &inputs[name.as_str()];
                                c.env(variable, value.as_str().map_or_else(|| value.to_string(), str::to_string));
                            }
                            c
                        }
                    };
                    aws_env(&mut command, &endpoint, scratch.path());
                    let out = command.output().unwrap();
                    let succeeded = out.status.success();
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    let must_succeed = scenario.succeeds && refusal.is_none();
                    if succeeded != must_succeed {
                        failures.push(format!(
                            "{context}: {} but must {}\n{stderr}",
                            if succeeded { "succeeded" } else { "failed" },
                            if must_succeed { "succeed" } else { "be rejected" },
                        ));
                    }
                    if let Some(refusal) = refusal.filter(|r| !stderr.contains(r.as_str())) {
                        failures.push(format!("{context}: not refused with «{refusal}»\n{stderr}"));
                    }
                    for case in &scenario.actions {
                        let live = table.get(&case.key.pk, &case.key.sk);
                        let want = if succeeded { case.after.as_ref() } else { case.before.as_ref() };
                        if !same_state(live.as_ref(), want) {
                            failures.push(format!("{context}: {} {} is {live:?}, not {want:?}", case.entity, case.key));
                        }
                    }
                    // As seeded again, for the next run.
                    for case in &scenario.actions {
                        match &case.before {
                            Some(item) => table.put(item),
                            None => table.delete(&case.key.pk, &case.key.sk),
                        }
                    }
                }
            }
        }
        scenario_runs
    }
}

/// A change to a write's inputs, made to Python's plain JSON (`true`) or to
/// the script's text and DynamoDB JSON: it returns the text of the refusal the
/// generated code must answer it with, or none where the code must write what
/// the oracle says all the same.
type Tamper = dyn Fn(&mut Json, bool) -> Option<String>;

/// `source` imported with the CLI into `dir` as `name`, the patterns of the JSON
/// list at `patterns` added to it, and deployed with its sample.
fn deployed_import(dir: &Path, name: &str, source: &Path, patterns: &Path) -> Deployed {
    let model_path = dir.join(name);
    let import = run(dir, &["import", source.to_str().unwrap(), "-o", model_path.to_str().unwrap()]);
    assert_exit(&import, 0);
    let mut model: Json = serde_json::from_str(&std::fs::read_to_string(&model_path).unwrap()).unwrap();
    let added: Json = serde_json::from_str(&std::fs::read_to_string(patterns).unwrap()).unwrap();
    model["access_patterns"].as_array_mut().unwrap().extend(added.as_array().unwrap().iter().cloned());
    std::fs::write(&model_path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
    Deployed::new(&model_path)
}

/// Every read of `live` as Python, AWS CLI and PartiQL, and every write as Python
/// and AWS CLI, against the oracle: the runs of each, failing on any disagreement.
fn every_pattern_agrees(live: &Deployed) -> (usize, usize, usize) {
    let mut failures: Vec<String> = Vec::new();
    let reads = live.run_reads(&[], &mut failures);
    let statements = live.run_partiql(&[], &mut failures);
    let writes = live.run_writes(&[], &mut failures);
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
    (reads, statements, writes)
}

/// A table imported from CloudFormation keyed by its items' own attributes, one
/// of them (`status`) a DynamoDB reserved word, its index under the source's
/// name: the Python, AWS CLI and PartiQL of its reads and the Python and AWS CLI
/// of a put and a status update agree with the oracle on DynamoDB Local.
#[test]
fn code_of_a_table_keyed_by_its_items_own_attributes_agrees_with_the_oracle_on_dynamodb_local() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("crates/engine/tests/fixtures/orders-keyed-by-attributes.yaml");
    let live =
        deployed_import(dir.path(), "orders.tablewright.json", &fixture, &fixture.with_file_name("orders-writes.json"));
    assert_eq!(live.design.table.partition_key.name, "customerId");
    assert_eq!(live.design.deployed_index("GSI1"), "ByStatus");
    let (reads, statements, writes) = every_pattern_agrees(&live);
    assert!(reads >= 3 * 2 * 2 && statements >= 3 && writes >= 3 * 2, "{reads} {statements} {writes}");
}

/// A table keyed by a number (the shared Workbench fixture's GamePlayers: `name`
/// text, `id` number, an inverted index on `id`), with range reads, a put, an
/// update and a delete: the Python, AWS CLI and PartiQL of its reads and the
/// Python and AWS CLI of its writes send `id` as a number and agree with the
/// oracle on DynamoDB Local.
#[test]
fn code_of_a_table_keyed_by_a_number_agrees_with_the_oracle_on_dynamodb_local() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("../shared/fixtures/nosql-workbench/reddit-game-player-status.json");
    let patterns = repo().join("crates/engine/tests/fixtures/game-players-patterns.json");
    let live = deployed_import(dir.path(), "players.tablewright.json", &fixture, &patterns);
    assert_eq!(live.design.table.sort_key.attr_type, "N");
    let (reads, statements, writes) = every_pattern_agrees(&live);
    assert!(reads >= 5 * 2 * 2 && statements >= 5 && writes >= 4, "{reads} {statements} {writes}");
}

/// A filter that compares with a value the request gives (EC17: orders over an
/// amount), one of a list of values (EC18), tests joined by all / any / not
/// (EC19), and an order fetched with its line items and shipments (EC05, an
/// aggregate), run as Python, AWS CLI and PartiQL against DynamoDB Local; and an
/// order placed with its lines and a stock reservation per line (EC15), the
/// OrderItem puts and the Inventory updates repeated per element of their lists,
/// run as Python and AWS CLI through the oracle's scenarios that send two
/// elements per list: the order placed, and a failing second element cancelling it all.
#[test]
fn filters_an_aggregate_read_and_a_transaction_per_order_line_agree_with_the_oracle_on_dynamodb_local() {
    let live = Deployed::new(&repo().join("models/ecommerce-orders.tablewright.json"));
    // EC21 reads order lines by the customer copied onto them, which EC15 writes.
    let only = ["EC05", "EC17", "EC18", "EC19", "EC21"];
    let mut failures: Vec<String> = Vec::new();
    let runs = live.run_reads(&only, &mut failures);
    let statements = live.run_partiql(&only, &mut failures);
    assert_eq!((runs, statements), (5 * 2 * 2, 5));
    let plan = live.design.plans.iter().find(|p| p.pattern == "EC15").unwrap();
    let repeated: Vec<&str> =
        plan.actions.iter().filter_map(|a| a.for_each.as_ref().map(|f| f.list.as_str())).collect();
    assert_eq!(repeated, ["lines", "reservations"]);
    // The order placed, and each list's second element failing: what repetition adds.
    let repeated = |s: &WriteScenario| s.succeeds || s.name.contains("(element 2 of the list)");
    let writes = live.run_scenarios(&["EC15"], &repeated, None, &mut failures);
    assert_eq!(writes, 3 * 2, "{writes} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

/// A read with a filter and a limit (the 3 latest cancelled orders of a region,
/// 30% of them cancelled): DynamoDB's Limit counts the items a page reads before
/// the filter, so the code follows pages until 3 came back. The Python, AWS CLI
/// and PartiQL agree with the oracle on DynamoDB Local; one request returned the
/// cancelled orders among the 3 latest.
#[test]
fn a_read_with_a_filter_and_a_limit_follows_pages_until_the_limit_on_dynamodb_local() {
    let live = Deployed::new(&repo().join("tests/fixtures/latest-cancelled.tablewright.json"));
    let mut failures: Vec<String> = Vec::new();
    let runs = live.run_reads(&["O2"], &mut failures);
    let statements = live.run_partiql(&["O2"], &mut failures);
    assert_eq!((runs, statements), (2 * 2, 1));
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

/// An update repeated per element of a list whose rebuilt key needs what the
/// update does not carry (a complaint's severity, read first): each element's
/// item is read in the loop, and the Python and AWS CLI code agree with the
/// oracle on DynamoDB Local, the update sent for two complaints or cancelled
/// by the second.
#[test]
fn an_update_repeated_per_element_reads_each_elements_item_first_on_dynamodb_local() {
    let dir = tempfile::tempdir().unwrap();
    let source = repo().join("corpus/complaint-management.tablewright.json");
    let mut model: Json = serde_json::from_str(&std::fs::read_to_string(source).unwrap()).unwrap();
    model["access_patterns"].as_array_mut().unwrap().push(serde_json::json!({
        "id": "BULK1", "name": "Escalate several complaints", "kind": "transaction", "entity": "Complaint",
        "peak_rate": 1.0,
        "steps": [{ "action": "update", "entity": "Complaint", "for_each": { "list": "complaints", "at_most": 25 },
                    "conditions": [{ "op": "exists" }],
                    "updates": [{ "attribute": "currentState", "action": "set", "input": "newState" }] }]
    }));
    let model_path = dir.path().join("complaints.tablewright.json");
    std::fs::write(&model_path, serde_json::to_string_pretty(&model).unwrap()).unwrap();
    let live = Deployed::new(&model_path);
    let plan = live.design.plans.iter().find(|p| p.pattern == "BULK1").unwrap();
    assert_eq!(plan.actions[0].reads, ["severity"], "{plan:#?}");
    let mut failures = Vec::new();
    let repeated = |s: &WriteScenario| s.succeeds || s.name.contains("(element 2 of the list)");
    let runs = live.run_scenarios(&["BULK1"], &repeated, None, &mut failures);
    assert!(runs >= 2 * 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

/// Temperatures below zero and between whole degrees in a sort key: readings in
/// order, below a bound and between two (FR1-FR3), a put and a correction that
/// moves the reading in the index (FR4, FR5), as Python, AWS CLI and PartiQL on
/// DynamoDB Local, each agreeing with the oracle's numeric order.
#[test]
fn numbers_below_zero_and_with_fractions_sort_in_numeric_order_on_dynamodb_local() {
    let live = Deployed::new(&repo().join("crates/engine/tests/fixtures/freezer-readings.tablewright.json"));
    let temperatures: Vec<f64> =
        live.sample.of("Reading").filter_map(|r| r.get("temperature").and_then(Value::as_f64)).collect();
    assert!(temperatures.iter().any(|t| *t < -1.0 && t.fract() != 0.0), "the sample has no negative fraction");
    let (reads, statements, writes) = every_pattern_agrees(&live);
    assert!(reads >= 3 * 2 * 2 && statements >= 3 && writes >= 2 * 2, "{reads} {statements} {writes}");
}

/// The reports of a manager (HR04), found by the identifier each report carries
/// under its manager's role, and a transfer to another manager (HR15), which
/// moves the report in the index: Python, AWS CLI and PartiQL on DynamoDB Local.
#[test]
fn a_hierarchy_of_one_entity_agrees_with_the_oracle_on_dynamodb_local() {
    let live = Deployed::new(&repo().join("models/hr-directory.tablewright.json"));
    let mut failures: Vec<String> = Vec::new();
    let reads = live.run_reads(&["HR04"], &mut failures);
    let statements = live.run_partiql(&["HR04"], &mut failures);
    let writes = live.run_writes(&["HR15"], &mut failures);
    assert_eq!((reads, statements), (2 * 2, 1));
    assert!(writes >= 2, "{writes} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn an_update_that_reads_first_keeps_every_index_key_right_on_dynamodb_local() {
    // The corpus's complaints: changing a complaint's state must rebuild GSI3's key,
    // which joins the state with the severity, which the update does not carry.
    let live = Deployed::new(&repo().join("corpus/complaint-management.tablewright.json"));
    let plan = live.design.plans.iter().find(|p| p.pattern == "AP11").unwrap();
    assert_eq!(plan.actions[0].reads, ["severity"], "{plan:#?}");
    let mut failures = Vec::new();
    let runs = live.run_writes(&[], &mut failures);
    assert!(runs >= 4 * 2 * 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn an_update_of_the_date_a_ttl_counts_from_recomputes_the_ttl_on_dynamodb_local() {
    // The corpus's vehicles: renewing a subscription sets a new expiration date,
    // which the item's TTL is a year after.
    let live = Deployed::new(&repo().join("corpus/connected-vehicles.tablewright.json"));
    let plan = live.design.plans.iter().find(|p| p.pattern == "AP20").unwrap();
    assert!(plan.actions[0].expires.as_ref().is_some_and(|t| t.attribute == "expiresAt"), "{plan:#?}");
    let mut failures = Vec::new();
    let runs = live.run_writes(&["AP20"], &mut failures);
    assert!(runs >= 2 * 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn updates_with_fixed_statuses_keep_a_write_sharded_index_right_on_dynamodb_local() {
    // A new user's support desk: tickets move through statuses fixed in the
    // model, and resolving one puts it in the write-sharded index of resolved
    // tickets, whose shard the update computes as the ticket's put does.
    let live = Deployed::new(&repo().join("crates/engine/tests/fixtures/support.tablewright.json"));
    let plan = live.design.plans.iter().find(|p| p.pattern == "ST11").unwrap();
    assert!(plan.actions[0].shard.is_some(), "{plan:#?}");
    let mut failures = Vec::new();
    let runs = live.run_writes(&["ST09", "ST10", "ST11", "ST13"], &mut failures);
    assert!(runs >= 4 * 2 * 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_condition_comparing_two_attributes_of_the_item_agrees_with_the_oracle_on_dynamodb_local() {
    // A new user's course registration: a seat is taken only while the course
    // has one left (seatsTaken < capacity, both the course's own), so a full
    // course refuses the enrollment whatever the caller passes.
    let live = Deployed::new(&repo().join("crates/engine/tests/fixtures/registration.tablewright.json"));
    let mut failures = Vec::new();
    let runs = live.run_writes(&["CR08", "CR09"], &mut failures);
    assert!(runs >= 4 * 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs disagree with the oracle:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_transaction_refuses_an_item_of_another_parent_or_lacking_what_is_required_on_dynamodb_local() {
    // A new user's ticketing: placing an order checks that the event is on sale
    // and puts the order and its tickets. The oracle's orders are for the event
    // checked and its tickets for the order, so every scenario agrees with it;
    // an order item naming another event, a ticket naming another order, or an
    // order without a required attribute is refused before anything is written.
    let live = Deployed::new(&repo().join("crates/engine/tests/fixtures/ticketing.tablewright.json"));
    let mut failures = Vec::new();
    let runs = live.run_writes(&["AP09"], &mut failures);
    assert!(runs >= 2 * 2, "only {runs} write runs");
    let text = |plain: bool, text: &str| if plain { Json::from(text) } else { serde_json::json!({ "S": text }) };
    let other_event = move |inputs: &mut Json, plain: bool| {
        inputs["orderItem"]["eventId"] = text(plain, "another-event");
        Some("eventId of orderItem must equal the parameter eventId".to_string())
    };
    let other_order = move |inputs: &mut Json, plain: bool| {
        inputs["tickets"][0]["orderId"] = text(plain, "another-order");
        Some("orderId of each element of tickets must equal orderItem's orderId".to_string())
    };
    // An order without its creation time would be stored missing from the
    // customer's orders by date, which its GSI1SK is built from.
    let undated = move |inputs: &mut Json, _: bool| {
        inputs["orderItem"].as_object_mut().unwrap().remove("createdAt");
        Some("the Order item lacks what the model requires: createdAt".to_string())
    };
    let succeeding = |s: &WriteScenario| s.succeeds;
    for tamper in [&other_event as &Tamper, &other_order, &undated] {
        live.run_scenarios(&["AP09"], &succeeding, Some(tamper), &mut failures);
    }
    assert!(failures.is_empty(), "{} runs went wrong:\n{}", failures.len(), failures.join("\n"));
}

/// A new loan is ACTIVE, as the model fixes it on the borrow's put: whatever
/// status the caller's item holds, the Python and the AWS CLI script store the
/// loan the oracle expects, ACTIVE.
#[test]
fn a_put_stores_the_values_the_model_fixes_whatever_the_item_says_on_dynamodb_local() {
    let live = Deployed::new(&repo().join("crates/engine/tests/fixtures/library-lending.tablewright.json"));
    let returned = |inputs: &mut Json, plain: bool| {
        inputs["loanItem"]["status"] =
            if plain { Json::from("RETURNED") } else { serde_json::json!({ "S": "RETURNED" }) };
        None
    };
    let succeeding = |s: &WriteScenario| s.succeeds;
    let mut failures = Vec::new();
    let runs = live.run_scenarios(&["LB07"], &succeeding, Some(&returned), &mut failures);
    assert!(runs >= 2, "only {runs} write runs");
    assert!(failures.is_empty(), "{} runs went wrong:\n{}", failures.len(), failures.join("\n"));
}

/// An item given to the AWS CLI script in plain JSON, not DynamoDB JSON, is
/// refused before anything else with the shape it must have (a new user's
/// plain loan item failed inside jq, then met a tie that named equal values).
#[test]
fn a_script_refuses_an_item_that_is_not_dynamodb_json() {
    let model = repo().join("crates/engine/tests/fixtures/library-lending.tablewright.json");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("borrow.sh");
    std::fs::write(&script, generated(&model, Some("LB07"), "cli")).unwrap();
    let run = |item: &str| {
        Command::new("bash")
            .arg(&script)
            .envs([("ISBN", "1"), ("BRANCH_ID", "B1"), ("COPY_ID", "C1"), ("MEMBER_ID", "M1"), ("LOAN_ITEM", item)])
            .env("TABLE_NAME", "no-table")
            .output()
            .unwrap()
    };
    let plain = run(r#"{"loanId": "L1", "memberId": "M1", "copyId": "C1"}"#);
    assert_eq!(plain.status.code(), Some(2));
    let said = String::from_utf8_lossy(&plain.stderr);
    assert!(said.starts_with("LOAN_ITEM must be an item in DynamoDB JSON, each attribute typed"), "{said}");
    // Typed, it passes that test and meets the next: what the model requires.
    let typed = run(r#"{"loanId": {"S": "L1"}, "memberId": {"S": "M1"}, "copyId": {"S": "C1"}}"#);
    let said = String::from_utf8_lossy(&typed.stderr);
    assert!(said.contains("the Loan item lacks what the model requires"), "{said}");
}

/// A PartiQL read of one statement: the statement, its parameters with `{name}`
/// (or `{name:10}`, a sortable number) for the inputs, and the request's Limit.
struct PartiqlRun {
    statement: String,
    parameters: String,
    limit: Option<u32>,
}

impl PartiqlRun {
    fn parse(text: &str) -> Option<PartiqlRun> {
        let statements: Vec<&str> = text.lines().filter(|l| !l.starts_with("--") && l.ends_with(';')).collect();
        let [statement] = statements.as_slice() else { return None };
        let parameters = text.lines().find_map(|l| l.strip_prefix("-- Parameters: "))?.to_string();
        let notes: String = text.lines().filter_map(|l| l.strip_prefix("-- ")).collect::<Vec<_>>().join(" ");
        let limit = notes.split("then cut to ").nth(1).and_then(|rest| rest.split('.').next()?.parse().ok());
        Some(PartiqlRun { statement: statement.trim_end_matches(';').to_string(), parameters, limit })
    }

    /// The parameters with the inputs' values written in.
    fn parameters(&self, params: &Params) -> String {
        let mut out = String::new();
        let mut rest = self.parameters.as_str();
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else { break };
            let inner = &rest[start + 1..start + len];
            let (name, pad) = match inner.split_once(':') {
                Some((n, w)) => (n, w.parse::<u8>().ok()),
                None => (inner, None),
            };
            match params.get(name).and_then(Value::as_key_text) {
                Some(value) => {
                    out.push_str(&rest[..start]);
                    match pad {
                        Some(w) => out.push_str(&pad_number(value, Some(w))),
                        None => out.push_str(value),
                    }
                    rest = &rest[start + len + 1..];
                }
                None => {
                    out.push_str(&rest[..=start]);
                    rest = &rest[start + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A write's inputs from an oracle scenario: a Put's item without what the design
/// derives (the generated code adds keys, type and TTL itself), and each other
/// input from the action whose condition, update or key uses it. Python takes
/// plain JSON; the AWS CLI script DynamoDB JSON (items) and text (the rest).
fn write_inputs(prog: &Program, scenario: &WriteScenario, design: &Design, plain: bool) -> Json {
    // A put's item without what the design derives.
    let item = |case: &tablewright_engine::oracle::ActionCase| {
        let keys = design.entities.iter().find(|e| e.name == case.entity).unwrap();
        let attrs = case.item.as_ref().unwrap().iter().filter(|(k, _)| !design.derived_attribute(keys, k));
        Json::Object(
            attrs.map(|(k, v)| (k.clone(), if plain { v.to_plain_json() } else { v.to_dynamodb_json() })).collect(),
        )
    };
    // The cases of the repeated action whose list `list` is: one per element.
    let elements = |list: &str| {
        let step = prog.actions().iter().position(|a| a.each.as_ref().is_some_and(|e| e.list == list)).unwrap();
        scenario.actions.iter().filter(move |c| c.step == step)
    };
    let mut object = serde_json::Map::new();
    for input in &prog.inputs {
        let json = match &input.kind {
            InputKind::Item { entity } => {
                let case = scenario
                    .actions
                    .iter()
                    .find(|c| c.action == "Put" && &c.entity == entity && c.element.is_none())
                    .unwrap();
                item(case)
            }
            InputKind::Items { .. } => Json::Array(elements(&input.name).map(item).collect()),
            // An element's fields as plain JSON: the AWS CLI script reads each as text.
            InputKind::List { fields } => Json::Array(
                elements(&input.name)
                    .map(|c| {
                        let value = |name: &str| c.inputs.get(name).or_else(|| c.key_values.get(name)).unwrap();
                        Json::Object(fields.iter().map(|f| (f.name.clone(), value(&f.name).to_plain_json())).collect())
                    })
                    .collect(),
            ),
            _ => {
                // A condition's or an update's value first: the Put's item may have an
                // attribute of the same name that means something else (its own amount).
                let actions = &scenario.actions;
                let value = actions
                    .iter()
                    .find_map(|c| c.inputs.get(&input.name))
                    .or_else(|| {
                        actions.iter().filter(|c| c.action != "Put").find_map(|c| c.key_values.get(&input.name))
                    })
                    .or_else(|| actions.iter().find_map(|c| c.key_values.get(&input.name)))
                    .unwrap_or_else(|| panic!("{}: no value for {} in the scenario", prog.pattern, input.name));
                if plain {
                    value.to_plain_json()
                } else {
                    Json::String(value.as_key_text().unwrap_or_default().to_string())
                }
            }
        };
        object.insert(input.name.clone(), json);
    }
    Json::Object(object)
}

/// The same item, attribute by attribute, as DynamoDB compares values; or both absent.
fn same_state(live: Option<&Item>, want: Option<&Item>) -> bool {
    match (live, want) {
        (None, None) => true,
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w))),
        _ => false,
    }
}

/// The table, read and written with the AWS CLI.
struct Table<'a> {
    design: &'a Design,
    endpoint: &'a str,
    scratch: &'a Path,
}

impl Table<'_> {
    fn aws(&self, args: &[&str]) -> String {
        let mut command = Command::new("aws");
        command.args(["dynamodb"]).args(args).args(["--table-name", &self.design.table.name]);
        aws_env(&mut command, self.endpoint, self.scratch);
        let out = command.output().unwrap();
        assert!(out.status.success(), "aws dynamodb {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The table key of an item, each half of its key attribute's type.
    fn key(&self, pk: &str, sk: &str) -> String {
        let (pk_name, sk_name) = (&self.design.table.partition_key.name, &self.design.table.sort_key.name);
        let value = |name: &str, text: &str| self.design.key_value(name, text.to_string()).to_dynamodb_json();
        serde_json::json!({pk_name: value(pk_name, pk), sk_name: value(sk_name, sk)}).to_string()
    }

    fn get(&self, pk: &str, sk: &str) -> Option<Item> {
        let text = self.aws(&["get-item", "--consistent-read", "--key", &self.key(pk, sk)]);
        cli_items(&text).unwrap().into_iter().next()
    }

    fn put(&self, item: &Item) {
        let json: serde_json::Map<String, Json> = item.iter().map(|(k, v)| (k.clone(), v.to_dynamodb_json())).collect();
        self.aws(&["put-item", "--item", &Json::Object(json).to_string()]);
    }

    fn delete(&self, pk: &str, sk: &str) {
        self.aws(&["delete-item", "--key", &self.key(pk, sk)]);
    }
}
