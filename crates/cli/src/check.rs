//! `check` and `fmt`: load model files and report, or rewrite them canonically.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use tablewright_engine::{load_file, save_file, to_canonical_json};

#[derive(Args)]
pub struct CheckArgs {
    /// Model files (*.tablewright.json).
    #[arg(required = true)]
    models: Vec<PathBuf>,
    /// Print the problems as JSON (one object per file).
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct FmtArgs {
    #[arg(required = true)]
    models: Vec<PathBuf>,
    /// Change nothing; exit 1 if any file is not in canonical form.
    #[arg(long)]
    check: bool,
    /// One JSON object per file: {"file", "status": "canonical" | "rewritten" |
    /// "not_canonical" | "invalid", "error"}.
    #[arg(long)]
    json: bool,
}

pub fn check(args: &CheckArgs) -> Result<ExitCode> {
    let mut all_valid = true;
    for path in &args.models {
        let result = load_file(path);
        all_valid &= result.is_ok();
        if args.json {
            let report = serde_json::json!({
                "file": path,
                "ok": result.is_ok(),
                "error": result.as_ref().err().map(|e| e.to_string()),
                "problems": result.as_ref().err().map(|e| e.diagnostics()).unwrap_or_default(),
            });
            println!("{report}");
        } else {
            match result {
                Ok(_) => println!("{}: ok", path.display()),
                Err(e) => println!("{e}"),
            }
        }
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Rewrites every file it can; an invalid file is reported, left alone, and makes
/// the exit status 1, but does not stop the others.
pub fn fmt(args: &FmtArgs) -> Result<ExitCode> {
    let mut ok = true;
    for path in &args.models {
        let (status, error) = match load_file(path) {
            Err(e) => ("invalid", Some(e.to_string())),
            Ok(model) => {
                let canonical = to_canonical_json(&model);
                if std::fs::read_to_string(path)? == canonical {
                    ("canonical", None)
                } else if args.check {
                    ("not_canonical", None)
                } else {
                    save_file(&model, path)?;
                    ("rewritten", None)
                }
            }
        };
        ok &= matches!(status, "canonical" | "rewritten");
        if args.json {
            println!("{}", serde_json::json!({ "file": path, "status": status, "error": error }));
            continue;
        }
        match (status, error) {
            (_, Some(error)) => eprintln!("{error}"),
            ("not_canonical", _) => println!("{}: not in canonical form", path.display()),
            ("rewritten", _) => println!("{}: rewritten", path.display()),
            _ => {}
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
