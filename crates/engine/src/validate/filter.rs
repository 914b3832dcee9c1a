//! A read's filter: the values its test compares with, and a test that the
//! attribute's type can answer.

use crate::model::{AccessPattern, AttrType, Attribute, FilterOp, Format, Operands};
use crate::path::JsonPath;
use crate::sample::Value;

use super::Validator;

/// DynamoDB's limit on the values of one IN.
const IN_VALUES: usize = 100;

impl Validator<'_, '_> {
    pub(super) fn filter(&mut self, p: &AccessPattern, path: &JsonPath) {
        let Some(filter) = &p.filter else { return };
        let at = path.key("filter");
        let attribute = self.attribute_named(&p.entity, &filter.attribute, &at.key("attribute"));
        let op = op_name(filter.op);
        let (value, values) = (filter.value.is_some(), filter.values.len());
        let operands = match filter.op.operands() {
            Operands::None => {
                (!value && values == 0).then_some(()).ok_or("compares with nothing: drop \"value\" and \"values\"")
            }
            Operands::One => {
                (value && values == 0).then_some(()).ok_or("compares with one \"value\" (and no \"values\")")
            }
            Operands::Two => {
                (!value && values == 2).then_some(()).ok_or("compares with two \"values\", the lowest and the highest")
            }
            Operands::Many => (!value && (1..=IN_VALUES).contains(&values))
                .then_some(())
                .ok_or("compares with one to 100 \"values\" (and no \"value\")"),
        };
        if let Err(fix) = operands {
            self.error(
                &at,
                format!("the '{op}' filter on {} has the wrong values", filter.attribute),
                format!("'{op}' {fix}"),
            );
        }
        if let Some(attribute) = attribute {
            self.filter_fits(p, attribute, &at);
        }
        if filter.selectivity.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            self.error(
                &at.key("selectivity"),
                "selectivity must be between 0 and 1",
                "0.001 means 0.1% of the items pass",
            );
        }
    }

    /// The test is one the attribute's type answers, with values of that type.
    fn filter_fits(&mut self, p: &AccessPattern, attribute: &Attribute, at: &JsonPath) {
        let Some(filter) = &p.filter else { return };
        let (name, op, kind) = (&filter.attribute, filter.op, attribute.attr_type);
        if op == FilterOp::Absent && (attribute.required || attribute.identifier) {
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
            if numeric && !is_number(value) {
                self.error(
                    place,
                    format!("'{value}' is not a number, and {name} holds numbers"),
                    "write it as 12 or -0.5",
                );
            } else if kind == AttrType::Boolean && value.as_str() != "true" && value.as_str() != "false" {
                self.error(
                    place,
                    format!("'{value}' is not true or false, and {name} is a Boolean"),
                    "write true or false",
                );
            } else if let Some(values) = enumerated.filter(|values| !values.contains(value)) {
                self.error(
                    place,
                    format!("'{value}' is not one of {name}'s values ({})", values.join(", ")),
                    "use one of the enum's values",
                );
            }
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
}

fn op_name(op: FilterOp) -> String {
    serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A number as DynamoDB and JSON write it, finite.
fn is_number(text: &str) -> bool {
    serde_json::from_str::<serde_json::Number>(text).is_ok() && text.parse::<f64>().is_ok_and(f64::is_finite)
}
