//! Plain-text tables for the commands' output, aligned by display width.

use std::fmt;
use unicode_width::UnicodeWidthStr;

/// A table of text cells, printed with its columns padded to their widest cell.
pub struct Table<const N: usize> {
    header: [String; N],
    rows: Vec<[String; N]>,
}

/// The widest a column may be before its cells are cut.
const MAX_COLUMN: usize = 60;

impl<const N: usize> Table<N> {
    /// A table with these column names.
    pub fn new(header: [&str; N]) -> Table<N> {
        Table {
            header: header.map(String::from),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: [String; N]) {
        self.rows.push(cells.map(|cell| cell.replace('\n', " ")));
    }
}

/// Cuts `text` to at most `width` display columns, marking the cut with `…`.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() >= width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

impl<const N: usize> fmt::Display for Table<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<[String; N]> = std::iter::once(&self.header)
            .chain(&self.rows)
            .map(|row| row.clone().map(|cell| cut(&cell, MAX_COLUMN)))
            .collect();
        let widths: Vec<usize> = (0..N)
            .map(|i| lines.iter().map(|l| l[i].width()).max().unwrap_or(0))
            .collect();
        for line in &lines {
            let mut text = String::new();
            for (i, cell) in line.iter().enumerate() {
                text.push_str(cell);
                if i + 1 < N {
                    text.push_str(&" ".repeat(widths[i] - cell.width() + 2));
                }
            }
            writeln!(f, "{}", text.trim_end())?;
        }
        Ok(())
    }
}
