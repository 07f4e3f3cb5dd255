//! The reader in a real terminal: raw mode and the alternate screen (restored on quit, on a
//! panic, on Ctrl-C and on SIGTERM or SIGHUP), the event loop, and refreshes in a background task whose progress
//! streams into the app while it keeps drawing.

use super::app::{App, Command};
use crate::config::{BidiMode, Config};
use crate::refresh::{RefreshEvent, refresh};
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use khabar_extract::Engine;
use khabar_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tokio::sync::mpsc;

/// VTE's "BiDi off" (`CSI 8 l`): the app lays out RTL text itself, so the terminal must not
/// reorder it a second time.
const BIDI_OFF: &str = "\x1b[8l";
/// VTE's default implicit BiDi (`CSI 8 h`), given back on exit.
const BIDI_ON: &str = "\x1b[8h";

/// Opens the reader on `store` (a connection of its own to `db_path`) and runs it until the
/// user quits. A refresh of every feed starts at once in the background.
pub fn run(store: Store, config: Config, db_path: PathBuf) -> anyhow::Result<()> {
    let mut app = App::new(store, &config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    // Raw mode, the alternate screen, and a panic hook that restores the terminal before the
    // panic message is printed.
    let mut terminal = ratatui::try_init().map_err(|err| {
        ratatui::restore();
        anyhow::anyhow!("the reader needs a terminal: {err}")
    })?;
    let app_bidi = config.display.bidi == BidiMode::App;
    if app_bidi {
        send(BIDI_OFF);
    }
    let result = runtime.block_on(event_loop(&mut terminal, &mut app, config, db_path));
    ratatui::restore();
    if app_bidi {
        send(BIDI_ON);
    }
    runtime.shutdown_background();
    result
}

/// Writes a control sequence to the terminal.
fn send(sequence: &str) {
    let mut out = std::io::stdout();
    // Best effort: a terminal that cannot take it has nothing to restore either.
    let _ = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
}

/// Why the loop woke up.
enum Wake {
    Key(Option<std::io::Result<Event>>),
    Data,
    Refresh(RefreshEvent),
    RefreshFailed(String),
    Interrupt,
}

/// Resolves when the process is asked to stop: Ctrl-C (SIGINT), SIGTERM (`kill`) or SIGHUP (the
/// terminal closed). The loop then returns normally, so the terminal is restored. The handlers
/// are installed at the call (inside the runtime), not at the first poll.
fn stop_requested() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let term = signal(SignalKind::terminate());
    let hangup = signal(SignalKind::hangup());
    async move {
        match (term, hangup) {
            (Ok(mut term), Ok(mut hangup)) => tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hangup.recv() => {}
            },
            // No handlers: Ctrl-C alone still stops the reader cleanly.
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

/// Draws, waits for a key, a refresh event or a stop signal, and does what the app asks.
async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    config: Config,
    db_path: PathBuf,
) -> anyhow::Result<()> {
    let config = Arc::new(config);
    let engine = Arc::new(OnceLock::new());
    let (events_tx, mut events_rx) = mpsc::unbounded_channel();
    let (failed_tx, mut failed_rx) = mpsc::unbounded_channel();
    let mut keys = EventStream::new();
    // Installed once, before the first draw, so a signal at any time afterwards is caught.
    let stop = stop_requested();
    tokio::pin!(stop);
    app.begin_refresh();
    spawn_refresh(&config, &db_path, &engine, &events_tx, &failed_tx);
    loop {
        terminal.draw(|frame| app.draw(frame))?;
        let wake = tokio::select! {
            key = keys.next() => Wake::Key(key),
            () = app.next_data() => Wake::Data,
            Some(event) = events_rx.recv() => Wake::Refresh(event),
            Some(error) = failed_rx.recv() => Wake::RefreshFailed(error),
            () = &mut stop => Wake::Interrupt,
        };
        match wake {
            Wake::Key(None) | Wake::Interrupt => return Ok(()),
            Wake::Key(Some(Err(err))) => return Err(err.into()),
            Wake::Key(Some(Ok(Event::Key(key)))) => match app.handle_key(key) {
                Some(Command::Quit) => return Ok(()),
                Some(Command::Refresh) => {
                    spawn_refresh(&config, &db_path, &engine, &events_tx, &failed_tx)
                }
                Some(Command::OpenLink(url)) => {
                    if let Err(err) = open::that_detached(&url) {
                        tracing::warn!("cannot open {url}: {err}");
                        app.notify(&format!("{url}: {err}"));
                    }
                }
                None => {}
            },
            // Resizes and the rest: the next draw re-lays out. Data is already taken in.
            Wake::Key(Some(Ok(_))) | Wake::Data => {}
            Wake::Refresh(event) => {
                app.handle_refresh(event);
                // Take what else arrived meanwhile before drawing again.
                while let Ok(event) = events_rx.try_recv() {
                    app.handle_refresh(event);
                }
            }
            Wake::RefreshFailed(error) => app.refresh_failed(&error),
        }
    }
}

/// Starts a refresh of every feed in the background; the engine is loaded once, off the
/// async threads.
fn spawn_refresh(
    config: &Arc<Config>,
    db_path: &Path,
    engine: &Arc<OnceLock<Arc<Engine>>>,
    events: &mpsc::UnboundedSender<RefreshEvent>,
    failed: &mpsc::UnboundedSender<String>,
) {
    let (config, db_path, engine) = (config.clone(), db_path.to_path_buf(), engine.clone());
    let (events, failed) = (events.clone(), failed.clone());
    tokio::spawn(async move {
        let loaded = tokio::task::spawn_blocking(move || {
            engine.get_or_init(|| Arc::new(Engine::new())).clone()
        })
        .await;
        let result = match loaded {
            Ok(engine) => refresh(&config, &db_path, engine, events).await.map(drop),
            Err(err) => Err(err.into()),
        };
        if let Err(err) = result {
            tracing::error!("refresh failed: {err:#}");
            let _ = failed.send(format!("{err:#}"));
        }
    });
}
