//! `shoal-viewer --corewar`: a Core War battle, live.
//!
//! The core is a grid of cells coloured by the warrior that wrote them
//! last, with the cells being executed lit up; beside it each warrior's
//! code with the instruction its next process runs, process counts over
//! time, and the round results; play, pause, step and speed control the
//! battle. In process, the battle runs on the UI thread, a budget of
//! instructions a frame. Connected to a hill (`--connect ADDR
//! --corewar`), a thread asks the hill for its leaderboard and its battle
//! under way twice a second.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui::{Color32, RichText, Sense, Ui};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use shoal_corewar::battle::Observer;
use shoal_corewar::{Battle, Instruction, report};

/// The warriors' colours, by number.
pub const COLORS: [Color32; 8] = [
    Color32::from_rgb(80, 160, 255),
    Color32::from_rgb(255, 110, 80),
    Color32::from_rgb(120, 220, 100),
    Color32::from_rgb(240, 200, 60),
    Color32::from_rgb(200, 120, 255),
    Color32::from_rgb(80, 220, 210),
    Color32::from_rgb(255, 130, 200),
    Color32::from_rgb(180, 180, 180),
];

fn color(w: usize) -> Color32 {
    COLORS[w % COLORS.len()]
}

/// No warrior has written the cell.
const NOBODY: u8 = u8::MAX;
/// Process-count samples kept per warrior.
const HISTORY: usize = 4000;

/// What the viewer learns while the battle runs.
struct Watch<'a> {
    owner: &'a mut [u8],
    heat: &'a mut [u8],
}

impl Observer for Watch<'_> {
    fn execute(&mut self, warrior: usize, pc: u32, _: &Instruction) {
        if let Some(h) = self.heat.get_mut(pc as usize) {
            *h = 255;
        }
        if let Some(o) = self.owner.get_mut(pc as usize)
            && *o == NOBODY
        {
            *o = warrior as u8;
        }
    }
    fn write(&mut self, warrior: usize, addr: u32) {
        if let Some(o) = self.owner.get_mut(addr as usize) {
            *o = warrior as u8;
        }
    }
}

/// Records each warrior's process count at this point of the battle
/// (keeping the last [`HISTORY`] samples or so).
fn sample(history: &mut [Vec<[f64; 2]>], battle: &Battle) {
    let at = battle.executed() as f64;
    for (h, f) in history.iter_mut().zip(battle.fighters()) {
        h.push([at, f.queue.len() as f64]);
        if h.len() > HISTORY {
            h.drain(..HISTORY / 2);
        }
    }
}

/// Marks each warrior's code as its own (at a round's start).
fn paint_owners(battle: &Battle, owner: &mut [u8], heat: &mut [u8]) {
    owner.fill(NOBODY);
    heat.fill(0);
    let size = owner.len();
    if size == 0 {
        return;
    }
    for (w, f) in battle.fighters().iter().enumerate() {
        for k in 0..f.warrior.code.len() {
            owner[(f.position as usize + k) % size] = w as u8;
        }
    }
}

/// What a hill says, filled by the hill thread.
#[derive(Default)]
pub struct HillView {
    pub leaderboard: Vec<String>,
    pub battle: Option<(String, Battle)>,
    pub error: Option<String>,
    /// Answers received.
    pub updates: u64,
}

/// The viewer of a battle.
pub struct CorewarViewer {
    battle: Option<Battle>,
    /// In process: the battle runs here. Connected: it is the hill's.
    local: bool,
    hill: Option<Arc<Mutex<HillView>>>,
    hill_addr: String,
    /// The hill feed's answers seen.
    hill_updates: u64,
    title: String,
    owner: Vec<u8>,
    heat: Vec<u8>,
    history: Vec<Vec<[f64; 2]>>,
    rounds: Vec<String>,
    last_scores: Vec<Vec<u32>>,
    last_round: u32,
    playing: bool,
    /// Instructions a frame while playing.
    speed: f64,
    formula: String,
    leaderboard: Vec<String>,
}

impl CorewarViewer {
    /// A viewer of `battle`, run in this process.
    pub fn local(battle: Battle, formula: String, playing: bool) -> CorewarViewer {
        let mut v = CorewarViewer::empty();
        v.local = true;
        v.playing = playing;
        v.formula = formula;
        v.load(battle);
        v
    }

    /// A viewer of the hill at `addr`: its leaderboard and its battle.
    pub fn hill(addr: String) -> CorewarViewer {
        let view = Arc::new(Mutex::new(HillView::default()));
        let shared = Arc::clone(&view);
        let target = addr.clone();
        let spawned = std::thread::Builder::new()
            .name("hill feed".into())
            .spawn(move || hill_feed(&target, &shared));
        if let Err(e) = spawned {
            view.lock().unwrap_or_else(|e| e.into_inner()).error =
                Some(format!("cannot start the hill feed: {e}"));
        }
        let mut v = CorewarViewer::empty();
        v.hill = Some(view);
        v.hill_addr = addr;
        v
    }

    fn empty() -> CorewarViewer {
        CorewarViewer {
            battle: None,
            local: false,
            hill: None,
            hill_addr: String::new(),
            hill_updates: 0,
            title: String::new(),
            owner: Vec::new(),
            heat: Vec::new(),
            history: Vec::new(),
            rounds: Vec::new(),
            last_scores: Vec::new(),
            last_round: 1,
            playing: false,
            speed: 2000.0,
            formula: shoal_corewar::options::DEFAULT_SCORE.into(),
            leaderboard: Vec::new(),
        }
    }

    fn load(&mut self, mut battle: Battle) {
        let size = battle.core().len();
        let n = battle.fighters().len();
        self.owner = vec![NOBODY; size];
        self.heat = vec![0; size];
        if self.local {
            battle.prepare_round();
        }
        paint_owners(&battle, &mut self.owner, &mut self.heat);
        self.history = vec![Vec::new(); n];
        self.last_scores = battle.fighters().iter().map(|f| f.score.clone()).collect();
        self.last_round = battle.round();
        self.battle = Some(battle);
    }

    /// The battle shown.
    pub fn battle(&self) -> Option<&Battle> {
        self.battle.as_ref()
    }

    /// Whether the battle runs.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The round results so far, one line a round.
    pub fn round_results(&self) -> &[String] {
        &self.rounds
    }

    /// Runs the battle for `budget` instructions (in process).
    pub fn advance(&mut self, budget: u64) {
        let Some(battle) = self.battle.as_mut() else {
            return;
        };
        let mut left = budget;
        while left > 0 && !battle.finished() {
            if !battle.in_round() {
                // A new round: the warriors are loaded afresh.
                battle.prepare_round();
                paint_owners(battle, &mut self.owner, &mut self.heat);
            }
            let mut chunk = left.min(1000);
            let start = chunk;
            let mut watch = Watch {
                owner: &mut self.owner,
                heat: &mut self.heat,
            };
            battle.run_observed(&mut chunk, &mut watch);
            left -= start - chunk;
            sample(&mut self.history, battle);
        }
        if battle.finished() {
            self.playing = false;
        }
        self.note_rounds();
    }

    fn note_rounds(&mut self) {
        let Some(b) = &self.battle else { return };
        if b.round() == self.last_round {
            return;
        }
        let n = b.fighters().len();
        let now: Vec<Vec<u32>> = b.fighters().iter().map(|f| f.score.clone()).collect();
        for round in self.last_round..b.round() {
            let survivors: Vec<usize> = (0..n)
                .filter(|&w| (0..n).any(|k| now[w][k] > self.last_scores[w][k]))
                .collect();
            let line = match survivors.as_slice() {
                [w] if n > 1 => format!("round {round}: {} wins", b.fighters()[*w].warrior.name),
                [] => format!("round {round}: nobody survives"),
                many => format!("round {round}: tie ({} alive)", many.len()),
            };
            self.rounds.push(line);
        }
        self.last_scores = now;
        self.last_round = b.round();
    }

    fn poll_hill(&mut self) {
        let Some(view) = &self.hill else { return };
        let mut v = view.lock().unwrap_or_else(|e| e.into_inner());
        if v.updates != self.hill_updates {
            self.hill_updates = v.updates;
            self.leaderboard = v.leaderboard.clone();
        }
        if let Some((title, battle)) = v.battle.take() {
            drop(v);
            self.title = title;
            let same = self.battle.as_ref().is_some_and(|b| {
                b.fighters().len() == battle.fighters().len()
                    && b.core().len() == battle.core().len()
            });
            if same {
                // Cells that changed since the last look flash.
                if let Some(old) = &self.battle {
                    for (i, (o, n)) in old.core().iter().zip(battle.core()).enumerate() {
                        if o != n {
                            self.heat[i] = 255;
                        }
                    }
                }
                self.battle = Some(battle);
            } else {
                self.load(battle);
            }
            if let Some(b) = &self.battle {
                sample(&mut self.history, b);
            }
            self.note_rounds();
        }
    }

    /// The hill's leaderboard lines (connected).
    pub fn leaderboard(&self) -> &[String] {
        &self.leaderboard
    }

    /// The whole UI.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.poll_hill();
        if self.playing && self.local {
            self.advance(self.speed as u64);
            ui.ctx().request_repaint();
        }
        for h in &mut self.heat {
            *h = h.saturating_sub(12);
        }
        egui::Panel::top("corewar controls").show(ui, |ui| self.top_bar(ui));
        let width = ui.available_width();
        egui::Panel::right("warriors")
            .resizable(true)
            .default_size(420.0)
            .min_size(260.0)
            .max_size((width * 0.5).max(260.0))
            .show(ui, |ui| self.side(ui));
        egui::Panel::bottom("processes")
            .resizable(true)
            .default_size(180.0)
            .min_size(100.0)
            .show(ui, |ui| self.plot(ui));
        egui::CentralPanel::default_margins().show(ui, |ui| self.core_view(ui));
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("Shoal Core War");
            if self.local {
                let label = if self.playing { "Pause" } else { "Play" };
                if ui.button(label).clicked() {
                    self.playing = !self.playing;
                }
                if ui
                    .button("Step")
                    .on_hover_text("Execute one instruction")
                    .clicked()
                {
                    self.playing = false;
                    self.advance(1);
                }
                ui.add(
                    egui::Slider::new(&mut self.speed, 1.0..=1_000_000.0)
                        .logarithmic(true)
                        .suffix(" instr/frame")
                        .text("speed"),
                );
            } else {
                ui.label(format!("hill {}", self.hill_addr));
                if !self.title.is_empty() {
                    ui.label(RichText::new(&self.title).monospace());
                }
            }
            if let Some(b) = &self.battle {
                let rounds = b.settings().rounds;
                ui.label(
                    RichText::new(format!("round {} of {rounds}", b.round().min(rounds)))
                        .monospace(),
                );
                ui.label(RichText::new(format!("executed {}", b.executed())).monospace());
                ui.label(RichText::new(format!("cycles left {}", b.cycles_left())).monospace());
                if b.finished() {
                    ui.label(RichText::new("finished").strong());
                }
            }
            if let Some(view) = &self.hill
                && let Some(e) = &view.lock().unwrap_or_else(|e| e.into_inner()).error
            {
                ui.label(RichText::new(e).color(Color32::from_rgb(255, 120, 100)));
            }
        });
    }

    fn side(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if self.hill.is_some() {
                ui.heading("Leaderboard");
                if self.leaderboard.is_empty() {
                    ui.label("waiting for the hill…");
                }
                for line in &self.leaderboard {
                    ui.label(RichText::new(line).monospace());
                }
                ui.separator();
            }
            let Some(b) = &self.battle else {
                ui.label("no battle under way");
                return;
            };
            let coresize = b.settings().coresize;
            let next = b.next_warrior();
            for (w, f) in b.fighters().iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&f.warrior.name).color(color(w)).strong());
                    ui.label(format!("by {}", f.warrior.author));
                });
                ui.label(
                    RichText::new(format!(
                        "processes {}  wins {}  at {}{}",
                        f.queue.len(),
                        f.wins(),
                        f.position,
                        if next == Some(w) {
                            "  (moves next)"
                        } else {
                            ""
                        }
                    ))
                    .monospace(),
                );
                // Its code, with the instruction its next process runs.
                let pc = f.queue.iter().next();
                let offset = pc.map(|pc| (pc + coresize - f.position) % coresize);
                egui::CollapsingHeader::new(format!("code of {}", f.warrior.name))
                    .id_salt(("code", w))
                    .default_open(b.fighters().len() <= 3)
                    .show(ui, |ui| {
                        for (k, instr) in f.warrior.code.iter().enumerate() {
                            let here = offset == Some(k as u32);
                            let text = format!(
                                "{}{:>4} {}",
                                if here { ">" } else { " " },
                                k,
                                report::cell(instr, coresize).trim_end()
                            );
                            let mut rt = RichText::new(text).monospace();
                            if here {
                                rt = rt.color(color(w)).strong();
                            }
                            ui.label(rt);
                        }
                    });
                ui.separator();
            }
            ui.heading("Rounds");
            if b.finished() {
                let text = report::results(b, &self.formula, false, false);
                for line in text.lines() {
                    ui.label(RichText::new(line).monospace());
                }
            }
            for line in self.rounds.iter().rev().take(200) {
                ui.label(RichText::new(line).monospace());
            }
        });
    }

    fn plot(&mut self, ui: &mut Ui) {
        let Some(b) = &self.battle else { return };
        let names: Vec<String> = b
            .fighters()
            .iter()
            .map(|f| f.warrior.name.clone())
            .collect();
        Plot::new("process counts")
            .legend(Legend::default())
            .allow_scroll(false)
            .include_y(0.0)
            .y_axis_label("processes")
            .x_axis_label("instructions executed")
            .show(ui, |plot| {
                for (w, h) in self.history.iter().enumerate() {
                    let points: PlotPoints = h.iter().copied().collect();
                    plot.line(
                        Line::new(names.get(w).cloned().unwrap_or_default(), points)
                            .color(color(w)),
                    );
                }
            });
    }

    fn core_view(&mut self, ui: &mut Ui) {
        let size = ui.available_size();
        let (response, painter) = ui.allocate_painter(size, Sense::hover());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "core"));
        let rect = response.rect;
        painter.rect_filled(rect, 0.0, Color32::from_rgb(14, 14, 18));
        let Some(b) = &self.battle else {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "waiting for a battle…",
                egui::FontId::proportional(16.0),
                Color32::GRAY,
            );
            return;
        };
        let cells = b.core().len();
        // As many columns as keep the cells square in the panel.
        let aspect = (rect.width() / rect.height().max(1.0)).max(0.1);
        let columns = ((cells as f32 * aspect).sqrt().ceil() as usize).clamp(1, cells.max(1));
        let rows = cells.div_ceil(columns);
        let side = (rect.width() / columns as f32)
            .min(rect.height() / rows as f32)
            .max(0.5);
        let next: Vec<Option<u32>> = b.fighters().iter().map(|f| f.queue.iter().next()).collect();
        for (i, cell) in b.core().iter().enumerate() {
            let (r, c) = (i / columns, i % columns);
            let min = rect.min + egui::vec2(c as f32 * side, r as f32 * side);
            let cell_rect =
                egui::Rect::from_min_size(min, egui::vec2(side, side)).shrink(0.1 * side);
            let owner = self.owner.get(i).copied().unwrap_or(NOBODY);
            let base = if owner == NOBODY {
                if *cell == Instruction::EMPTY {
                    Color32::from_rgb(30, 30, 38)
                } else {
                    Color32::from_rgb(90, 90, 100)
                }
            } else {
                let c = color(owner as usize);
                if cell.opcode == shoal_corewar::Opcode::Dat {
                    c.gamma_multiply(0.55)
                } else {
                    c
                }
            };
            let heat = self.heat.get(i).copied().unwrap_or(0);
            let fill = if heat > 0 {
                base.lerp_to_gamma(Color32::WHITE, f32::from(heat) / 255.0 * 0.8)
            } else {
                base
            };
            painter.rect_filled(cell_rect, 0.0, fill);
            if next.contains(&Some(i as u32)) {
                painter.rect_stroke(
                    cell_rect.expand(0.15 * side),
                    0.0,
                    egui::Stroke::new(1.5, Color32::WHITE),
                    egui::StrokeKind::Outside,
                );
            }
        }
    }
}

impl eframe::App for CorewarViewer {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        CorewarViewer::ui(self, ui);
        ui.ctx().request_repaint_after(Duration::from_millis(100));
    }
}

/// Asks the hill at `addr` for its leaderboard and battle, twice a
/// second, until the viewer goes away.
fn hill_feed(addr: &str, view: &Arc<Mutex<HillView>>) {
    loop {
        if Arc::strong_count(view) == 1 {
            return;
        }
        let result = (|| -> std::io::Result<()> {
            let stream = TcpStream::connect(addr)?;
            stream.set_read_timeout(Some(Duration::from_secs(10)))?;
            let mut reader = BufReader::new(stream.try_clone()?);
            let mut writer = stream;
            let mut ask = |cmd: &str| -> std::io::Result<Vec<String>> {
                writer.write_all(cmd.as_bytes())?;
                let mut lines = Vec::new();
                loop {
                    let mut l = String::new();
                    if reader.read_line(&mut l)? == 0 {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::UnexpectedEof,
                            "the hill closed",
                        ));
                    }
                    if l == ".\n" {
                        return Ok(lines);
                    }
                    lines.push(l.trim_end_matches('\n').to_string());
                }
            };
            loop {
                if Arc::strong_count(view) == 1 {
                    return Ok(());
                }
                let board = ask("leaderboard\n")?;
                let watch = ask("watch\n")?;
                let battle = match watch.as_slice() {
                    [head, ron_text] if head.starts_with("battle ") => {
                        let ids: Vec<&str> = head.split_whitespace().skip(1).collect();
                        ron::from_str::<Battle>(ron_text)
                            .ok()
                            .filter(|b| b.validate().is_ok())
                            .map(|b| (format!("battle {}", ids.join(" vs ")), b))
                    }
                    _ => None,
                };
                {
                    let mut v = view.lock().unwrap_or_else(|e| e.into_inner());
                    v.leaderboard = board;
                    if battle.is_some() {
                        v.battle = battle;
                    }
                    v.error = None;
                    v.updates += 1;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
        })();
        if let Err(e) = result {
            let mut v = view.lock().unwrap_or_else(|e| e.into_inner());
            v.error = Some(format!("hill {addr}: {e}"));
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}
