//! The class report as one self-contained HTML page: no scripts, no
//! network, styles inline, charts as inline SVG drawn with plotters (SVG
//! backend only), the page laid out by a minijinja template that escapes
//! every value. Readable printed or projected.

use crate::report::class::{ClassReport, GroupReport};
use minijinja::{Environment, Value, context};
use plotters::prelude::*;
use std::io::{self, Write};

const TEMPLATE: &str = include_str!("report.html.j2");

/// Chart size in SVG pixels (scaled by the page).
const CHART: (u32, u32) = (640, 260);

pub fn write(out: &mut dyn Write, report: &ClassReport) -> io::Result<()> {
    let mut environment = Environment::new();
    // `.html` templates escape every value; the charts are marked safe below.
    environment
        .add_template("report.html", TEMPLATE)
        .map_err(io::Error::other)?;
    let charts: Vec<Value> = report
        .groups
        .iter()
        .map(|group| {
            Ok(context! {
                histogram => Value::from_safe_string(histogram(group)?),
                facility => Value::from_safe_string(item_bars(
                    group,
                    "Facility index (%)",
                    (0.0, 100.0),
                    |item| item.figures.facility,
                )?),
                discrimination => Value::from_safe_string(item_bars(
                    group,
                    "Discrimination index (%)",
                    (-100.0, 100.0),
                    |item| item.figures.discrimination,
                )?),
            })
        })
        .collect::<Result<_, io::Error>>()?;
    let template = environment
        .get_template("report.html")
        .map_err(io::Error::other)?;
    let page = template
        .render(
            context! { report => Value::from(minijinja::value::Serde(report)), charts => charts },
        )
        .map_err(io::Error::other)?;
    out.write_all(page.as_bytes())
}

fn plot_error<E: std::fmt::Debug>(error: E) -> io::Error {
    io::Error::other(format!("cannot draw a chart: {error:?}"))
}

/// The score histogram of complete attempts.
fn histogram(group: &GroupReport) -> io::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, CHART).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let most = group
            .histogram
            .iter()
            .map(|bin| bin.attempts)
            .max()
            .unwrap_or(0)
            .max(1) as u32;
        let mut chart = ChartBuilder::on(&root)
            .caption("Scores (complete attempts)", ("sans-serif", 16))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(0u32..100u32, 0u32..most + 1)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc("percent")
            .y_desc("attempts")
            .disable_x_mesh()
            .draw()
            .map_err(plot_error)?;
        chart
            .draw_series(group.histogram.iter().map(|bin| {
                Rectangle::new(
                    [(bin.from + 1, 0), (bin.to - 1, bin.attempts as u32)],
                    RGBColor(49, 99, 149).filled(),
                )
            }))
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

/// One bar per item of `figure` (a missing figure draws no bar).
fn item_bars(
    group: &GroupReport,
    caption: &str,
    range: (f64, f64),
    figure: impl Fn(&crate::report::class::ItemReport) -> Option<f64>,
) -> io::Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, CHART).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let count = group.items.len().max(1) as u32;
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 16))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d(0u32..count, range.0..range.1)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc("item (in table order)")
            .x_labels(count.min(20) as usize)
            .x_label_formatter(&|index| (index + 1).to_string())
            .disable_x_mesh()
            .draw()
            .map_err(plot_error)?;
        chart
            .draw_series(group.items.iter().enumerate().filter_map(|(index, item)| {
                let value = figure(item)?.clamp(range.0, range.1);
                let colour = if value < 0.0 {
                    RGBColor(178, 34, 34)
                } else {
                    RGBColor(49, 99, 149)
                };
                Some(Rectangle::new(
                    [(index as u32, 0.0), (index as u32 + 1, value)],
                    colour.filled(),
                ))
            }))
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}
