//! The `tablewright` binary driven as a user drives it: arguments in, stdout,
//! stderr and the exit status out, model files in a scratch folder.

// kill(2) on the processes the tests start: std has no safe way to send a signal.
#![allow(unsafe_code)]

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{assert_exit, aws_env, binary, repo, run, stderr, stdout, Local};

fn acme_text() -> String {
    std::fs::read_to_string(repo().join("models/acme-bank.tablewright.json")).unwrap()
}

/// A scratch folder holding the ACME model as `acme.tablewright.json`.
fn scratch_with_acme() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.tablewright.json"), acme_text()).unwrap();
    dir
}

/// A model with two problems, on known lines: a duplicate attribute (line 13)
/// and a pattern on an unknown entity (line 18).
const BAD: &str = r#"{
  "format": "tablewright/3",
  "name": "Shop",
  "table": {
    "name": "shop",
    "billing": {"mode": "on_demand"}
  },
  "entities": [
    {
      "name": "Customer",
      "attributes": [
        {"name": "customerId", "type": "string", "identifier": true},
        {"name": "customerId", "type": "number"}
      ]
    }
  ],
  "access_patterns": [
    {"id": "AP01", "name": "Get", "kind": "read_one", "entity": "customer", "peak_rate": 1.0}
  ]
}
"#;

// ---- check --------------------------------------------------------------------

#[test]
fn check_prints_ok_per_valid_file_and_exits_0() {
    let dir = scratch_with_acme();
    std::fs::write(dir.path().join("copy.tablewright.json"), acme_text()).unwrap();
    let out = run(dir.path(), &["check", "acme.tablewright.json", "copy.tablewright.json"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "acme.tablewright.json: ok\ncopy.tablewright.json: ok\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_accepts_every_example_model() {
    let mut args = vec!["check".to_string()];
    let mut models: Vec<String> = std::fs::read_dir(repo().join("models"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tablewright.json"))
        .map(|n| format!("models/{n}"))
        .collect();
    models.sort();
    args.extend(models.iter().cloned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&repo(), &args);
    assert_exit(&out, 0);
    let expected: String = models.iter().map(|m| format!("{m}: ok\n")).collect();
    assert_eq!(stdout(&out), expected);
}

#[test]
fn check_prints_every_problem_with_place_and_hint_and_exits_1() {
    let dir = scratch_with_acme();
    std::fs::write(dir.path().join("bad.tablewright.json"), BAD).unwrap();
    let out = run(dir.path(), &["check", "acme.tablewright.json", "bad.tablewright.json"]);
    assert_exit(&out, 1);
    assert_eq!(
        stdout(&out),
        "acme.tablewright.json: ok\n\
         bad.tablewright.json: 2 problems\n  \
         bad.tablewright.json:13:18: $.entities[0].attributes[1].name: attribute 'customerId' is already defined at index 0\n    \
         hint: rename or remove one of the two\n  \
         bad.tablewright.json:18:65: $.access_patterns[0].entity: access pattern 'AP01' targets unknown entity 'customer'\n    \
         hint: did you mean 'Customer'?\n"
    );
}

#[test]
fn check_reports_a_syntax_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let broken = BAD.replace("\"Shop\",", "\"Shop\"");
    std::fs::write(dir.path().join("broken.tablewright.json"), broken).unwrap();
    let out = run(dir.path(), &["check", "broken.tablewright.json"]);
    assert_exit(&out, 1);
    assert_eq!(
        stdout(&out),
        "broken.tablewright.json: 1 problem\n  \
         broken.tablewright.json:4:3: $: expected `,` or `}`\n    \
         hint: fix the JSON at that place: a missing comma, an extra trailing comma, or an unquoted name\n"
    );
}

#[test]
fn check_of_a_missing_file_exits_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "nowhere.tablewright.json"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.starts_with("nowhere.tablewright.json: cannot read the file: "), "{text}");
}

#[test]
fn check_json_prints_one_report_per_file() {
    let dir = scratch_with_acme();
    std::fs::write(dir.path().join("bad.tablewright.json"), BAD).unwrap();
    let out = run(dir.path(), &["check", "--json", "acme.tablewright.json", "bad.tablewright.json"]);
    assert_exit(&out, 1);
    let reports: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["file"], "acme.tablewright.json");
    assert_eq!(reports[0]["ok"], true);
    assert_eq!(reports[1]["ok"], false);
    let problems = reports[1]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[1],
        serde_json::json!({
            "kind": "semantic",
            "path": "$.access_patterns[0].entity",
            "line": 18,
            "column": 65,
            "message": "access pattern 'AP01' targets unknown entity 'customer'",
            "hint": "did you mean 'Customer'?"
        })
    );
}

// ---- usage --------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    let dir = scratch_with_acme();
    for args in [
        &[][..],
        &["check"][..],
        &["check", "--bogus", "acme.tablewright.json"][..],
        &["fmt"][..],
        &["no-such-command"][..],
    ] {
        let out = run(dir.path(), args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains("Usage: tablewright"), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // As `tablewright sample ... | head -1` does: the pipe closes after a line,
    // with far more than a pipe's buffer still to write.
    let mut child = Command::new(binary())
        .args(["sample", "models/acme-bank.tablewright.json", "--items", "500"])
        .current_dir(repo())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let said = stderr(&out);
    assert!(!said.contains("panicked") && !said.contains("Broken pipe"), "{said}");
}

#[test]
fn import_json_says_how_the_file_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let source = repo().join("corpus/nosql-workbench/SocialNetworkSchema.json");
    let out = run(dir.path(), &["import", source.to_str().unwrap(), "-o", "social.tablewright.json", "--json"]);
    assert_exit(&out, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["table"], "SNS");
    let entities = report["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 8, "{report}");
    let follower = entities.iter().find(|e| e["name"] == "Follower").expect("a Follower kind");
    assert_eq!(follower["keys"]["table"][0], "u#{uId}#follower");
    assert!(dir.path().join("social.tablewright.json").exists());
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--help"]);
    assert_exit(&out, 0);
    let help = stdout(&out);
    for (command, about) in [
        ("check", "Check model files"),
        ("fmt", "Rewrite model files in canonical form"),
        ("schema", "Print the JSON Schema of the model file format"),
        ("help", ""),
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("--help does not list {command}:\n{help}"));
        assert!(line.contains(about), "{command}: {line}");
    }
    // Every command listed has its own help.
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.len() >= 4, "{help}");
    for command in commands.into_iter().filter(|&c| c != "help") {
        let out = run(dir.path(), &[command, "--help"]);
        assert_exit(&out, 0);
        assert!(stdout(&out).contains("Usage: tablewright"), "{command}");
    }
}

// ---- fmt ----------------------------------------------------------------------

#[test]
fn fmt_check_exits_0_on_a_canonical_file_and_changes_nothing() {
    let dir = scratch_with_acme();
    let out = run(dir.path(), &["fmt", "--check", "acme.tablewright.json"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "");
    assert_eq!(std::fs::read_to_string(dir.path().join("acme.tablewright.json")).unwrap(), acme_text());
}

#[test]
fn fmt_check_exits_1_on_a_non_canonical_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compact.tablewright.json");
    let compact = compact(&acme_text());
    std::fs::write(&path, &compact).unwrap();
    let out = run(dir.path(), &["fmt", "--check", "compact.tablewright.json"]);
    assert_exit(&out, 1);
    assert_eq!(stdout(&out), "compact.tablewright.json: not in canonical form\n");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), compact);
}

#[test]
fn fmt_rewrites_a_non_canonical_file_to_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("compact.tablewright.json");
    std::fs::write(&path, compact(&acme_text())).unwrap();
    let out = run(dir.path(), &["fmt", "compact.tablewright.json"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "compact.tablewright.json: rewritten\n");
    // The ACME file is canonical (fmt --check passes on it, see above).
    assert_eq!(std::fs::read_to_string(&path).unwrap(), acme_text());
    let again = run(dir.path(), &["fmt", "--check", "compact.tablewright.json"]);
    assert_exit(&again, 0);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["compact.tablewright.json"], "no temporary file is left");
}

#[test]
fn fmt_refuses_an_invalid_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.tablewright.json");
    std::fs::write(&path, BAD).unwrap();
    // The valid file after the invalid one is still formatted.
    let compact = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&acme_text()).unwrap()).unwrap();
    std::fs::write(dir.path().join("acme.tablewright.json"), compact).unwrap();
    let out = run(dir.path(), &["fmt", "bad.tablewright.json", "acme.tablewright.json"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.starts_with("bad.tablewright.json: 2 problems"), "{err}");
    assert!(err.contains("targets unknown entity 'customer'"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), BAD);
    assert_eq!(stdout(&out), "acme.tablewright.json: rewritten\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("acme.tablewright.json")).unwrap(), acme_text());
}

// ---- schema -------------------------------------------------------------------

#[test]
fn schema_prints_the_committed_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["schema"]);
    assert_exit(&out, 0);
    let committed = std::fs::read_to_string(repo().join("models/tablewright.schema.json")).unwrap();
    assert!(
        stdout(&out) == committed,
        "models/tablewright.schema.json is stale; regenerate it with \
         `cargo run -p tablewright-cli -- schema > models/tablewright.schema.json`"
    );
}

/// The same JSON on one line.
fn compact(text: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// The scratch tables of ACME's model on the endpoint, by the AWS CLI.
fn proof_tables(endpoint: &str, dir: &std::path::Path) -> Vec<String> {
    let mut list = Command::new("aws");
    list.args(["dynamodb", "list-tables", "--output", "json"]);
    aws_env(&mut list, endpoint, dir);
    let out = list.output().expect("the AWS CLI runs (scripts/test.sh installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tables: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names = tables["TableNames"].as_array().unwrap().iter().filter_map(|t| t.as_str());
    names.filter(|t| t.starts_with("acme-bank-proof-")).map(String::from).collect()
}

#[test]
fn a_scratch_proof_stopped_by_sigterm_deletes_its_table_and_leftovers_can_be_cleaned_but_not_a_running_one() {
    let dir = scratch_with_acme();
    let local = Local::start(&dir.path().join("dynamodb-local.log"));
    let endpoint = local.endpoint();
    let mut proof = Command::new(binary())
        .args(["prove", "acme.tablewright.json", "--scratch", "--items", "300", "--endpoint", &endpoint])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while proof_tables(&endpoint, dir.path()).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(60), "no scratch table appeared");
        assert!(proof.try_wait().unwrap().is_none(), "the proof ended before it was stopped");
        std::thread::sleep(Duration::from_millis(100));
    }
    // `--clean` from another shell leaves the running proof's table be.
    let running = proof_tables(&endpoint, dir.path());
    let out = run(dir.path(), &["prove", "acme.tablewright.json", "--scratch", "--clean", "--endpoint", &endpoint]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "no scratch tables left behind\n");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("in use by a proof still running here, left alone: acme-bank-proof-"), "{said}");
    assert_eq!(proof_tables(&endpoint, dir.path()), running, "the running proof's table is still there");
    assert!(proof.try_wait().unwrap().is_none(), "the proof still runs");
    // SAFETY: kill(2) on the child's own pid.
    assert_eq!(unsafe { libc::kill(proof.id() as libc::pid_t, libc::SIGTERM) }, 0);
    let out = proof.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("interrupted; the scratch table acme-bank-proof-") && said.contains("was deleted"), "{said}");
    assert_eq!(proof_tables(&endpoint, dir.path()), Vec::<String>::new(), "nothing is left behind");

    // A table a killed run left (SIGKILL cannot be caught): named, then cleaned.
    let mut create = Command::new("aws");
    create.args([
        "dynamodb",
        "create-table",
        "--table-name",
        "acme-bank-proof-1f2e",
        "--billing-mode",
        "PAY_PER_REQUEST",
        "--attribute-definitions",
        "AttributeName=PK,AttributeType=S",
        "--key-schema",
        "AttributeName=PK,KeyType=HASH",
    ]);
    aws_env(&mut create, &endpoint, dir.path());
    assert!(create.output().unwrap().status.success());
    let out = run(dir.path(), &["prove", "acme.tablewright.json", "--scratch", "--clean", "--endpoint", &endpoint]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "deleted acme-bank-proof-1f2e\n");
    assert_eq!(proof_tables(&endpoint, dir.path()), Vec::<String>::new());
}

/// `tablewright` with the environment and flags of `dir`'s DynamoDB Local: the
/// endpoint comes from `AWS_ENDPOINT_URL_DYNAMODB` alone, as AWS tools take it.
fn with_environment(dir: &std::path::Path, endpoint: &str, args: &[&str], stdin: Stdio) -> std::process::Output {
    let mut command = Command::new(binary());
    command.args(args).current_dir(dir).stdin(stdin);
    aws_env(&mut command, endpoint, dir);
    command.output().unwrap()
}

#[test]
fn deploy_takes_its_target_from_the_environment_and_says_what_is_pending() {
    let dir = scratch_with_acme();
    let local = Local::start(&dir.path().join("dynamodb-local.log"));
    let endpoint = local.endpoint();
    let model = "acme.tablewright.json";
    let deploy = |args: &[&str], stdin: Stdio| {
        let mut all = vec!["deploy", model];
        all.extend_from_slice(args);
        with_environment(dir.path(), &endpoint, &all, stdin)
    };

    // Before: changes pending (exit 2), as JSON with the target the environment named.
    let out = deploy(&["--plan", "--detailed-exitcode", "--json"], Stdio::null());
    assert_exit(&out, 2);
    let plan: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["changes"][0]["change"], "create_table", "{plan}");
    assert_eq!(plan["applied"], false);
    assert!(plan["target"].as_str().unwrap().contains(&endpoint), "{plan}");

    // No terminal and no --yes: refused, nothing created.
    let out = deploy(&[], Stdio::null());
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("run with --yes"), "{}", stderr(&out));
    assert_exit(&deploy(&["--plan", "--detailed-exitcode"], Stdio::null()), 2);

    let out = deploy(&["--yes", "--json"], Stdio::null());
    assert_exit(&out, 0);
    let applied: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(applied["applied"], true, "{applied}");

    // After: nothing pending (exit 0).
    let out = deploy(&["--plan", "--detailed-exitcode"], Stdio::null());
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("no changes"), "{}", stdout(&out));

    // A profile whose endpoint_url is the same DynamoDB Local: through AWS_PROFILE
    // alone, and through --profile, the same table, seeded and proven.
    let config = dir.path().join("aws-config");
    std::fs::write(
        &config,
        format!(
            "[profile local]\nregion = us-east-1\nendpoint_url = {endpoint}\naws_access_key_id = local\naws_secret_access_key = local\n"
        ),
    )
    .unwrap();
    let through_profile = |args: &[&str], profile_env: bool| {
        let mut command = Command::new(binary());
        command.args(args).current_dir(dir.path()).stdin(Stdio::null());
        aws_env(&mut command, &endpoint, dir.path());
        command.env_remove("AWS_ENDPOINT_URL_DYNAMODB").env("AWS_CONFIG_FILE", &config);
        if profile_env {
            command.env("AWS_PROFILE", "local");
        }
        command.output().unwrap()
    };
    let out = through_profile(&["deploy", model, "--plan", "--detailed-exitcode"], true);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("profile local") && stdout(&out).contains(&endpoint), "{}", stdout(&out));
    // The account is asked of STS, at the profile's endpoint here, which is no STS:
    // the plan says the account is unknown rather than failing.
    assert!(stdout(&out).contains("AWS account unknown ("), "{}", stdout(&out));
    let seeded = through_profile(&["seed", model, "--items", "40", "--json"], true);
    assert_exit(&seeded, 0);
    let seeded: serde_json::Value = serde_json::from_str(&stdout(&seeded)).expect("seed --json prints one object");
    assert_eq!(seeded["count"], seeded["items"], "{seeded}");
    let out = through_profile(&["prove", model, "--items", "40", "--profile", "local", "--trials", "1"], false);
    assert_exit(&out, 0);
}

/// A design with an error among its problems is printed whole, and a pipeline
/// that derives it stops: the ticketing fixture leaves two patterns unserved.
#[test]
fn derive_exits_1_when_the_design_has_an_error() {
    let ticketing = repo().join("crates/engine/tests/fixtures/ticketing.tablewright.json");
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["derive", ticketing.to_str().unwrap(), "--json"]);
    assert_exit(&out, 1);
    let design: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("the design is printed all the same");
    let errors = design["problems"].as_array().unwrap().iter().filter(|p| p["severity"] == "error").count();
    assert!(errors > 0);
    assert!(
        stderr(&out).contains(&format!("the design has {errors} problem(s) of severity error")),
        "{}",
        stderr(&out)
    );
    assert_exit(&run(dir.path(), &["derive", repo().join("models/acme-bank.tablewright.json").to_str().unwrap()]), 0);
}

/// Scripts tell an invalid model (1) from a usage error (2) and from DynamoDB or
/// AWS failing, unreachable or too slow (3), as the README documents.
#[test]
fn exit_statuses_tell_bad_input_from_bad_usage_from_a_failing_environment() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.tablewright.json");
    std::fs::write(&broken, "{\"format\": \"tablewright/3\"").unwrap();
    assert_exit(&run(dir.path(), &["check", broken.to_str().unwrap()]), 1);
    assert_exit(&run(dir.path(), &["derive"]), 2);
    assert_exit(&run(dir.path(), &["export", "--format", "no-such-format", "m.json"]), 2);
    let acme = repo().join("models/acme-bank.tablewright.json");
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    let unreachable = ["--endpoint", "http://127.0.0.1:1", "--table", "exit-status"];
    let plan = run(dir.path(), &[&["deploy", acme.to_str().unwrap(), "--plan"][..], &unreachable].concat());
    assert_exit(&plan, 3);
    assert!(stderr(&plan).contains("start DynamoDB Local"), "{}", stderr(&plan));
    // A proof on a deployed table that cannot be reached: the environment's too.
    let prove = run(dir.path(), &[&["prove", acme.to_str().unwrap(), "--items", "2"][..], &unreachable].concat());
    assert_exit(&prove, 3);
}

/// -v shows how the SDK looks for credentials, and never what it finds.
#[test]
fn verbose_logs_say_where_credentials_come_from_and_never_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let acme = repo().join("models/acme-bank.tablewright.json");
    let secret = "wJalrXUtnFEMI-not-a-real-secret-K7MDENG";
    for verbosity in ["-v", "-vv"] {
        let out = Command::new(binary())
            .args(["deploy", acme.to_str().unwrap(), "--plan", "--endpoint", "http://127.0.0.1:1", "--table", "logs"])
            .arg(verbosity)
            .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .env_remove("RUST_LOG")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_exit(&out, 3);
        let log = stderr(&out);
        assert!(log.contains("aws_config") && log.contains("DescribeTable"), "{verbosity}:\n{log}");
        assert!(!log.contains(secret), "{verbosity} printed the secret key");
    }
}

/// `fmt --json`: one object per file, saying what became of it.
#[test]
fn fmt_json_says_what_became_of_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let loose = dir.path().join("loose.tablewright.json");
    let text = std::fs::read_to_string(repo().join("models/acme-bank.tablewright.json")).unwrap();
    std::fs::write(&loose, text.replace("\n", "\n  ")).unwrap();
    let out = run(dir.path(), &["fmt", "--json", "loose.tablewright.json", "missing.tablewright.json"]);
    assert_exit(&out, 1);
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["status"], "rewritten");
    assert_eq!(lines[1]["status"], "invalid");
    assert!(lines[1]["error"].as_str().unwrap().contains("missing.tablewright.json"));
    let again = run(dir.path(), &["fmt", "--json", "--check", "loose.tablewright.json"]);
    assert_exit(&again, 0);
    assert!(stdout(&again).contains("\"canonical\""), "{}", stdout(&again));
}

#[test]
fn completions_for_every_shell_the_packages_install_and_man_pages_per_command() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in
        [("bash", "_tablewright()"), ("zsh", "#compdef tablewright"), ("fish", "complete -c tablewright")]
    {
        let out = run(dir.path(), &["completions", shell]);
        assert_exit(&out, 0);
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {}", &script[..script.len().min(200)]);
        assert!(
            script.contains("deploy") && script.contains("detailed-exitcode"),
            "{shell} completes subcommands and flags"
        );
    }
    assert_exit(&run(dir.path(), &["completions", "tcsh"]), 2);

    let out = run(dir.path(), &["man", "pages"]);
    assert_exit(&out, 0);
    let page = |name: &str| std::fs::read_to_string(dir.path().join("pages").join(name)).unwrap();
    let main = page("tablewright.1");
    assert!(main.starts_with(".ie") || main.contains(".TH tablewright 1"), "{}", &main[..200]);
    assert!(main.contains("Exit status"), "the exit codes are documented");
    assert!(page("tablewright-deploy.1").contains("detailed\\-exitcode"));
}

#[test]
fn fmt_through_a_symbolic_link_formats_the_file_it_names_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.tablewright.json");
    std::fs::write(&real, compact(&acme_text())).unwrap();
    std::os::unix::fs::symlink("real.tablewright.json", dir.path().join("link.tablewright.json")).unwrap();
    let out = run(dir.path(), &["fmt", "link.tablewright.json"]);
    assert_exit(&out, 0);
    assert_eq!(std::fs::read_to_string(&real).unwrap(), acme_text(), "the file the link names is formatted");
    let link = std::fs::symlink_metadata(dir.path().join("link.tablewright.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
}

#[test]
fn an_import_larger_than_any_design_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: 64 MiB on paper, nothing on disk; reading it would take 64 MiB.
    let dump = std::fs::File::create(dir.path().join("dump.json")).unwrap();
    dump.set_len(64 * 1024 * 1024).unwrap();
    let out = run(dir.path(), &["import", "dump.json", "-o", "model.tablewright.json"]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("64 MiB; a design of more than 32 MiB is a data dump"), "{}", stderr(&out));
    assert!(!dir.path().join("model.tablewright.json").exists(), "nothing is written");
}
