//! The world map: every entity as a dot in its kind's colour, ringed by
//! what its behaviour does; pan by dragging, zoom with the wheel, click
//! to select, follow the selection.

use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, Vec2};
use shoal_server::observe::{Activity, EntityRow};

use crate::app::Viewer;

/// Where the map looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    /// The world point at the middle of the map.
    pub center: (f64, f64),
    /// Screen points per world unit.
    pub zoom: f32,
    /// Whether the view was fitted to the world yet.
    pub fitted: bool,
}

impl Default for MapView {
    fn default() -> Self {
        MapView {
            center: (0.0, 0.0),
            zoom: 1.0,
            fitted: false,
        }
    }
}

impl MapView {
    fn to_screen(self, rect: Rect, x: f64, y: f64) -> Pos2 {
        let c = rect.center();
        Pos2::new(
            c.x + ((x - self.center.0) as f32) * self.zoom,
            c.y + ((y - self.center.1) as f32) * self.zoom,
        )
    }

    fn to_world(self, rect: Rect, p: Pos2) -> (f64, f64) {
        let c = rect.center();
        (
            self.center.0 + f64::from((p.x - c.x) / self.zoom),
            self.center.1 + f64::from((p.y - c.y) / self.zoom),
        )
    }

    fn fit(&mut self, rect: Rect, size: (f64, f64)) {
        let (w, h) = (size.0.max(1.0), size.1.max(1.0));
        self.center = (w / 2.0, h / 2.0);
        self.zoom =
            ((rect.width() as f64 / w).min(rect.height() as f64 / h) * 0.95).max(1e-3) as f32;
        self.fitted = true;
    }
}

/// The colour of a kind, from the world file.
pub fn kind_color(viewer: &Viewer, kind: u16) -> Color32 {
    viewer
        .obs
        .kinds
        .get(kind as usize)
        .map_or(Color32::GRAY, |k| {
            Color32::from_rgb(k.color.0, k.color.1, k.color.2)
        })
}

/// The ring colour of an activity (`None`: no ring).
pub fn activity_color(a: Activity) -> Option<Color32> {
    match a {
        Activity::Running | Activity::Runnable => Some(Color32::WHITE),
        Activity::Blocked => Some(Color32::from_rgb(255, 150, 40)),
        Activity::Io => Some(Color32::from_rgb(90, 170, 255)),
        Activity::Paused | Activity::Watchdog | Activity::Bound => Some(Color32::from_gray(140)),
        Activity::Sleeping | Activity::Idle | Activity::Ghost => None,
    }
}

/// Shows the map.
pub fn show(viewer: &mut Viewer, ui: &mut Ui) {
    let size = ui.available_size();
    let (response, painter) = ui.allocate_painter(size, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "world map"));
    let rect = response.rect;
    painter.rect_filled(rect, 0.0, Color32::from_rgb(18, 22, 20));
    if viewer.obs.kinds.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "waiting for the world…",
            egui::FontId::proportional(16.0),
            Color32::GRAY,
        );
        return;
    }
    if !viewer.map.fitted {
        viewer.map.fit(rect, viewer.obs.size);
    }
    // Pan and zoom.
    if response.dragged() {
        let d = response.drag_delta();
        viewer.map.center.0 -= f64::from(d.x / viewer.map.zoom);
        viewer.map.center.1 -= f64::from(d.y / viewer.map.zoom);
        viewer.follow = false;
    }
    if let Some(hover) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll / 200.0).exp();
        if factor != 1.0 {
            // Zoom about the pointer.
            let before = viewer.map.to_world(rect, hover);
            viewer.map.zoom = (viewer.map.zoom * factor).clamp(0.01, 400.0);
            let after = viewer.map.to_world(rect, hover);
            viewer.map.center.0 += before.0 - after.0;
            viewer.map.center.1 += before.1 - after.1;
        }
    }
    let selected = viewer.selected_entity;
    if viewer.follow
        && let Some(e) = selected.and_then(|id| find(&viewer.obs.entities, id))
    {
        viewer.map.center = (f64::from(e.x), f64::from(e.y));
    }
    let map = viewer.map;
    // The world's edge.
    let (w, h) = viewer.obs.size;
    painter.rect_stroke(
        Rect::from_two_pos(map.to_screen(rect, 0.0, 0.0), map.to_screen(rect, w, h)),
        0.0,
        Stroke::new(1.0, Color32::from_gray(70)),
        egui::StrokeKind::Outside,
    );
    // A split world's zones: borders and names, the observed server's
    // zone brighter.
    for z in &viewer.obs.zones {
        let (x0, y0, x1, y1) = z.rect;
        let r = Rect::from_two_pos(map.to_screen(rect, x0, y0), map.to_screen(rect, x1, y1));
        let (stroke, text) = if z.here {
            (
                Stroke::new(2.0, Color32::from_rgb(120, 200, 255)),
                Color32::from_rgb(150, 215, 255),
            )
        } else {
            (
                Stroke::new(1.0, Color32::from_rgb(90, 110, 140)),
                Color32::from_rgb(120, 135, 160),
            )
        };
        painter.rect_stroke(r, 0.0, stroke, egui::StrokeKind::Inside);
        painter.text(
            r.left_top() + Vec2::new(4.0, 4.0),
            egui::Align2::LEFT_TOP,
            if z.here {
                format!("{} (this server)", z.name)
            } else {
                z.name.clone()
            },
            egui::FontId::monospace(11.0),
            text,
        );
    }
    // Entities that changed zone in the last two seconds of ticks.
    let lately = viewer
        .obs
        .tick
        .saturating_sub(2 * u64::from(viewer.obs.tick_rate.max(1)));
    let moved: std::collections::HashSet<u64> = viewer
        .obs
        .handoffs
        .iter()
        .filter(|h| h.tick >= lately)
        .map(|h| h.id)
        .collect();
    let radius = (map.zoom * 1.5).clamp(1.5, 12.0);
    let visible = rect.expand(radius * 2.0);
    for e in &viewer.obs.entities {
        let p = map.to_screen(rect, f64::from(e.x), f64::from(e.y));
        if !visible.contains(p) {
            continue;
        }
        let mut color = kind_color(viewer, e.kind);
        if matches!(e.activity, Activity::Sleeping | Activity::Idle) {
            color = color.gamma_multiply(0.75);
        }
        if e.activity == Activity::Ghost {
            // Another zone's, mirrored here: hollow.
            painter.circle_stroke(p, radius, Stroke::new(1.0, color.gamma_multiply(0.8)));
        } else {
            painter.circle_filled(p, radius, color);
        }
        if let Some(ring) = activity_color(e.activity) {
            painter.circle_stroke(p, radius + 1.0, Stroke::new(1.0, ring));
        }
        if moved.contains(&e.id) {
            painter.circle_stroke(
                p,
                radius + 3.0,
                Stroke::new(1.5, Color32::from_rgb(230, 80, 230)),
            );
        }
    }
    if let Some(e) = selected.and_then(|id| find(&viewer.obs.entities, id)) {
        let p = map.to_screen(rect, f64::from(e.x), f64::from(e.y));
        painter.circle_stroke(p, radius + 5.0, Stroke::new(2.0, Color32::YELLOW));
        painter.text(
            p + Vec2::new(radius + 7.0, -radius - 7.0),
            egui::Align2::LEFT_BOTTOM,
            format!("{} {}", kind_name(viewer, e.kind), e.id),
            egui::FontId::monospace(12.0),
            Color32::YELLOW,
        );
    }
    // Legend.
    let mut y = rect.top() + 8.0;
    for k in &viewer.obs.kinds {
        let p = Pos2::new(rect.left() + 14.0, y + 6.0);
        painter.circle_filled(p, 5.0, Color32::from_rgb(k.color.0, k.color.1, k.color.2));
        painter.text(
            p + Vec2::new(10.0, 0.0),
            egui::Align2::LEFT_CENTER,
            &k.name,
            egui::FontId::proportional(12.0),
            Color32::from_gray(210),
        );
        y += 16.0;
    }
    // Click: the nearest entity within a few points.
    if response.clicked()
        && let Some(click) = response.interact_pointer_pos()
    {
        let reach = (radius + 6.0).powi(2);
        let nearest = viewer
            .obs
            .entities
            .iter()
            .map(|e| {
                let p = map.to_screen(rect, f64::from(e.x), f64::from(e.y));
                (p.distance_sq(click), e.id)
            })
            .filter(|(d, _)| *d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        viewer.select_entity(nearest.map(|(_, id)| id));
    }
    if let Some(hover) = response.hover_pos() {
        let (x, y) = map.to_world(rect, hover);
        painter.text(
            rect.right_bottom() - Vec2::new(8.0, 6.0),
            egui::Align2::RIGHT_BOTTOM,
            format!("({x:.0}, {y:.0})  zoom {:.2}", map.zoom),
            egui::FontId::monospace(11.0),
            Color32::from_gray(160),
        );
    }
}

/// The entity with id `id` (the list is sorted by id).
pub fn find(entities: &[EntityRow], id: u64) -> Option<&EntityRow> {
    entities
        .binary_search_by_key(&id, |e| e.id)
        .ok()
        .map(|i| &entities[i])
}

/// The name of kind `kind`.
pub fn kind_name(viewer: &Viewer, kind: u16) -> &str {
    viewer
        .obs
        .kinds
        .get(kind as usize)
        .map_or("?", |k| k.name.as_str())
}
