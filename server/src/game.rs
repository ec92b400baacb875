//! Players in the world: the handshake, sessions (an avatar outlives its
//! connection by a grace period and is reclaimed by name), clients'
//! inputs posted to their avatar's behaviour, chat, and each client's
//! area of interest (what it is sent every tick).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use shoal_scripting::host::HostValue;

use crate::Sim;
use crate::clients::{ConnId, Hub, Inbound};
use crate::config::Limits;
use crate::protocol::{Arg, ClientMsg, EntityState, Moved, PROTOCOL_VERSION, ServerMsg, Welcome};

/// The kind of entity a player's avatar is.
pub const AVATAR_KIND: &str = "player";

/// The longest chat line, in characters.
pub const MAX_SAY: usize = 500;

/// A player's session.
struct Session {
    avatar: u64,
    conn: Option<ConnId>,
    /// When its connection ended (the grace period runs from here).
    left: Option<Instant>,
}

/// What a connected client sees.
struct Client {
    name: Option<String>,
    /// Entities in view and where the client last saw them.
    view: HashMap<u64, (f32, f32)>,
}

/// The players of a running server.
pub struct Game {
    limits: Limits,
    sessions: BTreeMap<String, Session>,
    clients: BTreeMap<ConnId, Client>,
    kinds: Vec<String>,
    avatar_kind: Option<u16>,
    /// Bytes of updates sent in the last tick, and to how many clients.
    pub last_update_bytes: (u64, usize),
    scratch: Vec<(u64, u16, f64, f64)>,
    /// In a cluster: what the zones that own avatars not here see around
    /// them (see [`Game::set_remote_views`]).
    remote_views: HashMap<u64, Vec<(u64, u16, f64, f64)>>,
    /// Whether the world is a zone of a cluster (avatars may be in other
    /// zones).
    zone_mode: bool,
}

/// Whether `name` is a valid player name.
pub fn valid_name(name: &str) -> bool {
    (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

/// Where a new player's avatar appears: a point of the world that
/// depends only on the name (players spread out, and one name always
/// starts in the same place).
pub fn spawn_point(name: &str, (w, h): (f64, f64)) -> (f64, f64) {
    use std::hash::{Hash, Hasher};
    let mut hasher = shoal_engine::game::StableHasher::new();
    name.hash(&mut hasher);
    let bits = hasher.finish();
    let unit = |b: u64| (b & 0xff_ffff) as f64 / f64::from(1u32 << 24);
    (unit(bits) * w, unit(bits >> 32) * h)
}

impl Game {
    /// The players of the world `sim` runs. Avatars left over from a
    /// previous run (their sessions are not saved) are removed.
    pub fn new(sim: &mut Sim, limits: Limits) -> Game {
        Game::start(sim, limits, false)
    }

    /// The players of a zone of a cluster: avatars in its world may be
    /// other zones' players' (their sessions live there), so none is
    /// removed.
    pub fn for_zone(sim: &mut Sim, limits: Limits) -> Game {
        Game::start(sim, limits, true)
    }

    fn start(sim: &mut Sim, limits: Limits, keep_avatars: bool) -> Game {
        let kinds: Vec<String> = sim
            .def()
            .registry
            .kinds
            .iter()
            .map(|k| k.name.clone())
            .collect();
        let avatar_kind = sim.def().registry.kind(AVATAR_KIND);
        if let Some(k) = avatar_kind.filter(|_| !keep_avatars) {
            let (w, h) = sim.def().spec.size;
            let mut all = Vec::new();
            sim.entities_near(w / 2.0, h / 2.0, w.hypot(h), &mut all);
            let stale: Vec<u64> = all.iter().filter(|e| e.1 == k).map(|e| e.0).collect();
            for id in &stale {
                sim.despawn(*id);
            }
            if !stale.is_empty() {
                tracing::info!(count = stale.len(), "removed the avatars of an earlier run");
            }
        }
        Game {
            limits,
            sessions: BTreeMap::new(),
            clients: BTreeMap::new(),
            kinds,
            avatar_kind,
            last_update_bytes: (0, 0),
            scratch: Vec::new(),
            remote_views: HashMap::new(),
            zone_mode: keep_avatars,
        }
    }

    /// How many players have a session (connected or in their grace
    /// period).
    pub fn sessions(&self) -> usize {
        self.sessions.len()
    }

    /// Handles what the connections received (call between ticks).
    pub fn handle(&mut self, sim: &mut Sim, hub: &mut Hub, inbound: Vec<(ConnId, Inbound)>) {
        for (conn, what) in inbound {
            match what {
                Inbound::Closed(reason) => self.disconnected(conn, &reason),
                Inbound::Msg(msg) => self.message(sim, hub, conn, msg),
            }
        }
    }

    /// Connection `conn` is gone.
    pub fn disconnected(&mut self, conn: ConnId, reason: &str) {
        let Some(client) = self.clients.remove(&conn) else {
            return;
        };
        if let Some(name) = client.name
            && let Some(s) = self.sessions.get_mut(&name)
            && s.conn == Some(conn)
        {
            tracing::info!(player = %name, conn, reason, "player disconnected; the avatar waits");
            s.conn = None;
            s.left = Some(Instant::now());
        }
    }

    fn message(&mut self, sim: &mut Sim, hub: &mut Hub, conn: ConnId, msg: ClientMsg) {
        let name = self.clients.get(&conn).and_then(|c| c.name.clone());
        let Some(name) = name else {
            return self.hello(sim, hub, conn, msg);
        };
        let Some(avatar) = self.sessions.get(&name).map(|s| s.avatar) else {
            return hub.close(conn, "the session ended");
        };
        let input = match msg {
            ClientMsg::Hello { .. } => {
                return hub.close(conn, "a second Hello");
            }
            ClientMsg::Move { dx, dy } => {
                if !(dx.is_finite() && dy.is_finite()) {
                    return hub.close(conn, "a move that is not a number");
                }
                HostValue::Tuple(vec![
                    HostValue::Str("move".into()),
                    HostValue::Float(f64::from(dx)),
                    HostValue::Float(f64::from(dy)),
                ])
            }
            ClientMsg::Say { text } => {
                if text.chars().count() > MAX_SAY {
                    return hub.close(conn, "a chat line over 500 characters");
                }
                self.chat(sim, hub, avatar, &name, &text);
                HostValue::Tuple(vec![HostValue::Str("say".into()), HostValue::Str(text)])
            }
            ClientMsg::Act { name: act, args } => {
                if act.len() > 64 || args.len() > 16 {
                    return hub.close(conn, "an action too large");
                }
                let args = args
                    .into_iter()
                    .map(|a| match a {
                        Arg::Int(i) => HostValue::Int(i),
                        Arg::Float(x) => HostValue::Float(x),
                        Arg::Str(s) => HostValue::Str(s),
                        Arg::Bool(b) => HostValue::Bool(b),
                    })
                    .collect();
                HostValue::Tuple(vec![
                    HostValue::Str("act".into()),
                    HostValue::Str(act),
                    HostValue::List(args),
                ])
            }
            ClientMsg::Ping { nonce } => {
                hub.send(
                    conn,
                    &ServerMsg::Pong {
                        nonce,
                        tick: sim.tick_count(),
                    },
                );
                return;
            }
            ClientMsg::Bye => {
                // The session is free for a new connection at once.
                self.disconnected(conn, "the client said goodbye");
                return hub.close(conn, "the client said goodbye");
            }
        };
        if let Err(e) = sim.post(avatar, &input) {
            tracing::warn!(player = %name, error = %e, "an input could not reach the avatar");
        }
    }

    fn hello(&mut self, sim: &mut Sim, hub: &mut Hub, conn: ConnId, msg: ClientMsg) {
        let refuse = |hub: &mut Hub, reason: String| {
            hub.send(
                conn,
                &ServerMsg::Refused {
                    reason: reason.clone(),
                },
            );
            hub.close(conn, &reason);
        };
        // The connection may have died since its Hello arrived.
        if !hub.is_open(conn) {
            return;
        }
        let ClientMsg::Hello { protocol, name } = msg else {
            return refuse(hub, "the first message must be Hello".into());
        };
        if protocol != PROTOCOL_VERSION {
            return refuse(
                hub,
                format!(
                    "protocol {protocol} is not supported (this server speaks {PROTOCOL_VERSION})"
                ),
            );
        }
        if !valid_name(&name) {
            return refuse(hub, "a name is 1 to 32 letters, digits, '_' or '-'".into());
        }
        if self.avatar_kind.is_none() {
            return refuse(
                hub,
                format!("this world has no '{AVATAR_KIND}' kind for players"),
            );
        }
        let full = self.sessions.len() >= self.limits.max_connections;
        let avatar = match self.sessions.get_mut(&name) {
            Some(s) if s.conn.is_some() => {
                return refuse(hub, format!("'{name}' is already playing"));
            }
            // (In a cluster the avatar may be in another zone.)
            Some(s) if self.zone_mode || sim.position(s.avatar).is_some() => {
                s.conn = Some(conn);
                s.left = None;
                tracing::info!(player = %name, conn, avatar = s.avatar, "player reconnected");
                s.avatar
            }
            _ if full => {
                return refuse(
                    hub,
                    "the world is full (players waiting to reconnect count too)".into(),
                );
            }
            _ => {
                let (x, y) = spawn_point(&name, sim.def().spec.size);
                match sim.spawn(AVATAR_KIND, x, y) {
                    Ok(avatar) => {
                        self.sessions.insert(
                            name.clone(),
                            Session {
                                avatar,
                                conn: Some(conn),
                                left: None,
                            },
                        );
                        tracing::info!(player = %name, conn, avatar, "player joined");
                        avatar
                    }
                    Err(e) => return refuse(hub, format!("no avatar: {e}")),
                }
            }
        };
        self.clients.insert(
            conn,
            Client {
                name: Some(name),
                view: HashMap::new(),
            },
        );
        let def = sim.def();
        hub.send(
            conn,
            &ServerMsg::Welcome(Welcome {
                protocol: PROTOCOL_VERSION,
                avatar,
                world: def.spec.name.clone(),
                size: (def.spec.size.0 as f32, def.spec.size.1 as f32),
                tick_rate: def.rules.tick_rate,
                tick: sim.tick_count(),
                kinds: self.kinds.clone(),
            }),
        );
    }

    /// Sends `text` from `name` to the players whose avatar is within the
    /// area of interest of the speaker's.
    fn chat(&mut self, sim: &Sim, hub: &mut Hub, speaker: u64, name: &str, text: &str) {
        let Some((x, y)) = sim.position(speaker) else {
            return;
        };
        let r = f64::from(self.limits.area_of_interest);
        let msg = ServerMsg::Chat {
            from: name.to_string(),
            text: text.to_string(),
        };
        for (conn, client) in &self.clients {
            let Some(s) = client.name.as_ref().and_then(|n| self.sessions.get(n)) else {
                continue;
            };
            if let Some((ax, ay)) = sim.position(s.avatar)
                && (ax - x).hypot(ay - y) <= r
            {
                hub.send(*conn, &msg);
            }
        }
    }

    /// Ends the sessions whose grace period is over (their avatars
    /// leave the world).
    pub fn expire(&mut self, sim: &mut Sim) {
        let grace = Duration::from_secs(self.limits.session_grace_secs);
        let now = Instant::now();
        let over: Vec<String> = self
            .sessions
            .iter()
            .filter(|(_, s)| s.left.is_some_and(|t| now.duration_since(t) >= grace))
            .map(|(n, _)| n.clone())
            .collect();
        for name in over {
            if let Some(s) = self.sessions.remove(&name) {
                if !sim.despawn(s.avatar) && self.zone_mode {
                    // In another zone: it is told to leave (a post
                    // follows it there).
                    let leave = HostValue::Tuple(vec![HostValue::Str("leave".into())]);
                    if let Err(e) = sim.post(s.avatar, &leave) {
                        tracing::warn!(player = %name, error = %e, "the avatar could not be told to leave");
                    }
                }
                tracing::info!(player = %name, avatar = s.avatar, "session ended; the avatar left");
            }
        }
    }

    /// The avatars of the connected players.
    pub fn avatars(&self) -> Vec<u64> {
        let mut out: Vec<u64> = self
            .clients
            .values()
            .filter_map(|c| c.name.as_ref().and_then(|n| self.sessions.get(n)))
            .map(|s| s.avatar)
            .collect();
        out.sort_unstable();
        out
    }

    /// The radius of a client's area of interest.
    pub fn area_of_interest(&self) -> f32 {
        self.limits.area_of_interest
    }

    /// In a cluster: what is around the avatars that walked into other
    /// zones, as those zones see it; their clients' updates come from
    /// these (the session stays here).
    pub fn set_remote_views(&mut self, views: HashMap<u64, Vec<(u64, u16, f64, f64)>>) {
        self.remote_views = views;
    }

    /// Queues each playing client's update for the tick that ran: the
    /// entities in its area of interest that entered, moved or left.
    pub fn send_updates(&mut self, sim: &Sim, hub: &mut Hub) {
        let r = f64::from(self.limits.area_of_interest);
        let tick = sim.tick_count();
        let (mut bytes, mut clients) = (0u64, 0usize);
        let names: HashMap<u64, String> = self
            .sessions
            .iter()
            .map(|(n, s)| (s.avatar, n.clone()))
            .collect();
        for (conn, client) in &mut self.clients {
            let Some(s) = client.name.as_ref().and_then(|n| self.sessions.get(n)) else {
                continue;
            };
            match sim.position(s.avatar) {
                Some((x, y)) => sim.entities_near(x, y, r, &mut self.scratch),
                // In another zone: as that zone sees it.
                None => match self.remote_views.get(&s.avatar) {
                    Some(v) if !v.is_empty() => {
                        self.scratch.clear();
                        self.scratch.extend_from_slice(v);
                    }
                    _ => continue,
                },
            }
            let mut entered = Vec::new();
            let mut moved = Vec::new();
            let mut now_seen = HashMap::with_capacity(self.scratch.len());
            for &(id, kind, ex, ey) in &self.scratch {
                let p = (ex as f32, ey as f32);
                match client.view.get(&id) {
                    None => entered.push(EntityState {
                        id,
                        kind,
                        x: p.0,
                        y: p.1,
                        name: names.get(&id).cloned(),
                    }),
                    Some(old) if *old != p => moved.push(Moved { id, x: p.0, y: p.1 }),
                    Some(_) => {}
                }
                now_seen.insert(id, p);
            }
            let mut left: Vec<u64> = client
                .view
                .keys()
                .filter(|id| !now_seen.contains_key(id))
                .copied()
                .collect();
            left.sort_unstable();
            client.view = now_seen;
            if entered.is_empty() && moved.is_empty() && left.is_empty() {
                continue;
            }
            let msg = ServerMsg::Update {
                tick,
                entered,
                moved,
                left,
            };
            bytes += hub.send(*conn, &msg) as u64;
            clients += 1;
        }
        self.last_update_bytes = (bytes, clients);
    }
}
