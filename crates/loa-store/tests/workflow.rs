//! A story's workflow in the store, on both backends: what readers' lists
//! show in each state, the change log, the audit log, refusals that
//! change nothing, and the scheduler publishing each story once.

use chrono::{Duration, Utc};
use loa_domain::{ActionKind, EmbargoChange, Lang, NewArticle, Role, StoryState, WorkflowRefusal, WorkflowStep};
use loa_store::testing::{new_article, TestStore};
use loa_store::{AuditFilter, CardFilter, Store};

async fn story(store: &Store, url: &str, title: &str) -> i64 {
    let article = NewArticle { places: vec!["Huế".into()], author: Some("Lê Minh".into()), ..new_article(url, title) };
    store.insert_article(&article, &[], &[]).await.unwrap().article_id()
}

/// What a reader's lists hold in English: the front page's slugs, the
/// sitemap's, the places and the authors.
async fn reader_view(store: &Store) -> (Vec<String>, usize, usize, usize) {
    let front = store.latest(Lang::En, 10, 0).await.unwrap();
    assert_eq!(front.total as usize, front.cards.len());
    let cursor = store.cards_after(Lang::En, &CardFilter::All, None, 10).await.unwrap();
    assert_eq!(cursor.len(), front.cards.len(), "keyset pages agree with offset pages");
    (
        front.cards.into_iter().map(|c| c.slug).collect(),
        store.sitemap().await.unwrap().len(),
        store.place_names().await.unwrap().len(),
        store.authors().await.unwrap().len(),
    )
}

async fn stories_arrive_published_and_leave_readers_when_withdrawn(t: TestStore) {
    let store = t.store.clone();
    let id = story(&store, "https://herald.example/a", "Huế opens a night market").await;
    let lan = store.create_user("lan", "Lan", Role::Editor, "h").await.unwrap();
    let article = store.article(id).await.unwrap().unwrap();
    assert_eq!(article.workflow.state, StoryState::Published, "an outlet's story arrives published");
    let (front, sitemap, places, authors) = reader_view(&store).await;
    assert_eq!((front.len(), sitemap, places, authors), (1, 1, 1, 1));

    let seq = store.last_change().await.unwrap();
    let now = Utc::now();
    let moved = store.move_story(id, WorkflowStep::Withdraw, EmbargoChange::Keep, Some(&lan), now).await.unwrap().unwrap();
    assert_eq!(moved.state, StoryState::Withdrawn);
    assert_eq!(store.article(id).await.unwrap().unwrap().workflow.state, StoryState::Withdrawn);
    assert_eq!(reader_view(&store).await, (vec![], 0, 0, 0), "nothing of a withdrawn story reaches readers");
    assert!(store.public_langs(id).await.unwrap().is_empty());
    let changed: Vec<Lang> = store.changes_since(seq, 10).await.unwrap().into_iter().map(|c| c.lang).collect();
    assert_eq!(changed, [Lang::En], "every edition's change is logged, so indexes and caches follow");

    let log = store.audit_log(&AuditFilter { kind: Some(ActionKind::Workflow), ..AuditFilter::default() }, 5).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action.actor.as_deref(), Some("Lan"));
    assert_eq!(log[0].change, Some(("published".to_string(), "withdrawn".to_string())));

    // Put back straight away, it keeps its date; through the desk it is
    // published anew and dated then.
    let dated = store.article(id).await.unwrap().unwrap().published_at;
    store.move_story(id, WorkflowStep::Publish, EmbargoChange::Keep, Some(&lan), now).await.unwrap().unwrap();
    assert_eq!(store.article(id).await.unwrap().unwrap().published_at, dated);
    store.move_story(id, WorkflowStep::Withdraw, EmbargoChange::Keep, Some(&lan), now).await.unwrap().unwrap();

    // A draft is not public either; moving between two hidden states logs
    // no change for the indexes.
    let seq = store.last_change().await.unwrap();
    store.move_story(id, WorkflowStep::Draft, EmbargoChange::Keep, Some(&lan), now).await.unwrap().unwrap();
    assert_eq!(store.last_change().await.unwrap(), seq, "hidden to hidden: readers' view is the same");
    let later = now + Duration::minutes(3);
    store.move_story(id, WorkflowStep::Publish, EmbargoChange::Keep, Some(&lan), later).await.unwrap().unwrap();
    assert_eq!(reader_view(&store).await.0.len(), 1, "published again");
    assert_eq!(store.article(id).await.unwrap().unwrap().published_at.timestamp_millis(), later.timestamp_millis());
}

async fn refused_steps_change_nothing(t: TestStore) {
    let store = t.store.clone();
    let id = story(&store, "https://herald.example/b", "A ferry timetable").await;
    let now = Utc::now();
    let live = store.move_story(id, WorkflowStep::Draft, EmbargoChange::Keep, None, now).await.unwrap();
    assert_eq!(live, Err(WorkflowRefusal::NotFrom { from: StoryState::Published, to: StoryState::Draft }));
    store.move_story(id, WorkflowStep::Withdraw, EmbargoChange::Keep, None, now).await.unwrap().unwrap();
    let before = store.article(id).await.unwrap().unwrap().workflow;
    let lines = store.audit_log(&AuditFilter::default(), 50).await.unwrap().len();

    let past = now - Duration::minutes(5);
    let refused = store.move_story(id, WorkflowStep::Schedule(past), EmbargoChange::Keep, None, now).await.unwrap();
    assert_eq!(refused, Err(WorkflowRefusal::InThePast(past)));
    let embargo = now + Duration::hours(2);
    let refused = store.move_story(id, WorkflowStep::Publish, EmbargoChange::Set(Some(embargo)), None, now).await.unwrap();
    assert!(matches!(refused, Err(WorkflowRefusal::Embargoed(_))));
    let refused = store
        .move_story(id, WorkflowStep::Schedule(now + Duration::hours(1)), EmbargoChange::Set(Some(embargo)), None, now)
        .await
        .unwrap();
    assert!(matches!(refused, Err(WorkflowRefusal::BeforeEmbargo(_))));

    assert_eq!(store.article(id).await.unwrap().unwrap().workflow, before, "the story is as it was");
    assert_eq!(store.audit_log(&AuditFilter::default(), 50).await.unwrap().len(), lines, "and nothing was logged");
    // An embargo set by one editor holds against another's step that did
    // not touch it (a form rendered before it was set).
    store.move_story(id, WorkflowStep::Draft, EmbargoChange::Set(Some(embargo)), None, now).await.unwrap().unwrap();
    let unseen = store.move_story(id, WorkflowStep::Publish, EmbargoChange::Keep, None, now).await.unwrap();
    assert!(matches!(unseen, Err(WorkflowRefusal::Embargoed(_))), "{unseen:?}");
    let lifted = store.move_story(id, WorkflowStep::Publish, EmbargoChange::Set(None), None, now).await.unwrap();
    assert_eq!(lifted.map(|w| (w.state, w.embargo_until)), Ok((StoryState::Published, None)), "lifting it is a choice");
    assert!(store.move_story(9999, WorkflowStep::Draft, EmbargoChange::Keep, None, now).await.is_err(), "no such story");
}

async fn the_scheduler_publishes_each_story_once_when_its_time_comes(t: TestStore) {
    let store = t.store.clone();
    let early = story(&store, "https://herald.example/c", "Lanterns at dusk").await;
    let late = story(&store, "https://herald.example/d", "A bridge reopens").await;
    let editor = store.create_user("minh", "Minh", Role::Editor, "h").await.unwrap();
    let now = Utc::now();
    for id in [early, late] {
        store.move_story(id, WorkflowStep::Withdraw, EmbargoChange::Keep, Some(&editor), now).await.unwrap().unwrap();
    }
    let (in_10, in_60) = (now + Duration::minutes(10), now + Duration::minutes(60));
    let early_at =
        store.move_story(early, WorkflowStep::Schedule(in_10), EmbargoChange::Keep, Some(&editor), now).await.unwrap().unwrap();
    assert_eq!(early_at.publish_at, Some(in_10));
    // Scheduled at the embargo's end exactly: allowed.
    store
        .move_story(late, WorkflowStep::Schedule(in_60), EmbargoChange::Set(Some(in_60)), Some(&editor), now)
        .await
        .unwrap()
        .unwrap();

    let listed: Vec<(String, StoryState)> =
        store.unpublished_stories(10).await.unwrap().into_iter().map(|s| (s.title, s.workflow.state)).collect();
    assert_eq!(
        listed,
        [("Lanterns at dusk".to_string(), StoryState::Scheduled), ("A bridge reopens".to_string(), StoryState::Scheduled)],
        "soonest first"
    );

    assert!(store.publish_due_stories(now + Duration::minutes(5)).await.unwrap().is_empty(), "nothing due yet");
    let seq = store.last_change().await.unwrap();
    assert_eq!(store.publish_due_stories(now + Duration::minutes(11)).await.unwrap(), [early]);
    assert_eq!(store.publish_due_stories(now + Duration::minutes(12)).await.unwrap(), Vec::<i64>::new(), "published once");
    assert_eq!(store.changes_since(seq, 10).await.unwrap().len(), 1, "its edition's change is logged");
    let front: Vec<String> = store.latest(Lang::En, 10, 0).await.unwrap().cards.into_iter().map(|c| c.title).collect();
    assert_eq!(front, ["Lanterns at dusk"]);
    let article = store.article(early).await.unwrap().unwrap();
    assert_eq!((article.workflow.state, article.workflow.publish_at), (StoryState::Published, None));
    let published_at = (article.published_at - (now + Duration::minutes(11))).num_milliseconds().abs();
    assert!(published_at < 5, "dated when the schedule published it, not by the outlet: {}", article.published_at);

    let log = store.audit_log(&AuditFilter { kind: Some(ActionKind::Workflow), ..AuditFilter::default() }, 1).await.unwrap();
    assert_eq!(log[0].action.actor, None, "the schedule acted, not a member");
    assert_eq!(log[0].change.as_ref().map(|c| c.1.as_str()), Some("published"));
    assert!(log[0].change.as_ref().unwrap().0.starts_with("scheduled 20"), "before: scheduled with its time");

    assert_eq!(store.publish_due_stories(now + Duration::minutes(61)).await.unwrap(), [late]);
    assert!(store.unpublished_stories(10).await.unwrap().is_empty());
}

loa_store::on_both_backends!(
    stories_arrive_published_and_leave_readers_when_withdrawn,
    refused_steps_change_nothing,
    the_scheduler_publishes_each_story_once_when_its_time_comes,
);
