//! Every text export of every example model against its reviewed snapshot.

mod common;

use tablewright_engine::design::derive;
use tablewright_engine::design::Design;
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::load_file;
use tablewright_engine::model::Model;

/// The text formats whose every line is reviewed; NoSQL Workbench has tests of
/// its own (nwb.rs), the pictures below.
const REVIEWED: [ExportFormat; 7] = [
    ExportFormat::CloudFormation,
    ExportFormat::CloudFormationJson,
    ExportFormat::AwsCli,
    ExportFormat::Terraform,
    ExportFormat::Cdk,
    ExportFormat::Markdown,
    ExportFormat::Mermaid,
];

fn export_text(model: &Model, design: &Design, format: ExportFormat) -> String {
    String::from_utf8(export(model, design, format, 0).unwrap()).unwrap()
}

#[test]
fn exports_match_their_snapshots() {
    for file in common::example_models() {
        let model = load_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let design = derive(&model);
        let stem = common::stem(&file);
        for format in REVIEWED {
            insta::assert_snapshot!(format!("{stem}.{}", format.id()), export_text(&model, &design, format));
        }
        insta::assert_snapshot!(format!("{stem}.svg"), tablewright_engine::export::diagram::svg(&model));
    }
}

#[test]
fn the_png_diagram_is_a_picture_with_the_entities_drawn() {
    let model = common::acme();
    let png = tablewright_engine::export::diagram::png(&model).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    let svg = tablewright_engine::export::diagram::svg(&model);
    assert!(svg.contains(&format!(r#"width="{width}" height="{height}""#)), "PNG is {width}x{height}");
    // Five entity boxes with their names and attributes make far more than a blank page compresses to.
    assert!(png.len() > 20_000, "suspiciously small PNG: {} bytes", png.len());
}

#[test]
fn json_exports_are_json_and_yaml_says_the_same() {
    for file in common::example_models() {
        let model = load_file(&file).unwrap();
        let design = derive(&model);
        let json: serde_json::Value =
            serde_json::from_str(&export_text(&model, &design, ExportFormat::CloudFormationJson)).unwrap();
        let yaml = export_text(&model, &design, ExportFormat::CloudFormation);
        assert_eq!(tablewright_engine::export::yaml::to_yaml(&json), yaml);
        let table = &json["Resources"]["Table"]["Properties"];
        let defined: Vec<&str> = table["AttributeDefinitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["AttributeName"].as_str().unwrap())
            .collect();
        // Only key attributes are defined, and every one of them is used by a key schema.
        let mut used: Vec<&str> = vec!["PK", "SK"];
        for index in table["GlobalSecondaryIndexes"].as_array().into_iter().flatten() {
            for key in index["KeySchema"].as_array().unwrap() {
                used.push(key["AttributeName"].as_str().unwrap());
            }
        }
        for name in &defined {
            assert!(used.contains(name), "{}: {name} defined but unused", file.display());
        }
        assert_eq!(json["Outputs"]["TableArn"]["Value"]["Fn::GetAtt"][1], "Arn");
    }
}

#[test]
fn terraform_parses_as_hcl_with_the_table() {
    for file in common::example_models() {
        let model = load_file(&file).unwrap();
        let design = derive(&model);
        let text = export_text(&model, &design, ExportFormat::Terraform);
        let body: hcl::Body = hcl::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", file.display()));
        let resource = body
            .blocks()
            .find(|b| b.identifier() == "resource")
            .unwrap_or_else(|| panic!("{}: no resource block", file.display()));
        assert_eq!(resource.labels()[0].as_str(), "aws_dynamodb_table");
        let gsis = resource.body().blocks().filter(|b| b.identifier() == "global_secondary_index").count();
        assert_eq!(gsis, design.gsis.len(), "{}", file.display());
    }
}

/// A format reads as the model names it, an enumeration's values as written:
/// a new user's AVAILABLE and ON_LOAN came out lower-cased.
#[test]
fn markdown_writes_enum_values_as_the_model_does() {
    let model = load_file(&common::fixture_path("library-lending")).unwrap();
    let markdown = export_text(&model, &derive(&model), ExportFormat::Markdown);
    assert!(markdown.contains("one of AVAILABLE, ON\\_LOAN, LOST, IN\\_REPAIR"), "{markdown}");
}
