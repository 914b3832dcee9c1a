//! DynamoDB prices, kept as dated data (data/prices.json) rather than code, so a
//! price change is a data change with its date and source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceBook {
    pub as_of: String,
    pub source: String,
    pub regions: BTreeMap<String, Prices>,
}

/// US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prices {
    pub on_demand_write_per_million: f64,
    pub on_demand_read_per_million: f64,
    pub provisioned_wcu_hour: f64,
    pub provisioned_rcu_hour: f64,
    pub storage_gb_month: f64,
}

pub fn price_book() -> PriceBook {
    serde_json::from_str(include_str!("../../data/prices.json")).expect("data/prices.json is valid (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_price_book_loads_and_has_the_documented_us_east_1_prices() {
        let book = price_book();
        let p = book.regions["us-east-1"];
        assert_eq!((p.on_demand_write_per_million, p.on_demand_read_per_million), (0.625, 0.125));
        assert_eq!((p.provisioned_wcu_hour, p.provisioned_rcu_hour, p.storage_gb_month), (0.00065, 0.00013, 0.25));
    }
}
