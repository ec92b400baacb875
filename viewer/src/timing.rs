//! The timing plots: tick and script time, dilation, runnable and
//! blocked tasklets, switches per second, over the last minutes (x: seconds
//! before the newest tick, as the titles say).

use egui::Ui;
use egui_plot::{Legend, Line, Plot, PlotPoints};
use shoal_server::observe::TickSample;

use crate::app::Viewer;

/// One plot's series: (name, value of a sample).
type Series = (&'static str, fn(&TickSample, Option<&TickSample>) -> f64);

/// Switches per second between two samples.
fn switch_rate(s: &TickSample, prev: Option<&TickSample>) -> f64 {
    match prev {
        Some(p) if s.at > p.at => s.switches as f64 / (s.at - p.at),
        _ => 0.0,
    }
}

/// Shows the plots, two by two.
pub fn show(viewer: &mut Viewer, ui: &mut Ui) {
    let samples: Vec<&TickSample> = viewer.history.iter().collect();
    if samples.len() < 2 {
        ui.label("The plots start after two ticks.");
        return;
    }
    let now = samples.last().map_or(0.0, |s| s.at);
    // Four plots in a row in a short panel, two by two in a tall one;
    // the scroll area keeps the plots from pushing the panel taller.
    let spacing = ui.spacing().item_spacing;
    let title = ui.text_style_height(&egui::TextStyle::Body);
    let rows = if ui.available_height() < 360.0 {
        1.0
    } else {
        2.0
    };
    let columns = if rows == 1.0 { 4 } else { 2 };
    let height =
        ((ui.available_height() - rows * (title + 2.0 * spacing.y)) / rows - 4.0).max(60.0);
    let width =
        ((ui.available_width() - (columns as f32 + 1.0) * spacing.x) / columns as f32).max(120.0);
    let plots: [(&str, &str, Vec<Series>); 4] = [
        (
            "tick ms",
            "ms",
            vec![
                ("tick", |s, _| f64::from(s.work_ms)),
                ("scripts", |s, _| f64::from(s.scripts_ms)),
            ],
        ),
        (
            "dilation",
            "factor",
            vec![("dilation", |s, _| f64::from(s.dilation))],
        ),
        (
            "tasklets",
            "count",
            vec![
                ("runnable", |s, _| f64::from(s.runnable)),
                ("blocked", |s, _| f64::from(s.blocked)),
            ],
        ),
        (
            "switches/s",
            "per second",
            vec![("switches/s", switch_rate)],
        ),
    ];
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("plots")
        .show(ui, |ui| {
            plots_grid(ui, plots, &samples, now, (columns, width, height))
        });
}

fn plots_grid(
    ui: &mut Ui,
    plots: [(&str, &str, Vec<Series>); 4],
    samples: &[&TickSample],
    now: f64,
    (columns, width, height): (usize, f32, f32),
) {
    egui::Grid::new("plots")
        .num_columns(columns)
        .show(ui, |ui| {
            for (i, (title, unit, series)) in plots.into_iter().enumerate() {
                ui.vertical(|ui| {
                    ui.label(format!("{title} · x: seconds ago"));
                    Plot::new(title)
                        .height(height)
                        .width(width)
                        .legend(Legend::default())
                        .allow_scroll(false)
                        .include_y(0.0)
                        .y_axis_label(unit)
                        .show(ui, |plot| {
                            for (name, value) in series {
                                let points: PlotPoints = samples
                                    .iter()
                                    .enumerate()
                                    .map(|(j, s)| {
                                        let prev = j.checked_sub(1).map(|k| samples[k]);
                                        [s.at - now, value(s, prev)]
                                    })
                                    .collect();
                                plot.line(Line::new(name, points));
                            }
                        });
                });
                if i % columns == columns - 1 {
                    ui.end_row();
                }
            }
        });
}
