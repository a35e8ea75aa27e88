//! A story's way to readers, whatever its languages: draft, in review,
//! scheduled, published, withdrawn; with a scheduled time and an embargo.
//!
//! Editions keep their own statuses (a translation is held or published on
//! its own); the story's state is above them: readers see an edition only
//! while its story is published. Stories that outlets send in arrive
//! published, so a portal that trusts its feeds runs as before; editors
//! take one back to the desk by withdrawing it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a story stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryState {
    /// Being prepared; nobody outside the newsroom sees it.
    Draft,
    /// Waiting for an editor's decision.
    InReview,
    /// Published by the scheduler at its `publish_at`.
    Scheduled,
    /// Readers see its public editions.
    Published,
    /// Taken down after it was published.
    Withdrawn,
}

impl StoryState {
    pub const ALL: [StoryState; 5] =
        [StoryState::Draft, StoryState::InReview, StoryState::Scheduled, StoryState::Published, StoryState::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            StoryState::Draft => "draft",
            StoryState::InReview => "in_review",
            StoryState::Scheduled => "scheduled",
            StoryState::Published => "published",
            StoryState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<StoryState> {
        StoryState::ALL.into_iter().find(|state| state.as_str() == s)
    }

    /// Whether readers may see the story's public editions.
    pub fn is_public(self) -> bool {
        self == StoryState::Published
    }
}

/// What an editor asks of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkflowStep {
    /// Back to (or kept as) a draft.
    Draft,
    /// Sent to (or kept in) review.
    Submit,
    /// Published now.
    Publish,
    /// Published by the scheduler at this time.
    Schedule(DateTime<Utc>),
    /// Taken down.
    Withdraw,
}

impl WorkflowStep {
    /// The state this step leads to.
    pub fn target(self) -> StoryState {
        match self {
            WorkflowStep::Draft => StoryState::Draft,
            WorkflowStep::Submit => StoryState::InReview,
            WorkflowStep::Publish => StoryState::Published,
            WorkflowStep::Schedule(_) => StoryState::Scheduled,
            WorkflowStep::Withdraw => StoryState::Withdrawn,
        }
    }
}

/// What a step does to the story's embargo. Only a change the editor made
/// touches it: a form rendered before a colleague set an embargo keeps
/// that embargo rather than lifting it unseen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbargoChange {
    /// The stored embargo stays, whatever it is when the step is taken.
    Keep,
    /// The embargo becomes this (`None`: lifted).
    Set(Option<DateTime<Utc>>),
}

impl EmbargoChange {
    /// The embargo after the step, given the one stored.
    pub fn resolve(self, stored: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        match self {
            EmbargoChange::Keep => stored,
            EmbargoChange::Set(embargo) => embargo,
        }
    }
}

/// Why a step was refused; the story is left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowRefusal {
    #[error("a {} story cannot be made {}", .from.as_str(), .to.as_str())]
    NotFrom { from: StoryState, to: StoryState },
    #[error("the scheduled time {0} is not in the future")]
    InThePast(DateTime<Utc>),
    #[error("the story is under embargo until {0}")]
    Embargoed(DateTime<Utc>),
    #[error("the scheduled time is before the embargo ends at {0}")]
    BeforeEmbargo(DateTime<Utc>),
}

/// A story's state with its times.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    pub state: StoryState,
    /// When the scheduler publishes it (only while scheduled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<DateTime<Utc>>,
    /// No publication before this time, whoever asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embargo_until: Option<DateTime<Utc>>,
}

impl Default for Workflow {
    /// A story as outlets' stories arrive: published, no times.
    fn default() -> Self {
        Workflow { state: StoryState::Published, publish_at: None, embargo_until: None }
    }
}

impl Workflow {
    /// Whether `to` may follow the current state. A published story is
    /// withdrawn before it goes back to the desk; a scheduled one may be
    /// rescheduled, published early, or taken back to the desk.
    pub fn allows(&self, to: StoryState) -> bool {
        use StoryState::*;
        match (self.state, to) {
            (Published, Withdrawn) => true,
            (Published, _) => false,
            (Withdrawn, Withdrawn) => false,
            (Draft | InReview | Scheduled, Withdrawn) => false,
            _ => true,
        }
    }

    /// The steps an editor may take now, as states, in the desk's order.
    pub fn next_states(&self) -> Vec<StoryState> {
        StoryState::ALL.into_iter().filter(|s| self.allows(*s)).collect()
    }

    /// The workflow after `step`, with `embargo` as the story's embargo,
    /// at `now`; refused when the step does not follow the current state,
    /// a scheduled time is not in the future or falls before the embargo,
    /// or publishing now would break the embargo.
    pub fn apply(
        &self,
        step: WorkflowStep,
        embargo: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Workflow, WorkflowRefusal> {
        let to = step.target();
        if !self.allows(to) {
            return Err(WorkflowRefusal::NotFrom { from: self.state, to });
        }
        let publish_at = match step {
            WorkflowStep::Schedule(at) => {
                if at <= now {
                    return Err(WorkflowRefusal::InThePast(at));
                }
                if let Some(until) = embargo.filter(|until| *until > at) {
                    return Err(WorkflowRefusal::BeforeEmbargo(until));
                }
                Some(at)
            }
            WorkflowStep::Publish => {
                if let Some(until) = embargo.filter(|until| *until > now) {
                    return Err(WorkflowRefusal::Embargoed(until));
                }
                None
            }
            _ => None,
        };
        Ok(Workflow { state: to, publish_at, embargo_until: embargo })
    }

    /// Whether the scheduler should publish the story at `now`.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.state == StoryState::Scheduled
            && self.publish_at.is_some_and(|at| at <= now)
            && self.embargo_until.is_none_or(|until| until <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, hour, 0, 0).unwrap()
    }

    fn in_state(state: StoryState) -> Workflow {
        Workflow { state, ..Workflow::default() }
    }

    #[test]
    fn states_round_trip_through_their_names() {
        for s in StoryState::ALL {
            assert_eq!(StoryState::parse(s.as_str()), Some(s));
        }
        assert_eq!(StoryState::parse("live"), None);
        assert!(StoryState::Published.is_public());
        assert!(StoryState::ALL.iter().filter(|s| s.is_public()).count() == 1);
    }

    #[test]
    fn a_draft_goes_to_review_and_is_scheduled_for_later() {
        let draft = in_state(StoryState::Draft);
        let review = draft.apply(WorkflowStep::Submit, None, at(8)).unwrap();
        assert_eq!(review.state, StoryState::InReview);
        let scheduled = review.apply(WorkflowStep::Schedule(at(10)), None, at(8)).unwrap();
        assert_eq!((scheduled.state, scheduled.publish_at), (StoryState::Scheduled, Some(at(10))));
        assert!(!scheduled.is_due(at(9)));
        assert!(scheduled.is_due(at(10)));
    }

    #[test]
    fn a_scheduled_time_in_the_past_or_now_is_refused() {
        let draft = in_state(StoryState::Draft);
        assert_eq!(draft.apply(WorkflowStep::Schedule(at(7)), None, at(8)), Err(WorkflowRefusal::InThePast(at(7))));
        assert_eq!(draft.apply(WorkflowStep::Schedule(at(8)), None, at(8)), Err(WorkflowRefusal::InThePast(at(8))));
    }

    #[test]
    fn an_embargo_holds_back_publishing_and_scheduling_before_it() {
        let draft = in_state(StoryState::InReview);
        assert_eq!(draft.apply(WorkflowStep::Publish, Some(at(12)), at(8)), Err(WorkflowRefusal::Embargoed(at(12))));
        assert_eq!(draft.apply(WorkflowStep::Schedule(at(10)), Some(at(12)), at(8)), Err(WorkflowRefusal::BeforeEmbargo(at(12))));
        let on_time = draft.apply(WorkflowStep::Schedule(at(12)), Some(at(12)), at(8)).unwrap();
        assert_eq!(on_time.embargo_until, Some(at(12)));
        assert!(on_time.is_due(at(12)));
        // An embargo that has passed no longer holds anything.
        let published = draft.apply(WorkflowStep::Publish, Some(at(6)), at(8)).unwrap();
        assert_eq!((published.state, published.publish_at), (StoryState::Published, None));
        // Kept as a draft, the embargo is kept too.
        let kept = draft.apply(WorkflowStep::Draft, Some(at(12)), at(8)).unwrap();
        assert_eq!((kept.state, kept.embargo_until), (StoryState::Draft, Some(at(12))));
    }

    #[test]
    fn a_published_story_is_withdrawn_before_anything_else() {
        let live = Workflow::default();
        assert_eq!(live.next_states(), vec![StoryState::Withdrawn]);
        assert_eq!(
            live.apply(WorkflowStep::Draft, None, at(8)),
            Err(WorkflowRefusal::NotFrom { from: StoryState::Published, to: StoryState::Draft })
        );
        assert!(matches!(live.apply(WorkflowStep::Publish, None, at(8)), Err(WorkflowRefusal::NotFrom { .. })));
        let down = live.apply(WorkflowStep::Withdraw, None, at(8)).unwrap();
        assert_eq!(down.state, StoryState::Withdrawn);
        assert!(!down.allows(StoryState::Withdrawn));
        assert_eq!(down.apply(WorkflowStep::Publish, None, at(9)).unwrap().state, StoryState::Published);
        // Only a public story can be withdrawn.
        assert!(!in_state(StoryState::Draft).allows(StoryState::Withdrawn));
        assert!(!in_state(StoryState::Scheduled).allows(StoryState::Withdrawn));
    }

    #[test]
    fn an_embargo_is_kept_unless_the_editor_changed_it() {
        assert_eq!(EmbargoChange::Keep.resolve(Some(at(12))), Some(at(12)));
        assert_eq!(EmbargoChange::Set(None).resolve(Some(at(12))), None);
        assert_eq!(EmbargoChange::Set(Some(at(14))).resolve(None), Some(at(14)));
    }

    #[test]
    fn leaving_the_schedule_forgets_the_time() {
        let scheduled = in_state(StoryState::Draft).apply(WorkflowStep::Schedule(at(10)), None, at(8)).unwrap();
        let back = scheduled.apply(WorkflowStep::Submit, None, at(9)).unwrap();
        assert_eq!((back.state, back.publish_at), (StoryState::InReview, None));
        assert!(!back.is_due(at(11)));
        let early = scheduled.apply(WorkflowStep::Publish, None, at(9)).unwrap();
        assert_eq!((early.state, early.publish_at), (StoryState::Published, None));
    }
}
