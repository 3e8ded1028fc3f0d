//! `wirelint server`: a language server over standard input and output. The same engine as the
//! command line, one open document at a time: diagnostics as the writer types (debounced),
//! code actions for the safe fixes and the inline suppressions, the config found from each
//! document's path and read again when it changes.
//!
//! Built on `lsp-server` (transport and message loop, the scaffold rust-analyzer runs on) and
//! `lsp-types` (the protocol's types): synchronous, so the loop is plain code and a lint, well
//! under a millisecond, runs in place.

mod actions;
mod configs;
mod diagnostics;
mod document;
mod position;
mod uri;

pub use actions::suppression_comment;
pub use diagnostics::rule_docs_url;

use crate::config::CONFIG_FILE_NAME;
use crate::source::io_message;
use actions::{ActionOptions, FIX_ALL, code_actions};
use configs::{ConfigReport, Configs};
use diagnostics::{Placing, to_lsp};
use document::Document;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Initialized, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use position::{Encoding, LineMap};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// How long after the last change a document is linted, unless the client's
/// `initializationOptions` give `debounceMs`.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(50);

/// Why the server stopped other than by the protocol's `shutdown` and `exit`.
#[derive(Debug, Error)]
pub enum ServerError {
    /// The client broke the protocol, or the connection failed.
    #[error("{0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// Reading or writing the standard streams failed.
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
    /// The client sent `exit` without `shutdown`.
    #[error("the client exited without asking the server to shut down")]
    NoShutdown,
    /// The connection closed before `shutdown` and `exit`.
    #[error("the connection to the client closed")]
    Disconnected,
}

/// Serve the protocol on standard input and output until the client shuts the server down.
/// `config` is the `--config` file, used for every document instead of the nearest
/// `wirelint.toml`.
pub fn run_stdio(config: Option<PathBuf>) -> Result<(), ServerError> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection, config)?;
    io_threads.join()?;
    Ok(())
}

/// Serve the protocol on `connection` until the client shuts the server down.
pub fn serve(connection: Connection, config: Option<PathBuf>) -> Result<(), ServerError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_else(|error| {
        eprintln!("wirelint server: unreadable initialize parameters ({error}); using defaults");
        InitializeParams::default()
    });
    let mut server = Server::new(&params, config);
    let result = serde_json::json!({
        "capabilities": server.capabilities(),
        "serverInfo": ServerInfo {
            name: "wirelint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection.initialize_finish(id, result)?;
    server.main_loop(&connection)
}

/// The server's state between messages.
struct Server {
    encoding: Encoding,
    /// Whether the client takes versioned document edits.
    versioned_edits: bool,
    /// Whether the client lets the server register a file watcher for config files.
    watch_configs: bool,
    debounce: Duration,
    /// The first workspace folder: where documents without a path find their config.
    workspace: Option<PathBuf>,
    configs: Configs,
    documents: HashMap<Uri, Document>,
    next_request: u32,
}

impl Server {
    fn new(params: &InitializeParams, explicit: Option<PathBuf>) -> Server {
        let capabilities = &params.capabilities;
        let offered = capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref());
        let workspace = capabilities.workspace.as_ref();
        let debounce = params
            .initialization_options
            .as_ref()
            .and_then(|options| options.get("debounceMs"))
            .and_then(serde_json::Value::as_u64)
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
        #[allow(deprecated)] // `rootUri`, for clients that send no workspace folders
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|folders| folders.first())
            .map(|folder| &folder.uri)
            .or(params.root_uri.as_ref());
        Server {
            encoding: Encoding::negotiate(offered),
            versioned_edits: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            watch_configs: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|watch| watch.dynamic_registration)
                .unwrap_or(false),
            debounce,
            workspace: root.and_then(uri::to_path),
            configs: Configs::new(explicit.and_then(|path| std::path::absolute(path).ok())),
            documents: HashMap::new(),
            next_request: 0,
        }
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::from(FIX_ALL),
                ]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        }
    }

    fn main_loop(&mut self, connection: &Connection) -> Result<(), ServerError> {
        loop {
            let due = self.documents.values().filter_map(|d| d.due).min();
            let message = match due {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match connection.receiver.recv_timeout(wait) {
                        Ok(message) => Some(message),
                        Err(error) if error.is_timeout() => None,
                        Err(_) => return Err(ServerError::Disconnected),
                    }
                }
                None => match connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return Err(ServerError::Disconnected),
                },
            };
            match message {
                None => self.lint_due(connection)?,
                Some(Message::Request(request)) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.request(connection, request)?;
                }
                Some(Message::Notification(notification)) if notification.method == "exit" => {
                    return Err(ServerError::NoShutdown);
                }
                Some(Message::Notification(notification)) => {
                    self.notification(connection, notification)?;
                }
                // Answers to our `client/registerCapability`: nothing to do either way.
                Some(Message::Response(_)) => {}
            }
        }
    }

    fn request(&mut self, connection: &Connection, request: Request) -> Result<(), ServerError> {
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => match params::<CodeActionParams>(request.params) {
                Ok(params) => {
                    let uri = params.text_document.uri;
                    // Answer on the current text: lint it now if a change is still pending.
                    if self.documents.get(&uri).is_some_and(Document::is_stale) {
                        self.lint(connection, &uri)?;
                    }
                    let options = ActionOptions {
                        encoding: self.encoding,
                        versioned: self.versioned_edits,
                    };
                    let actions = match self.documents.get(&uri) {
                        Some(document) => {
                            let config = self
                                .configs
                                .for_document(document.path.as_deref(), self.workspace.as_deref());
                            code_actions(
                                document,
                                &config,
                                params.range,
                                params.context.only.as_deref(),
                                options,
                            )
                        }
                        None => Vec::new(),
                    };
                    Response::new_ok(request.id, actions)
                }
                Err(error) => Response::new_err(request.id, ErrorCode::InvalidParams as i32, error),
            },
            method => Response::new_err(
                request.id,
                ErrorCode::MethodNotFound as i32,
                format!("wirelint does not handle `{method}`"),
            ),
        };
        send(connection, response.into())
    }

    fn notification(
        &mut self,
        connection: &Connection,
        notification: Notification,
    ) -> Result<(), ServerError> {
        let method = notification.method.as_str();
        let data = notification.params;
        match method {
            Initialized::METHOD => self.watch_config_files(connection),
            DidOpenTextDocument::METHOD => {
                let Ok(params) = params::<DidOpenTextDocumentParams>(data) else {
                    return Ok(());
                };
                let item = params.text_document;
                let path = uri::to_path(&item.uri);
                if path.as_deref().is_some_and(is_config_file) {
                    return Ok(());
                }
                let uri = item.uri.clone();
                let document = Document::new(item.uri, path, item.version, item.text);
                self.documents.insert(uri.clone(), document);
                self.lint(connection, &uri)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = params::<DidChangeTextDocumentParams>(data) else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                let Some(document) = self.documents.get_mut(&uri) else {
                    return Ok(());
                };
                let version = params.text_document.version;
                document.apply(version, params.content_changes, self.encoding);
                if self.debounce.is_zero() {
                    self.lint(connection, &uri)
                } else {
                    document.due = Some(Instant::now() + self.debounce);
                    Ok(())
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(params) = params::<DidSaveTextDocumentParams>(data) else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                match uri::to_path(&uri) {
                    Some(path) if is_config_file(&path) => {
                        self.configs.invalidate(&path);
                        self.lint_all(connection)
                    }
                    _ => self.lint(connection, &uri),
                }
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = params::<DidCloseTextDocumentParams>(data) else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                if self.documents.remove(&uri).is_some() {
                    publish(connection, uri, Vec::new(), None)?;
                }
                Ok(())
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(params) = params::<DidChangeWatchedFilesParams>(data) else {
                    return Ok(());
                };
                for change in params.changes {
                    if let Some(path) = uri::to_path(&change.uri) {
                        self.configs.invalidate(&path);
                    }
                }
                self.lint_all(connection)
            }
            _ => Ok(()),
        }
    }

    /// Ask the client to tell the server when a config file changes, when it can.
    fn watch_config_files(&mut self, connection: &Connection) -> Result<(), ServerError> {
        if !self.watch_configs {
            return Ok(());
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE_NAME}")),
                kind: None,
            }],
        };
        let registration = RegistrationParams {
            registrations: vec![Registration {
                id: "wirelint-config-files".to_string(),
                method: DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_request += 1;
        let id = RequestId::from(format!("wirelint-{}", self.next_request));
        let request = Request::new(id, RegisterCapability::METHOD.to_string(), registration);
        send(connection, request.into())
    }

    /// Lint the document `uri` and publish its diagnostics, and any change in the problems of
    /// the config files.
    fn lint(&mut self, connection: &Connection, uri: &Uri) -> Result<(), ServerError> {
        let Some(document) = self.documents.get_mut(uri) else {
            return Ok(());
        };
        let config = self
            .configs
            .for_document(document.path.as_deref(), self.workspace.as_deref());
        document.lint(&config);
        let at = Placing {
            uri,
            text: document.text(),
            lines: document.lines(),
            encoding: self.encoding,
        };
        let diagnostics = document.diagnostics().iter().map(|d| to_lsp(d, &at));
        publish(
            connection,
            uri.clone(),
            diagnostics.collect(),
            Some(document.version),
        )?;
        for report in self.configs.take_reports() {
            self.publish_config_report(connection, report)?;
        }
        Ok(())
    }

    /// Lint the documents whose debounce time has come.
    fn lint_due(&mut self, connection: &Connection) -> Result<(), ServerError> {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .documents
            .values()
            .filter(|d| d.due.is_some_and(|due| due <= now))
            .map(|d| d.uri.clone())
            .collect();
        for uri in due {
            self.lint(connection, &uri)?;
        }
        Ok(())
    }

    /// Lint every open document again (after a config file changed).
    fn lint_all(&mut self, connection: &Connection) -> Result<(), ServerError> {
        let mut uris: Vec<Uri> = self.documents.keys().cloned().collect();
        uris.sort();
        for uri in uris {
            self.lint(connection, &uri)?;
        }
        Ok(())
    }

    fn publish_config_report(
        &self,
        connection: &Connection,
        report: ConfigReport,
    ) -> Result<(), ServerError> {
        let Some(uri) = uri::from_path(&report.path) else {
            return Ok(());
        };
        let diagnostics = match &report.problem {
            Some((source, diagnostic)) => {
                let lines = LineMap::new(source.text());
                let at = Placing {
                    uri: &uri,
                    text: source.text(),
                    lines: &lines,
                    encoding: self.encoding,
                };
                vec![to_lsp(diagnostic, &at)]
            }
            None => Vec::new(),
        };
        publish(connection, uri, diagnostics, None)
    }
}

/// Whether `path` is a config file (which the server reads as config, never lints as an article).
fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE_NAME)
}

fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|error| format!("invalid parameters: {error}"))
}

fn publish(
    connection: &Connection,
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Result<(), ServerError> {
    let params = PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    send(connection, notification.into())
}

fn send(connection: &Connection, message: Message) -> Result<(), ServerError> {
    connection
        .sender
        .send(message)
        .map_err(|_| ServerError::Disconnected)
}
