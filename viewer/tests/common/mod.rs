//! What the viewer's UI tests share: a harness around a viewer, and
//! stepping frames until something shows.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use shoal_viewer::{Feed, Viewer};

/// The real UI of a viewer of `feed`, in a 1280x720 window.
pub fn harness_of(feed: Feed) -> Harness<'static, Viewer> {
    Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(|ui, v: &mut Viewer| v.ui(ui), Viewer::new(feed))
}

/// Steps frames until `cond` holds (the world runs on another thread);
/// fails after 30 s, saying what the feed and the selection were.
pub fn wait_for(
    h: &mut Harness<'static, Viewer>,
    what: &str,
    cond: impl Fn(&Harness<'static, Viewer>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        h.run_steps(1);
        if cond(h) {
            // New content takes a frame or two to find its place (egui
            // lays out what it has not seen before twice): settle before
            // clicking on it.
            h.run_steps(2);
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; the feed says {:?}; selected tasklet {:?}, entity {:?}",
            h.state().feed().status(),
            h.state().observation().tasklet,
            h.state()
                .observation()
                .entity
                .as_ref()
                .map(|e| (e.id, &e.frames)),
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}
