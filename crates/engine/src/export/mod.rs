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

use crate::design::Design;
use crate::model::Model;
use crate::table_spec::table_spec;

/// Every text export, by its CLI name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    CloudFormation,
    CloudFormationJson,
    AwsCli,
    Terraform,
    Cdk,
    Markdown,
    Mermaid,
}

impl TextFormat {
    /// The usual file name ending for the format.
    pub fn extension(self) -> &'static str {
        match self {
            TextFormat::CloudFormation => "yaml",
            TextFormat::CloudFormationJson | TextFormat::AwsCli => "json",
            TextFormat::Terraform => "tf",
            TextFormat::Cdk => "ts",
            TextFormat::Markdown => "md",
            TextFormat::Mermaid => "mmd",
        }
    }
}

/// The export's text, ending with a newline.
pub fn export_text(model: &Model, design: &Design, format: TextFormat) -> String {
    let spec = table_spec(model, design);
    let json = |value: serde_json::Value| serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n";
    match format {
        TextFormat::CloudFormation => yaml::to_yaml(&cloudformation::template(&spec, &model.name)),
        TextFormat::CloudFormationJson => json(cloudformation::template(&spec, &model.name)),
        TextFormat::AwsCli => json(aws_cli::create_table_input(&spec)),
        TextFormat::Terraform => terraform::configuration(&spec, &model.name),
        TextFormat::Cdk => cdk::stack(&spec, &model.name),
        TextFormat::Markdown => markdown::document(model, design, &spec),
        TextFormat::Mermaid => mermaid::er_diagram(model),
    }
}
