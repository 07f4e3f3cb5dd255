//! The reader's colours, in one place.

use ratatui::style::{Color, Modifier, Style};

/// The article title in the text pane.
pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// Outlet, date and link under the title.
pub fn meta() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// A person's mention.
pub fn person() -> Style {
    Style::default().fg(Color::Cyan)
}

/// An organisation's, group's or country's mention.
pub fn actor() -> Style {
    Style::default().fg(Color::Blue)
}

/// A place's mention.
pub fn place() -> Style {
    Style::default().fg(Color::Green)
}

/// A count.
pub fn number() -> Style {
    Style::default().fg(Color::Yellow)
}

/// An event trigger.
pub fn trigger() -> Style {
    Style::default().fg(Color::Magenta)
}

/// The mentions of the selected summary item.
pub fn selected_mention() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// The cursor row or selected item in the pane with focus.
pub fn cursor() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

/// The cursor row of a pane without focus.
pub fn cursor_unfocused() -> Style {
    Style::default().bg(Color::DarkGray)
}

/// An unread article's title.
pub fn unread() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

/// Section headings, pane titles and the status line's labels.
pub fn heading() -> Style {
    Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// Errors on the status line.
pub fn error() -> Style {
    Style::default().fg(Color::Red)
}

/// The status line's background.
pub fn status() -> Style {
    Style::default().bg(Color::DarkGray).fg(Color::White)
}
