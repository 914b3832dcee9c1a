//! `completions` and `man`: shell completions and man pages, generated from the
//! command's own definition so that they always match it. The packages install
//! their output; CLI-only users can write them where their shell looks.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};
use clap_complete::Shell;

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    shell: Shell,
}

#[derive(Args)]
pub struct ManArgs {
    /// The directory to write the pages into (created if missing).
    dir: PathBuf,
}

/// Prints the completion script of `shell` for the `tablewright` command.
pub fn completions<C: CommandFactory>(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut command = C::command();
    let name = command.get_name().to_string();
    clap_complete::generate(args.shell, &mut command, name, &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

/// Writes `tablewright.1` and a page per subcommand (`tablewright-deploy.1`, ...),
/// as git's pages are laid out.
pub fn man<C: CommandFactory>(args: &ManArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.dir).with_context(|| format!("cannot create {}", args.dir.display()))?;
    clap_mangen::generate_to(C::command(), &args.dir)
        .with_context(|| format!("cannot write the man pages into {}", args.dir.display()))?;
    Ok(ExitCode::SUCCESS)
}
