//! Latency of the language server after an edit, in process: `cargo bench --bench server`.
//!
//! Runs the server on an in-memory connection (no pipes, no process), opens a 1,000-word
//! article we generate from sentences written here, then types a character into a middle
//! paragraph and deletes it again, edit after edit, timing each from the `didChange` to the
//! `publishDiagnostics` of that version: applying the change, the lint, the conversion of every
//! position to UTF-16. Beside it, the lint alone (`lint_str`) on the same text. For the round
//! trip through a real process and its pipes, see `scripts/bench_server.py`. On Linux it also
//! prints the CPU time per edit, which a busy machine does not inflate as it does wall time.

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use wirelint::{Config, lint_str};

const EDITS: usize = 400;

/// Sentences we wrote, in the register of wire copy; the numbers vary so paragraphs differ.
const SENTENCES: [&str; 12] = [
    "The regional council approved a budget of {n} million euros on Tuesday, the mayor said.",
    "“We have listened to the residents and we will act,” said council leader Maria Ólafsdóttir.",
    "Opposition members said the plan left {m} families without support for another year.",
    "The port handled {n} containers in the first quarter, up from a year earlier, the operator said.",
    "Dock workers have threatened a strike if talks on pay do not resume before the end of the month.",
    "Officials said {m} buses would be added to routes serving the northern districts.",
    "The measure still needs the approval of the national parliament, which meets again in {n} days.",
    "Engineers inspected the bridge after heavy rain and found no damage, the transport office said.",
    "Farmers in the valley said the dry spring had cut their harvest by about a third.",
    "A spokesman for the ministry declined to comment on the figures before their publication.",
    "Shares in the company rose {m} percent in early trading after the results were announced.",
    "The agency said it expected inflation to ease in the second half of the year.",
];

/// An article of at least `words` words, and its word count.
fn article(words: usize) -> (String, usize) {
    let mut lines = vec![
        "date 2026-03-09 5120".to_string(),
        "Council Approves Budget After Long Debate".to_string(),
    ];
    let (mut count, mut i) = (0, 0);
    while count < words {
        let paragraph: Vec<String> = (0..3)
            .map(|k| {
                SENTENCES[(i + k) % SENTENCES.len()]
                    .replace("{n}", &(10 + 7 * i + k).to_string())
                    .replace("{m}", &(3 + 5 * i + k).to_string())
            })
            .collect();
        let paragraph = paragraph.join(" ");
        count += paragraph.split_whitespace().count();
        lines.push(paragraph);
        i += 1;
    }
    (lines.join("\n") + "\n", count)
}

fn wait_for_diagnostics(client: &Connection, version: i64) -> usize {
    loop {
        match client.receiver.recv_timeout(Duration::from_secs(10)) {
            Ok(Message::Notification(n))
                if n.method == "textDocument/publishDiagnostics"
                    && n.params["version"] == version =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            Ok(_) => {}
            Err(error) => panic!("no diagnostics for version {version}: {error}"),
        }
    }
}

fn notify(client: &Connection, method: &str, params: Value) {
    let message = Notification::new(method.to_string(), params);
    client.sender.send(message.into()).unwrap();
}

/// Nanoseconds the threads of this process have run on a CPU (Linux), so that the work per edit
/// can be told from the time spent waiting for a CPU on a busy machine.
fn cpu_ns() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{name:32} min {:.3}  median {:.3}  p95 {:.3}  max {:.3} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(p95),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let (text, words) = article(1000);
    let dir = std::env::temp_dir().join(format!("wirelint-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // An empty config beside the article: the built-in defaults, whatever is above.
    std::fs::write(dir.join("wirelint.toml"), "").unwrap();
    let uri = format!("file://{}", dir.join("story.txt").display());

    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || wirelint::server::serve(server, None));
    let initialize = Request::new(
        RequestId::from(1),
        "initialize".to_string(),
        json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}}),
    );
    client.sender.send(initialize.into()).unwrap();
    let _ = client.receiver.recv().unwrap();
    notify(&client, "initialized", json!({}));
    notify(
        &client,
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let found = wait_for_diagnostics(&client, 1);

    let middle = text.lines().count() / 2;
    let column = text.lines().nth(middle).unwrap().encode_utf16().count() / 2;
    let mut round_trips = Vec::with_capacity(EDITS);
    let cpu_before = cpu_ns();
    for edit in 0..EDITS {
        let version = edit as i64 + 2;
        let end = if edit % 2 == 0 { column } else { column + 1 };
        let typed = if edit % 2 == 0 { "x" } else { "" };
        let change = json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {
                "start": {"line": middle, "character": column},
                "end": {"line": middle, "character": end}}, "text": typed}],
        });
        let start = Instant::now();
        notify(&client, "textDocument/didChange", change);
        wait_for_diagnostics(&client, version);
        round_trips.push(start.elapsed());
    }
    let edit_cpu = cpu_before
        .zip(cpu_ns())
        .map(|(a, b)| (b - a) as f64 / EDITS as f64 / 1e6);

    let config = Config::default();
    let cpu_before = cpu_ns();
    let lints: Vec<Duration> = (0..EDITS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(lint_str("story.txt", &text, &config));
            start.elapsed()
        })
        .collect();
    let lint_cpu = cpu_before
        .zip(cpu_ns())
        .map(|(a, b)| (b - a) as f64 / EDITS as f64 / 1e6);

    let shutdown = Request::new(RequestId::from(2), "shutdown".to_string(), Value::Null);
    client.sender.send(shutdown.into()).unwrap();
    let _ = client.receiver.recv();
    notify(&client, "exit", Value::Null);
    let _ = thread.join();
    let _ = std::fs::remove_dir_all(&dir);

    println!(
        "article: {words} words, {} bytes, {found} diagnostics; {EDITS} edits",
        text.len()
    );
    summary("edit -> diagnostics (in process)", round_trips);
    summary("lint alone (lint_str)", lints);
    if let Some((edit, lint)) = edit_cpu.zip(lint_cpu) {
        println!("CPU time per edit, all threads: {edit:.3} ms; per lint alone: {lint:.3} ms");
    }
}
