//! Standard output for the commands.

use std::io::{ErrorKind, Write};

/// Writes `text` to standard output. When the reader of a pipe stops reading
/// (`khabar list | head`), the output ends quietly instead of failing.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() == ErrorKind::BrokenPipe => Ok(()),
        result => Ok(result?),
    }
}
