//! The inspector: the selected entity (components, inbox, who it talks
//! to, its behaviour's script at the current line) and the selected
//! tasklet (state, frames and locals: its traceback).

use egui::{Color32, RichText, Sense, Stroke, Ui, Vec2};
use shoal_server::observe::{EntityDetail, FrameView, TaskletDetail};

use shoal_server::world_api::HOST;

use crate::app::Viewer;
use crate::feed::Control;

/// Shows the inspector.
pub fn show(viewer: &mut Viewer, ui: &mut Ui) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("inspector")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Inspector");
                let mut id_text = viewer
                    .selected_entity
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                let label = ui.label("entity");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut id_text)
                            .desired_width(70.0)
                            .hint_text("id"),
                    )
                    .labelled_by(label.id);
                if r.changed() {
                    viewer.select_entity(id_text.trim().parse().ok());
                }
            });
            let entity = viewer
                .obs
                .entity
                .clone()
                .filter(|e| Some(e.id) == viewer.selected_entity);
            match (&entity, viewer.selected_entity) {
                (Some(e), _) => entity_section(viewer, ui, e),
                (None, Some(id)) if viewer.received > 0 => {
                    ui.label(format!("Entity {id} is not in the world."));
                }
                _ => {
                    ui.label("Click an entity on the map, or a tasklet in the table.");
                }
            }
            let tasklet = viewer
                .obs
                .tasklet
                .clone()
                .filter(|t| Some(t.row.id) == viewer.selected_tasklet);
            if let Some(t) = tasklet {
                ui.separator();
                tasklet_section(viewer, ui, &t);
            }
            if let Some(e) = entity {
                script_section(viewer, ui, &e);
            }
        });
}

fn entity_section(viewer: &mut Viewer, ui: &mut Ui, e: &EntityDetail) {
    ui.label(
        RichText::new(format!("{} {}", e.kind, e.id))
            .strong()
            .size(16.0),
    );
    egui::Grid::new("entity")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("position");
            ui.monospace(format!("({:.1}, {:.1})", e.position.0, e.position.1));
            ui.end_row();
            ui.label("velocity");
            ui.monospace(format!("({:.2}, {:.2})", e.velocity.0, e.velocity.1));
            ui.end_row();
            for (name, value) in &e.components {
                ui.label(name);
                ui.add(egui::Label::new(RichText::new(value).monospace()).truncate());
                ui.end_row();
            }
            ui.label("behaviour");
            let state = match &e.waits {
                Some(w) => format!("{} ({w})", e.activity.label()),
                None => e.activity.label().to_string(),
            };
            ui.monospace(state);
            ui.end_row();
        });
    egui::CollapsingHeader::new(format!("Inbox ({})", e.inbox_len))
        .id_salt("inbox")
        .default_open(e.inbox_len > 0)
        .show(ui, |ui| {
            if e.inbox.is_empty() {
                ui.label("empty");
            }
            for m in &e.inbox {
                ui.add(egui::Label::new(RichText::new(m).monospace()).truncate());
            }
            if e.inbox_len > e.inbox.len() {
                ui.label(format!("… {} more", e.inbox_len - e.inbox.len()));
            }
        });
    egui::CollapsingHeader::new("Talks with")
        .default_open(true)
        .show(ui, |ui| talk_graph(viewer, ui, e));
}

/// Who talks to whom, around the selected entity: posts between
/// entities (arrows, with counts) and tasklets waiting on the same
/// channel as its behaviour. Click a node to select it.
fn talk_graph(viewer: &mut Viewer, ui: &mut Ui, e: &EntityDetail) {
    // The peers: entities it posted to or heard from, then channel peers.
    let mut peers: Vec<(u64, bool)> = Vec::new(); // (entity, is a channel peer)
    for t in &e.talks {
        let other = if t.from == e.id { t.to } else { t.from };
        if other != e.id && !peers.iter().any(|(p, _)| *p == other) {
            peers.push((other, false));
        }
    }
    for (_, entity, _) in &e.channel_peers {
        if let Some(p) = entity
            && *p != e.id
            && !peers.iter().any(|(q, _)| q == p)
        {
            peers.push((*p, true));
        }
    }
    peers.truncate(16);
    if peers.is_empty() {
        ui.label("No posts to or from it yet, and no one waits with it on a channel.");
        return;
    }
    let size = Vec2::new(ui.available_width().min(360.0), 220.0);
    let (response, painter) = ui.allocate_painter(size, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "talk graph"));
    let rect = response.rect;
    let center = rect.center();
    let radius = (rect.height() / 2.0 - 24.0).max(30.0);
    let n = peers.len() as f32;
    let place = |i: usize| {
        let a = std::f32::consts::TAU * i as f32 / n - std::f32::consts::FRAC_PI_2;
        center + Vec2::new(a.cos() * radius * 1.3, a.sin() * radius)
    };
    let node_color = |viewer: &Viewer, id: u64| {
        crate::world_view::find(&viewer.obs.entities, id).map_or(Color32::GRAY, |row| {
            crate::world_view::kind_color(viewer, row.kind)
        })
    };
    let edge = Stroke::new(1.5, Color32::from_gray(170));
    for (i, (peer, channel)) in peers.iter().enumerate() {
        let p = place(i);
        if *channel {
            painter.line_segment(
                [center, p],
                Stroke::new(1.0, Color32::from_rgb(255, 150, 40)),
            );
        }
        for t in &e.talks {
            let (from, to) = if t.from == e.id && t.to == *peer {
                (center, p)
            } else if t.to == e.id && t.from == *peer {
                (p, center)
            } else {
                continue;
            };
            // Each direction on its own side of the line between the two.
            let v = to - from;
            let along = v.normalized();
            let side = along.rot90() * 3.5;
            let shorten = along * 12.0;
            painter.arrow(from + shorten + side, v - shorten * 2.0, edge);
            painter.text(
                from + v * 0.5 + side * 3.0,
                egui::Align2::CENTER_CENTER,
                t.count.to_string(),
                egui::FontId::monospace(10.0),
                Color32::from_gray(230),
            );
        }
        painter.circle_filled(p, 9.0, node_color(viewer, *peer));
        let label = if *peer == HOST {
            "host".to_string()
        } else {
            peer.to_string()
        };
        painter.text(
            p + Vec2::new(0.0, 11.0),
            egui::Align2::CENTER_TOP,
            label,
            egui::FontId::monospace(11.0),
            Color32::from_gray(230),
        );
    }
    painter.circle_filled(center, 11.0, node_color(viewer, e.id));
    painter.circle_stroke(center, 13.0, Stroke::new(2.0, Color32::YELLOW));
    if response.clicked()
        && let Some(at) = response.interact_pointer_pos()
    {
        let hit = peers
            .iter()
            .enumerate()
            .find(|(i, _)| place(*i).distance(at) <= 12.0)
            .map(|(_, (p, _))| *p);
        if let Some(p) = hit.filter(|p| *p != HOST) {
            viewer.select_entity(Some(p));
        }
    }
    ui.label(
        RichText::new("arrows: posts (count); orange: waits on the same channel")
            .small()
            .weak(),
    );
}

fn tasklet_section(viewer: &mut Viewer, ui: &mut Ui, t: &TaskletDetail) {
    let r = &t.row;
    ui.label(
        RichText::new(format!(
            "Tasklet {} {}",
            r.id,
            if r.name.is_empty() { "" } else { &r.name }
        ))
        .strong()
        .size(16.0),
    );
    ui.monospace(format!(
        "{} · {}{} · {} runs · {:.3} ms cpu",
        r.flavor.label(),
        r.activity.label(),
        if r.held { " (held)" } else { "" },
        r.runs,
        r.cpu_us as f64 / 1e3
    ));
    if let Some(w) = &r.waits {
        ui.monospace(format!("waits: {w}"));
    }
    let main = r.flavor == shoal_server::observe::Flavor::Main;
    ui.horizontal(|ui| {
        if main {
            return;
        }
        if ui
            .button("Kill tasklet")
            .on_hover_text("Kill it (K)")
            .clicked()
        {
            viewer.feed.send(Control::Kill(r.id));
        }
        let (text, c) = if r.held {
            ("Resume tasklet", Control::Release(r.id))
        } else {
            ("Pause tasklet", Control::Hold(r.id))
        };
        if ui
            .button(text)
            .on_hover_text("Keep it out of the run queue, or let it run (P)")
            .clicked()
        {
            viewer.feed.send(c);
        }
    });
    ui.label(RichText::new("Traceback (most recent call last)").strong());
    if t.frames.is_empty() {
        ui.label(match r.flavor {
            shoal_server::observe::Flavor::Script => "no frames (not started, or ended)",
            shoal_server::observe::Flavor::Native => {
                "a native tasklet: its Rust stack is not shown"
            }
            shoal_server::observe::Flavor::Main => "the main tasklet: the world's own thread",
        });
    }
    frames(ui, &t.frames);
}

fn frames(ui: &mut Ui, frames: &[FrameView]) {
    for (i, f) in frames.iter().enumerate() {
        let title = format!("File \"{}\", line {}, in {}", f.file, f.line, f.function);
        egui::CollapsingHeader::new(RichText::new(title).monospace())
            .id_salt(("frame", i))
            .default_open(true)
            .show(ui, |ui| {
                if f.locals.is_empty() {
                    ui.label("no locals");
                }
                egui::Grid::new(("locals", i))
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (name, value) in &f.locals {
                            ui.monospace(name);
                            // Long values are cut to the panel.
                            ui.add(egui::Label::new(RichText::new(value).monospace()).truncate());
                            ui.end_row();
                        }
                    });
            });
    }
}

fn script_section(viewer: &mut Viewer, ui: &mut Ui, e: &EntityDetail) {
    let Some(s) = &e.script else {
        return;
    };
    ui.separator();
    let at = if s.line > 0 {
        format!(" (line {})", s.line)
    } else {
        String::new()
    };
    ui.label(RichText::new(format!("{}{at}", s.file)).strong());
    let mark = s.line as usize;
    // Scrolled to the marked line when it moves, else left where the
    // user scrolled.
    let scroll = viewer.script_mark != (e.id, s.line);
    viewer.script_mark = (e.id, s.line);
    egui::ScrollArea::both()
        .id_salt("script")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (i, text) in s.text.lines().enumerate() {
                let n = i + 1;
                let line = RichText::new(format!("{n:>4} {text}")).monospace();
                let r = if n == mark {
                    ui.label(
                        line.background_color(Color32::from_rgb(90, 80, 20))
                            .color(Color32::WHITE),
                    )
                } else {
                    ui.label(line)
                };
                if n == mark && scroll {
                    r.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
}
