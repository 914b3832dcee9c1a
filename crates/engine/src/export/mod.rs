//! Taking the design elsewhere: infrastructure definitions, documents, diagrams.

pub mod aws_cli;
pub mod cdk;
pub mod cloudformation;
pub mod diagram;
pub mod markdown;
pub mod mermaid;
pub mod nosql_workbench;
mod shapes;
pub mod terraform;
pub mod yaml;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::design::Design;
use crate::model::Model;
use crate::table_spec::TableSpec;

use diagram::DiagramError;
use nosql_workbench::{NwbExportError, NwbOptions};

/// Every export, by the name the CLI and the app know it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumCount)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    #[serde(rename = "cloudformation")]
    CloudFormation,
    #[serde(rename = "cloudformation-json")]
    CloudFormationJson,
    AwsCli,
    Terraform,
    Cdk,
    NosqlWorkbench,
    Markdown,
    Mermaid,
    Svg,
    Png,
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error(transparent)]
    Diagram(#[from] DiagramError),
    #[error(transparent)]
    NosqlWorkbench(#[from] NwbExportError),
}

impl ExportFormat {
    /// In the order menus list them: table definitions, then documents and pictures.
    /// Every format, in the order the CLI, the menu and the toolbar list them. Its
    /// length is the number of variants: a new format that is not listed here
    /// does not compile, and the test below finds a format listed twice.
    pub const ALL: [ExportFormat; <ExportFormat as strum::EnumCount>::COUNT] = [
        ExportFormat::CloudFormation,
        ExportFormat::CloudFormationJson,
        ExportFormat::AwsCli,
        ExportFormat::Terraform,
        ExportFormat::Cdk,
        ExportFormat::NosqlWorkbench,
        ExportFormat::Markdown,
        ExportFormat::Mermaid,
        ExportFormat::Svg,
        ExportFormat::Png,
    ];

    /// The name on the command line, in the menu's ids and in the UI's messages.
    pub fn id(self) -> &'static str {
        match self {
            ExportFormat::CloudFormation => "cloudformation",
            ExportFormat::CloudFormationJson => "cloudformation-json",
            ExportFormat::AwsCli => "aws-cli",
            ExportFormat::Terraform => "terraform",
            ExportFormat::Cdk => "cdk",
            ExportFormat::NosqlWorkbench => "nosql-workbench",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
        }
    }

    /// What the export is, for menus and help.
    pub fn title(self) -> &'static str {
        match self {
            ExportFormat::CloudFormation => "AWS CloudFormation template (YAML)",
            ExportFormat::CloudFormationJson => "AWS CloudFormation template (JSON)",
            ExportFormat::AwsCli => "Input for aws dynamodb create-table --cli-input-json",
            ExportFormat::Terraform => "Terraform aws_dynamodb_table",
            ExportFormat::Cdk => "AWS CDK v2 stack (TypeScript)",
            ExportFormat::NosqlWorkbench => "NoSQL Workbench data model with sample items",
            ExportFormat::Markdown => "Design document (Markdown)",
            ExportFormat::Mermaid => "ER diagram (Mermaid)",
            ExportFormat::Svg => "ER diagram (SVG picture)",
            ExportFormat::Png => "ER diagram (PNG picture)",
        }
    }

    /// The usual file name ending for the format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::CloudFormation => "yaml",
            ExportFormat::CloudFormationJson | ExportFormat::AwsCli | ExportFormat::NosqlWorkbench => "json",
            ExportFormat::Terraform => "tf",
            ExportFormat::Cdk => "ts",
            ExportFormat::Markdown => "md",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
        }
    }
}

/// The export's bytes (text ends with a newline). `now`, in epoch seconds, dates
/// the NoSQL Workbench model and the sample items in it; no other format uses it.
pub fn export(model: &Model, design: &Design, format: ExportFormat, now: i64) -> Result<Vec<u8>, ExportError> {
    let spec = TableSpec::new(model, design, None);
    let json = |value: serde_json::Value| crate::escape::json(&value) + "\n";
    let text = match format {
        ExportFormat::CloudFormation => yaml::to_yaml(&cloudformation::template(&spec, &model.name)),
        ExportFormat::CloudFormationJson => json(cloudformation::template(&spec, &model.name)),
        ExportFormat::AwsCli => json(aws_cli::create_table_input(&spec)),
        ExportFormat::Terraform => terraform::configuration(&spec, &model.name),
        ExportFormat::Cdk => cdk::stack(&spec, &model.name),
        ExportFormat::NosqlWorkbench => {
            nosql_workbench::to_text(&nosql_workbench::nosql_workbench(model, design, &NwbOptions::at(now))?)
        }
        ExportFormat::Markdown => markdown::document(model, design, &spec),
        ExportFormat::Mermaid => mermaid::er_diagram(model),
        ExportFormat::Svg => diagram::svg(model),
        ExportFormat::Png => return Ok(diagram::png(model)?),
    };
    Ok(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::ExportFormat;

    #[test]
    fn every_format_is_listed_once() {
        let listed: std::collections::HashSet<&str> = ExportFormat::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(listed.len(), ExportFormat::ALL.len(), "a format listed twice leaves another out");
    }

    #[test]
    fn the_ui_and_the_cli_know_a_format_by_one_name() {
        for format in ExportFormat::ALL {
            assert_eq!(serde_json::to_value(format).unwrap(), format.id());
            assert_eq!(serde_json::from_value::<ExportFormat>(format.id().into()).unwrap(), format);
        }
    }
}
