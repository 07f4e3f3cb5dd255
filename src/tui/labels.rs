//! The reader's words in Arabic and English (`[display] lang`).

use super::keys::Action;
use crate::config::Lang;
use khabar_extract::{ActorKind, EventType, PlaceKind, Vague};

/// Every fixed string of the screen in one language.
#[derive(Debug)]
pub struct Labels {
    /// Title of the text pane.
    pub text: &'static str,
    /// Title of the summary pane.
    pub summary: &'static str,
    /// Summary section: actors.
    pub who: &'static str,
    /// Summary section: places.
    pub place_section: &'static str,
    /// Summary section: quantities.
    pub how_many: &'static str,
    /// Summary section: events.
    pub what: &'static str,
    /// Shown when an article has no summary stored yet.
    pub no_summary: &'static str,
    /// Shown when the summary is stored but the engine found nothing in the article.
    pub nothing_found: &'static str,
    /// Shown when the list is empty and no filter is set.
    pub empty: &'static str,
    /// Shown when filters leave nothing.
    pub nothing_matches: &'static str,
    /// Filter names in the status line and picker titles.
    pub place: &'static str,
    /// Actor filter.
    pub actor: &'static str,
    /// Event filter.
    pub event: &'static str,
    /// Feed filter.
    pub feed: &'static str,
    /// Search filter.
    pub search: &'static str,
    /// Unread-only filter.
    pub unread: &'static str,
    /// Starred-only filter.
    pub starred: &'static str,
    /// Refresh in progress.
    pub refreshing: &'static str,
    /// Refresh finished.
    pub refreshed: &'static str,
    /// Failed feeds.
    pub failed: &'static str,
    /// New articles.
    pub new: &'static str,
    /// Help overlay title.
    pub help: &'static str,
    /// Key hints on the status line.
    pub hints: &'static str,
    /// A refused link.
    pub bad_link: &'static str,
    /// The picker's prompt.
    pub type_to_filter: &'static str,
    /// Title of the per-feed refresh report in the help overlay.
    pub last_refresh: &'static str,
}

const ARABIC: Labels = Labels {
    text: "النص",
    summary: "الملخص",
    who: "مَن",
    place_section: "أين",
    how_many: "كم",
    what: "ماذا حدث",
    no_summary: "لا ملخص بعد",
    nothing_found: "لم يُعثر على أسماء أو أماكن أو أعداد",
    empty: "لا أخبار بعد: اضغط r للتحديث، أو أضف مصادر بالأمر khabar feeds add",
    nothing_matches: "لا أخبار تطابق المرشحات (c للمسح)",
    place: "المكان",
    actor: "الفاعل",
    event: "الحدث",
    feed: "المصدر",
    search: "بحث",
    unread: "غير المقروء",
    starred: "المميز",
    refreshing: "تحديث",
    refreshed: "حُدّث",
    failed: "فشل",
    new: "جديد",
    help: "المفاتيح",
    hints: "? مساعدة · p مكان · a فاعل · e حدث · / بحث · q خروج",
    bad_link: "رابط غير صالح (http/https فقط)",
    type_to_filter: "اكتب للتصفية",
    last_refresh: "آخر تحديث",
};

const ENGLISH: Labels = Labels {
    text: "Text",
    summary: "Summary",
    who: "WHO",
    place_section: "WHERE",
    how_many: "HOW MANY",
    what: "WHAT HAPPENED",
    no_summary: "no summary yet",
    nothing_found: "nothing found: no names, places or numbers",
    empty: "No articles yet: press r to refresh, or add feeds with `khabar feeds add`",
    nothing_matches: "No article matches the filters (c clears them)",
    place: "place",
    actor: "actor",
    event: "event",
    feed: "feed",
    search: "search",
    unread: "unread",
    starred: "starred",
    refreshing: "refreshing",
    refreshed: "refreshed",
    failed: "failed",
    new: "new",
    help: "Keys",
    hints: "? help · p place · a actor · e event · / search · q quit",
    bad_link: "refused link (http/https only)",
    type_to_filter: "type to filter",
    last_refresh: "last refresh",
};

impl Lang {
    /// The labels of this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Ar => &ARABIC,
            Lang::En => &ENGLISH,
        }
    }

    /// An event type's name.
    pub fn event_name(self, event: EventType) -> &'static str {
        match self {
            Lang::Ar => event.arabic_name(),
            Lang::En => event.as_str(),
        }
    }

    /// What an action does, for the help overlay.
    pub fn action(self, action: Action) -> &'static str {
        let (ar, en) = match action {
            Action::Down => ("التالي", "next article / line / item"),
            Action::Up => ("السابق", "previous article / line / item"),
            Action::PageDown => ("صفحة للأسفل", "page down"),
            Action::PageUp => ("صفحة للأعلى", "page up"),
            Action::Top => ("الأول", "first"),
            Action::Bottom => ("الأخير", "last"),
            Action::Open => ("فتح الخبر", "open the article"),
            Action::Close => ("إغلاق", "close pane / overlay / prompt"),
            Action::Focus => (
                "نقل التركيز: القائمة، النص، الملخص",
                "focus: list, text, summary",
            ),
            Action::PlaceFilter => ("تصفية حسب المكان", "filter by place"),
            Action::ActorFilter => ("تصفية حسب الفاعل", "filter by actor"),
            Action::EventFilter => ("تصفية حسب نوع الحدث", "filter by event type"),
            Action::FeedFilter => ("تصفية حسب المصدر", "filter by feed"),
            Action::ClearFilters => ("مسح المرشحات", "clear filters"),
            Action::Search => ("بحث في النصوص", "full-text search"),
            Action::UnreadOnly => ("غير المقروء فقط", "unread only"),
            Action::StarredOnly => ("المميز فقط", "starred only"),
            Action::ToggleRead => ("مقروء / غير مقروء", "mark read / unread"),
            Action::Star => ("تمييز", "star / unstar"),
            Action::OpenLink => ("فتح الرابط في المتصفح", "open the link in the browser"),
            Action::Refresh => ("تحديث المصادر", "refresh feeds"),
            Action::Help => ("المساعدة", "this help"),
            Action::Quit => ("خروج", "quit"),
        };
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }

    /// An actor kind's name.
    pub fn actor_kind(self, kind: ActorKind) -> &'static str {
        let (ar, en) = match kind {
            ActorKind::Person => ("شخص", "person"),
            ActorKind::Organization => ("منظمة", "organization"),
            ActorKind::Group => ("جماعة", "group"),
            ActorKind::Country => ("دولة", "country"),
        };
        self.pick(ar, en)
    }

    /// A place kind's name.
    pub fn place_kind(self, kind: PlaceKind) -> &'static str {
        let (ar, en) = match kind {
            PlaceKind::Country => ("دولة", "country"),
            PlaceKind::Region => ("منطقة", "region"),
            PlaceKind::City => ("مدينة", "city"),
            PlaceKind::District => ("حي", "district"),
            PlaceKind::Other => ("مكان", "place"),
        };
        self.pick(ar, en)
    }

    /// A vague count's name.
    pub fn vague(self, vague: Vague) -> &'static str {
        let (ar, en) = match vague {
            Vague::Tens => ("عشرات", "tens"),
            Vague::Hundreds => ("مئات", "hundreds"),
            Vague::Thousands => ("آلاف", "thousands"),
            Vague::TensOfThousands => ("عشرات الآلاف", "tens of thousands"),
            Vague::HundredsOfThousands => ("مئات الآلاف", "hundreds of thousands"),
            Vague::Millions => ("ملايين", "millions"),
            Vague::Several => ("عدة", "several"),
        };
        self.pick(ar, en)
    }

    /// The list separator: `، ` or `, `.
    pub fn comma(self) -> &'static str {
        self.pick("، ", ", ")
    }

    fn pick(self, ar: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ar => ar,
            Lang::En => en,
        }
    }
}
