//! `wirelint server` driven over stdio with JSON-RPC, as an editor drives it: initialize, open
//! an article, read its diagnostics, apply code actions, change, close, shut down.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long to wait for one message before the test fails (it never hangs).
const PATIENCE: Duration = Duration::from_secs(20);

/// An article we wrote, like the files our users send: a header line with a stray leading
/// space, an unclosed quotation after curly quotes and a non-ASCII name, a repeated paragraph.
const ARTICLE: &str = " date 2026-03-09 5120
Ferry Service Resumes After Storm
HARBOURTON, March 9 (Wire) - The island ferry sailed again on Monday after three days of storms, the operator said.
“We are glad to be back,” said Dana Ölund, the operator’s manager, adding “passengers waited patiently.
The first crossing carried 120 passengers and 40 cars, the harbour master said on Monday.
The first crossing carried 120 passengers and 40 cars, the harbour master said on Monday.
";

/// An editor's end of the connection.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Messages read while waiting for another.
    backlog: Vec<Value>,
    next_id: i64,
}

impl Client {
    /// Start `wirelint server` in `dir` (so that nothing outside it is found as config).
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            messages,
            backlog: Vec::new(),
            next_id: 0,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "error: {response}");
        response["result"].clone()
    }

    /// The first message (read before or from now on) that `wanted` accepts.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(i);
        }
        loop {
            let message = self
                .messages
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no expected message; backlog: {:?}", self.backlog));
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The diagnostics published for `uri` (at `version`, when given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        });
        message["params"]["diagnostics"]
            .as_array()
            .expect("an array")
            .clone()
    }

    fn initialize(&mut self, capabilities: Value, root: &Path) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "capabilities": capabilities,
                "initializationOptions": {"debounceMs": 10},
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// `shutdown`, then `exit`; the server's exit status.
    fn shut_down(mut self) -> ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        self.stdin = None;
        self.child.wait().unwrap()
    }
}

/// One framed message, or `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn rules(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// The byte offset of a protocol position, counting `character` in UTF-16 units or bytes.
fn offset(text: &str, position: &Value, utf16: bool) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += if utf16 { c.len_utf16() } else { c.len_utf8() };
    }
    text.len()
}

/// `text` with the edits of a code action (single document) applied, as an editor does.
fn apply_action(text: &str, action: &Value, utf16: bool) -> (String, Vec<Value>) {
    let edit = &action["edit"];
    let edits: Vec<Value> = match edit.get("documentChanges") {
        Some(changes) => changes[0]["edits"].as_array().unwrap().clone(),
        None => edit["changes"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()
            .as_array()
            .unwrap()
            .clone(),
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], utf16),
                offset(text, &e["range"]["end"], utf16),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut fixed = text.to_string();
    for (start, end, replacement) in spans {
        fixed.replace_range(start..end, replacement);
    }
    (fixed, edits)
}

/// A directory with an empty `wirelint.toml` (the built-in defaults) and the article's URI in it.
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wirelint.toml"), "").unwrap();
    let uri = file_uri(&dir.path().join("ferry.txt"));
    (dir, uri)
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
}

fn code_actions(client: &mut Client, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let result = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diagnostic["range"],
            "context": {"diagnostics": [diagnostic]},
        }),
    );
    result.as_array().unwrap().clone()
}

#[test]
fn an_editing_session_from_initialize_to_exit() {
    let (dir, uri) = workspace();
    let mut client = Client::start(dir.path());
    // A client offering only UTF-16, the protocol's default, and versioned edits.
    let result = client.initialize(
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        dir.path(),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["serverInfo"]["name"], "wirelint");

    open(&mut client, &uri, ARTICLE);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(
        rules(&diagnostics),
        [
            "malformed-header",
            "unbalanced-quote",
            "duplicate-paragraph"
        ]
    );

    // Severity, code, link to the rule's docs, message with help, related information.
    let duplicate = &diagnostics[2];
    assert_eq!(duplicate["severity"], 1);
    assert_eq!(duplicate["source"], "wirelint");
    assert!(
        duplicate["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/duplicate-paragraph.toml")
    );
    assert!(
        duplicate["message"]
            .as_str()
            .unwrap()
            .contains("help: delete the repeated paragraph")
    );
    let related = &duplicate["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    assert_eq!(related["location"]["range"]["start"]["line"], 4);
    assert_eq!(related["message"], "first written here");

    // The unclosed quote mark comes after curly quotes, `Ö` and `’`: in UTF-16 units.
    let quote = &diagnostics[1]["range"];
    let line = ARTICLE.lines().nth(3).unwrap();
    let mark = line.rfind('“').unwrap();
    assert_eq!(quote["start"]["line"], 3);
    assert_eq!(
        quote["start"]["character"],
        line[..mark].encode_utf16().count()
    );
    assert_eq!(
        quote["end"]["character"],
        line[..mark + '“'.len_utf8()].encode_utf16().count()
    );

    // The header's fix, applied as the editor applies it, then sent back as a change.
    let actions = code_actions(&mut client, &uri, &diagnostics[0]);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(
        fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    let (text, edits) = apply_action(ARTICLE, fix, true);
    assert!(text.starts_with("date 2026-03-09 5120\n"));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect::<Vec<_>>(),
        }),
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    assert_eq!(
        rules(&diagnostics),
        ["unbalanced-quote", "duplicate-paragraph"]
    );

    // "Disable for this line" on the repeated paragraph inserts the suppression comment.
    let actions = code_actions(&mut client, &uri, &diagnostics[1]);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "disable duplicate-paragraph for this line")
        .expect("a disable action");
    let (text, edits) = apply_action(&text, disable, true);
    assert!(text.contains(
        "on Monday.\n<!-- wirelint-disable-next-line duplicate-paragraph -->\nThe first crossing"
    ));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}],
        }),
    );
    assert_eq!(
        rules(&client.diagnostics(&uri, Some(3))),
        ["unbalanced-quote"]
    );

    // A whole-text change (full sync) is taken too.
    let closed = text.replace("patiently.", "patiently.”");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": closed}]}),
    );
    assert_eq!(client.diagnostics(&uri, Some(4)), Vec::<Value>::new());

    // Closing clears the document's diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(client.diagnostics(&uri, None), Vec::<Value>::new());
    assert!(client.shut_down().success());
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (dir, uri) = workspace();
    let mut client = Client::start(dir.path());
    let result = client.initialize(
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        dir.path(),
    );
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    open(&mut client, &uri, ARTICLE);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let line = ARTICLE.lines().nth(3).unwrap();
    assert_eq!(
        diagnostics[1]["range"]["start"]["character"],
        line.rfind('“').unwrap()
    );
    // Without versioned edits, a fix comes as `changes`.
    let actions = code_actions(&mut client, &uri, &diagnostics[2]);
    let fix = actions.iter().find(|a| a["isPreferred"] == true).unwrap();
    let (text, _) = apply_action(ARTICLE, fix, false);
    assert_eq!(text.matches("The first crossing").count(), 1);
    assert!(client.shut_down().success());
}

#[test]
fn the_config_is_reloaded_and_a_broken_one_is_shown_on_the_config_file() {
    let (dir, uri) = workspace();
    let config = dir.path().join("wirelint.toml");
    let config_uri = file_uri(&config);
    std::fs::write(&config, "[rules]\nduplicate-paragraph = \"off\"\n").unwrap();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), dir.path());
    open(&mut client, &uri, ARTICLE);
    assert_eq!(
        rules(&client.diagnostics(&uri, Some(1))),
        ["malformed-header", "unbalanced-quote"]
    );

    // A broken config: an error on the config file, and the last good config still applies.
    std::fs::write(&config, "[rules]\nduplicate-paragraph = \"of\"\n").unwrap();
    let changed = json!({"changes": [{"uri": config_uri, "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    let problems = client.diagnostics(&config_uri, None);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0]["range"]["start"]["line"], 1);
    assert_eq!(problems[0]["severity"], 1);
    assert_eq!(
        rules(&client.diagnostics(&uri, Some(1))),
        ["malformed-header", "unbalanced-quote"]
    );

    // Repaired: the problem is cleared and the new config applies.
    std::fs::write(&config, "[rules]\nmalformed-header = \"off\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed);
    assert_eq!(client.diagnostics(&config_uri, None), Vec::<Value>::new());
    assert_eq!(
        rules(&client.diagnostics(&uri, Some(1))),
        ["unbalanced-quote", "duplicate-paragraph"]
    );
    assert!(client.shut_down().success());
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let (dir, _) = workspace();
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), dir.path());
    client.notify("exit", Value::Null);
    client.stdin = None;
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn other_formats_are_linted_in_file_positions_and_other_json_is_left_alone() {
    let (dir, _) = workspace();
    let markdown = "---\ntitle: Ferry Service Resumes\ndate: 2026-03-09\n---\n\nThe island ferry sailed again on Monday after three days of storms, the operator said.\n\nThe first crossing carried 120 passengers and 40 cars, the harbour master said on Monday.\n\nThe first crossing carried 120 passengers and 40 cars, the harbour master said on Monday.\n";
    let uri = file_uri(&dir.path().join("ferry.md"));
    let mut client = Client::start(dir.path());
    client.initialize(json!({}), dir.path());
    open(&mut client, &uri, markdown);
    let diagnostics = client.diagnostics(&uri, Some(1));
    assert_eq!(rules(&diagnostics), ["duplicate-paragraph"]);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 9);
    let actions = code_actions(&mut client, &uri, &diagnostics[0]);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "disable duplicate-paragraph for this line")
        .expect("Markdown has comments");
    let (text, _) = apply_action(markdown, disable, true);
    assert!(text.ends_with(
        "<!-- wirelint-disable-next-line duplicate-paragraph -->\nThe first crossing carried 120 passengers and 40 cars, the harbour master said on Monday.\n"
    ));

    // An editor opens any JSON file; one that is no ninjs article gets no diagnostics.
    let json_uri = file_uri(&dir.path().join("package.json"));
    open(
        &mut client,
        &json_uri,
        "{\"name\": \"pkg\", \"version\": \"1.0.0\"}\n",
    );
    assert_eq!(client.diagnostics(&json_uri, Some(1)), Vec::<Value>::new());
    assert!(client.shut_down().success());
}
