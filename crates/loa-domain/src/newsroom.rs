//! The people who run the newsroom, and what readers send it.

use serde::{Deserialize, Serialize};

/// What a newsroom member may do. Editors run the whole newsroom;
/// translators look after translations; moderators after readers' comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Editor,
    Translator,
    Moderator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Editor, Role::Translator, Role::Moderator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Translator => "translator",
            Role::Moderator => "moderator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Read held translations, publish or withdraw them.
    pub fn reviews_translations(self) -> bool {
        matches!(self, Role::Editor | Role::Translator)
    }

    /// Approve or reject readers' comments.
    pub fn moderates_comments(self) -> bool {
        matches!(self, Role::Editor | Role::Moderator)
    }

    /// Run the sources, move and retag stories, read the audit log.
    pub fn edits_stories(self) -> bool {
        self == Role::Editor
    }
}

pub type UserId = i64;

/// A newsroom member. The password hash never leaves the store's
/// login lookup, so this can be shown and serialised freely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    /// Unique, compared without regard to ASCII case.
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
}

/// Where a reader's comment is in moderation. Readers see `Visible` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentStatus {
    Pending,
    Visible,
    Rejected,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Visible => "visible",
            CommentStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        [CommentStatus::Pending, CommentStatus::Visible, CommentStatus::Rejected].into_iter().find(|c| c.as_str() == s)
    }
}

/// What a person did in the newsroom, kept so that every decision can be
/// traced to someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Published,
    Withdrawn,
    Corrected,
    Approved,
    Rejected,
    /// A story's section, places or topics changed.
    Retagged,
    /// A story moved in its workflow (drafted, sent to review, scheduled,
    /// published, withdrawn), by a member or by the schedule.
    Workflow,
    /// An editor followed, paused, resumed or removed a source.
    SourceFollowed,
    SourcePaused,
    SourceResumed,
    SourceRemoved,
}

impl ActionKind {
    pub const ALL: [ActionKind; 11] = [
        ActionKind::Published,
        ActionKind::Withdrawn,
        ActionKind::Corrected,
        ActionKind::Approved,
        ActionKind::Rejected,
        ActionKind::Retagged,
        ActionKind::Workflow,
        ActionKind::SourceFollowed,
        ActionKind::SourcePaused,
        ActionKind::SourceResumed,
        ActionKind::SourceRemoved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Published => "published",
            ActionKind::Withdrawn => "withdrawn",
            ActionKind::Corrected => "corrected",
            ActionKind::Approved => "approved",
            ActionKind::Rejected => "rejected",
            ActionKind::Retagged => "retagged",
            ActionKind::Workflow => "workflow",
            ActionKind::SourceFollowed => "source_followed",
            ActionKind::SourcePaused => "source_paused",
            ActionKind::SourceResumed => "source_resumed",
            ActionKind::SourceRemoved => "source_removed",
        }
    }

    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// One entry of an edition's or comment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewsroomAction {
    pub kind: ActionKind,
    /// The member's name as shown when they acted; `None` for the command
    /// line (someone with shell access on the server).
    pub actor: Option<String>,
    /// How many segments a correction changed.
    pub count: Option<i64>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The longest comment a reader may send, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;
/// The longest name a commenter may give, in characters.
pub const MAX_COMMENTER_NAME_CHARS: usize = 80;

/// Characters that change the direction of the text around them: in a
/// comment they could make the moderator read something else than what is
/// stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A reader's comment as sent, checked: both parts trimmed and non-empty,
/// within the limits, no control characters but line breaks, no direction
/// overrides.
pub fn check_comment(name: &str, body: &str) -> Option<(String, String)> {
    let name = name.trim();
    let body = body.trim().replace("\r\n", "\n");
    let clean = |s: &str, newlines: bool| s.chars().all(|c| (!c.is_control() || (newlines && c == '\n')) && !is_bidi_control(c));
    let ok = !name.is_empty()
        && !body.is_empty()
        && name.chars().count() <= MAX_COMMENTER_NAME_CHARS
        && body.chars().count() <= MAX_COMMENT_CHARS
        && clean(name, false)
        && clean(&body, true);
    ok.then(|| (name.to_string(), body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_they_say() {
        assert!(Role::Editor.reviews_translations() && Role::Editor.moderates_comments());
        assert!(Role::Translator.reviews_translations() && !Role::Translator.moderates_comments());
        assert!(!Role::Moderator.reviews_translations() && Role::Moderator.moderates_comments());
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn comments_are_checked_before_they_are_kept() {
        assert_eq!(check_comment("  Lan ", " Good.\r\nThanks. "), Some(("Lan".into(), "Good.\nThanks.".into())));
        assert_eq!(check_comment("", "text"), None);
        assert_eq!(check_comment("Lan", "   "), None);
        assert_eq!(check_comment("La\u{7}n", "text"), None);
        assert_eq!(check_comment("Lan", &"x".repeat(MAX_COMMENT_CHARS + 1)), None);
        assert!(check_comment("Lan", &"ữ".repeat(MAX_COMMENT_CHARS)).is_some(), "characters, not bytes");
        assert_eq!(check_comment(&"n".repeat(MAX_COMMENTER_NAME_CHARS + 1), "text"), None);
        assert_eq!(check_comment("Lan", "good \u{202e}txet"), None, "a direction override");
        assert!(check_comment("Lan", "👩\u{200d}💻 works").is_some(), "joiners in emoji are fine");
    }
}
