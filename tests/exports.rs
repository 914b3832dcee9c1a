//! Every export of every example model, checked by the real tools: cfn-lint for
//! CloudFormation (YAML and JSON), tsc with aws-cdk-lib for the CDK stack.
//! scripts/test.sh installs both; run alone, these tests say how to install them.

mod support;

use std::path::Path;
use std::process::Command;

use support::{assert_exit, example_models, repo, run, stderr, stdout, stem, type_check};

fn export(model: &Path, format: &str, output: &Path) {
    let out = run(&repo(), &["export", model.to_str().unwrap(), "--format", format, "-o", output.to_str().unwrap()]);
    assert_exit(&out, 0);
    assert!(stdout(&out).is_empty(), "with -o nothing goes to stdout");
}

#[test]
fn cloudformation_exports_pass_cfn_lint() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for model in example_models() {
        for (format, ext) in [("cloudformation", "yaml"), ("cloudformation-json", "json")] {
            let file = dir.path().join(format!("{}.{ext}", stem(&model)));
            export(&model, format, &file);
            files.push(file);
        }
    }
    // cfn-lint's own entry point run by python3, not the `cfn-lint` script: pip's
    // script directory need not be on PATH (pyenv adds it only after a rehash).
    let entry = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())";
    let lint = Command::new("python3").args(["-c", entry]).args(&files).output().unwrap();
    let missing = String::from_utf8_lossy(&lint.stderr).contains("No module named 'cfnlint'");
    assert!(!missing, "cfn-lint is not installed: run scripts/test.sh, or `python3 -m pip install cfn-lint`");
    assert!(
        lint.status.success(),
        "cfn-lint found problems:\n{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
}

#[test]
fn cdk_exports_type_check_against_aws_cdk_lib() {
    let dir = tempfile::tempdir().unwrap();
    let mut stacks = Vec::new();
    for model in example_models() {
        let file = dir.path().join(format!("{}.ts", stem(&model)));
        export(&model, "cdk", &file);
        stacks.push((format!("{}.ts", stem(&model)), std::fs::read(&file).unwrap()));
    }
    type_check("cdk", "out", &stacks);
}

#[test]
fn export_to_an_unwritable_place_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/acme.yaml");
    let model = repo().join("models/acme-bank.tablewright.json");
    let out = run(
        &repo(),
        &["export", model.to_str().unwrap(), "--format", "cloudformation", "-o", target.to_str().unwrap()],
    );
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("missing/acme.yaml"), "{}", stderr(&out));
    assert!(!dir.path().join("missing").exists());
}
