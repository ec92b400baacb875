//! A zone on the game loop's thread: what happens around each tick of a
//! zone process (see the module documentation of [`crate::cluster`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::bus::{Bus, Event, ZoneReport};
use super::ghosts::{apply_ghosts, ghost_states, ghost_total};
use super::mail::{MailBook, Post};
use super::parcel::Parcel;
use super::zones::ZoneMap;
use crate::Sim;
use crate::world_api::HOST;
use crate::world_file::WorldDef;

/// How a zone process joins its cluster.
#[derive(Debug, Clone)]
pub struct ZoneOptions {
    /// The NATS server (`nats://127.0.0.1:4222`).
    pub nats: String,
    /// The zone to hold, or `any`: the first whose lease is free (a
    /// standby process that takes over a dead zone).
    pub zone: String,
    /// The cluster's name (the world's name by default): buckets and
    /// subjects are named after it.
    pub cluster: Option<String>,
    /// How long a zone stays held after its process stops renewing its
    /// lease.
    pub lease: Duration,
    /// How often the zone stores its snapshot on NATS.
    pub snapshot_every: Duration,
}

impl Default for ZoneOptions {
    fn default() -> Self {
        ZoneOptions {
            nats: "nats://127.0.0.1:4222".into(),
            zone: "any".into(),
            cluster: None,
            lease: Duration::from_secs(3),
            snapshot_every: Duration::from_secs(2),
        }
    }
}

/// The largest radius another zone may ask a view of.
const MAX_VIEW_RADIUS: f64 = 1_000.0;

/// The most entities a view holds.
const MAX_VIEW_ENTITIES: usize = 4_096;

/// How many ticks a post waits for an earlier one from the same sender
/// before that one is given up as lost.
const MAX_GAP_TICKS: u64 = 600;

/// A zone's snapshot as stored on NATS.
#[derive(Serialize, Deserialize)]
struct ZoneSnapshot {
    zone: String,
    /// The world, as [`Sim::save`] writes it (ghosts left out).
    world: String,
    mail: MailBook,
    /// The handoff log's sequence this snapshot includes.
    log_seq: u64,
    /// Entities handed out and not yet decided (a takeover keeps those
    /// the ownership bucket still gives this zone).
    in_transit: Vec<Parcel>,
}

/// Counters for `stats`.
#[derive(Debug, Default, Clone)]
struct Counters {
    handoffs_in: u64,
    handoffs_out: u64,
    handoffs_refused: u64,
    posts_in: u64,
    posts_out: u64,
}

/// A zone of a cluster, driven by the game loop.
pub struct ZoneNode {
    bus: Bus,
    map: ZoneMap,
    index: usize,
    name: String,
    opts: ZoneOptions,
    /// The revision of each own entity's ownership entry.
    revs: HashMap<u64, u64>,
    /// Own entities whose entry is being made.
    owning: HashSet<u64>,
    /// Entities handed out and not yet decided, with the posts that came
    /// for them meanwhile.
    in_transit: HashMap<u64, (Parcel, Vec<Post>)>,
    mail: MailBook,
    log_seq: u64,
    last_snapshot: Instant,
    counters: Counters,
    /// Entities whose behaviour could not be packed, said once each.
    warned: HashSet<u64>,
    lease_lost: bool,
    /// The last cross-zone posts' latencies, microseconds (sent to taken
    /// in).
    latencies: std::collections::VecDeque<u64>,
    /// What the zones that own this zone's players' avatars see around
    /// them, by avatar (kept for avatars that are not here).
    views: HashMap<u64, Vec<(u64, u16, f64, f64)>>,
    /// The tick each avatar's view was last asked for (one request in
    /// flight per avatar; asked again after a second without answer).
    asked: HashMap<u64, Instant>,
    /// The last entities that changed owner here: (id, from, to, tick).
    recent: std::collections::VecDeque<crate::observe::HandoffView>,
    /// Paused by a `pause` query: no ticks (what is in flight still
    /// lands), for a consistent view of the whole cluster.
    paused: bool,
}

impl ZoneNode {
    /// Connects to NATS, claims a zone (waiting for its lease if another
    /// process holds it), and builds the zone's world: from its last
    /// snapshot on NATS, else from the world file (only the entities in
    /// its area), then reconciled with the ownership bucket and the
    /// handoff log so that it owns exactly the entities NATS says it
    /// does. Blocks until then.
    pub fn start(
        def: WorldDef,
        embedded: Rc<[(String, String)]>,
        opts: ZoneOptions,
    ) -> Result<(ZoneNode, Sim), String> {
        let Some(map) = def.zone_map() else {
            return Err(format!(
                "{}: the world file has no zones (add `zones: Some((grid: Some((2, 1))))`)",
                def.path
            ));
        };
        let cluster = opts
            .cluster
            .clone()
            .unwrap_or_else(|| sanitize(&def.spec.name));
        let wanted: Vec<String> = if opts.zone == "any" {
            map.zones.iter().map(|z| z.name.clone()).collect()
        } else {
            match map.index_of(&opts.zone) {
                Some(_) => vec![opts.zone.clone()],
                None => {
                    let names: Vec<&str> = map.zones.iter().map(|z| z.name.as_str()).collect();
                    return Err(format!(
                        "the world has no zone '{}' (its zones: {})",
                        opts.zone,
                        names.join(", ")
                    ));
                }
            }
        };
        let mut bus = Bus::connect(&opts.nats, &cluster, opts.lease)?;
        let mut said = false;
        let name = bus.claim(&wanted, opts.lease, |who| {
            if !said {
                tracing::info!(zones = who, "waiting for a zone's lease to be free");
                said = true;
            }
        })?;
        let index = map.index_of(&name).unwrap_or(0);
        tracing::info!(zone = %name, cluster = %cluster, "holding the zone");
        let snapshot = bus.load_snapshot(&name)?;
        let (mut sim, mail, log_seq, travelling, fresh) = match snapshot {
            Some(bytes) => {
                let snap: ZoneSnapshot = postcard::from_bytes(&bytes)
                    .map_err(|e| format!("zone {name}'s snapshot on NATS is damaged: {e}"))?;
                let sim = Sim::load(&format!("zone {name}'s snapshot"), &snap.world, embedded)
                    .map_err(|e| format!("zone {name}'s snapshot does not load: {e}"))?;
                if sim.def().text != def.text {
                    return Err(format!(
                        "zone {name}'s snapshot on NATS is of another version of the world \
                         ({}; this process was given {}): run the cluster under a new name \
                         (--cluster) or with the world file it was started with",
                        sim.def().path,
                        def.path
                    ));
                }
                (sim, snap.mail, snap.log_seq, snap.in_transit, false)
            }
            None => {
                let sim = Sim::new(def, embedded).map_err(|e| e.to_string())?;
                (sim, MailBook::default(), 0, Vec::new(), true)
            }
        };
        sim.join_cluster(index, map.zones.len());
        let mut node = ZoneNode {
            bus,
            map,
            index,
            name,
            opts,
            revs: HashMap::new(),
            owning: HashSet::new(),
            in_transit: HashMap::new(),
            mail,
            log_seq,
            last_snapshot: Instant::now(),
            counters: Counters::default(),
            warned: HashSet::new(),
            lease_lost: false,
            paused: false,
            latencies: Default::default(),
            views: HashMap::new(),
            asked: HashMap::new(),
            recent: Default::default(),
        };
        node.reconcile(&mut sim, fresh, travelling)?;
        node.bus.wake_this_thread();
        Ok((node, sim))
    }

    /// Makes the world hold exactly what NATS says this zone owns.
    fn reconcile(
        &mut self,
        sim: &mut Sim,
        fresh: bool,
        travelling: Vec<Parcel>,
    ) -> Result<(), String> {
        if fresh {
            // Only the world file's entities in this zone's area.
            for (id, x, y) in sim.own_positions() {
                if self.map.zone_at(x, y) != self.index {
                    sim.drop_entity_quietly(id);
                }
            }
            let ids: Vec<u64> = sim.own_positions().iter().map(|e| e.0).collect();
            for (id, rev) in self.bus.own(ids, true)? {
                match rev {
                    Some(r) => {
                        self.revs.insert(id, r);
                    }
                    // Handed to another zone in an earlier life.
                    None => sim.drop_entity_quietly(id),
                }
            }
        }
        let (owned, max_id) = self.bus.owned_by(&self.name)?;
        // Ids this zone handed out before a crash may be past the
        // snapshot's: never give one twice.
        if let Some(max) = max_id {
            let mut ecs = sim.ecs().borrow_mut();
            let mut idx = ecs.resource_mut::<shoal_engine::game::EntityIndex>();
            idx.next_id = idx.next_id.max(max.saturating_add(1));
        }
        // Entities handed in after the snapshot: the log has them.
        // Those travelling when the snapshot was made, then (newer) those
        // handed in after it: the log has them.
        let mut logged: BTreeMap<u64, Parcel> = BTreeMap::new();
        for p in travelling {
            logged.insert(p.id, p);
        }
        for (seq, parcels) in self.bus.read_log(&self.name, self.log_seq)? {
            self.log_seq = self.log_seq.max(seq);
            for p in parcels {
                logged.insert(p.id, p);
            }
        }
        let local: HashSet<u64> = sim.own_positions().iter().map(|e| e.0).collect();
        for &id in &local {
            if !owned.contains_key(&id) {
                // Moved away (or gone) after the snapshot.
                sim.drop_entity_quietly(id);
                self.mail.take(id);
            }
        }
        let mut restored = 0;
        for (id, parcel) in logged {
            if !owned.contains_key(&id) {
                continue;
            }
            if local.contains(&id) {
                sim.drop_entity_quietly(id);
            }
            match sim.unpack_entity(&parcel) {
                Ok(()) => {
                    self.mail.put(id, parcel.mail.clone());
                    restored += 1;
                }
                Err(e) => {
                    tracing::error!(entity = id, error = %e, "a logged handoff does not load")
                }
            }
        }
        let now: HashSet<u64> = sim.own_positions().iter().map(|e| e.0).collect();
        let missing: Vec<(u64, u64)> = owned
            .iter()
            .filter(|(id, _)| !now.contains(id))
            .map(|(id, rev)| (*id, *rev))
            .collect();
        if !missing.is_empty() {
            tracing::warn!(
                zone = %self.name,
                missing = missing.len(),
                "entities the ownership bucket gives this zone are in neither its snapshot nor the handoff log (spawned after the last snapshot): their entries are deleted"
            );
            self.bus.disown(missing);
        }
        // New revisions for everything kept: a handoff the previous
        // process had in flight can no longer take an entity now run here.
        let kept: Vec<(u64, u64)> = owned
            .into_iter()
            .filter(|(id, _)| now.contains(id))
            .collect();
        self.revs.clear();
        for (id, rev) in self.bus.retake(kept)? {
            match rev {
                Some(r) => {
                    self.revs.insert(id, r);
                }
                None => {
                    sim.drop_entity_quietly(id);
                    self.mail.take(id);
                }
            }
        }
        shoal_engine::game::rebuild_spatial_index(&mut sim.ecs().borrow_mut());
        tracing::info!(
            zone = %self.name,
            entities = now.len(),
            from_log = restored,
            "the zone's world is ready"
        );
        Ok(())
    }

    /// The zone's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone map.
    pub fn map(&self) -> &ZoneMap {
        &self.map
    }

    /// Whether the zone is paused (`shoal cluster pause`): the game
    /// loop does not tick it.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Whether this process lost its zone to another (it must stop).
    pub fn lease_lost(&self) -> bool {
        self.lease_lost
    }

    /// Before a tick: handles what arrived from NATS.
    pub fn before_tick(&mut self, sim: &mut Sim) {
        for event in self.bus.events() {
            match event {
                Event::HandoffIn {
                    from,
                    parcels,
                    reply,
                } => self.take_in(sim, &from, parcels, reply),
                Event::HandoffDone {
                    to,
                    accepted,
                    refused,
                } => self.handoff_done(sim, &to, accepted, refused),
                Event::Posts { posts, reply } => {
                    self.counters.posts_in += posts.len() as u64;
                    self.receive_posts(sim, posts);
                    self.bus.reply(reply, b"ok".to_vec());
                }
                Event::Ghosts { from, states } => {
                    if let Some(i) = self.map.index_of(&from)
                        && i != self.index
                    {
                        apply_ghosts(&mut sim.ecs().borrow_mut(), i as u16, &states);
                    }
                }
                Event::Query { what, reply } => {
                    match what.trim() {
                        "pause" => self.paused = true,
                        "resume" => self.paused = false,
                        _ => {}
                    }
                    let report = self.report(sim, what.trim() == "entities");
                    self.bus
                        .reply(reply, postcard::to_stdvec(&report).unwrap_or_default());
                }
                Event::ViewAsk {
                    avatar,
                    radius,
                    reply,
                } => {
                    let radius = if radius.is_finite() {
                        f64::from(radius).clamp(0.0, MAX_VIEW_RADIUS)
                    } else {
                        0.0
                    };
                    let mut out = Vec::new();
                    if self.revs.contains_key(&avatar)
                        && let Some((x, y)) = sim.position(avatar)
                    {
                        sim.entities_near(x, y, radius, &mut out);
                        out.truncate(MAX_VIEW_ENTITIES);
                    }
                    self.bus.reply_view(reply, out);
                }
                Event::View { avatar, entities } => {
                    self.asked.remove(&avatar);
                    if self.views.contains_key(&avatar) {
                        self.views.insert(avatar, entities);
                    }
                }
                Event::OwnFailed(ids) => {
                    for id in ids {
                        self.owning.remove(&id);
                    }
                }
                Event::Owned(list) => {
                    for (id, rev) in list {
                        self.owning.remove(&id);
                        if let Some(r) = rev {
                            self.revs.insert(id, r);
                        }
                    }
                }
                Event::LeaseLost => {
                    tracing::error!(zone = %self.name, "another process holds this zone now");
                    self.lease_lost = true;
                }
                Event::Connection(up) => {
                    if up {
                        tracing::info!("NATS is back: handoffs and cross-zone posts resume");
                    } else {
                        tracing::warn!("NATS is away: handoffs and cross-zone posts wait");
                    }
                }
            }
        }
        let stale = self.mail.skip_stale(shoal_engine::tick(), MAX_GAP_TICKS);
        for (to, msg) in stale {
            self.deliver(sim, to, &msg);
        }
    }

    /// After a tick: sends posts for other zones, hands out the entities
    /// that crossed a border, mirrors the border's entities to the
    /// neighbours, keeps the ownership bucket in step with spawns and
    /// despawns, and stores a snapshot when one is due.
    pub fn after_tick(&mut self, sim: &mut Sim) {
        let zone_host = HOST - self.index as u64;
        let posts: Vec<Post> = sim
            .take_remote_posts()
            .into_iter()
            .map(|p| {
                let from = if p.from == HOST { zone_host } else { p.from };
                let seq = self.mail.stamp(from, p.to);
                Post {
                    from,
                    to: p.to,
                    seq,
                    message: p.message,
                    sent_us: super::mail::now_us(),
                }
            })
            .collect();
        self.counters.posts_out += posts.len() as u64;
        // Posts to an entity on its way out wait for the outcome.
        let mut out = Vec::with_capacity(posts.len());
        for p in posts {
            match self.in_transit.get_mut(&p.to) {
                Some((_, held)) => held.push(p),
                None => out.push(p),
            }
        }
        self.bus.send_posts(out);
        let own = sim.own_positions();
        self.sync_owners(&own);
        if self.bus.connected() {
            self.hand_out(sim, &own);
        }
        self.send_ghosts(sim, &own);
        if self.last_snapshot.elapsed() >= self.opts.snapshot_every {
            self.save(sim);
        }
    }

    /// Forwarding for players whose session this zone holds: asks the
    /// zones that own the `avatars` not here what is around them
    /// (within `radius`); the answers are [`ZoneNode::view_of`] from the
    /// next tick on.
    pub fn follow_avatars(&mut self, avatars: &[u64], radius: f32) {
        let away: HashSet<u64> = avatars
            .iter()
            .copied()
            .filter(|a| !self.revs.contains_key(a))
            .collect();
        self.views.retain(|a, _| away.contains(a));
        self.asked.retain(|a, _| away.contains(a));
        for a in away {
            self.views.entry(a).or_default();
            let due = self
                .asked
                .get(&a)
                .is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
            if due {
                self.asked.insert(a, Instant::now());
                self.bus.ask_view(a, radius);
            }
        }
    }

    /// What the zone that owns `avatar` saw around it last (for an
    /// avatar not here).
    pub fn view_of(&self, avatar: u64) -> Option<&[(u64, u16, f64, f64)]> {
        self.views.get(&avatar).map(Vec::as_slice)
    }

    /// The last entities that changed owner here, newest last.
    pub fn recent_handoffs(&self) -> Vec<crate::observe::HandoffView> {
        self.recent.iter().cloned().collect()
    }

    fn note_handoff(&mut self, id: u64, from: &str, to: &str) {
        if self.recent.len() >= 256 {
            self.recent.pop_front();
        }
        self.recent.push_back(crate::observe::HandoffView {
            id,
            from: from.to_string(),
            to: to.to_string(),
            tick: shoal_engine::tick(),
        });
    }

    /// When the process stops: waits (a few seconds at most) for the
    /// handoffs in flight to be decided, stores the snapshot and gives
    /// up the zone's lease, so that another process can take the zone
    /// over at once.
    pub fn shutdown(&mut self, sim: &mut Sim) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(6);
        while (!self.in_transit.is_empty() || self.bus.posts_waiting() > 0)
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(20));
            self.before_tick(sim);
        }
        let Some(bytes) = self.snapshot_bytes(sim) else {
            return Err("the zone's snapshot was not made".into());
        };
        self.bus.save_and_release(bytes)
    }

    fn snapshot_bytes(&mut self, sim: &Sim) -> Option<Vec<u8>> {
        let world = match sim.save() {
            Ok(w) => w,
            Err(e) => {
                tracing::warn!(error = %e, "the zone's snapshot was not made");
                return None;
            }
        };
        let snap = ZoneSnapshot {
            zone: self.name.clone(),
            world,
            mail: self.mail.clone(),
            log_seq: self.log_seq,
            in_transit: self.in_transit.values().map(|(p, _)| p.clone()).collect(),
        };
        match postcard::to_stdvec(&snap) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                tracing::warn!(error = %e, "the zone's snapshot was not encoded");
                None
            }
        }
    }

    /// Stores the zone's snapshot on NATS now.
    pub fn save(&mut self, sim: &Sim) {
        self.last_snapshot = Instant::now();
        // Entities in transit go in as they left (if the handoff fails
        // they come back; if it succeeds the bucket says so and a
        // takeover leaves them).
        if let Some(bytes) = self.snapshot_bytes(sim) {
            self.bus.save_snapshot(bytes);
        }
    }

    fn sync_owners(&mut self, own: &[(u64, f64, f64)]) {
        let mut new = Vec::new();
        let here: HashSet<u64> = own.iter().map(|e| e.0).collect();
        for &(id, _, _) in own {
            if !self.revs.contains_key(&id) && !self.owning.contains(&id) {
                new.push(id);
                self.owning.insert(id);
            }
        }
        if !new.is_empty() {
            let _ = self.bus.own(new, false);
        }
        let gone: Vec<(u64, u64)> = self
            .revs
            .iter()
            .filter(|(id, _)| !here.contains(id) && !self.in_transit.contains_key(id))
            .map(|(id, rev)| (*id, *rev))
            .collect();
        if !gone.is_empty() {
            for (id, _) in &gone {
                self.revs.remove(id);
                self.mail.take(*id);
            }
            self.bus.disown(gone);
        }
    }

    fn hand_out(&mut self, sim: &mut Sim, own: &[(u64, f64, f64)]) {
        let mut by_zone: BTreeMap<usize, Vec<(Parcel, u64)>> = BTreeMap::new();
        for &(id, x, y) in own {
            let z = self.map.zone_at(x, y);
            // (Outside every region and far from the nearest: it stays.)
            if z == self.index
                || self.map.distance_to(z, x, y) > self.map.ghost_margin
                || sim.has_pending_posts(id)
            {
                continue;
            }
            let Some(&rev) = self.revs.get(&id) else {
                continue;
            };
            let mail = self.mail.take(id);
            match sim.pack_entity(id, mail.clone()) {
                Ok(parcel) => {
                    sim.drop_entity_quietly(id);
                    self.in_transit.insert(id, (parcel.clone(), Vec::new()));
                    by_zone.entry(z).or_default().push((parcel, rev));
                }
                Err(e) => {
                    self.mail.put(id, mail);
                    if self.warned.len() < 1024 && self.warned.insert(id) {
                        tracing::warn!(entity = id, error = %e, "an entity stays in its zone for now");
                    }
                }
            }
        }
        for (z, parcels) in by_zone {
            self.counters.handoffs_out += parcels.len() as u64;
            let to = self.map.zones[z].name.clone();
            self.bus.hand_off(to, parcels);
        }
    }

    fn handoff_done(
        &mut self,
        sim: &mut Sim,
        to: &str,
        accepted: Vec<u64>,
        refused: Vec<(u64, Option<u64>)>,
    ) {
        for id in accepted {
            let name = self.name.clone();
            self.note_handoff(id, &name, to);
            self.revs.remove(&id);
            if let Some((_, held)) = self.in_transit.remove(&id) {
                // Posts that came while it travelled follow it.
                self.bus.send_posts(held);
            }
        }
        for (id, rev) in refused {
            let Some((parcel, held)) = self.in_transit.remove(&id) else {
                continue;
            };
            if let Some(r) = rev {
                self.revs.insert(id, r);
            }
            self.counters.handoffs_refused += 1;
            match sim.unpack_entity(&parcel) {
                Ok(()) => {
                    self.mail.put(id, parcel.mail.clone());
                    self.receive_posts(sim, held);
                }
                Err(e) => tracing::error!(
                    entity = id,
                    zone = to,
                    error = %e,
                    "an entity refused by its new zone does not load back"
                ),
            }
        }
    }

    fn take_in(
        &mut self,
        sim: &mut Sim,
        from: &str,
        parcels: Vec<(Parcel, u64)>,
        reply: Option<async_nats::Subject>,
    ) {
        if self.map.index_of(from).is_none_or(|i| i == self.index) {
            tracing::warn!(from, "a handoff from no zone of this world was refused");
            self.bus.reply_handoff(reply, Vec::new());
            return;
        }
        let mut loaded = Vec::new();
        for (p, rev) in parcels {
            if self.map.distance_to(self.index, p.pos.0, p.pos.1) > self.map.ghost_margin + 1e-9 {
                tracing::warn!(
                    entity = p.id,
                    from,
                    "a handed entity outside this zone was refused"
                );
                continue;
            }
            match sim.unpack_entity(&p) {
                Ok(()) => loaded.push((p, rev)),
                Err(e) => {
                    tracing::warn!(entity = p.id, from, error = %e, "a handed entity was refused")
                }
            }
        }
        let ids: Vec<u64> = loaded.iter().map(|(p, _)| p.id).collect();
        let mails: HashMap<u64, super::mail::EntityMail> =
            loaded.iter().map(|(p, _)| (p.id, p.mail.clone())).collect();
        let won = if loaded.is_empty() {
            Ok((Vec::new(), self.log_seq))
        } else {
            self.bus.commit_in(from.to_string(), loaded)
        };
        let (won, seq) = match won {
            Ok(w) => w,
            Err(e) => {
                // The compare-and-sets may still have landed: the entries
                // say which entities are this zone's now.
                tracing::warn!(from, error = %e, "a handoff's commit did not answer; reading the owners");
                match self.bus.owners_of(ids.clone()) {
                    Ok(owners) => (
                        owners
                            .into_iter()
                            .filter(|(_, (zone, _))| *zone == self.name)
                            .map(|(id, (_, rev))| (id, rev))
                            .collect(),
                        self.log_seq,
                    ),
                    Err(e) => {
                        tracing::error!(from, error = %e, "handoff not taken: the owners cannot be read");
                        (Vec::new(), self.log_seq)
                    }
                }
            }
        };
        self.log_seq = self.log_seq.max(seq);
        let won_ids: HashSet<u64> = won.iter().map(|(id, _)| *id).collect();
        for id in ids {
            if !won_ids.contains(&id) {
                sim.drop_entity_quietly(id);
            }
        }
        for (id, rev) in &won {
            let name = self.name.clone();
            self.note_handoff(*id, from, &name);
            self.revs.insert(*id, *rev);
            if let Some(m) = mails.get(id) {
                self.mail.put(*id, m.clone());
            }
        }
        self.counters.handoffs_in += won.len() as u64;
        self.bus
            .reply_handoff(reply, won.into_iter().map(|(id, _)| id).collect());
    }

    fn receive_posts(&mut self, sim: &mut Sim, posts: Vec<Post>) {
        let mut forward = Vec::new();
        for p in posts {
            if let Some((_, held)) = self.in_transit.get_mut(&p.to) {
                held.push(p);
                continue;
            }
            let here = {
                let ecs = sim.ecs().borrow();
                shoal_engine::game::live_entity(&ecs, p.to)
                    .is_some_and(|e| ecs.get::<super::Ghost>(e).is_none())
            };
            if !here {
                // Not ours (any more): to whoever owns it now.
                forward.push(p);
                continue;
            }
            let to = p.to;
            if self.latencies.len() >= 10_000 {
                self.latencies.pop_front();
            }
            self.latencies
                .push_back(super::mail::now_us().saturating_sub(p.sent_us));
            for msg in self.mail.accept(p, shoal_engine::tick()) {
                self.deliver(sim, to, &msg);
            }
        }
        self.bus.send_posts(forward);
    }

    fn deliver(&mut self, sim: &mut Sim, to: u64, message: &str) {
        match sim.deliver_remote(to, message) {
            Ok(_) => {}
            Err(e) => {
                tracing::info!(entity = to, error = %e, "a post from another zone was not delivered")
            }
        }
    }

    fn send_ghosts(&mut self, sim: &Sim, own: &[(u64, f64, f64)]) {
        let mut per_zone: Vec<Vec<u64>> = vec![Vec::new(); self.map.zones.len()];
        let mut targets = Vec::new();
        for &(id, x, y) in own {
            self.map.ghost_targets(self.index, x, y, &mut targets);
            for &t in &targets {
                per_zone[t].push(id);
            }
        }
        let ecs = sim.ecs().borrow();
        for (z, ids) in per_zone.into_iter().enumerate() {
            if z == self.index || !self.map.neighbours(self.index, z) {
                continue;
            }
            let states = ghost_states(&ecs, &ids);
            self.bus.send_ghosts(&self.map.zones[z].name, states);
        }
    }

    /// What the zone says of itself.
    pub fn report(&self, sim: &Sim, list: bool) -> ZoneReport {
        let t = sim.clock().stats();
        let entities = sim.own_positions();
        let ghosts = ghost_total(&sim.ecs().borrow());
        let mut out = ZoneReport {
            zone: self.name.clone(),
            pid: std::process::id(),
            tick: sim.tick_count(),
            entities: entities.len(),
            ghosts,
            handoffs_in: self.counters.handoffs_in,
            handoffs_out: self.counters.handoffs_out,
            handoffs_refused: self.counters.handoffs_refused,
            in_transit: self.in_transit.len(),
            posts_out: self.counters.posts_out,
            posts_in: self.counters.posts_in,
            tick_ms_p50: t.percentile(50.0).as_secs_f64() * 1e3,
            tick_ms_p99: t.percentile(99.0).as_secs_f64() * 1e3,
            connected: self.bus.connected(),
            paused: self.paused,
            posts_waiting: self.bus.posts_waiting(),
            post_latency_us: self.latencies.iter().copied().collect(),
            list: Vec::new(),
        };
        if list {
            let ecs = sim.ecs().borrow();
            let registry = &sim.def().registry;
            for (id, _, _) in entities {
                let Some(e) = shoal_engine::game::live_entity(&ecs, id) else {
                    continue;
                };
                let kind = ecs
                    .get::<shoal_engine::game::Kind>(e)
                    .map_or("?".to_string(), |k| registry.kind_name(k.0).to_string());
                let props = ecs
                    .get::<shoal_engine::game::Props>(e)
                    .map(|p| {
                        p.0.iter()
                            .map(|(slot, v)| {
                                let name = registry
                                    .components
                                    .get(*slot as usize)
                                    .map_or("?".to_string(), |c| c.0.clone());
                                (name, format!("{v:?}"))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                out.list.push((id, kind, props));
            }
        }
        out
    }

    /// Lines for the admin console's `stats`.
    pub fn stats_lines(&self, sim: &Sim) -> String {
        let r = self.report(sim, false);
        format!(
            "zone {} of {}\nghosts {}\nhandoffs_in {} handoffs_out {} refused {} in_transit {}\nposts_in {} posts_out {} posts_waiting {}\nnats {}",
            r.zone,
            self.map.zones.len(),
            r.ghosts,
            r.handoffs_in,
            r.handoffs_out,
            r.handoffs_refused,
            r.in_transit,
            r.posts_in,
            r.posts_out,
            self.bus.posts_waiting(),
            if r.connected { "connected" } else { "away" },
        )
    }
}

/// A world name as a cluster name (letters, digits, '_' and '-').
pub fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if s.is_empty() { "world".into() } else { s }
}
