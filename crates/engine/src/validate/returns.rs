//! What a read returns: attributes of its target, each once; writes return nothing.

use crate::model::AccessPattern;
use crate::path::JsonPath;

use super::Validator;

impl Validator<'_, '_> {
    pub(super) fn returns(&mut self, p: &AccessPattern, path: &JsonPath) {
        let at = path.key("returns");
        if p.kind.is_write() && !p.returns.is_empty() {
            self.error(&at, "only reads return attributes", "remove \"returns\" from the write");
            return;
        }
        for (i, name) in p.returns.iter().enumerate() {
            let place = at.index(i);
            self.attribute_named(&p.entity, name, &place);
            if p.returns[..i].contains(name) {
                self.error(&place, format!("'{name}' is listed twice in \"returns\""), "list each attribute once");
            }
        }
    }
}
