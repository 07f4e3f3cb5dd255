//! Right-to-left text on a terminal that does no BiDi: wrap in logical order, then reorder each
//! line to visual order by grapheme cluster, mirror brackets and right-align RTL lines.
//!
//! Widths are those ratatui draws with: the sum of each grapheme cluster's cell width, so `لا`
//! (two clusters) is two cells although `unicode-width` measures the pair as one. Styles are
//! carried per cluster, so highlights survive the reordering.

use ratatui::buffer::CellWidth;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_segmentation::UnicodeSegmentation;

/// How laid-out text is ordered on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order {
    /// The app reorders each line to visual order and right-aligns RTL paragraphs (for
    /// terminals that do no BiDi).
    Visual,
    /// Logical order, left-aligned: the terminal reorders (or nobody does).
    Logical,
}

/// The direction of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    /// From its first strong character (Unicode rules P2–P3), left-to-right when it has none.
    Auto,
    /// Right-to-left whatever it starts with (the reader's own Arabic labels).
    Rtl,
}

/// A piece of text in one style. `mark` flags the pieces a caller wants to find again after
/// layout (e.g. the mentions of the selected summary item).
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The text; `\n` starts a new paragraph.
    pub text: &'a str,
    /// The style of every cluster of the text.
    pub style: Style,
    /// Whether the lines holding this text are reported as marked.
    pub mark: bool,
}

impl<'a> Run<'a> {
    /// An unmarked run.
    pub fn new(text: &'a str, style: Style) -> Run<'a> {
        Run {
            text,
            style,
            mark: false,
        }
    }
}

/// One screen line, in the order it is drawn, padded on the left when right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct VisualLine {
    /// The spans, left to right as drawn.
    pub line: Line<'static>,
    /// Whether the line holds a marked run.
    pub marked: bool,
}

/// The cell width ratatui draws `text` with (sum over grapheme clusters, controls dropped).
pub fn text_width(text: &str) -> usize {
    text.graphemes(true).map(cluster_width).sum()
}

/// The cell width of one grapheme cluster as ratatui's buffer measures it.
fn cluster_width(cluster: &str) -> usize {
    if cluster.contains(char::is_control) {
        0
    } else {
        usize::from(cluster.cell_width())
    }
}

/// A grapheme cluster of the text being laid out.
struct Cluster {
    /// Byte range in the joined text.
    bytes: Range<usize>,
    width: usize,
    style: Style,
    mark: bool,
    space: bool,
}

/// Lays `runs` out to `width` cells: paragraphs at `\n`, word-wrapped in logical order, then
/// (in [`Order::Visual`]) reordered and right-aligned when the paragraph is right-to-left.
pub fn layout(runs: &[Run<'_>], width: u16, order: Order) -> Vec<VisualLine> {
    layout_with_base(runs, width, order, Base::Auto)
}

/// [`layout`] with the paragraph direction given.
pub fn layout_with_base(runs: &[Run<'_>], width: u16, order: Order, base: Base) -> Vec<VisualLine> {
    let width = usize::from(width);
    if width == 0 {
        return Vec::new();
    }
    let (text, clusters) = clusters_of(runs);
    let mut lines = Vec::new();
    let mut para_start = 0;
    for i in 0..=clusters.len() {
        let end_of_para = i == clusters.len() || &text[clusters[i].bytes.clone()] == "\n";
        if end_of_para {
            let para = &clusters[para_start..i];
            lay_paragraph(&text, para, width, order, base, &mut lines);
            para_start = i + 1;
        }
    }
    lines
}

/// One line of `text` fitted to `width` cells: cut with `…` at its logical end when too long,
/// then ordered as [`layout`] does (an RTL line ends up right-aligned in the width).
pub fn fit(text: &str, style: Style, width: u16, order: Order, base: Base) -> Line<'static> {
    let max = usize::from(width);
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect();
    let cut = truncate(&one_line, max);
    layout_with_base(&[Run::new(&cut, style)], width, order, base)
        .into_iter()
        .next()
        .map(|l| l.line)
        .unwrap_or_default()
}

/// `text` cut to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = cluster_width(g);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to at most `max` cells at a word boundary, ending with `…` when something was
/// cut (mid-word only when its first word alone is too wide).
pub fn truncate_at_word(text: &str, max: usize) -> String {
    let cut = truncate(text, max);
    let Some(kept) = cut.strip_suffix('…') else {
        return cut;
    };
    // Where the kept part stops inside a word, drop that partial word.
    let next_is_space = text[kept.len()..].starts_with(char::is_whitespace);
    match kept.trim_end().rfind(char::is_whitespace) {
        Some(space) if !next_is_space => format!("{}…", kept[..space].trim_end()),
        _ => format!("{}…", kept.trim_end()),
    }
}

/// Joins the runs and splits them into grapheme clusters, each with the style of the run
/// holding its first byte. Tabs become spaces.
fn clusters_of(runs: &[Run<'_>]) -> (String, Vec<Cluster>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(runs.len());
    for run in runs {
        starts.push(text.len());
        text.push_str(&run.text.replace('\t', " "));
    }
    let mut clusters = Vec::new();
    let mut run = 0;
    for (at, g) in text.grapheme_indices(true) {
        while run + 1 < runs.len() && starts[run + 1] <= at {
            run += 1;
        }
        let (style, mark) = runs
            .get(run)
            .map_or((Style::default(), false), |r| (r.style, r.mark));
        clusters.push(Cluster {
            bytes: at..at + g.len(),
            width: cluster_width(g),
            style,
            mark,
            space: g.chars().all(char::is_whitespace) && g != "\n",
        });
    }
    (text, clusters)
}

/// Wraps one paragraph and pushes its lines.
fn lay_paragraph(
    text: &str,
    para: &[Cluster],
    width: usize,
    order: Order,
    base: Base,
    out: &mut Vec<VisualLine>,
) {
    let ranges = wrap(para, width);
    let (Some(first), Some(last)) = (para.first(), para.last()) else {
        out.push(VisualLine {
            line: Line::default(),
            marked: false,
        });
        return;
    };
    let origin = first.bytes.start;
    let para_text = &text[origin..last.bytes.end];
    let bidi = match order {
        Order::Visual => Some(ParagraphBidiInfo::new(
            para_text,
            (base == Base::Rtl).then(Level::rtl),
        )),
        Order::Logical => None,
    };
    for range in ranges {
        let line = &para[range];
        let marked = line.iter().any(|c| c.mark);
        let mut cells: Vec<(&str, Style)> = Vec::with_capacity(line.len());
        let mut pad = 0;
        match &bidi {
            Some(info) if (info.has_rtl() || info.paragraph_level.is_rtl()) && !line.is_empty() => {
                let bytes = line[0].bytes.start - origin..line[line.len() - 1].bytes.end - origin;
                let levels = info.reordered_levels(bytes);
                let cluster_levels: Vec<Level> = line
                    .iter()
                    .map(|c| levels[c.bytes.start - origin])
                    .collect();
                for i in ParagraphBidiInfo::reorder_visual(&cluster_levels) {
                    let symbol = &text[line[i].bytes.clone()];
                    let symbol = if cluster_levels[i].is_rtl() {
                        mirror(symbol)
                    } else {
                        symbol
                    };
                    cells.push((symbol, line[i].style));
                }
                if info.paragraph_level.is_rtl() {
                    pad = width.saturating_sub(line.iter().map(|c| c.width).sum());
                }
            }
            _ => cells.extend(line.iter().map(|c| (&text[c.bytes.clone()], c.style))),
        }
        out.push(VisualLine {
            line: spans_of(pad, &cells),
            marked,
        });
    }
}

/// Merges neighbouring cells of one style into spans, after `pad` spaces.
fn spans_of(pad: usize, cells: &[(&str, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    if pad > 0 {
        spans.push(Span::raw(" ".repeat(pad)));
    }
    let mut current = String::new();
    let mut style = None;
    for &(symbol, s) in cells {
        if style != Some(s) {
            if let Some(prev) = style {
                spans.push(Span::styled(std::mem::take(&mut current), prev));
            }
            style = Some(s);
        }
        current.push_str(symbol);
    }
    if let Some(prev) = style {
        spans.push(Span::styled(current, prev));
    }
    Line::from(spans)
}

/// Greedy word wrap in logical order: cluster index ranges of each line, without the spaces at
/// the break. A word longer than the width is cut between clusters.
fn wrap(para: &[Cluster], width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // The index just after the last space of the current line, and the width up to it.
    let mut last_break: Option<(usize, usize)> = None;
    for (i, c) in para.iter().enumerate() {
        if c.space {
            if used == 0 && i == start && !lines.is_empty() {
                start = i + 1; // no leading spaces on a continuation line
                continue;
            }
            used += c.width;
            last_break = Some((i + 1, used));
            continue;
        }
        if used + c.width > width {
            match last_break {
                Some((b, w)) if b > start => {
                    lines.push(trim_end(para, start..b));
                    start = b;
                    used -= w;
                }
                _ => {
                    if i > start {
                        lines.push(trim_end(para, start..i));
                    }
                    start = i;
                    used = 0;
                }
            }
            last_break = None;
        }
        used += c.width;
    }
    if start < para.len() || lines.is_empty() {
        lines.push(trim_end(para, start..para.len()));
    }
    lines
}

/// The range without its trailing spaces.
fn trim_end(para: &[Cluster], mut range: Range<usize>) -> Range<usize> {
    while range.end > range.start && para[range.end - 1].space {
        range.end -= 1;
    }
    range
}

/// The mirrored form of a bracket or quote drawn in a right-to-left run.
fn mirror(symbol: &str) -> &str {
    match symbol {
        "(" => ")",
        ")" => "(",
        "[" => "]",
        "]" => "[",
        "{" => "}",
        "}" => "{",
        "«" => "»",
        "»" => "«",
        "<" => ">",
        ">" => "<",
        "‹" => "›",
        "›" => "‹",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a laid-out line as drawn, padding included.
    fn drawn(line: &VisualLine) -> String {
        line.line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    fn lay(text: &str, width: u16) -> Vec<String> {
        layout(&[Run::new(text, Style::default())], width, Order::Visual)
            .iter()
            .map(drawn)
            .collect()
    }

    /// Reverses by grapheme cluster (what a reader expects to see for a pure RTL word).
    fn reversed(word: &str) -> String {
        word.graphemes(true).rev().collect()
    }

    #[test]
    fn pure_arabic_reads_right_to_left_and_is_right_aligned() {
        let lines = lay("قصف مدينة حمص", 20);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        // The first logical word is at the right end, the last at the left.
        assert!(line.ends_with(&reversed("قصف")), "{line:?}");
        assert!(line.trim_start().starts_with(&reversed("حمص")), "{line:?}");
        assert_eq!(text_width(line), 20);
    }

    #[test]
    fn wrapping_happens_in_logical_order() {
        let lines = lay("قصف مدينة حمص اليوم", 10);
        // "قصف مدينة" fills the first line, "حمص اليوم" the second.
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with(&reversed("قصف")));
        assert!(lines[0].contains(&reversed("مدينة")));
        assert!(lines[1].ends_with(&reversed("حمص")));
        assert!(lines.iter().all(|l| text_width(l) == 10));
    }

    #[test]
    fn digits_keep_their_reading_order() {
        let lines = lay("400 مقاتل", 9);
        assert_eq!(lines[0], format!("{} 400", reversed("مقاتل")));
    }

    #[test]
    fn latin_runs_keep_their_reading_order() {
        let lines = lay("وكالة AFP", 9);
        assert_eq!(lines[0], format!("AFP {}", reversed("وكالة")));
    }

    #[test]
    fn brackets_and_guillemets_are_mirrored() {
        let lines = lay("قال (الوزير) «نعم»", 18);
        let expected = format!(
            "«{}» ({}) {}",
            reversed("نعم"),
            reversed("الوزير"),
            reversed("قال")
        );
        assert_eq!(lines[0], expected);
    }

    #[test]
    fn harakat_stay_on_their_letter() {
        let lines = lay("مُحَمَّد", 4);
        let clusters: Vec<&str> = lines[0].graphemes(true).collect();
        assert_eq!(clusters, vec!["د", "مَّ", "حَ", "مُ"]);
    }

    #[test]
    fn lam_alef_counts_two_cells_as_ratatui_draws_it() {
        assert_eq!(text_width("لا"), 2);
        assert_eq!(text_width("سلام"), 4);
        // Right-aligned in 6 cells: two cells of padding, then the four letters.
        let lines = lay("سلام", 6);
        assert_eq!(lines[0], format!("  {}", reversed("سلام")));
    }

    #[test]
    fn ratatui_draws_a_laid_out_line_in_exactly_the_width_measured() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let lines = layout(&[Run::new("لا سلام", Style::default())], 9, Order::Visual);
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 1));
        buf.set_line(0, 0, &lines[0].line, 9);
        let cells: Vec<&str> = (0..9).map(|x| buf[(x, 0)].symbol()).collect();
        // Two cells of padding, then the words right to left: لا at the right end.
        assert_eq!(cells, [" ", " ", "م", "ا", "ل", "س", " ", "ا", "ل"]);
    }

    #[test]
    fn latin_paragraphs_are_left_aligned_and_untouched() {
        assert_eq!(lay("Reuters (London)", 20), vec!["Reuters (London)"]);
    }

    #[test]
    fn logical_order_keeps_the_text_as_stored() {
        let lines = layout(
            &[Run::new("قصف (حمص)", Style::default())],
            20,
            Order::Logical,
        );
        assert_eq!(drawn(&lines[0]), "قصف (حمص)");
    }

    #[test]
    fn styles_follow_their_clusters_through_the_reorder() {
        let red = Style::default().fg(ratatui::style::Color::Red);
        let runs = [
            Run::new("قصف ", Style::default()),
            Run {
                text: "حمص",
                style: red,
                mark: true,
            },
            Run::new(" اليوم", Style::default()),
        ];
        let lines = layout(&runs, 20, Order::Visual);
        assert!(lines[0].marked);
        let red_span = lines[0].line.spans.iter().find(|s| s.style == red).unwrap();
        assert_eq!(red_span.content, reversed("حمص"));
    }

    #[test]
    fn a_forced_rtl_paragraph_puts_its_latin_start_at_the_right() {
        let lines = layout_with_base(
            &[Run::new("q خروج", Style::default())],
            8,
            Order::Visual,
            Base::Rtl,
        );
        assert_eq!(drawn(&lines[0]), format!("  {} q", reversed("خروج")));
    }

    #[test]
    fn paragraphs_and_long_words() {
        let lines = lay("abcdefgh\n\nxy", 4);
        assert_eq!(lines, vec!["abcd", "efgh", "", "xy"]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_at_the_logical_end() {
        let line = fit(
            "مدينة حمص القديمة",
            Style::default(),
            8,
            Order::Visual,
            Base::Auto,
        );
        let s: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text_width(&s), 8);
        assert!(s.starts_with('…'), "{s:?}");
        assert!(s.ends_with(&reversed("مدينة")));
    }

    #[test]
    fn truncating_at_a_word_never_cuts_one() {
        let error = "HTTP 404 Not Found";
        assert_eq!(truncate_at_word(error, 18), error);
        assert_eq!(truncate_at_word(error, 15), "HTTP 404 Not…");
        assert_eq!(truncate_at_word(error, 13), "HTTP 404 Not…");
        assert_eq!(truncate_at_word(error, 12), "HTTP 404…");
        assert_eq!(truncate_at_word("Unreachable", 6), "Unrea…");
    }
}
