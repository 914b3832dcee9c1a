//! Every text export of every example model against its reviewed snapshot.

mod common;

use tablewright_engine::design::derive;
use tablewright_engine::export::{export_text, TextFormat};
use tablewright_engine::load_file;

const FORMATS: [(TextFormat, &str); 7] = [
    (TextFormat::CloudFormation, "cloudformation"),
    (TextFormat::CloudFormationJson, "cloudformation-json"),
    (TextFormat::AwsCli, "aws-cli"),
    (TextFormat::Terraform, "terraform"),
    (TextFormat::Cdk, "cdk"),
    (TextFormat::Markdown, "markdown"),
    (TextFormat::Mermaid, "mermaid"),
];

#[test]
fn exports_match_their_snapshots() {
    for file in common::example_models() {
        let model = load_file(&file).unwrap_or_else(|e| panic!("{e}"));
        let design = derive(&model);
        let stem = common::stem(&file);
        for (format, name) in FORMATS {
            insta::assert_snapshot!(format!("{stem}.{name}"), export_text(&model, &design, format));
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
            serde_json::from_str(&export_text(&model, &design, TextFormat::CloudFormationJson)).unwrap();
        let yaml = export_text(&model, &design, TextFormat::CloudFormation);
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
        let text = export_text(&model, &design, TextFormat::Terraform);
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
