//! The bottom panel's tables: every tasklet (sortable, filterable), the
//! channels with waiters, and the world's log.

use egui::{RichText, Ui};
use shoal_server::observe::TaskletRow;

use crate::app::{SortKey, Viewer};
use crate::feed::Control;

/// Column widths of the tasklet table.
const COLUMNS: [(SortKey, &str, f32); 8] = [
    (SortKey::Id, "id", 60.0),
    (SortKey::Name, "name", 190.0),
    (SortKey::Flavor, "kind", 60.0),
    (SortKey::State, "state", 80.0),
    (SortKey::Waits, "waits on", 230.0),
    (SortKey::Runs, "runs", 70.0),
    (SortKey::Cpu, "cpu ms", 80.0),
    (SortKey::Priority, "prio", 40.0),
];

/// A left-aligned cell `width` wide.
fn left(ui: &mut Ui, width: f32, height: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(width);
            add(ui);
        },
    );
}

/// Whether `row` matches the filter: every word appears in its id, name,
/// kind, state or what it waits on (case-insensitive).
pub fn matches(row: &TaskletRow, filter: &str) -> bool {
    if filter.trim().is_empty() {
        return true;
    }
    let waits = row
        .waits
        .as_ref()
        .map(|w| w.to_string())
        .unwrap_or_default();
    let text = format!(
        "{} {} {} {} {} {}",
        row.id,
        row.name,
        row.flavor.label(),
        row.activity.label(),
        if row.held { "held" } else { "" },
        waits
    )
    .to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| text.contains(w))
}

fn sort(rows: &mut [&TaskletRow], key: SortKey, ascending: bool) {
    match key {
        SortKey::Id => rows.sort_by_key(|r| r.id),
        SortKey::Name => rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id))),
        SortKey::Flavor => rows.sort_by_key(|r| (r.flavor, r.id)),
        SortKey::State => rows.sort_by_key(|r| (r.activity, r.id)),
        SortKey::Waits => rows.sort_by_cached_key(|r| {
            (
                r.waits.as_ref().map(|w| w.to_string()).unwrap_or_default(),
                r.id,
            )
        }),
        SortKey::Runs => rows.sort_by_key(|r| (r.runs, r.id)),
        SortKey::Cpu => rows.sort_by_key(|r| (r.cpu_us, r.id)),
        SortKey::Priority => rows.sort_by_key(|r| (r.priority, r.id)),
    }
    if !ascending {
        rows.reverse();
    }
}

/// The tasklet table.
pub fn tasklets(viewer: &mut Viewer, ui: &mut Ui) {
    let mut shown: Vec<&TaskletRow> = viewer
        .obs
        .tasklets
        .iter()
        .filter(|r| matches(r, &viewer.filter))
        .collect();
    ui.horizontal(|ui| {
        let label = ui.label("filter");
        ui.add(
            egui::TextEdit::singleline(&mut viewer.filter)
                .hint_text("words: sheep blocked tick …")
                .desired_width(260.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Rows whose id, name, kind, state or wait contain every word");
        ui.label(format!(
            "{} of {} tasklets",
            shown.len(),
            viewer.obs.tasklets.len()
        ));
        if let Some(id) = viewer.selected_tasklet.filter(|id| *id != 0) {
            ui.separator();
            let held = viewer.obs.tasklets.iter().any(|t| t.id == id && t.held);
            if ui
                .button(format!("Kill {id}"))
                .on_hover_text("Kill the selected tasklet (K)")
                .clicked()
            {
                viewer.feed.send(Control::Kill(id));
            }
            let (text, c) = if held {
                (format!("Resume {id}"), Control::Release(id))
            } else {
                (format!("Pause {id}"), Control::Hold(id))
            };
            if ui
                .button(text)
                .on_hover_text("Keep it out of the run queue, or let it run (P)")
                .clicked()
            {
                viewer.feed.send(c);
            }
            let level = viewer
                .obs
                .tasklets
                .iter()
                .find(|t| t.id == id)
                .map_or(0, |t| t.priority);
            ui.label(format!("priority {level}"));
            if ui
                .button("+")
                .on_hover_text("Raise its priority level: higher levels run first (])")
                .clicked()
            {
                viewer
                    .feed
                    .send(Control::Priority(id, level.saturating_add(1)));
            }
            if ui
                .button("-")
                .on_hover_text("Lower its priority level ([)")
                .clicked()
            {
                viewer
                    .feed
                    .send(Control::Priority(id, level.saturating_sub(1)));
            }
        }
    });
    let (key, ascending) = viewer.sort;
    sort(&mut shown, key, ascending);
    let mut clicked_header = None;
    let mut clicked_row = None;
    ui.horizontal(|ui| {
        for (k, name, width) in COLUMNS {
            let arrow = match (k == key, ascending) {
                (true, true) => " ▲",
                (true, false) => " ▼",
                _ => "",
            };
            left(ui, width, 18.0, |ui| {
                let r = ui.add(
                    egui::Button::new(RichText::new(format!("{name}{arrow}")).monospace().strong())
                        .frame(false),
                );
                if r.on_hover_text(format!("Sort by {name}")).clicked() {
                    clicked_header = Some(k);
                }
            });
        }
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let selected = viewer.selected_tasklet;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .id_salt("tasklet rows")
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for r in &shown[range] {
                ui.horizontal(|ui| {
                    let cell = |ui: &mut Ui, w: f32, text: String| {
                        left(ui, w, row_height, |ui| {
                            ui.add(egui::Label::new(RichText::new(text).monospace()).truncate());
                        });
                    };
                    cell(ui, COLUMNS[0].2, r.id.to_string());
                    let name = if r.name.is_empty() {
                        format!("tasklet {}", r.id)
                    } else {
                        r.name.clone()
                    };
                    left(ui, COLUMNS[1].2, row_height, |ui| {
                        if ui
                            .add(egui::Button::selectable(selected == Some(r.id), name).truncate())
                            .clicked()
                        {
                            clicked_row = Some(r.id);
                        }
                    });
                    cell(ui, COLUMNS[2].2, r.flavor.label().to_string());
                    let state = if r.held {
                        format!("{} (held)", r.activity.label())
                    } else {
                        r.activity.label().to_string()
                    };
                    cell(ui, COLUMNS[3].2, state);
                    cell(
                        ui,
                        COLUMNS[4].2,
                        r.waits.as_ref().map_or("-".to_string(), |w| w.to_string()),
                    );
                    cell(ui, COLUMNS[5].2, r.runs.to_string());
                    // Main is charged the thread's idle time too.
                    let cpu = if r.flavor == shoal_server::observe::Flavor::Main {
                        "-".to_string()
                    } else {
                        format!("{:.3}", r.cpu_us as f64 / 1e3)
                    };
                    cell(ui, COLUMNS[6].2, cpu);
                    cell(ui, COLUMNS[7].2, r.priority.to_string());
                });
            }
        });
    if let Some(k) = clicked_header {
        viewer.sort = if k == key { (k, !ascending) } else { (k, true) };
    }
    if let Some(id) = clicked_row {
        viewer.select_tasklet(Some(id));
    }
}

/// The channels with tasklets waiting.
pub fn channels(viewer: &mut Viewer, ui: &mut Ui) {
    if viewer.obs.channels.is_empty() {
        ui.label("No tasklet waits on a channel.");
        return;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("channels")
                .striped(true)
                .num_columns(4)
                .show(ui, |ui| {
                    ui.strong("channel");
                    ui.strong("name");
                    ui.strong("balance");
                    ui.strong("waiting tasklets");
                    ui.end_row();
                    for c in &viewer.obs.channels {
                        ui.monospace(c.id.to_string());
                        ui.label(c.name.as_deref().unwrap_or("-"));
                        ui.monospace(format!("{:+}", c.balance))
                            .on_hover_text("senders waiting (+) or receivers waiting (-)");
                        ui.horizontal_wrapped(|ui| {
                            for t in c.waiting.iter().take(50) {
                                let name = viewer
                                    .obs
                                    .tasklets
                                    .iter()
                                    .find(|r| r.id == *t)
                                    .map_or_else(|| format!("tasklet {t}"), |r| r.name.clone());
                                if ui.link(name).clicked() {
                                    clicked = Some(*t);
                                }
                            }
                            if c.waiting.len() > 50 {
                                ui.label(format!("… {} more", c.waiting.len() - 50));
                            }
                        });
                        ui.end_row();
                    }
                });
        });
    if let Some(t) = clicked {
        viewer.select_tasklet(Some(t));
    }
}

/// The world's log, newest last.
pub fn log(viewer: &mut Viewer, ui: &mut Ui) {
    if viewer.log.is_empty() {
        ui.label(if viewer.status.controls_world {
            "Nothing logged yet (world.log, print and failures appear here)."
        } else {
            "A server writes its world's log to its own output, not to viewers."
        });
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    let lines: Vec<&str> = viewer.log.iter().flat_map(|l| l.lines()).collect();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .stick_to_bottom(true)
        .show_rows(ui, row_height, lines.len(), |ui, range| {
            for l in &lines[range] {
                ui.monospace(*l);
            }
        });
}
