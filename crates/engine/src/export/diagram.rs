//! The ER diagram as a picture: SVG drawn from the canvas positions (or a grid when
//! the model has none), and PNG rendered from that SVG.

use std::fmt::Write;

use thiserror::Error;

use crate::escape::xml as escape;
use crate::model::{Cardinality, Entity, Model, Position};

const BOX_WIDTH: f64 = 260.0;
const HEADER: f64 = 34.0;
const LINE: f64 = 20.0;
const MARGIN: f64 = 40.0;
const GRID_STEP: f64 = 360.0;
/// A white outline behind text, so a name stays legible where it crosses a line.
const HALO: &str = r##"stroke="#ffffff" stroke-width="4" paint-order="stroke""##;

#[derive(Debug, Error)]
pub enum DiagramError {
    #[error("the diagram's SVG could not be read back for rendering: {0}")]
    Svg(String),
    #[error("the diagram is too large to render ({0} by {1} pixels)")]
    TooLarge(u32, u32),
    #[error("PNG encoding failed: {0}")]
    Png(String),
}

struct Placed<'m> {
    entity: &'m Entity,
    x: f64,
    y: f64,
    height: f64,
}

impl Placed<'_> {
    fn center(&self) -> (f64, f64) {
        (self.x + BOX_WIDTH / 2.0, self.y + self.height / 2.0)
    }
}

pub fn svg(model: &Model) -> String {
    let placed = place(model);
    let width = placed.iter().map(|p| p.x + BOX_WIDTH).fold(0.0, f64::max) + MARGIN;
    let height = placed.iter().map(|p| p.y + p.height).fold(0.0, f64::max) + MARGIN;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">"#
    );
    let _ = writeln!(out, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    // Lines under the boxes, their end marks and names over them.
    let mut marks = String::new();
    for rel in &model.relationships {
        let (Some(a), Some(b)) =
            (placed.iter().find(|p| p.entity.name == rel.from), placed.iter().find(|p| p.entity.name == rel.to))
        else {
            continue;
        };
        edge(&mut out, &mut marks, a, b, &rel.name, rel.cardinality);
    }
    for p in &placed {
        entity_box(&mut out, p);
    }
    out.push_str(&marks);
    out.push_str("</svg>\n");
    out
}

/// DejaVu Sans in the Latin subset the diagram draws (assets/fonts/LICENSE):
/// the SVG asks for it first, so the PNG's text is the same on every machine
/// and never blank on one without fonts. The system's fonts stay as fallback
/// for the scripts the subset lacks.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../../assets/fonts/DejaVuSans.subset.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.subset.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Oblique.subset.ttf"),
];

fn font_options() -> resvg::usvg::Options<'static> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    for font in FONTS {
        fonts.load_font_data(font.to_vec());
    }
    fonts.load_system_fonts();
    options
}

pub fn png(model: &Model) -> Result<Vec<u8>, DiagramError> {
    use resvg::{tiny_skia, usvg};
    let options = font_options();
    let tree = usvg::Tree::from_str(&svg(model), &options).map_err(|e| DiagramError::Svg(e.to_string()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or(DiagramError::TooLarge(size.width(), size.height()))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| DiagramError::Png(e.to_string()))
}

/// Canvas positions where the model has them; the rest on a grid below them.
fn place(model: &Model) -> Vec<Placed<'_>> {
    let below = model.layout.nodes.values().map(|p| p.y + GRID_STEP).fold(0.0, f64::max);
    let mut next_free = 0usize;
    model
        .entities
        .iter()
        .map(|entity| {
            let height = HEADER + LINE * entity.attributes.len() as f64 + 10.0;
            let Position { x, y } = model.layout.nodes.get(&entity.name).copied().unwrap_or_else(|| {
                let n = next_free;
                next_free += 1;
                Position { x: (n % 3) as f64 * GRID_STEP, y: below + (n / 3) as f64 * GRID_STEP }
            });
            Placed { entity, x: x.max(0.0) + MARGIN, y: y.max(0.0) + MARGIN, height }
        })
        .collect()
}

fn entity_box(out: &mut String, p: &Placed<'_>) {
    let (x, y) = (p.x, p.y);
    let _ = writeln!(
        out,
        r##"<g><rect x="{x:.1}" y="{y:.1}" width="{BOX_WIDTH}" height="{:.1}" rx="6" fill="#f8fafc" stroke="#334155" stroke-width="1.5"/>"##,
        p.height
    );
    let _ = writeln!(
        out,
        r##"<rect x="{x:.1}" y="{y:.1}" width="{BOX_WIDTH}" height="{HEADER}" rx="6" fill="#1e3a5f"/><text x="{:.1}" y="{:.1}" fill="#ffffff" font-weight="bold">{}</text>"##,
        x + 10.0,
        y + 22.0,
        escape(&p.entity.name)
    );
    for (i, a) in p.entity.attributes.iter().enumerate() {
        let line_y = y + HEADER + LINE * (i as f64 + 1.0) - 4.0;
        let badge = match (a.identifier, a.unique) {
            (true, _) => "id ",
            (false, true) => "uq ",
            _ => "",
        };
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{line_y:.1}" fill="#0f172a">{}{}</text><text x="{:.1}" y="{line_y:.1}" fill="#64748b" text-anchor="end">{}</text>"##,
            x + 10.0,
            badge,
            escape(&a.name),
            x + BOX_WIDTH - 10.0,
            a.attr_type.dynamodb_type()
        );
    }
    out.push_str("</g>\n");
}

fn edge(out: &mut String, marks: &mut String, a: &Placed<'_>, b: &Placed<'_>, name: &str, cardinality: Cardinality) {
    let (from_mark, to_mark) = match cardinality {
        Cardinality::OneToOne => ("1", "1"),
        Cardinality::OneToMany => ("1", "*"),
        Cardinality::ManyToMany => ("*", "*"),
    };
    let ((x1, y1), (x2, y2)) = (a.center(), b.center());
    if a.entity.name == b.entity.name {
        let (x, y) = (a.x + BOX_WIDTH, a.y + 12.0);
        let _ = writeln!(
            out,
            r##"<path d="M {x:.1} {y:.1} c 60 -40 60 60 0 30" fill="none" stroke="#475569" stroke-width="1.5"/><text x="{:.1}" y="{:.1}" fill="#475569" {HALO}>{} ({from_mark}..{to_mark})</text>"##,
            x + 50.0,
            y - 8.0,
            escape(name)
        );
        return;
    }
    let _ = writeln!(
        out,
        r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#475569" stroke-width="1.5"/>"##
    );
    let (from_at, to_at) = (border_point(a, (x2, y2)), border_point(b, (x1, y1)));
    for ((px, py), mark) in [(from_at, from_mark), (to_at, to_mark)] {
        let _ = writeln!(
            marks,
            r##"<circle cx="{px:.1}" cy="{py:.1}" r="9" fill="#ffffff" stroke="#475569"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="#0f172a">{mark}</text>"##,
            py + 4.5
        );
    }
    let _ = writeln!(
        marks,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#475569" font-style="italic" {HALO}>{}</text>"##,
        (from_at.0 + to_at.0) / 2.0,
        (from_at.1 + to_at.1) / 2.0 - 14.0,
        escape(name)
    );
}

/// Where the line from the box's center towards `to` leaves the box.
fn border_point(p: &Placed<'_>, to: (f64, f64)) -> (f64, f64) {
    let (cx, cy) = p.center();
    let (dx, dy) = (to.0 - cx, to.1 - cy);
    if dx == 0.0 && dy == 0.0 {
        return (cx, cy);
    }
    let sx = if dx != 0.0 { (BOX_WIDTH / 2.0) / dx.abs() } else { f64::INFINITY };
    let sy = if dy != 0.0 { (p.height / 2.0) / dy.abs() } else { f64::INFINITY };
    let s = sx.min(sy);
    (cx + dx * s, cy + dy * s)
}

#[cfg(test)]
mod tests {
    use resvg::usvg::fontdb::{Source, Style, Weight};

    use super::font_options;

    #[test]
    fn the_diagram_font_is_embedded_in_every_face_the_svg_uses() {
        let options = font_options();
        let embedded: Vec<(Weight, Style)> = options
            .fontdb
            .faces()
            .filter(|f| matches!(f.source, Source::Binary(_)))
            .filter(|f| f.families.iter().any(|(name, _)| name == "DejaVu Sans"))
            .map(|f| (f.weight, f.style))
            .collect();
        for face in [(Weight::NORMAL, Style::Normal), (Weight::BOLD, Style::Normal), (Weight::NORMAL, Style::Italic)] {
            assert!(embedded.contains(&face), "{face:?} not embedded: {embedded:?}");
        }
    }
}
