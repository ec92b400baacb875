//! The NATS side of a zone process.
//!
//! A thread of its own runs a tokio runtime with the `async-nats` client;
//! the scheduler's thread (the game loop) never waits on the network
//! except in the few calls documented as blocking. It hands work to the
//! runtime ([`Bus`]'s methods spawn tasks on it), and the runtime hands
//! back what arrived as [`Event`]s on a queue, waking the game loop out
//! of its reactor wait ([`shoal_engine::ThreadWaker`]).
//!
//! What lives on NATS, for a cluster named `C` (see docs/cluster.md):
//!
//! | name | what |
//! |---|---|
//! | KV `shoal_C_owners` | entity id → the zone that owns it; every change a compare-and-set on the entry's revision |
//! | KV `shoal_C_leases` | zone → the process holding it; entries expire after the lease time unless renewed |
//! | object store `shoal_C_snapshots` | each zone's last snapshot |
//! | stream `SHOAL_C_HANDOFFS`, subjects `shoal.C.log.ZONE` | the entities a zone took in, logged before it took them |
//! | `shoal.C.zone.ZONE.handoff` | request: entities handed to the zone; reply: those it took |
//! | `shoal.C.zone.ZONE.posts` | request: posts for its entities; reply: taken |
//! | `shoal.C.zone.ZONE.ghosts` | its neighbours' entities near its border |
//! | `shoal.C.zone.ZONE.view` | request: what is around one of its entities (a player's avatar whose session another zone holds) |
//! | `shoal.C.zone.ZONE.query` | request: `stats` or `entities`; reply: a [`ZoneReport`] |

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use async_nats::jetstream::{self, consumer, kv, object_store, stream};
use bytes::Bytes;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::io::AsyncReadExt;

use super::ghosts::GhostState;
use super::mail::Post;
use super::parcel::Parcel;

/// The most bytes one request carries (NATS's default limit is 1 MB).
pub const MAX_MESSAGE: usize = 768 * 1024;

/// How long a handoff request waits for the neighbour's answer before
/// the ownership entry decides.
pub const HANDOFF_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the blocking calls wait for NATS.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The names a cluster uses on NATS.
#[derive(Debug, Clone)]
pub struct Names {
    /// The cluster's name.
    pub cluster: String,
}

impl Names {
    /// A zone's subject for `what`.
    pub fn zone(&self, zone: &str, what: &str) -> String {
        format!("shoal.{}.zone.{zone}.{what}", self.cluster)
    }
    fn owners(&self) -> String {
        format!("shoal_{}_owners", self.cluster)
    }
    fn leases(&self) -> String {
        format!("shoal_{}_leases", self.cluster)
    }
    fn snapshots(&self) -> String {
        format!("shoal_{}_snapshots", self.cluster)
    }
    fn log_stream(&self) -> String {
        format!("SHOAL_{}_HANDOFFS", self.cluster)
    }
    fn log(&self, zone: &str) -> String {
        format!("shoal.{}.log.{zone}", self.cluster)
    }
}

/// What arrived from NATS for the game loop.
#[derive(Debug)]
pub enum Event {
    /// Entities handed to this zone, each with the revision of its
    /// ownership entry; `reply` answers the sender.
    HandoffIn {
        /// The zone they come from.
        from: String,
        /// The parcels and revisions.
        parcels: Vec<(Parcel, u64)>,
        /// Where the answer goes.
        reply: Option<async_nats::Subject>,
    },
    /// A handoff this zone made is decided.
    HandoffDone {
        /// The zone it went to.
        to: String,
        /// The entities the other zone took.
        accepted: Vec<u64>,
        /// Those that stay here, with their entry's new revision when
        /// the sender took the entry back itself.
        refused: Vec<(u64, Option<u64>)>,
    },
    /// Posts for entities of this zone (or that were).
    Posts {
        /// The posts.
        posts: Vec<Post>,
        /// Where the acknowledgement goes.
        reply: Option<async_nats::Subject>,
    },
    /// A neighbour's entities near the border.
    Ghosts {
        /// The neighbour.
        from: String,
        /// Its entities.
        states: Vec<GhostState>,
    },
    /// A question for the zone (`stats`, `entities`).
    Query {
        /// What is asked.
        what: String,
        /// Where the answer goes.
        reply: Option<async_nats::Subject>,
    },
    /// Another zone asks what is around entity `avatar` (a player's
    /// avatar whose session that zone holds).
    ViewAsk {
        /// The avatar.
        avatar: u64,
        /// How far around it.
        radius: f32,
        /// Where the answer goes.
        reply: Option<async_nats::Subject>,
    },
    /// What the zone that owns `avatar` sees around it.
    View {
        /// The avatar.
        avatar: u64,
        /// (id, kind, x, y) within the radius asked, the avatar among
        /// them.
        entities: Vec<(u64, u16, f64, f64)>,
    },
    /// Ownership entries made for new entities: (id, revision), or no
    /// revision when another zone owns the id.
    Owned(Vec<(u64, Option<u64>)>),
    /// Ownership entries could not be made for these new entities (NATS
    /// away): tried again.
    OwnFailed(Vec<u64>),
    /// Another process holds this zone's lease now: this one must stop.
    LeaseLost,
    /// NATS went away (false) or came back (true).
    Connection(bool),
}

/// What a zone sees around an avatar: (id, kind, x, y).
#[derive(Serialize, Deserialize)]
struct ViewReply {
    entities: Vec<(u64, u16, f64, f64)>,
}

/// A handoff request.
#[derive(Serialize, Deserialize)]
struct HandoffRequest {
    from: String,
    parcels: Vec<(Parcel, u64)>,
}

/// The answer to a handoff request: the ids taken.
#[derive(Serialize, Deserialize)]
struct HandoffReply {
    accepted: Vec<u64>,
}

/// Ghosts from one zone.
#[derive(Serialize, Deserialize)]
struct GhostBatch {
    from: String,
    states: Vec<GhostState>,
}

/// An entity as a zone lists it: id, kind, and each component's name
/// and value (as Rust debug-prints it).
pub type ListedEntity = (u64, String, Vec<(String, String)>);

/// What a zone says of itself (`shoal cluster status`, the tests).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ZoneReport {
    /// The zone.
    pub zone: String,
    /// Its process id.
    pub pid: u32,
    /// Its tick.
    pub tick: u64,
    /// Its own entities.
    pub entities: usize,
    /// Ghosts it mirrors.
    pub ghosts: usize,
    /// Entities it took in / handed out / had refused, since it started.
    pub handoffs_in: u64,
    /// See `handoffs_in`.
    pub handoffs_out: u64,
    /// See `handoffs_in`.
    pub handoffs_refused: u64,
    /// Entities in transit now (handed out, not yet decided).
    pub in_transit: usize,
    /// Posts sent to / received from other zones.
    pub posts_out: u64,
    /// See `posts_out`.
    pub posts_in: u64,
    /// Tick work time, milliseconds: median and 99th percentile.
    pub tick_ms_p50: f64,
    /// See `tick_ms_p50`.
    pub tick_ms_p99: f64,
    /// Whether NATS is reachable.
    pub connected: bool,
    /// Whether the zone is paused.
    pub paused: bool,
    /// Posts it sent that no zone has taken yet.
    pub posts_waiting: u64,
    /// The latencies of the last posts it took in (at most 10,000),
    /// microseconds from sending to arriving here.
    pub post_latency_us: Vec<u64>,
    /// With `entities`: every own entity's id, kind and components.
    pub list: Vec<ListedEntity>,
}

/// The shared state of the runtime's tasks.
pub(crate) struct Ctx {
    client: async_nats::Client,
    owners: kv::Store,
    leases: kv::Store,
    snapshots: object_store::ObjectStore,
    log: stream::Stream,
    js: jetstream::Context,
    names: Names,
    events: mpsc::Sender<Event>,
    waker: std::sync::Mutex<Option<shoal_engine::ThreadWaker>>,
    connected: Arc<AtomicBool>,
    /// Posts waiting for a zone to take them (for stats).
    posts_waiting: AtomicU64,
}

impl Ctx {
    fn emit(&self, e: Event) {
        let _ = self.events.send(e);
        if let Ok(w) = self.waker.lock()
            && let Some(w) = w.as_ref()
        {
            w.wake();
        }
    }
}

/// A zone process's connection to the cluster.
pub struct Bus {
    handle: tokio::runtime::Handle,
    ctx: Arc<Ctx>,
    events: mpsc::Receiver<Event>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The zone this process holds, once claimed.
    zone: Option<String>,
    /// Who this process is (in the lease entry).
    holder: String,
}

/// How a KV bucket is made on every server version (async-nats's
/// `create_key_value` asks for account fields nats-server 2.9 does not
/// send): its stream, made as the client library makes it, then opened.
async fn bucket(
    js: &jetstream::Context,
    name: &str,
    max_age: Duration,
) -> Result<kv::Store, async_nats::Error> {
    js.get_or_create_stream(stream::Config {
        name: format!("KV_{name}"),
        subjects: vec![format!("$KV.{name}.>")],
        max_messages_per_subject: 1,
        max_age,
        storage: stream::StorageType::File,
        num_replicas: 1,
        discard: stream::DiscardPolicy::New,
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        ..Default::default()
    })
    .await?;
    Ok(js.get_key_value(name).await?)
}

impl Bus {
    /// Connects to NATS at `url` for cluster `cluster` and makes the
    /// cluster's buckets and stream if they are missing. `lease` is how
    /// long a zone stays held after its process stops renewing it.
    pub fn connect(url: &str, cluster: &str, lease: Duration) -> Result<Bus, String> {
        if !super::zones::valid_zone_name(cluster) {
            return Err(format!(
                "cluster name '{cluster}' must be 1 to 64 letters, digits, '_' or '-'"
            ));
        }
        let names = Names {
            cluster: cluster.to_string(),
        };
        let (events_tx, events) = mpsc::channel();
        let (ready_tx, ready_rx) =
            mpsc::sync_channel::<Result<(tokio::runtime::Handle, Arc<Ctx>), String>>(1);
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let url = url.to_string();
        let thread = std::thread::Builder::new()
            .name("shoal-nats".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(format!("cannot start the NATS thread: {e}")));
                        return;
                    }
                };
                rt.block_on(async move {
                    match setup(&url, names, events_tx, lease).await {
                        Ok(ctx) => {
                            let _ = ready_tx.send(Ok((tokio::runtime::Handle::current(), ctx)));
                            let _ = stop_rx.await;
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
            })
            .map_err(|e| format!("cannot start the NATS thread: {e}"))?;
        let (handle, ctx) = ready_rx
            .recv_timeout(CALL_TIMEOUT)
            .map_err(|_| format!("no answer from NATS at {url_of}", url_of = "the given URL"))??;
        Ok(Bus {
            handle,
            ctx,
            events,
            stop: Some(stop_tx),
            thread: Some(thread),
            zone: None,
            holder: format!("pid {} on {}", std::process::id(), hostname()),
        })
    }

    /// Wakes this thread's game loop whenever an event arrives (call on
    /// the scheduler's thread).
    pub fn wake_this_thread(&self) {
        if let Ok(w) = shoal_engine::thread_waker()
            && let Ok(mut slot) = self.ctx.waker.lock()
        {
            *slot = Some(w);
        }
    }

    /// The events that arrived since the last call.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Whether NATS is reachable now.
    pub fn connected(&self) -> bool {
        self.ctx.connected.load(Ordering::Relaxed)
    }

    /// The cluster's names.
    pub fn names(&self) -> &Names {
        &self.ctx.names
    }

    /// The zone held, once claimed.
    pub fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }

    fn call<R, F>(&self, f: impl FnOnce(Arc<Ctx>) -> F) -> Result<R, String>
    where
        R: Send + 'static,
        F: Future<Output = R> + Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        let fut = f(self.ctx.clone());
        self.handle.spawn(async move {
            let _ = tx.send(fut.await);
        });
        rx.recv_timeout(CALL_TIMEOUT)
            .map_err(|_| "NATS did not answer in time".to_string())
    }

    fn spawn<F>(&self, f: impl FnOnce(Arc<Ctx>) -> F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.handle.spawn(f(self.ctx.clone()));
    }

    /// Claims the first of `zones` whose lease is free, waiting (calling
    /// `waiting` now and then) until one is; then keeps the lease
    /// renewed and serves the zone's subjects. Blocks.
    pub fn claim(
        &mut self,
        zones: &[String],
        lease: Duration,
        mut waiting: impl FnMut(&str),
    ) -> Result<String, String> {
        let holder = self.holder.clone();
        loop {
            let z = zones.to_vec();
            let h = holder.clone();
            let got = self.call(move |ctx| async move {
                for zone in z {
                    match ctx.leases.create(&zone, Bytes::from(h.clone())).await {
                        Ok(rev) => return Ok(Some((zone, rev))),
                        Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {}
                        Err(e) => return Err(format!("cannot read the leases: {e}")),
                    }
                }
                Ok(None)
            })??;
            if let Some((zone, rev)) = got {
                self.zone = Some(zone.clone());
                let z = zone.clone();
                self.spawn(move |ctx| keep_lease(ctx, z, holder, rev, lease));
                let z = zone.clone();
                self.call(move |ctx| serve(ctx, z))??;
                return Ok(zone);
            }
            let held = self.call(|ctx| async move { lease_holders(&ctx).await })?;
            let who = zones
                .iter()
                .map(|z| match held.get(z) {
                    Some(h) => format!("{z} (held by {h})"),
                    None => z.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            waiting(&who);
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// The zone's last snapshot, if it has one (blocks).
    pub fn load_snapshot(&self, zone: &str) -> Result<Option<Vec<u8>>, String> {
        let zone = zone.to_string();
        self.call(move |ctx| async move {
            let mut obj = match ctx.snapshots.get(&zone).await {
                Ok(o) => o,
                Err(e) if e.kind() == object_store::GetErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(format!("cannot read zone {zone}'s snapshot: {e}")),
            };
            let mut buf = Vec::new();
            obj.read_to_end(&mut buf)
                .await
                .map_err(|e| format!("cannot read zone {zone}'s snapshot: {e}"))?;
            Ok(Some(buf))
        })?
    }

    /// Stores the zone's snapshot (in the background; a failure is
    /// logged and the next one tried later).
    pub fn save_snapshot(&self, bytes: Vec<u8>) {
        let Some(zone) = self.zone.clone() else {
            return;
        };
        self.spawn(move |ctx| async move {
            if let Err(e) = ctx
                .snapshots
                .put(zone.as_str(), &mut bytes.as_slice())
                .await
            {
                tracing::warn!(zone, error = %e, "the zone's snapshot was not stored");
            }
        });
    }

    /// Stores the zone's snapshot and gives up its lease, so that another
    /// process can take the zone at once (blocks; when the process
    /// stops).
    pub fn save_and_release(&mut self, bytes: Vec<u8>) -> Result<(), String> {
        let Some(zone) = self.zone.take() else {
            return Ok(());
        };
        self.call(move |ctx| async move {
            ctx.snapshots
                .put(zone.as_str(), &mut bytes.as_slice())
                .await
                .map_err(|e| format!("the zone's snapshot was not stored: {e}"))?;
            ctx.leases
                .purge(&zone)
                .await
                .map_err(|e| format!("the zone's lease was not given up: {e}"))?;
            Ok(())
        })?
    }

    /// The handoffs logged for `zone` after stream sequence `after`:
    /// (sequence, parcels), oldest first (blocks).
    pub fn read_log(&self, zone: &str, after: u64) -> Result<Vec<(u64, Vec<Parcel>)>, String> {
        let subject = self.ctx.names.log(zone);
        self.call(move |ctx| async move {
            let c = ctx
                .log
                .create_consumer(consumer::pull::Config {
                    filter_subject: subject,
                    deliver_policy: consumer::DeliverPolicy::ByStartSequence {
                        start_sequence: after + 1,
                    },
                    ack_policy: consumer::AckPolicy::None,
                    inactive_threshold: Duration::from_secs(60),
                    ..Default::default()
                })
                .await
                .map_err(|e| format!("cannot read the handoff log: {e}"))?;
            let mut out = Vec::new();
            loop {
                let mut batch = c
                    .fetch()
                    .max_messages(256)
                    .messages()
                    .await
                    .map_err(|e| format!("cannot read the handoff log: {e}"))?;
                let mut got = 0;
                while let Some(m) = batch.next().await {
                    let m = m.map_err(|e| format!("cannot read the handoff log: {e}"))?;
                    got += 1;
                    let seq = m.info().map(|i| i.stream_sequence).unwrap_or(0);
                    match postcard::from_bytes::<Vec<Parcel>>(&m.payload) {
                        Ok(p) => out.push((seq, p)),
                        Err(e) => tracing::warn!(seq, error = %e, "a damaged handoff log entry"),
                    }
                }
                if got == 0 {
                    break;
                }
            }
            Ok(out)
        })?
    }

    /// Every entity the ownership bucket gives to `zone`, with its
    /// entry's revision, and the highest id in the bucket (blocks).
    pub fn owned_by(&self, zone: &str) -> Result<(HashMap<u64, u64>, Option<u64>), String> {
        let zone = zone.to_string();
        self.call(move |ctx| async move {
            let ids: Vec<u64> = all_keys(&ctx.owners)
                .await?
                .iter()
                .filter_map(|k| k.parse().ok())
                .collect();
            let max = ids.iter().copied().max();
            let mut out = HashMap::new();
            for (id, (owner, rev)) in entries_of(&ctx, &ids).await? {
                if owner == zone {
                    out.insert(id, rev);
                }
            }
            Ok((out, max))
        })?
    }

    /// Rewrites the ownership entries of `ids` (with the revisions this
    /// zone holds) to this zone, so that any request still carrying an
    /// older revision (a handoff the dead process had in flight) can no
    /// longer take them: (id, new revision), or none where the entry
    /// changed meanwhile (blocks).
    pub fn retake(&self, ids: Vec<(u64, u64)>) -> Result<Vec<(u64, Option<u64>)>, String> {
        let Some(zone) = self.zone.clone() else {
            return Err("no zone claimed".into());
        };
        self.call(move |ctx| async move {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(256) {
                let done = futures_util::future::join_all(chunk.iter().map(|(id, rev)| {
                    ctx.owners
                        .update(id.to_string(), Bytes::from(zone.clone()), *rev)
                }))
                .await;
                for ((id, _), r) in chunk.iter().zip(done) {
                    match r {
                        Ok(rev) => out.push((*id, Some(rev))),
                        Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                            out.push((*id, None))
                        }
                        Err(e) => return Err(format!("cannot write the owners: {e}")),
                    }
                }
            }
            Ok(out)
        })?
    }

    /// The owner and revision of each of `ids` that has an entry
    /// (blocks).
    pub fn owners_of(&self, ids: Vec<u64>) -> Result<HashMap<u64, (String, u64)>, String> {
        self.call(move |ctx| async move { entries_of(&ctx, &ids).await })?
    }

    /// Makes ownership entries for `ids` in this zone: (id, revision),
    /// or no revision where another zone owns the id. Blocks if `wait`,
    /// else the answer comes as [`Event::Owned`].
    pub fn own(&self, ids: Vec<u64>, wait: bool) -> Result<Vec<(u64, Option<u64>)>, String> {
        let Some(zone) = self.zone.clone() else {
            return Err("no zone claimed".into());
        };
        if wait {
            return self.call(move |ctx| async move { own(&ctx, &zone, &ids).await })?;
        }
        self.spawn(move |ctx| async move {
            match own(&ctx, &zone, &ids).await {
                Ok(v) => ctx.emit(Event::Owned(v)),
                Err(e) => {
                    tracing::warn!(error = %e, "ownership entries not made; tried again next tick");
                    ctx.emit(Event::OwnFailed(ids));
                }
            }
        });
        Ok(Vec::new())
    }

    /// Deletes the ownership entries of entities this zone despawned.
    pub fn disown(&self, ids: Vec<(u64, u64)>) {
        self.spawn(move |ctx| async move {
            for (id, rev) in ids {
                if let Err(e) = ctx
                    .owners
                    .delete_expect_revision(id.to_string(), Some(rev))
                    .await
                {
                    tracing::debug!(entity = id, error = %e, "ownership entry not deleted");
                }
            }
        });
    }

    /// Takes entities handed to this zone: logs their parcels, then
    /// moves each ownership entry from the sender with a compare-and-set
    /// on the revision the sender holds. Returns (id, new revision) of
    /// those now owned here, and the log's sequence (blocks).
    pub fn commit_in(
        &self,
        from: String,
        parcels: Vec<(Parcel, u64)>,
    ) -> Result<(Vec<(u64, u64)>, u64), String> {
        let Some(zone) = self.zone.clone() else {
            return Err("no zone claimed".into());
        };
        let subject = self.ctx.names.log(&zone);
        self.call(move |ctx| async move {
            // Only entities the sender owns, at the revision it gives.
            let entries = futures_util::future::join_all(
                parcels.iter().map(|(p, _)| ctx.owners.entry(p.id.to_string())),
            )
            .await;
            let parcels: Vec<(Parcel, u64)> = parcels
                .into_iter()
                .zip(entries)
                .filter(|((_, rev), e)| {
                    matches!(e, Ok(Some(e)) if *rev > 0 && e.revision == *rev
                        && e.operation == kv::Operation::Put && e.value == from.as_bytes())
                })
                .map(|(p, _)| p)
                .collect();
            if parcels.is_empty() {
                return Ok((Vec::new(), 0));
            }
            let only: Vec<&Parcel> = parcels.iter().map(|(p, _)| p).collect();
            let bytes = postcard::to_stdvec(&only).map_err(|e| e.to_string())?;
            let ack = ctx
                .js
                .publish(subject, bytes.into())
                .await
                .map_err(|e| format!("cannot log the handoff: {e}"))?
                .await
                .map_err(|e| format!("cannot log the handoff: {e}"))?;
            let results = futures_util::future::join_all(parcels.iter().map(|(p, rev)| {
                ctx.owners
                    .update(p.id.to_string(), Bytes::from(zone.clone()), *rev)
            }))
            .await;
            let mut won = Vec::new();
            for ((p, _), r) in parcels.iter().zip(results) {
                match r {
                    Ok(rev) => won.push((p.id, rev)),
                    Err(e) => tracing::debug!(entity = p.id, error = %e, "handoff refused by the ownership entry"),
                }
            }
            Ok((won, ack.sequence))
        })?
    }

    /// Answers a request.
    pub fn reply(&self, to: Option<async_nats::Subject>, bytes: Vec<u8>) {
        let Some(to) = to else { return };
        self.spawn(move |ctx| async move {
            let _ = ctx.client.publish(to, bytes.into()).await;
        });
    }

    /// Answers a handoff request with the ids taken.
    pub fn reply_handoff(&self, to: Option<async_nats::Subject>, accepted: Vec<u64>) {
        let bytes = postcard::to_stdvec(&HandoffReply { accepted }).unwrap_or_default();
        self.reply(to, bytes);
    }

    /// Hands `parcels` (with their entries' revisions) to zone `to`; the
    /// outcome comes as [`Event::HandoffDone`]. When the neighbour does
    /// not answer, the ownership entries decide (read again until NATS
    /// answers).
    pub fn hand_off(&self, to: String, parcels: Vec<(Parcel, u64)>) {
        let Some(from) = self.zone.clone() else {
            return;
        };
        for chunk in chunks_by_size(parcels) {
            let (to, from) = (to.clone(), from.clone());
            self.spawn(move |ctx| async move {
                let ids: Vec<u64> = chunk.iter().map(|(p, _)| p.id).collect();
                let sent: Vec<(u64, u64)> = chunk.iter().map(|(p, rev)| (p.id, *rev)).collect();
                let req = HandoffRequest {
                    from: from.clone(),
                    parcels: chunk,
                };
                let bytes = postcard::to_stdvec(&req).unwrap_or_default();
                let subject = ctx.names.zone(&to, "handoff");
                let answer = request(&ctx, subject, bytes, HANDOFF_TIMEOUT.as_secs()).await;
                let accepted = match answer {
                    Ok(m) => match postcard::from_bytes::<HandoffReply>(&m.payload) {
                        Ok(r) => Some(r.accepted),
                        Err(_) => None,
                    },
                    Err(_) => None,
                };
                let (accepted, refused) = match accepted {
                    Some(acc) => {
                        let acc: Vec<u64> = acc.into_iter().filter(|i| ids.contains(i)).collect();
                        let refused = ids
                            .iter()
                            .copied()
                            .filter(|i| !acc.contains(i))
                            .map(|i| (i, None))
                            .collect();
                        (acc, refused)
                    }
                    None => decide_by_owner(&ctx, &sent, &from).await,
                };
                ctx.emit(Event::HandoffDone {
                    to,
                    accepted,
                    refused,
                });
            });
        }
    }

    /// Sends posts to the zones that own their receivers (looked up in
    /// the ownership bucket), until each zone takes them: a zone that
    /// is down, or NATS itself, delays them, nothing loses them. A post
    /// to an entity no zone owns is dropped (logged).
    pub fn send_posts(&self, posts: Vec<Post>) {
        if posts.is_empty() {
            return;
        }
        self.ctx
            .posts_waiting
            .fetch_add(posts.len() as u64, Ordering::Relaxed);
        let me = self.zone.clone().unwrap_or_default();
        self.spawn(move |ctx| async move {
            let mut left = posts;
            let mut pause = Duration::from_millis(50);
            let mut tries = 0u32;
            while !left.is_empty() {
                tries += 1;
                let mut by_zone: std::collections::BTreeMap<String, Vec<Post>> = Default::default();
                let mut retry = Vec::new();
                for p in left {
                    match ctx.owners.entry(p.to.to_string()).await {
                        Ok(Some(e))
                            if e.operation == kv::Operation::Put && e.value != me.as_bytes() =>
                        {
                            let zone = String::from_utf8_lossy(&e.value).into_owned();
                            by_zone.entry(zone).or_default().push(p);
                        }
                        // This zone's, by its entry, yet not here: a
                        // handoff of it is being decided. Tried again.
                        Ok(Some(e)) if e.operation == kv::Operation::Put && tries < 40 => {
                            retry.push(p)
                        }
                        Ok(_) => {
                            tracing::info!(
                                to = p.to,
                                from = p.from,
                                "a post to an entity no zone owns was dropped"
                            );
                            ctx.posts_waiting.fetch_sub(1, Ordering::Relaxed);
                        }
                        Err(_) => retry.push(p),
                    }
                }
                let batches = by_zone.into_iter().flat_map(|(zone, posts)| {
                    let mut out = vec![(zone.clone(), Vec::new())];
                    let mut size = 0;
                    for p in posts {
                        let n = p.message.len() + 64;
                        if size + n > MAX_MESSAGE && !out.last().is_some_and(|b| b.1.is_empty()) {
                            out.push((zone.clone(), Vec::new()));
                            size = 0;
                        }
                        size += n;
                        if let Some(b) = out.last_mut() {
                            b.1.push(p);
                        }
                    }
                    out
                });
                for (zone, batch) in batches {
                    let n = batch.len() as u64;
                    let bytes = postcard::to_stdvec(&batch).unwrap_or_default();
                    let r = request(&ctx, ctx.names.zone(&zone, "posts"), bytes, 2).await;
                    match r {
                        Ok(m) if &m.payload[..] == b"ok" => {
                            ctx.posts_waiting.fetch_sub(n, Ordering::Relaxed);
                        }
                        _ => retry.extend(batch),
                    }
                }
                left = retry;
                if !left.is_empty() {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(1));
                }
            }
        });
    }

    /// Asks the zone that owns `avatar` what is within `radius` of it;
    /// the answer comes as [`Event::View`] (none if no zone answers).
    pub fn ask_view(&self, avatar: u64, radius: f32) {
        self.spawn(move |ctx| async move {
            let Ok(Some(e)) = ctx.owners.entry(avatar.to_string()).await else {
                return;
            };
            if e.operation != kv::Operation::Put {
                return;
            }
            let zone = String::from_utf8_lossy(&e.value).into_owned();
            let Ok(bytes) = postcard::to_stdvec(&(avatar, radius)) else {
                return;
            };
            let r = request(&ctx, ctx.names.zone(&zone, "view"), bytes, 1).await;
            if let Ok(m) = r
                && let Ok(v) = postcard::from_bytes::<ViewReply>(&m.payload)
            {
                ctx.emit(Event::View {
                    avatar,
                    entities: v.entities,
                });
            }
        });
    }

    /// Answers a view request.
    pub fn reply_view(&self, to: Option<async_nats::Subject>, entities: Vec<(u64, u16, f64, f64)>) {
        let bytes = postcard::to_stdvec(&ViewReply { entities }).unwrap_or_default();
        self.reply(to, bytes);
    }

    /// Posts waiting for their zone to take them.
    pub fn posts_waiting(&self) -> u64 {
        self.ctx.posts_waiting.load(Ordering::Relaxed)
    }

    /// Sends zone `to` this zone's entities near its border (best effort:
    /// the next tick sends them again).
    pub fn send_ghosts(&self, to: &str, states: Vec<GhostState>) {
        let Some(from) = self.zone.clone() else {
            return;
        };
        let subject = self.ctx.names.zone(to, "ghosts");
        self.spawn(move |ctx| async move {
            let bytes = postcard::to_stdvec(&GhostBatch { from, states }).unwrap_or_default();
            if bytes.len() <= MAX_MESSAGE {
                let _ = ctx.client.publish(subject, bytes.into()).await;
            }
        });
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A request to `subject`, answered within `secs` seconds.
async fn request(
    ctx: &Ctx,
    subject: String,
    bytes: Vec<u8>,
    secs: u64,
) -> Result<async_nats::Message, async_nats::RequestError> {
    ctx.client
        .send_request(
            subject,
            async_nats::Request::new()
                .payload(bytes.into())
                .timeout(Some(Duration::from_secs(secs))),
        )
        .await
}

/// The machine's name, for lease entries.
fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "?".into())
}

async fn setup(
    url: &str,
    names: Names,
    events: mpsc::Sender<Event>,
    lease: Duration,
) -> Result<Arc<Ctx>, String> {
    let connected = Arc::new(AtomicBool::new(false));
    let flag = connected.clone();
    let ev = events.clone();
    let client = async_nats::ConnectOptions::new()
        .name("shoal-zone")
        .connection_timeout(Duration::from_secs(5))
        .max_reconnects(None)
        .event_callback(move |e| {
            let flag = flag.clone();
            let ev = ev.clone();
            async move {
                match e {
                    async_nats::Event::Connected => {
                        flag.store(true, Ordering::Relaxed);
                        let _ = ev.send(Event::Connection(true));
                    }
                    async_nats::Event::Disconnected => {
                        flag.store(false, Ordering::Relaxed);
                        let _ = ev.send(Event::Connection(false));
                    }
                    _ => {}
                }
            }
        })
        .connect(url)
        .await
        .map_err(|e| format!("cannot connect to NATS at {url}: {e}"))?;
    connected.store(true, Ordering::Relaxed);
    let js = jetstream::new(client.clone());
    let nojs = |e: async_nats::Error| {
        format!("NATS at {url} has no JetStream (start nats-server with -js): {e}")
    };
    // Zones starting together race to make the buckets and the stream:
    // the loser's "create" finds them made and tries again.
    let mut tries = 0;
    let (owners, leases, snapshots, log) = loop {
        match cluster_stores(&js, &names, lease).await {
            Ok(stores) => break stores,
            Err(_) if tries < 10 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(100 * tries)).await;
            }
            Err(e) => return Err(nojs(e)),
        }
    };
    Ok(Arc::new(Ctx {
        client,
        owners,
        leases,
        snapshots,
        log,
        js,
        names,
        events,
        waker: std::sync::Mutex::new(None),
        connected,
        posts_waiting: AtomicU64::new(0),
    }))
}

/// The cluster's stores: the owners and leases buckets, the snapshots'
/// object store and the handoff log, made if missing.
type Stores = (
    kv::Store,
    kv::Store,
    object_store::ObjectStore,
    stream::Stream,
);

/// Makes (or opens) the cluster's [`Stores`].
async fn cluster_stores(
    js: &jetstream::Context,
    names: &Names,
    lease: Duration,
) -> Result<Stores, async_nats::Error> {
    let owners = bucket(js, &names.owners(), Duration::ZERO).await?;
    let leases = bucket(js, &names.leases(), lease).await?;
    let snapshots = match js.get_object_store(names.snapshots()).await {
        Ok(s) => s,
        Err(_) => {
            js.create_object_store(object_store::Config {
                bucket: names.snapshots(),
                ..Default::default()
            })
            .await?
        }
    };
    let log = js
        .get_or_create_stream(stream::Config {
            name: names.log_stream(),
            subjects: vec![format!("shoal.{}.log.>", names.cluster)],
            max_age: Duration::from_secs(24 * 3600),
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await?;
    Ok((owners, leases, snapshots, log))
}

/// Renews the zone's lease every third of its time; if another process
/// took it (this one was cut off longer than the lease), says so.
async fn keep_lease(ctx: Arc<Ctx>, zone: String, holder: String, mut rev: u64, lease: Duration) {
    let every = (lease / 3).max(Duration::from_millis(100));
    loop {
        tokio::time::sleep(every).await;
        match ctx
            .leases
            .update(&zone, Bytes::from(holder.clone()), rev)
            .await
        {
            Ok(r) => rev = r,
            Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => {
                // Expired while NATS was away: free again, or taken.
                match ctx.leases.create(&zone, Bytes::from(holder.clone())).await {
                    Ok(r) => rev = r,
                    Err(_) => {
                        ctx.emit(Event::LeaseLost);
                        return;
                    }
                }
            }
            // NATS is away: try again next time.
            Err(_) => {}
        }
    }
}

async fn lease_holders(ctx: &Ctx) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for k in all_keys(&ctx.leases).await.unwrap_or_default() {
        if let Ok(Some(v)) = ctx.leases.get(&k).await {
            out.insert(k, String::from_utf8_lossy(&v).into_owned());
        }
    }
    out
}

/// Subscribes to the zone's subjects and turns what arrives into events.
async fn serve(ctx: Arc<Ctx>, zone: String) -> Result<(), String> {
    let sub = |what: &str| {
        let subject = ctx.names.zone(&zone, what);
        let client = ctx.client.clone();
        async move {
            client
                .subscribe(subject.clone())
                .await
                .map_err(|e| format!("cannot subscribe to {subject}: {e}"))
        }
    };
    let mut handoff = sub("handoff").await?;
    let mut posts = sub("posts").await?;
    let mut ghosts = sub("ghosts").await?;
    let mut query = sub("query").await?;
    let mut view = sub("view").await?;
    let c = ctx.clone();
    tokio::spawn(async move {
        while let Some(m) = view.next().await {
            if let Ok((avatar, radius)) = postcard::from_bytes::<(u64, f32)>(&m.payload) {
                c.emit(Event::ViewAsk {
                    avatar,
                    radius,
                    reply: m.reply,
                });
            }
        }
    });
    let c = ctx.clone();
    tokio::spawn(async move {
        while let Some(m) = handoff.next().await {
            match postcard::from_bytes::<HandoffRequest>(&m.payload) {
                Ok(r) => c.emit(Event::HandoffIn {
                    from: r.from,
                    parcels: r.parcels,
                    reply: m.reply,
                }),
                Err(e) => {
                    tracing::warn!(error = %e, "a handoff request that does not decode");
                    if let Some(r) = m.reply {
                        let bytes = postcard::to_stdvec(&HandoffReply { accepted: vec![] })
                            .unwrap_or_default();
                        let _ = c.client.publish(r, bytes.into()).await;
                    }
                }
            }
        }
    });
    let c = ctx.clone();
    tokio::spawn(async move {
        while let Some(m) = posts.next().await {
            match postcard::from_bytes::<Vec<Post>>(&m.payload) {
                Ok(p) => c.emit(Event::Posts {
                    posts: p,
                    reply: m.reply,
                }),
                Err(e) => {
                    tracing::warn!(error = %e, "posts that do not decode");
                    if let Some(r) = m.reply {
                        let _ = c.client.publish(r, Bytes::from_static(b"bad")).await;
                    }
                }
            }
        }
    });
    let c = ctx.clone();
    tokio::spawn(async move {
        while let Some(m) = ghosts.next().await {
            if let Ok(g) = postcard::from_bytes::<GhostBatch>(&m.payload) {
                c.emit(Event::Ghosts {
                    from: g.from,
                    states: g.states,
                });
            }
        }
    });
    let c = ctx.clone();
    tokio::spawn(async move {
        while let Some(m) = query.next().await {
            let what = String::from_utf8_lossy(&m.payload).into_owned();
            c.emit(Event::Query {
                what,
                reply: m.reply,
            });
        }
    });
    Ok(())
}

/// The owner and revision of each of `ids` that has a live entry.
async fn entries_of(ctx: &Ctx, ids: &[u64]) -> Result<HashMap<u64, (String, u64)>, String> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(256) {
        let entries =
            futures_util::future::join_all(chunk.iter().map(|id| ctx.owners.entry(id.to_string())))
                .await;
        for (id, e) in chunk.iter().zip(entries) {
            let e = e.map_err(|e| format!("cannot read the owners: {e}"))?;
            if let Some(e) = e
                && e.operation == kv::Operation::Put
            {
                out.insert(
                    *id,
                    (String::from_utf8_lossy(&e.value).into_owned(), e.revision),
                );
            }
        }
    }
    Ok(out)
}

async fn own(ctx: &Ctx, zone: &str, ids: &[u64]) -> Result<Vec<(u64, Option<u64>)>, String> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(256) {
        let made = futures_util::future::join_all(chunk.iter().map(|id| {
            ctx.owners
                .create(id.to_string(), Bytes::from(zone.to_string()))
        }))
        .await;
        for (id, r) in chunk.iter().zip(made) {
            match r {
                Ok(rev) => out.push((*id, Some(rev))),
                Err(e) if e.kind() == kv::CreateErrorKind::AlreadyExists => {
                    let e = ctx
                        .owners
                        .entry(id.to_string())
                        .await
                        .map_err(|e| format!("cannot read the owners: {e}"))?;
                    match e {
                        Some(e) if e.value == zone.as_bytes() => out.push((*id, Some(e.revision))),
                        _ => out.push((*id, None)),
                    }
                }
                Err(e) => return Err(format!("cannot write the owners: {e}")),
            }
        }
    }
    Ok(out)
}

/// The neighbour did not answer: reads each entity's ownership entry
/// until NATS answers. While an entity travels only the neighbour's
/// compare-and-set can change its entry, so an entry still at the
/// revision sent means the neighbour did not take it; any other, that
/// it did (and may have moved it on since).
/// An entry still at the revision sent is taken back by a
/// compare-and-set of its own (so a request the neighbour still holds
/// can no longer succeed); the new revision comes back with the id.
async fn decide_by_owner(
    ctx: &Ctx,
    sent: &[(u64, u64)],
    from: &str,
) -> (Vec<u64>, Vec<(u64, Option<u64>)>) {
    let (mut accepted, mut refused) = (Vec::new(), Vec::new());
    for &(id, rev) in sent {
        loop {
            match ctx.owners.entry(id.to_string()).await {
                Ok(Some(e)) if e.revision == rev => {
                    match ctx
                        .owners
                        .update(id.to_string(), Bytes::from(from.to_string()), rev)
                        .await
                    {
                        Ok(new) => {
                            refused.push((id, Some(new)));
                            break;
                        }
                        // Taken meanwhile: read again.
                        Err(e) if e.kind() == kv::UpdateErrorKind::WrongLastRevision => continue,
                        Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
                    }
                }
                Ok(_) => {
                    accepted.push(id);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
            }
        }
    }
    (accepted, refused)
}

/// Splits parcels into requests of at most [`MAX_MESSAGE`] bytes.
fn chunks_by_size(parcels: Vec<(Parcel, u64)>) -> Vec<Vec<(Parcel, u64)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut size = 0;
    for p in parcels {
        let n = p.0.script.len() + 256;
        if !cur.is_empty() && size + n > MAX_MESSAGE {
            out.push(std::mem::take(&mut cur));
            size = 0;
        }
        size += n;
        cur.push(p);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Connects to NATS at `url`, opens bucket `bucket` of cluster
/// `cluster` and runs `f` with the client, the bucket and the cluster's
/// names, on a runtime of its own (for `shoal cluster` and tests).
fn with_bucket<R, F>(
    url: &str,
    cluster: &str,
    bucket: fn(&Names) -> String,
    f: impl FnOnce(async_nats::Client, kv::Store, Names) -> F,
) -> Result<R, String>
where
    F: Future<Output = Result<R, String>>,
{
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let names = Names {
        cluster: cluster.to_string(),
    };
    rt.block_on(async move {
        let client = async_nats::ConnectOptions::new()
            .connection_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| format!("cannot connect to NATS at {url}: {e}"))?;
        let store = jetstream::new(client.clone())
            .get_key_value(bucket(&names))
            .await
            .map_err(|e| format!("no cluster '{}' on {url}: {e}", names.cluster))?;
        f(client, store, names).await
    })
}

/// Every key of a bucket.
async fn all_keys(store: &kv::Store) -> Result<Vec<String>, String> {
    let mut keys = store
        .keys()
        .await
        .map_err(|e| format!("cannot list the keys of a bucket: {e}"))?;
    let mut out = Vec::new();
    while let Some(k) = keys.next().await {
        out.push(k.map_err(|e| format!("cannot list the keys of a bucket: {e}"))?);
    }
    Ok(out)
}

/// Every ownership entry of cluster `cluster` at `url`: entity id to
/// zone (for `shoal cluster status` and tests).
pub fn read_owners(url: &str, cluster: &str) -> Result<HashMap<u64, String>, String> {
    with_bucket(url, cluster, Names::owners, |_, owners, _| async move {
        let mut out = HashMap::new();
        for k in all_keys(&owners).await? {
            if let (Ok(id), Ok(Some(v))) = (k.parse::<u64>(), owners.get(&k).await) {
                out.insert(id, String::from_utf8_lossy(&v).into_owned());
            }
        }
        Ok(out)
    })
}

/// Asks every zone of cluster `cluster` at `url` (those holding a lease)
/// a question (`stats`, `entities`, `pause`, `resume`): for `shoal
/// cluster` and tests. Connects, asks, disconnects.
pub fn ask_zones(url: &str, cluster: &str, what: &str) -> Result<Vec<ZoneReport>, String> {
    let what = what.to_string();
    with_bucket(
        url,
        cluster,
        Names::leases,
        |client, leases, names| async move {
            let mut zones = all_keys(&leases).await?;
            zones.sort();
            let mut out = Vec::new();
            for z in zones {
                let r = client
                    .send_request(
                        names.zone(&z, "query"),
                        async_nats::Request::new()
                            .payload(Bytes::from(what.clone()))
                            .timeout(Some(Duration::from_secs(10))),
                    )
                    .await;
                match r {
                    Ok(m) => match postcard::from_bytes::<ZoneReport>(&m.payload) {
                        Ok(rep) => out.push(rep),
                        Err(e) => return Err(format!("zone {z} answered something else: {e}")),
                    },
                    Err(e) => {
                        out.push(ZoneReport {
                            zone: format!("{z} (no answer: {e})"),
                            ..Default::default()
                        });
                    }
                }
            }
            Ok(out)
        },
    )
}
