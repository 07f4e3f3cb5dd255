//! Plain-text tables for the commands' output, aligned by display width.

use khabar::tui::bidi::text_width;
use std::fmt;

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
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out) + text_width(&c.to_string()) >= width {
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
            .map(|i| lines.iter().map(|l| text_width(&l[i])).max().unwrap_or(0))
            .collect();
        for line in &lines {
            let mut text = String::new();
            for (i, cell) in line.iter().enumerate() {
                text.push_str(cell);
                if i + 1 < N {
                    text.push_str(&" ".repeat(widths[i] - text_width(cell) + 2));
                }
            }
            writeln!(f, "{}", text.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_after_a_lam_alef_line_up() {
        let mut table = Table::new(["feed", "url"]);
        table.row(["لا".to_string(), "https://a.example/".to_string()]);
        table.row(["لم".to_string(), "https://b.example/".to_string()]);
        let text = table.to_string();
        let columns: Vec<usize> = text
            .lines()
            .map(|line| text_width(&line[..line.find("http").unwrap_or(line.len())]))
            .skip(1)
            .collect();
        assert_eq!(columns[0], columns[1], "{text}");
    }
}
