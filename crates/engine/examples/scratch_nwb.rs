use tablewright_engine::import::{import_nwb, ImportOptions};
fn main() {
    for f in std::fs::read_dir("/work/shared/fixtures/nosql-workbench").unwrap() {
        let p = f.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for t in v["DataModel"].as_array().unwrap() {
            let name = t["TableName"].as_str().unwrap().to_string();
            match import_nwb(&text, &ImportOptions { table: Some(name.clone()) }) {
                Err(e) => println!("{}/{name}: ERROR {e}", p.display()),
                Ok(m) => {
                    println!("== {}/{name}", p.file_name().unwrap().to_str().unwrap());
                    for e in &m.entities {
                        let attrs: Vec<String> = e
                            .attributes
                            .iter()
                            .map(|a| {
                                format!(
                                    "{}{}:{}",
                                    if a.identifier { "*" } else { "" },
                                    a.name,
                                    a.attr_type.dynamodb_type()
                                )
                            })
                            .collect();
                        let keys: Vec<String> = e
                            .pinned_keys
                            .iter()
                            .map(|(i, k)| {
                                format!(
                                    "{i}: {} / {}",
                                    k.partition.clone().unwrap_or_default(),
                                    k.sort.clone().unwrap_or_default()
                                )
                            })
                            .collect();
                        println!("  {} [{}]\n     {}", e.name, attrs.join(", "), keys.join(" | "));
                    }
                    let d = tablewright_engine::design::derive(&m);
                    let v = tablewright_engine::verify::verify(&m, &d);
                    println!(
                        "  gsis {:?} problems {:?}",
                        d.gsis.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
                        d.problems.iter().map(|p| p.message.clone()).collect::<Vec<_>>()
                    );
                    for x in &v.design {
                        println!("  design: {x}");
                    }
                    for p in &v.patterns {
                        if !p.ok {
                            println!("  {} {:?}", p.pattern, p.reasons);
                        }
                    }
                    println!("  {} of {} served", v.patterns.iter().filter(|p| p.ok).count(), v.patterns.len());
                }
            }
        }
    }
}
