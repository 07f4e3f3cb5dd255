//! The reader in a real terminal: raw mode and the alternate screen (restored on quit, on a
//! panic, on Ctrl-C and on SIGTERM or SIGHUP), and the event loop that turns keys, resizes,
//! database answers and refresh progress into [`Event`]s for [`App::update`] and carries out
//! the [`Effect`]s it returns: queries go to the database thread, refreshes run in a
//! background task whose progress streams into the app while it keeps drawing.

use super::app::App;
use super::data::Database;
use super::event::{Effect, Event};
use super::keys::Action;
use crate::config::{BidiMode, Config};
use crate::refresh::{RefreshEvent, refresh};
use crossterm::event::{Event as CrosstermEvent, EventStream};
use futures::StreamExt;
use khabar_extract::Engine;
use khabar_store::Store;
use std::collections::VecDeque;
use std::io::Write;
use std::ops::ControlFlow;
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
    let mut app = App::new(&config)?;
    let mut database = Database::start(store);
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
    let result = runtime.block_on(event_loop(
        &mut terminal,
        &mut app,
        &mut database,
        config,
        db_path,
    ));
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

/// Draws, waits for a key, a database answer, a refresh event or a stop signal, and does what
/// the app asks. The first refresh starts at once.
async fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    database: &mut Database,
    config: Config,
    db_path: PathBuf,
) -> anyhow::Result<()> {
    let mut driver = Driver {
        database,
        config: Arc::new(config),
        db_path,
        engine: Arc::new(OnceLock::new()),
        progress: mpsc::unbounded_channel(),
        failed: mpsc::unbounded_channel(),
    };
    let mut keys = EventStream::new();
    // Installed once, before the first draw, so a signal at any time afterwards is caught.
    let stop = stop_requested();
    tokio::pin!(stop);
    let size = terminal.size()?;
    let mut events = vec![
        Event::Resize(size.width, size.height),
        Event::Action(Action::Refresh),
    ];
    loop {
        if driver.perform(app, events.drain(..)).is_break() {
            return Ok(());
        }
        terminal.draw(|frame| app.draw(frame))?;
        let first = tokio::select! {
            key = keys.next() => match key {
                None => return Ok(()),
                Some(Err(err)) => return Err(err.into()),
                Some(Ok(CrosstermEvent::Key(key))) => Some(Event::Key(key)),
                // A resize, or input the reader does not use.
                Some(Ok(_)) => None,
            },
            Some(reply) = driver.database.next() => Some(Event::Data(reply)),
            Some(event) = driver.progress.1.recv() => Some(Event::Refresh(event)),
            Some(error) = driver.failed.1.recv() => Some(Event::RefreshFailed(error)),
            () = &mut stop => return Ok(()),
        };
        events.extend(first);
        // What else arrived meanwhile is taken in before drawing again.
        while let Some(reply) = driver.database.try_next() {
            events.push(Event::Data(reply));
        }
        while let Ok(event) = driver.progress.1.try_recv() {
            events.push(Event::Refresh(event));
        }
        // The size is read before each frame (a resize wakes the loop), so that the frame is
        // drawn as the app laid it out.
        let size = terminal.size()?;
        events.push(Event::Resize(size.width, size.height));
    }
}

/// What carries out the app's effects: the database thread, and what refreshes need.
struct Driver<'a> {
    /// Where queries go.
    database: &'a mut Database,
    config: Arc<Config>,
    db_path: PathBuf,
    /// The engine refreshes extract with, loaded by the first one.
    engine: Arc<OnceLock<Arc<Engine>>>,
    /// Refresh progress, from the refresh tasks to the loop.
    progress: (
        mpsc::UnboundedSender<RefreshEvent>,
        mpsc::UnboundedReceiver<RefreshEvent>,
    ),
    /// Why a refresh could not run, from the refresh tasks to the loop.
    failed: (
        mpsc::UnboundedSender<String>,
        mpsc::UnboundedReceiver<String>,
    ),
}

impl Driver<'_> {
    /// Gives each event to the app and carries out what it asks (and what that asks in turn);
    /// `Break` when it asks to quit.
    fn perform(
        &mut self,
        app: &mut App,
        events: impl IntoIterator<Item = Event>,
    ) -> ControlFlow<()> {
        for event in events {
            let mut effects = VecDeque::from(app.update(event));
            while let Some(effect) = effects.pop_front() {
                match effect {
                    Effect::Query(request) => self.database.send(request),
                    Effect::OpenLink(url) => {
                        if let Err(err) = open::that_detached(&url) {
                            tracing::warn!("cannot open {url}: {err}");
                            let error = err.to_string();
                            effects.extend(app.update(Event::OpenFailed { url, error }));
                        }
                    }
                    Effect::Refresh => spawn_refresh(
                        &self.config,
                        &self.db_path,
                        &self.engine,
                        &self.progress.0,
                        &self.failed.0,
                    ),
                    Effect::Quit => return ControlFlow::Break(()),
                }
            }
        }
        ControlFlow::Continue(())
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
