//! The viewer's state and its whole UI as one function of `&mut Ui`
//! ([`Viewer::ui`]), so that the eframe app and the UI tests run the same
//! code.
//!
//! Layout: controls along the top, the inspector (selected entity and
//! tasklet) on the right, the tables and plots (tasklets, channels,
//! timing, log) along the bottom, the world map in the middle. It stays
//! usable from 1280x720 up: every panel scrolls and resizes.

use std::collections::VecDeque;

use egui::{Key, Modifiers, RichText, Ui};
use shoal_server::observe::{Observation, Request, TickSample};

use crate::feed::{Control, Feed, Status};
use crate::world_view::MapView;

/// The most log lines the viewer keeps.
pub const MAX_LOG: usize = 2_000;

/// The bottom panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// Every tasklet.
    Tasklets,
    /// Channels with waiters.
    Channels,
    /// Timing plots.
    Timing,
    /// The world's log.
    Log,
}

/// A column of the tasklet table to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Id.
    Id,
    /// Name.
    Name,
    /// Kind.
    Flavor,
    /// State.
    State,
    /// What it waits on.
    Waits,
    /// Runs.
    Runs,
    /// CPU time.
    Cpu,
    /// Priority level.
    Priority,
}

/// The speeds offered, as multipliers of the world's rate (0: as fast
/// as it can).
pub const SPEEDS: [f32; 8] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 0.0];

/// A speed's name.
pub fn speed_label(s: f32) -> String {
    if s <= 0.0 {
        "max".to_string()
    } else {
        format!("{s}x")
    }
}

/// The viewer: what it shows and what the user has chosen.
pub struct Viewer {
    pub(crate) feed: Feed,
    /// The newest observation.
    pub(crate) obs: Observation,
    /// Tick samples for the plots, oldest first.
    pub(crate) history: VecDeque<TickSample>,
    pub(crate) log: VecDeque<String>,
    pub(crate) status: Status,
    pub(crate) selected_entity: Option<u64>,
    pub(crate) selected_tasklet: Option<u64>,
    pub(crate) follow: bool,
    pub(crate) map: MapView,
    pub(crate) tab: Tab,
    pub(crate) filter: String,
    pub(crate) sort: (SortKey, bool),
    pub(crate) show_help: bool,
    pub(crate) save_path: Option<String>,
    pub(crate) load_path: Option<String>,
    /// Observations received.
    pub(crate) received: u64,
    /// The entity and line the script view was last scrolled to.
    pub(crate) script_mark: (u64, u32),
    /// A text field or dialog had the keyboard last frame.
    pub(crate) typing: bool,
    /// A dialog just opened: its text field takes the keyboard.
    pub(crate) focus_dialog: bool,
}

impl Viewer {
    /// A viewer of what `feed` brings.
    pub fn new(feed: Feed) -> Viewer {
        Viewer {
            status: feed.status(),
            feed,
            obs: Observation::default(),
            history: VecDeque::new(),
            log: VecDeque::new(),
            selected_entity: None,
            selected_tasklet: None,
            follow: false,
            map: MapView::default(),
            tab: Tab::Tasklets,
            filter: String::new(),
            sort: (SortKey::Id, true),
            show_help: false,
            save_path: None,
            load_path: None,
            received: 0,
            script_mark: (0, 0),
            typing: false,
            focus_dialog: false,
        }
    }

    /// The newest observation shown.
    pub fn observation(&self) -> &Observation {
        &self.obs
    }

    /// The selected entity.
    pub fn selected_entity(&self) -> Option<u64> {
        self.selected_entity
    }

    /// The tick samples the plots show, oldest first.
    pub fn samples(&self) -> &VecDeque<TickSample> {
        &self.history
    }

    /// How many observations arrived so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The feed.
    pub fn feed(&self) -> &Feed {
        &self.feed
    }

    /// Takes the feed's news: its newest observation, log and status.
    pub fn poll(&mut self) {
        self.status = self.feed.status();
        for line in self.feed.take_log() {
            if self.log.len() == MAX_LOG {
                self.log.pop_front();
            }
            self.log.push_back(line);
        }
        if let Some(o) = self.feed.take() {
            // A world loaded or a server restarted: its ticks start over.
            // (or a new process: its clock starts over).
            let restarted = matches!(
                (o.samples.first(), self.history.back()),
                (Some(new), Some(old)) if new.at < old.at
            );
            if o.tick < self.obs.tick || restarted {
                self.history.clear();
            }
            // Another world (a snapshot of another size): fit it anew.
            if o.size != self.obs.size || o.world != self.obs.world {
                self.map.fitted = false;
            }
            let last = self.history.back().map_or(0, |s| s.tick);
            for s in &o.samples {
                if s.tick > last || self.history.is_empty() {
                    if self.history.len() == shoal_server::observe::HISTORY {
                        self.history.pop_front();
                    }
                    self.history.push_back(*s);
                }
            }
            self.obs = o;
            self.received += 1;
            // A selection that died is let go.
            if let Some(id) = self.selected_tasklet
                && !self.obs.tasklets.iter().any(|t| t.id == id)
            {
                self.selected_tasklet = None;
            }
        }
        self.feed.set_request(self.request());
    }

    /// What the next observation should detail.
    fn request(&self) -> Request {
        Request {
            entity: self.selected_entity,
            tasklet: self.selected_tasklet,
            since: self.history.back().map_or(0, |s| s.tick),
        }
    }

    /// Selects entity `id` (and its behaviour's tasklet).
    pub fn select_entity(&mut self, id: Option<u64>) {
        self.selected_entity = id;
        self.selected_tasklet = id.and_then(|e| {
            self.obs
                .tasklets
                .iter()
                .find(|t| t.entity == Some(e))
                .map(|t| t.id)
        });
        self.feed.set_request(self.request());
    }

    /// Selects tasklet `id` and its entity (none if it is no behaviour).
    pub fn select_tasklet(&mut self, id: Option<u64>) {
        self.selected_tasklet = id;
        self.selected_entity =
            id.and_then(|t| self.obs.tasklets.iter().find(|r| r.id == t)?.entity);
        self.feed.set_request(self.request());
    }

    /// Sends a control to the world.
    pub fn control(&mut self, c: Control) {
        self.feed.send(c);
    }

    fn toggle_pause(&mut self) {
        if self.status.paused {
            self.control(Control::Resume);
        } else {
            self.control(Control::Pause);
        }
    }

    fn change_speed(&mut self, faster: bool) {
        let i = SPEEDS
            .iter()
            .position(|s| *s == self.status.speed)
            .unwrap_or(2);
        let j = if faster {
            (i + 1).min(SPEEDS.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.control(Control::Speed(SPEEDS[j]));
    }

    /// Raises (or lowers) the selected tasklet's priority level by `by`.
    pub(crate) fn shift_priority(&mut self, by: i32) {
        let Some(id) = self.selected_tasklet else {
            return;
        };
        let level = self
            .obs
            .tasklets
            .iter()
            .find(|t| t.id == id)
            .map_or(0, |t| t.priority);
        self.control(Control::Priority(id, level.saturating_add(by)));
    }

    /// Pauses the selected tasklet, or lets it run if it is paused.
    fn toggle_hold(&mut self) {
        let Some(id) = self.selected_tasklet else {
            return;
        };
        let held = self.obs.tasklets.iter().any(|t| t.id == id && t.held);
        self.control(if held {
            Control::Release(id)
        } else {
            Control::Hold(id)
        });
    }

    fn default_save_path(&self) -> String {
        let name = if self.obs.world.is_empty() {
            "world"
        } else {
            &self.obs.world
        };
        // `{tick}` becomes the tick saved (the world runs on while the
        // dialog is open).
        format!("{name}-tick{{tick}}.snapshot.ron")
    }

    /// The keyboard shortcuts (not while a text field has the keyboard).
    fn shortcuts(&mut self, ui: &mut Ui) {
        // An open dialog keeps the keys (Esc closes it).
        if self.save_path.is_some() || self.load_path.is_some() {
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                self.save_path = None;
                self.load_path = None;
            }
            self.typing = true;
            return;
        }
        // So does a text field that has the keyboard, or had it last frame
        // (egui lets go of a field on Esc before this runs).
        let typing = ui.ctx().egui_wants_keyboard_input();
        let was_typing = std::mem::replace(&mut self.typing, typing);
        if typing || was_typing {
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                ui.ctx().memory_mut(|m| m.stop_text_input());
            }
            return;
        }
        let pressed = |ui: &mut Ui, m: Modifiers, k: Key| ui.input_mut(|i| i.consume_key(m, k));
        if pressed(ui, Modifiers::COMMAND, Key::S) {
            self.save_path = Some(self.default_save_path());
            self.focus_dialog = true;
        }
        if pressed(ui, Modifiers::COMMAND, Key::O) && self.status.controls_world {
            self.load_path = Some(String::new());
            self.focus_dialog = true;
        }
        if pressed(ui, Modifiers::NONE, Key::Space) {
            self.toggle_pause();
        }
        if pressed(ui, Modifiers::NONE, Key::Period) || pressed(ui, Modifiers::NONE, Key::N) {
            self.control(Control::Step);
        }
        if pressed(ui, Modifiers::NONE, Key::Plus)
            || pressed(ui, Modifiers::NONE, Key::Equals)
            || pressed(ui, Modifiers::SHIFT, Key::Equals)
        {
            self.change_speed(true);
        }
        if pressed(ui, Modifiers::NONE, Key::Minus) {
            self.change_speed(false);
        }
        if pressed(ui, Modifiers::NONE, Key::F) {
            self.follow = !self.follow;
        }
        if pressed(ui, Modifiers::NONE, Key::Home) || pressed(ui, Modifiers::NONE, Key::Num0) {
            self.map.fitted = false;
        }
        if pressed(ui, Modifiers::NONE, Key::Escape) {
            if self.show_help {
                self.show_help = false;
            } else {
                self.select_entity(None);
                self.selected_tasklet = None;
            }
        }
        if pressed(ui, Modifiers::NONE, Key::K)
            && let Some(id) = self.selected_tasklet
        {
            self.control(Control::Kill(id));
        }
        if pressed(ui, Modifiers::NONE, Key::P) {
            self.toggle_hold();
        }
        if pressed(ui, Modifiers::NONE, Key::CloseBracket) {
            self.shift_priority(1);
        }
        if pressed(ui, Modifiers::NONE, Key::OpenBracket) {
            self.shift_priority(-1);
        }
        if pressed(ui, Modifiers::NONE, Key::H) || pressed(ui, Modifiers::NONE, Key::F1) {
            self.show_help = !self.show_help;
        }
        for (key, tab) in [
            (Key::Num1, Tab::Tasklets),
            (Key::Num2, Tab::Channels),
            (Key::Num3, Tab::Timing),
            (Key::Num4, Tab::Log),
        ] {
            if pressed(ui, Modifiers::NONE, key) {
                self.tab = tab;
            }
        }
    }

    /// The whole UI.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.poll();
        self.shortcuts(ui);
        egui::Panel::top("controls").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        let width = ui.available_width();
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(400.0)
            .min_size(260.0)
            .max_size((width * 0.5).max(260.0))
            .show(ui, |ui| crate::inspector::show(self, ui));
        egui::Panel::bottom("tables")
            .resizable(true)
            .default_size(250.0)
            .min_size(120.0)
            .show(ui, |ui| {
                // Every tab fills the panel, so it keeps its height.
                ui.set_min_height(ui.available_height());
                self.tables(ui)
            });
        egui::CentralPanel::default_margins().show(ui, |ui| crate::world_view::show(self, ui));
        self.dialogs(ui);
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Shoal");
            ui.add(egui::Label::new(&self.status.label).truncate())
                .on_hover_text(&self.status.label);
            ui.separator();
            let world = self.status.controls_world;
            let (text, tip) = if self.status.paused {
                ("Resume", "Resume ticking (Space)")
            } else {
                ("Pause", "Stop ticking (Space)")
            };
            if ui
                .add_enabled(world, egui::Button::new(text))
                .on_hover_text(tip)
                .on_disabled_hover_text("a server's world is not paused from a viewer")
                .clicked()
            {
                self.toggle_pause();
            }
            if ui
                .add_enabled(world && self.status.paused, egui::Button::new("Step"))
                .on_hover_text("Run one tick (. or N)")
                .clicked()
            {
                self.control(Control::Step);
            }
            ui.add_enabled_ui(world, |ui| {
                let mut speed = self.status.speed;
                egui::ComboBox::from_label("speed")
                    .selected_text(speed_label(speed))
                    .show_ui(ui, |ui| {
                        for s in SPEEDS {
                            ui.selectable_value(&mut speed, s, speed_label(s));
                        }
                    });
                if speed != self.status.speed {
                    self.control(Control::Speed(speed));
                }
            });
            if ui
                .button("Save…")
                .on_hover_text("Save a snapshot (Ctrl+S)")
                .clicked()
            {
                self.save_path = Some(self.default_save_path());
                self.focus_dialog = true;
            }
            if ui
                .add_enabled(world, egui::Button::new("Load…"))
                .on_hover_text("Load a snapshot (Ctrl+O)")
                .clicked()
            {
                self.load_path = Some(String::new());
                self.focus_dialog = true;
            }
            ui.checkbox(&mut self.follow, "Follow")
                .on_hover_text("Keep the selected entity in the middle (F)");
            if ui.button("Help").on_hover_text("Shortcuts (H)").clicked() {
                self.show_help = !self.show_help;
            }
            ui.separator();
            let o = &self.obs;
            ui.label(RichText::new(format!("tick {}", o.tick)).monospace());
            ui.label(RichText::new(format!("entities {}", o.entities.len())).monospace());
            ui.label(RichText::new(format!("tasklets {}", o.totals.tasklets)).monospace());
            if let Some(s) = self.history.back() {
                ui.label(
                    RichText::new(format!(
                        "tick {:.1} ms  dilation {:.2}",
                        s.work_ms, s.dilation
                    ))
                    .monospace(),
                );
            }
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(m) = &self.status.message {
                let color = if self.status.failed || self.status.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(m).color(color));
            } else if self.received == 0 {
                ui.label("starting…");
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!(
                    "observation {:.2} ms · heap {:.1} MiB · {}",
                    self.obs.cost_us as f64 / 1e3,
                    self.obs.totals.heap_bytes as f64 / (1 << 20) as f64,
                    match (self.status.failed, self.status.paused) {
                        (true, _) if !self.status.controls_world => "disconnected",
                        (true, _) => "stopped",
                        (false, true) => "paused",
                        (false, false) => "running",
                    },
                ));
            });
        });
    }

    fn tables(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            for (tab, name) in [
                (Tab::Tasklets, "Tasklets"),
                (Tab::Channels, "Channels"),
                (Tab::Timing, "Timing"),
                (Tab::Log, "Log"),
            ] {
                ui.selectable_value(&mut self.tab, tab, name);
            }
        });
        ui.separator();
        match self.tab {
            Tab::Tasklets => crate::tables::tasklets(self, ui),
            Tab::Channels => crate::tables::channels(self, ui),
            Tab::Timing => crate::timing::show(self, ui),
            Tab::Log => crate::tables::log(self, ui),
        }
    }

    fn dialogs(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.show_help {
            let mut open = true;
            egui::Window::new("Help")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(&ctx, help);
            self.show_help = open;
        }
        if let Some(mut path) = self.save_path.take() {
            let mut keep = true;
            egui::Window::new("Save a snapshot")
                .collapsible(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(&ctx, |ui| {
                    let local = self.status.controls_world;
                    let r = ui.horizontal(|ui| {
                        if !local {
                            ui.label("The server saves into its data directory.");
                            return None;
                        }
                        let label = ui.label("save to");
                        let r = ui
                            .add(egui::TextEdit::singleline(&mut path).desired_width(320.0))
                            .labelled_by(label.id)
                            .on_hover_text("{tick} becomes the tick saved");
                        if std::mem::take(&mut self.focus_dialog) {
                            r.request_focus();
                        }
                        Some(r)
                    });
                    let enter = r.inner.is_some_and(|r| r.lost_focus())
                        && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() || enter {
                            self.feed.send(Control::Save(path.clone().into()));
                            keep = false;
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
            if keep {
                self.save_path = Some(path);
            }
        }
        if let Some(mut path) = self.load_path.take() {
            let mut keep = true;
            egui::Window::new("Load a snapshot")
                .collapsible(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(&ctx, |ui| {
                    ui.label("The world is replaced by the snapshot, paused (if it loads).");
                    let r = ui.horizontal(|ui| {
                        let label = ui.label("load from");
                        let r = ui
                            .add(egui::TextEdit::singleline(&mut path).desired_width(320.0))
                            .labelled_by(label.id);
                        if std::mem::take(&mut self.focus_dialog) {
                            r.request_focus();
                        }
                        r
                    });
                    let enter = r.inner.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button("Load").clicked() || enter) && !path.trim().is_empty() {
                            self.feed.send(Control::Load(path.trim().into()));
                            self.history.clear();
                            keep = false;
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
            if keep {
                self.load_path = Some(path);
            }
        }
    }
}

/// The shortcuts, as the help window lists them.
pub const SHORTCUTS: [(&str, &str); 15] = [
    ("Space", "pause / resume the world"),
    (". or N", "step one tick (paused)"),
    ("+ / -", "faster / slower"),
    ("Ctrl+S", "save a snapshot"),
    ("Ctrl+O", "load a snapshot"),
    ("click", "select an entity on the map"),
    ("drag / wheel", "pan / zoom the map"),
    ("Home or 0", "fit the world in the map"),
    ("F", "follow the selected entity"),
    ("K", "kill the selected tasklet"),
    ("P", "pause / resume the selected tasklet"),
    ("] / [", "raise / lower the selected tasklet's priority"),
    ("1 2 3 4", "tasklets, channels, timing, log"),
    ("Esc", "clear the selection, close help"),
    ("H or F1", "this help"),
];

fn help(ui: &mut Ui) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for (k, what) in SHORTCUTS {
                ui.label(RichText::new(k).monospace().strong());
                ui.label(what);
                ui.end_row();
            }
        });
    ui.separator();
    ui.label("Map: colour is the kind; a bright ring is a runnable or running behaviour, an orange one blocked on a channel, grey paused; faint dots sleep.");
}

impl eframe::App for Viewer {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        Viewer::ui(self, ui);
        // Sleep timers and clocks move even when no observation comes.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(250));
    }
}
