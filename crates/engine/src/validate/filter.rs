//! A read's filter: the values its test compares with, and a test that the
//! attribute's type can answer.

use crate::model::{AccessPattern, AttrType, Attribute, FilterOp, FilterTest, Format, Operands};
use crate::path::JsonPath;
use crate::value::Value;

use super::Validator;

/// DynamoDB's limit on the values of one IN.
const IN_VALUES: usize = 100;

impl Validator<'_, '_> {
    pub(super) fn filter(&mut self, p: &AccessPattern, path: &JsonPath) {
        let Some(filter) = &p.filter else { return };
        self.clause(filter, &path.key("filter"), "filter", &mut |v, t, at| v.filter_test(p, t, at));
    }

    fn filter_test(&mut self, p: &AccessPattern, filter: &FilterTest, at: &JsonPath) {
        let attribute = self.attribute_named(&p.entity, &filter.attribute, &at.key("attribute"));
        let op = op_name(filter.op);
        let (value, values) = (filter.value.is_some() || filter.input.is_some(), filter.values.len());
        let operands = match filter.op.operands() {
            Operands::None => (!value && values == 0)
                .then_some(())
                .ok_or("compares with nothing: drop \"value\", \"input\" and \"values\""),
            Operands::One => (value && values == 0)
                .then_some(())
                .ok_or("compares with one \"value\" or one request \"input\" (and no \"values\")"),
            Operands::Two => {
                (!value && values == 2).then_some(()).ok_or("compares with two \"values\", the lowest and the highest")
            }
            Operands::Many => (!value && (1..=IN_VALUES).contains(&values))
                .then_some(())
                .ok_or("compares with one to 100 \"values\" (and no \"value\" or \"input\")"),
        };
        if let Err(fix) = operands {
            self.error(
                at,
                format!("the '{op}' filter on {} has the wrong values", filter.attribute),
                format!("'{op}' {fix}"),
            );
        } else if filter.value.is_some() && filter.input.is_some() {
            self.error(
                &at.key("input"),
                format!("the '{op}' filter on {} has both a \"value\" and an \"input\"", filter.attribute),
                "keep \"value\" for a value fixed in the model, or \"input\" for one the request gives",
            );
        }
        if let Some(input) = &filter.input {
            self.filter_input(p, input, &at.key("input"));
        }
        if let Some(attribute) = attribute {
            self.filter_fits(p, filter, attribute, at);
        }
        if filter.selectivity.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            self.error(
                &at.key("selectivity"),
                "selectivity must be between 0 and 1",
                "0.001 means 0.1% of the items pass",
            );
        }
    }

    /// A filter's request parameter is a name of its own: the generated code
    /// takes it as an argument and the request binds it as `:input`.
    fn filter_input(&mut self, p: &AccessPattern, input: &str, at: &JsonPath) {
        if !self.request_name(input, at) {
            return;
        }
        let range = p.range.as_ref().map(|r| r.attribute.as_str());
        if p.inputs.iter().any(|i| i == input) || range == Some(input) {
            self.error(
                at,
                format!("the filter's input '{input}' is already a key input of {}", p.id),
                "give the value the filter compares with a name of its own, such as 'min' + the attribute",
            );
        } else if reserved_placeholder(input) {
            self.error(
                at,
                format!("'{input}' names a value the request already binds (:pk, :sk, :type, :filter)"),
                "give the filter's input another name",
            );
        }
    }

    /// The test is one the attribute's type answers, with values of that type.
    fn filter_fits(&mut self, p: &AccessPattern, filter: &FilterTest, attribute: &Attribute, at: &JsonPath) {
        let (name, op, kind) = (&filter.attribute, filter.op, attribute.attr_type);
        // By what the items carry: a manager carried under its role is absent on the top.
        if op == FilterOp::Absent && self.graph.always_carries(&p.entity, name) {
            self.error(
                &at.key("op"),
                format!("every {} has {name}, so none would pass 'absent'", p.entity),
                format!("make {name} optional, or filter on another attribute"),
            );
        }
        let answers = match op {
            FilterOp::Present | FilterOp::Absent => true,
            FilterOp::Equals | FilterOp::NotEquals | FilterOp::In => {
                matches!(kind, AttrType::String | AttrType::Number | AttrType::Boolean)
            }
            FilterOp::BeginsWith => kind == AttrType::String,
            FilterOp::Contains => {
                matches!(kind, AttrType::String | AttrType::StringSet | AttrType::NumberSet | AttrType::List)
            }
            _ => matches!(kind, AttrType::String | AttrType::Number),
        };
        if !answers {
            self.error(
                &at.key("op"),
                format!("{name} is a {kind:?} attribute, which '{}' cannot test", op_name(op)),
                "test a string or number attribute; a set or list answers 'contains', any attribute 'present' and 'absent'",
            );
            return;
        }
        let compared: Vec<(JsonPath, &String)> = match &filter.value {
            Some(v) => vec![(at.key("value"), v)],
            None => filter.values.iter().enumerate().map(|(i, v)| (at.key("values").index(i), v)).collect(),
        };
        let numeric = matches!(kind, AttrType::Number) || (kind == AttrType::NumberSet && op == FilterOp::Contains);
        let enumerated = match &attribute.format {
            Some(Format::Enum(values)) if matches!(op, FilterOp::Equals | FilterOp::NotEquals | FilterOp::In) => {
                Some(values)
            }
            _ => None,
        };
        for (place, value) in &compared {
            self.value_fits(place, value, name, numeric, kind == AttrType::Boolean, enumerated);
        }
        if let [low, high] = filter.values.as_slice() {
            let typed = |t: &String| if numeric { Value::N(t.clone()) } else { Value::S(t.clone()) };
            if op == FilterOp::Between && typed(low).compare(&typed(high)) == Some(std::cmp::Ordering::Greater) {
                self.error(
                    &at.key("values"),
                    format!("between '{low}' and '{high}' holds nothing: the lowest value comes first"),
                    format!("write [\"{high}\", \"{low}\"]"),
                );
            }
        }
    }

    /// Whether `input` can name a request's value: the generated code takes it as
    /// an argument and the request binds it as `:input`, beside the values the
    /// plan binds itself (`:_if1`, `:_was_status`), which start with '_'.
    pub(super) fn request_name(&mut self, input: &str, at: &JsonPath) -> bool {
        let mut chars = input.chars();
        let plain = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !plain {
            self.error(
                at,
                format!("'{}' cannot name a request's value", crate::escape::visible(input)),
                "use a letter, then letters, digits and '_' (DynamoDB's rule for :placeholders), such as minTotal",
            );
        }
        plain
    }

    /// A value written in the model is one that `name` can hold: a number, a
    /// boolean, one of the enum's `values`.
    pub(super) fn value_fits(
        &mut self,
        place: &JsonPath,
        value: &str,
        name: &str,
        numeric: bool,
        boolean: bool,
        enumerated: Option<&Vec<String>>,
    ) {
        if numeric && !is_number(value) {
            self.error(
                place,
                format!("'{value}' is not a number, and {name} holds numbers"),
                "write it as a JSON string of a number, such as \"12\" or \"-0.5\"",
            );
        } else if boolean && value != "true" && value != "false" {
            self.error(
                place,
                format!("'{value}' is not true or false, and {name} is a Boolean"),
                "write \"true\" or \"false\" (a JSON string)",
            );
        } else if let Some(values) = enumerated.filter(|values| !values.iter().any(|v| v == value)) {
            self.error(
                place,
                format!("'{value}' is not one of {name}'s values ({})", values.join(", ")),
                "use one of the enum's values",
            );
        }
    }
}

fn op_name(op: FilterOp) -> String {
    serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Placeholders the plans' requests use for their own values.
fn reserved_placeholder(name: &str) -> bool {
    let numbered = |prefix: &str| name.strip_prefix(prefix).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    numbered("pk") || numbered("sk") || name == "type" || name.starts_with("filter") || name.starts_with("_was_")
}

/// A number as DynamoDB and JSON write it, finite.
fn is_number(text: &str) -> bool {
    serde_json::from_str::<serde_json::Number>(text).is_ok() && text.parse::<f64>().is_ok_and(f64::is_finite)
}
