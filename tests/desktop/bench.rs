//! The desktop app on a model, measured inside its page: one edit's round trip
//! (a click on "+ Entity", through the engine's derivation and checks, to the new
//! entity drawn and measured with its lines routed) and how long Auto Layout
//! takes until the entities stand still. One JSON line per model on standard output;
//! scripts/bench-app.sh runs it on the release app and prints the table. On
//! demand, never in CI.
//!
//!     TABLEWRIGHT_DESKTOP_APP=target/release/tablewright-desktop \
//!       cargo test -p tablewright-e2e --bench app -- MODEL...

// kill(2) on the processes the harness starts: std has no safe way to send a signal.
#![allow(unsafe_code)]

#[path = "../support/mod.rs"]
mod support;

// The bench takes a few of the harness's steps; the end-to-end tests use the rest.
#[allow(dead_code)]
#[path = "harness.rs"]
mod harness;

use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use harness::{Desktop, Home};
use serde_json::{json, Value};

/// Edits timed on each model; the median is reported.
const EDITS: usize = 5;

fn main() {
    let models: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    assert!(!models.is_empty(), "usage: cargo test -p tablewright-e2e --bench app -- MODEL...");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    for model in models {
        let measured = runtime.block_on(measure(&model));
        println!("{measured}");
    }
}

async fn measure(model: &str) -> Value {
    let home = Home::new();
    let app = Desktop::launch(&home, &[model]).await;
    let scripts = TimeoutConfiguration::new(Some(Duration::from_secs(150)), None, None);
    if let Err(e) = app.client.update_timeouts(scripts).await {
        app.fail(&format!("the page's script timeout: {e}")).await;
    }
    let entities = model_entities(model);
    let drawn = format!("document.querySelectorAll('.react-flow__node').length >= {entities}");
    wait_in_page(&app, &drawn).await;
    let (mut edits, mut analyses) = (Vec::new(), Vec::new());
    for n in 1..=EDITS {
        // The canvas glides to the new entity: let it settle between edits.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let name = format!("Entity{n}");
        let answer = in_page(&app, EDIT_ROUND_TRIP, json!([name])).await;
        edits.push(measured(&app, answer["total"].clone(), "the new entity drawn").await);
        analyses.push(measured(&app, answer["analysis"].clone(), "the edit's analysis time").await);
    }
    let layout = measured(&app, in_page(&app, AUTO_LAYOUT, json!([])).await, "Auto Layout done").await;
    // Last: a drag leaves the entity selected and its place saved.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let frames = in_page(&app, DRAG, json!([])).await;
    let frames: Vec<f64> = match frames.as_array() {
        Some(list) if list.len() > 5 => list.iter().filter_map(Value::as_f64).collect(),
        _ => app.fail(&format!("the drag drew too few frames: {frames}")).await,
    };
    app.quit().await;
    json!({
        "model": model,
        "entities": entities,
        "auto_layout_ms": layout,
        "edit_round_trip_ms": percentile(&edits, 0.5),
        "edit_analysis_ms": percentile(&analyses, 0.5),
        "drag_frame_ms": percentile(&frames, 0.5),
        "drag_frame_p95_ms": percentile(&frames, 0.95),
    })
}

/// The milliseconds a page script answered; it answers -1 when it gave up.
async fn measured(app: &Desktop, answer: Value, what: &str) -> f64 {
    match answer.as_f64() {
        Some(ms) if ms >= 0.0 => ms,
        _ => app.fail(&format!("never saw {what}")).await,
    }
}

fn model_entities(path: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let model: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    model["entities"].as_array().map_or(0, Vec::len)
}

/// The value at `q` (0..1) of `values` in order; 0 for none.
fn percentile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(at).copied().unwrap_or(0.0)
}

async fn in_page(app: &Desktop, script: &str, args: Value) -> Value {
    let args = args.as_array().cloned().unwrap_or_default();
    let asynchronous = script.contains("arguments[arguments.length - 1]");
    let answer = if asynchronous {
        app.client.execute_async(script, args).await
    } else {
        app.client.execute(script, args).await
    };
    match answer {
        Ok(value) => value,
        Err(e) => app.fail(&format!("the page did not answer: {e}")).await,
    }
}

async fn wait_in_page(app: &Desktop, condition: &str) {
    for _ in 0..600 {
        if in_page(app, &format!("return {condition};"), json!([])).await == json!(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.fail(&format!("never true: {condition}")).await;
}

// The page is watched with timers, not animation frames: WebKit need not run
// frame callbacks for a page that draws nothing new, and the watch would then
// wait on the next frame rather than on the app.

/// Drags the first entity for 3 s, a few pixels a frame as a hand would,
/// and answers the time between the frames drawn meanwhile (requestAnimationFrame),
/// each frame's moves the lines routed again around the entity. The mouse events
/// are the page's own, as React Flow's drag reads them (mousedown on the node,
/// mousemove and mouseup on the window).
const DRAG: &str = r#"
const done = arguments[arguments.length - 1];
const node = document.querySelector('.react-flow__node');
const box = node.getBoundingClientRect();
let x = box.left + box.width / 2, y = box.top + 8;
const mouse = (type, target) => target.dispatchEvent(new MouseEvent(type, {
  bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1,
}));
mouse('mousedown', node);
const frames = [];
let last = null;
const start = performance.now();
const frame = (now) => {
  if (last !== null) frames.push(now - last);
  last = now;
  if (now - start >= 3000) { mouse('mouseup', window); done(frames); return; }
  x += 3; y += Math.sin((now - start) / 250) * 3;
  mouse('mousemove', window);
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#;

/// Clicks Auto Layout and answers the milliseconds until the entities stood
/// still at their new places (their transforms the same for 100 ms).
const AUTO_LAYOUT: &str = r#"
const done = arguments[arguments.length - 1];
const places = () => Array.from(document.querySelectorAll('.react-flow__node'), (n) => n.style.transform).join('|');
const before = places();
const start = performance.now();
let last = before, moved = null;
const look = () => {
  const now = places();
  if (now !== last) moved = performance.now();
  last = now;
  if (moved !== null && performance.now() - moved >= 100) done(moved - start);
  else if (performance.now() - start > 120000) done(-1);
  else setTimeout(look, 4);
};
document.querySelector('[data-testid=tool-auto-layout]').click();
setTimeout(look, 4);
"#;

/// Clicks "+ Entity" and answers the milliseconds until the new entity
/// (`arguments[0]`) is on the canvas and measured (React Flow shows a node once
/// it knows its size), and the work that its measuring set off (the lines routed
/// again) has run: the answer is sent from the next task after that. Beside
/// it, the milliseconds of the edit's analysis in the app's core (validation,
/// derivation, verification and cost, as the status bar shows them): the rest is
/// the document's way to the page and the page's own work.
const EDIT_ROUND_TRIP: &str = r#"
const done = arguments[arguments.length - 1];
const name = arguments[0];
const answer = (total) => {
  const timing = document.querySelector('.status-bar .timing')?.textContent ?? '';
  const analysis = Number(/derived in ([0-9.]+) ms/.exec(timing)?.[1] ?? -1);
  done({ total, analysis });
};
const start = performance.now();
const look = () => {
  const node = document.querySelector(`[data-testid="entity-${name}"]`)?.closest('.react-flow__node');
  if (node && node.style.visibility !== 'hidden') setTimeout(() => answer(performance.now() - start), 0);
  else if (performance.now() - start > 60000) answer(-1);
  else setTimeout(look, 4);
};
document.querySelector('[data-testid=tool-add-entity]').click();
setTimeout(look, 4);
"#;
