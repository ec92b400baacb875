//! `shoal cluster status`: what each zone of a running cluster says of
//! itself, and the cluster's totals.

use shoal_server::cluster::bus::{ZoneReport, ask_zones};

/// `shoal cluster pause` / `resume`: stops every zone's ticks (what is in
/// flight still lands), for a consistent view; then starts them again.
pub fn pause(args: StatusArgs, on: bool) -> anyhow::Result<()> {
    let what = if on { "pause" } else { "resume" };
    let zones = ask_zones(&args.nats, &args.cluster, what).map_err(anyhow::Error::msg)?;
    print!("{}", table(&zones));
    Ok(())
}

/// `shoal cluster status`'s arguments.
#[derive(clap::Args)]
pub struct StatusArgs {
    /// The cluster's NATS server.
    #[arg(long, default_value = "nats://127.0.0.1:4222")]
    pub nats: String,
    /// The cluster's name (the world's name unless the zones were given
    /// --cluster).
    #[arg(long)]
    pub cluster: String,
    /// Also list every entity with its components.
    #[arg(long)]
    pub entities: bool,
}

/// Prints a table of the zones and the cluster's totals.
pub fn status(args: StatusArgs) -> anyhow::Result<()> {
    let what = if args.entities { "entities" } else { "stats" };
    let zones = ask_zones(&args.nats, &args.cluster, what).map_err(anyhow::Error::msg)?;
    if zones.is_empty() {
        println!("cluster '{}': no zone is held", args.cluster);
        return Ok(());
    }
    print!("{}", table(&zones));
    if args.entities {
        for z in &zones {
            for (id, kind, props) in &z.list {
                let props: Vec<String> = props.iter().map(|(k, v)| format!("{k}={v}")).collect();
                println!("{} {id} {kind} {}", z.zone, props.join(" "));
            }
        }
    }
    Ok(())
}

/// The zones' table with a total line.
pub fn table(zones: &[ZoneReport]) -> String {
    let mut out = format!(
        "{:<10} {:>8} {:>7} {:>9} {:>7} {:>9} {:>9} {:>8} {:>9} {:>9} {:>8} {:>8}\n",
        "zone",
        "pid",
        "tick",
        "entities",
        "ghosts",
        "hand_in",
        "hand_out",
        "transit",
        "posts_in",
        "posts_out",
        "tick_p50",
        "tick_p99"
    );
    let mut total = ZoneReport::default();
    for z in zones {
        out.push_str(&format!(
            "{:<10} {:>8} {:>7} {:>9} {:>7} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7.2}ms {:>7.2}ms{}\n",
            z.zone,
            z.pid,
            z.tick,
            z.entities,
            z.ghosts,
            z.handoffs_in,
            z.handoffs_out,
            z.in_transit,
            z.posts_in,
            z.posts_out,
            z.tick_ms_p50,
            z.tick_ms_p99,
            match (z.connected, z.paused) {
                (false, _) => " (NATS away)",
                (true, true) => " (paused)",
                _ => "",
            },
        ));
        total.entities += z.entities;
        total.ghosts += z.ghosts;
        total.handoffs_in += z.handoffs_in;
        total.handoffs_out += z.handoffs_out;
        total.in_transit += z.in_transit;
        total.posts_in += z.posts_in;
        total.posts_out += z.posts_out;
    }
    out.push_str(&format!(
        "{:<10} {:>8} {:>7} {:>9} {:>7} {:>9} {:>9} {:>8} {:>9} {:>9}\n",
        "cluster",
        zones.len(),
        "",
        total.entities,
        total.ghosts,
        total.handoffs_in,
        total.handoffs_out,
        total.in_transit,
        total.posts_in,
        total.posts_out,
    ));
    out
}
