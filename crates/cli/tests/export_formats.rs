//! The CLI offers every export the engine makes, by the names the app's Export
//! menu uses, and writes each one as the engine does.

use std::process::Command;

use tablewright_engine::design::derive;
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::load_file;

const CLI: &str = env!("CARGO_BIN_EXE_tablewright");

fn acme() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/acme-bank.tablewright.json")
}

#[test]
fn export_help_lists_every_format_with_its_title() {
    let out = Command::new(CLI).args(["export", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for format in ExportFormat::ALL {
        let line = help.lines().find(|l| l.trim_start().starts_with(&format!("- {}:", format.id())));
        let line = line.unwrap_or_else(|| panic!("{} is not offered:\n{help}", format.id()));
        assert!(line.contains(format.title()), "{line}");
    }
}

#[test]
fn every_format_is_written_as_the_engine_exports_it() {
    let model = load_file(&acme()).unwrap();
    let design = derive(&model);
    let dir = tempfile::tempdir().unwrap();
    // NoSQL Workbench dates its model with the export's time: compared apart.
    for format in ExportFormat::ALL.into_iter().filter(|&f| f != ExportFormat::NosqlWorkbench) {
        let file = dir.path().join(format!("acme.{}", format.extension()));
        let out = Command::new(CLI)
            .args(["export", acme().to_str().unwrap(), "--format", format.id(), "-o", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}: {}", format.id(), String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read(&file).unwrap(), export(&model, &design, format, 0).unwrap(), "{}", format.id());
    }
}

#[test]
fn an_unknown_format_is_refused_with_the_ones_there_are() {
    let out =
        Command::new(CLI).args(["export", acme().to_str().unwrap(), "--format", "cloud-formation"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("invalid value 'cloud-formation'") && said.contains("cloudformation-json"), "{said}");
}
