//! Newsroom members, sessions and comment moderation on a real SQLite file.

use chrono::{Duration, Utc};
use loa_domain::{Block, Category, CommentStatus, Lang, NewArticle, Role};
use loa_store::testing::TestStore;
use loa_store::{AuditFilter, Store, StoreError, StoryTags};

async fn one_article(store: &Store) -> i64 {
    let article = NewArticle {
        canonical_url: "https://herald.example/a".into(),
        outlet: "Test Herald".into(),
        source_id: None,
        lang: Lang::En,
        title: "Huế opens a night market".into(),
        lead: "A lead.".into(),
        blocks: vec![Block::Paragraph { text: "Body.".into(), marks: vec![] }],
        author: None,
        category: Category::from_slug("travel").unwrap(),
        places: vec![],
        topics: vec![],
        published_at: None,
        updated_at: None,
    };
    store.insert_article(&article, &[], &[Lang::Es]).await.unwrap().article_id()
}

async fn members_are_unique_whatever_the_case_and_never_expose_their_hash(t: TestStore) {
    let store = t.store.clone();
    let lan = store.create_user("Lan", "Phạm Thị Lan", Role::Editor, "hash-1").await.unwrap();
    assert_eq!((lan.username.as_str(), lan.role, lan.disabled), ("Lan", Role::Editor, false));
    let taken = store.create_user("LAN", "Someone else", Role::Moderator, "hash-2").await.unwrap_err();
    assert!(matches!(taken, StoreError::Conflict(_)), "{taken}");
    let (user, hash) = store.user_for_login("lan").await.unwrap().unwrap();
    assert_eq!((user.id, hash.as_str()), (lan.id, "hash-1"));
    assert!(store.user_for_login("nobody").await.unwrap().is_none());
    store.create_user("an", "An", Role::Translator, "h").await.unwrap();
    let names: Vec<String> = store.users().await.unwrap().into_iter().map(|u| u.username).collect();
    assert_eq!(names, ["an", "Lan"]);
}

async fn sessions_end_when_they_expire_or_the_member_changes(t: TestStore) {
    let store = t.store.clone();
    let lan = store.create_user("lan", "Lan", Role::Translator, "old").await.unwrap();
    store.create_session(lan.id, "t1", Utc::now() + Duration::hours(1)).await.unwrap();
    store.create_session(lan.id, "t-expired", Utc::now() - Duration::seconds(1)).await.unwrap();
    assert_eq!(store.session_user("t1").await.unwrap().map(|u| u.id), Some(lan.id));
    assert!(store.session_user("t-expired").await.unwrap().is_none());
    assert!(store.session_user("unknown").await.unwrap().is_none());

    // A new role keeps the session; the new role is what it signs in with.
    let moved = store.update_user("LAN", None, Some(Role::Moderator), None).await.unwrap();
    assert_eq!(moved.role, Role::Moderator);
    assert_eq!(store.session_user("t1").await.unwrap().unwrap().role, Role::Moderator);
    // A new password ends every session.
    store.update_user("lan", Some("new"), None, None).await.unwrap();
    assert!(store.session_user("t1").await.unwrap().is_none());
    assert_eq!(store.user_for_login("lan").await.unwrap().unwrap().1, "new");
    // So does disabling, and a disabled member's new session signs nobody in.
    store.create_session(lan.id, "t2", Utc::now() + Duration::hours(1)).await.unwrap();
    store.update_user("lan", None, None, Some(true)).await.unwrap();
    assert!(store.session_user("t2").await.unwrap().is_none());
    store.create_session(lan.id, "t3", Utc::now() + Duration::hours(1)).await.unwrap();
    assert!(store.session_user("t3").await.unwrap().is_none());
    store.delete_session("t3").await.unwrap();
    assert!(matches!(store.update_user("ghost", None, None, Some(true)).await, Err(StoreError::NotFound(_))));
}

async fn readers_comments_wait_for_a_moderator(t: TestStore) {
    let store = t.store.clone();
    let id = one_article(&store).await;
    let moderator = store.create_user("mai", "Mai", Role::Moderator, "h").await.unwrap();
    let first = store.add_pending_comment(id, Lang::En, "Reader", "First!").await.unwrap();
    let second = store.add_pending_comment(id, Lang::Es, "Lector", "¡Bien!").await.unwrap();
    assert!(store.comments(id).await.unwrap().is_empty(), "nothing is shown before moderation");
    let pending = store.pending_comments(10).await.unwrap();
    assert_eq!(pending.iter().map(|p| p.id).collect::<Vec<_>>(), [first, second]);
    assert_eq!(pending[0].title, "Huế opens a night market");
    assert_eq!(pending[1].lang, Lang::Es);

    assert!(store.moderate_comment(first, CommentStatus::Visible, &moderator).await.unwrap());
    assert!(store.moderate_comment(second, CommentStatus::Rejected, &moderator).await.unwrap());
    assert!(!store.moderate_comment(second, CommentStatus::Visible, &moderator).await.unwrap(), "decided once");
    assert!(store.moderate_comment(first, CommentStatus::Pending, &moderator).await.is_err());
    let shown: Vec<String> = store.comments(id).await.unwrap().into_iter().map(|c| c.body).collect();
    assert_eq!(shown, ["First!"]);
    assert!(store.pending_comments(10).await.unwrap().is_empty());
}

/// A Spanish translation of story `id`, saved with `status`.
async fn spanish_edition(store: &Store, id: i64, status: loa_domain::EditionStatus) -> loa_domain::Edition {
    let mut es = store.edition(id, Lang::En).await.unwrap().unwrap();
    es.lang = Lang::Es;
    es.status = status;
    es.engine = "apertium:eng-spa".into();
    store.save_edition(&es).await.unwrap();
    es
}

async fn decisions_enter_the_history_with_who_made_them(t: TestStore) {
    let store = t.store.clone();
    let id = one_article(&store).await;
    let tran = store.create_user("tran", "Trần Anh", Role::Translator, "h").await.unwrap();
    let es = spanish_edition(&store, id, loa_domain::EditionStatus::MachineTranslated).await;
    assert!(store.edition_history(id, Lang::Es).await.unwrap().is_empty(), "a machine's work is not a decision");
    store.save_corrected_edition(&es, 2, Some(&tran)).await.unwrap();
    store.set_edition_status(id, Lang::Es, loa_domain::EditionStatus::Published, Some(&tran)).await.unwrap();
    store.set_edition_status(id, Lang::Es, loa_domain::EditionStatus::Failed, None).await.unwrap();
    let history: Vec<(loa_domain::ActionKind, Option<String>, Option<i64>)> =
        store.edition_history(id, Lang::Es).await.unwrap().into_iter().map(|a| (a.kind, a.actor, a.count)).collect();
    use loa_domain::ActionKind::*;
    assert_eq!(
        history,
        [(Corrected, Some("Trần Anh".into()), Some(2)), (Published, Some("Trần Anh".into()), None), (Withdrawn, None, None)]
    );
    // A moderation goes to the history of comments, not of the edition.
    let c = store.add_pending_comment(id, Lang::Es, "Lector", "Hola.").await.unwrap();
    assert!(store.moderate_comment(c, CommentStatus::Visible, &tran).await.unwrap());
    assert_eq!(store.edition_history(id, Lang::Es).await.unwrap().len(), 3, "comment decisions are not edition history");

    // The audit log holds all four, newest first, with what each changed.
    let all = store.audit_log(&AuditFilter::default(), 50).await.unwrap();
    let lines: Vec<_> = all
        .iter()
        .map(|e| {
            let slug = match &e.subject {
                loa_store::AuditSubject::Edition { slug, .. } => slug.as_str(),
                other => panic!("an edition's decision is about the edition: {other:?}"),
            };
            (e.action.kind, e.change.as_ref().map(|c| c.0.as_str()), e.change.as_ref().map(|c| c.1.as_str()), slug)
        })
        .collect();
    let slug = store.article(id).await.unwrap().unwrap().slug;
    assert_eq!(
        lines,
        [
            (Approved, Some("pending"), Some("visible"), slug.as_str()),
            (Withdrawn, Some("published"), Some("failed"), slug.as_str()),
            (Published, Some("machine_translated"), Some("published"), slug.as_str()),
            (Corrected, None, None, slug.as_str()),
        ]
    );
    assert_eq!(all[0].comment_id, Some(c));
    // Filters by member, kind and language, and pages by id.
    let by_tran = store.audit_log(&AuditFilter { user_id: Some(tran.id), ..Default::default() }, 50).await.unwrap();
    assert_eq!(by_tran.len(), 3, "the command line's withdrawal is nobody's");
    let published = store.audit_log(&AuditFilter { kind: Some(Published), ..Default::default() }, 50).await.unwrap();
    assert_eq!(published.iter().map(|e| e.action.kind).collect::<Vec<_>>(), [Published]);
    assert!(store.audit_log(&AuditFilter { lang: Some(Lang::En), ..Default::default() }, 50).await.unwrap().is_empty());
    let page_two = store.audit_log(&AuditFilter { before_id: Some(all[1].id), ..Default::default() }, 50).await.unwrap();
    assert_eq!(page_two.iter().map(|e| e.id).collect::<Vec<_>>(), [all[2].id, all[3].id]);
}

async fn api_keys_act_for_their_member_until_revoked(t: TestStore) {
    let store = t.store.clone();
    let lan = store.create_user("lan", "Lan", Role::Editor, "h").await.unwrap();
    let an = store.create_user("an", "An", Role::Moderator, "h").await.unwrap();
    let key = store.create_api_key(lan.id, "wire desk", "loa_ab12", "hash-of-key-1").await.unwrap();
    assert_eq!((key.name.as_str(), key.prefix.as_str(), key.last_used_at, key.revoked_at), ("wire desk", "loa_ab12", None, None));
    let duplicate = store.create_api_key(an.id, "copy", "loa_ab12", "hash-of-key-1").await.unwrap_err();
    assert!(matches!(duplicate, StoreError::Conflict(_)), "{duplicate}");
    store.create_api_key(lan.id, "second", "loa_cd34", "hash-of-key-2").await.unwrap();

    assert_eq!(store.api_key_user("hash-of-key-1").await.unwrap().map(|u| u.id), Some(lan.id));
    assert!(store.api_key_user("hash-of-nothing").await.unwrap().is_none());
    let listed = store.api_keys_of(lan.id).await.unwrap();
    assert_eq!(listed.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(), ["second", "wire desk"]);
    assert!(listed[1].last_used_at.is_some(), "use is noted");
    assert!(store.api_keys_of(an.id).await.unwrap().is_empty());

    // Only the owner revokes, once.
    assert!(!store.revoke_api_key(an.id, key.id).await.unwrap());
    assert!(store.revoke_api_key(lan.id, key.id).await.unwrap());
    assert!(!store.revoke_api_key(lan.id, key.id).await.unwrap());
    assert!(store.api_key_user("hash-of-key-1").await.unwrap().is_none());
    assert!(store.api_keys_of(lan.id).await.unwrap()[1].revoked_at.is_some());

    // A disabled member's keys open nothing.
    store.update_user("lan", None, None, Some(true)).await.unwrap();
    assert!(store.api_key_user("hash-of-key-2").await.unwrap().is_none());
}

async fn a_password_change_ends_every_other_session(t: TestStore) {
    let store = t.store.clone();
    let lan = store.create_user("lan", "Lan", Role::Editor, "old-hash").await.unwrap();
    let until = Utc::now() + Duration::hours(1);
    for token in ["here", "phone", "laptop"] {
        store.create_session(lan.id, token, until).await.unwrap();
    }
    store.create_session(lan.id, "stale", Utc::now() - Duration::hours(1)).await.unwrap();
    let live: Vec<String> = store.sessions_of(lan.id).await.unwrap().into_iter().map(|s| s.token_hash).collect();
    assert_eq!(live.len(), 3, "an expired session is not listed: {live:?}");
    assert_eq!(store.end_other_sessions(lan.id, "phone").await.unwrap(), 3, "here, laptop and the stale one");
    assert_eq!(store.sessions_of(lan.id).await.unwrap().len(), 1);
    store.create_session(lan.id, "laptop", until).await.unwrap();
    store.change_password(lan.id, "new-hash", "laptop").await.unwrap();
    assert_eq!(store.user_for_login("lan").await.unwrap().unwrap().1, "new-hash");
    let left: Vec<String> = store.sessions_of(lan.id).await.unwrap().into_iter().map(|s| s.token_hash).collect();
    assert_eq!(left, ["laptop"], "only the browser that changed it stays signed in");
    assert!(matches!(store.change_password(9999, "x", "laptop").await, Err(StoreError::NotFound(_))));
}

async fn retagging_a_story_reaches_every_edition_and_the_log(t: TestStore) {
    let store = t.store.clone();
    let id = one_article(&store).await;
    let lan = store.create_user("lan", "Lan", Role::Editor, "h").await.unwrap();
    spanish_edition(&store, id, loa_domain::EditionStatus::Published).await;
    let seq = store.last_change().await.unwrap();
    let places = vec!["Huế".to_string(), "Hội An".to_string()];
    let topics = ["markets".to_string()];
    let tags = StoryTags { category: Category::from_slug("heritage").unwrap(), places: &places, topics: &topics };
    store.retag_article(id, &tags, Some(&lan)).await.unwrap();
    let article = store.article(id).await.unwrap().unwrap();
    assert_eq!(
        (article.category.slug, article.places.clone(), article.topics.clone()),
        ("heritage", places, vec!["markets".to_string()])
    );
    let mut changed: Vec<Lang> = store.changes_since(seq, 10).await.unwrap().into_iter().map(|c| c.lang).collect();
    changed.sort_by_key(|l| l.code());
    assert_eq!(changed, [Lang::En, Lang::Es], "every edition follows");
    let log = store.audit_log(&AuditFilter::default(), 5).await.unwrap();
    assert_eq!(log[0].action.kind, loa_domain::ActionKind::Retagged);
    assert_eq!(log[0].action.actor.as_deref(), Some("Lan"));
    assert_eq!(
        log[0].change,
        Some(("travel ·  · ".to_string(), "heritage · Huế, Hội An · markets".to_string())),
        "before and after"
    );
    let nothing = StoryTags { category: Category::from_slug("news").unwrap(), places: &[], topics: &[] };
    let missing = store.retag_article(9999, &nothing, None).await;
    assert!(matches!(missing, Err(StoreError::NotFound(_))));
}

async fn source_decisions_enter_the_audit_log_and_outlive_the_source(t: TestStore) {
    let store = t.store.clone();
    let mai = store.create_user("mai", "Mai", Role::Editor, "h").await.unwrap();
    let settings = loa_domain::SourceSettings::default();
    let feed = "https://province.example/rss.xml";
    let kind = loa_domain::SourceKind::Feed;
    let source = store.add_source_with("Province", "https://province.example/", feed, kind, &settings, Some(&mai)).await.unwrap();
    // Following it again is no new decision.
    store.add_source_with("Province news", "https://province.example/", feed, kind, &settings, Some(&mai)).await.unwrap();
    let paused = loa_domain::SourceSettings { enabled: false, ..settings.clone() };
    store.update_source_settings(source.id, &paused, Some(&mai)).await.unwrap();
    // Other settings are no pause or resume.
    let slower = loa_domain::SourceSettings { poll_interval_secs: Some(3600), ..paused.clone() };
    store.update_source_settings(source.id, &slower, Some(&mai)).await.unwrap();
    store.update_source_settings(source.id, &settings, None).await.unwrap();
    store.remove_source(source.id, Some(&mai)).await.unwrap();
    assert!(matches!(store.remove_source(source.id, Some(&mai)).await, Err(StoreError::NotFound(_))));

    let log = store.audit_log(&AuditFilter::default(), 10).await.unwrap();
    use loa_domain::ActionKind::*;
    let lines: Vec<(loa_domain::ActionKind, Option<&str>)> =
        log.iter().map(|e| (e.action.kind, e.action.actor.as_deref())).collect();
    assert_eq!(
        lines,
        [(SourceRemoved, Some("Mai")), (SourceResumed, None), (SourcePaused, Some("Mai")), (SourceFollowed, Some("Mai"))],
        "newest first; the command line is nobody"
    );
    for e in &log {
        assert_eq!(e.subject, loa_store::AuditSubject::Source { id: source.id, address: feed.to_string() });
    }
    let mine = store.audit_log(&AuditFilter { user_id: Some(mai.id), ..AuditFilter::default() }, 10).await.unwrap();
    assert_eq!(mine.len(), 3);
    let spanish = store.audit_log(&AuditFilter { lang: Some(Lang::Es), ..AuditFilter::default() }, 10).await.unwrap();
    assert!(spanish.is_empty(), "source lines have no language");
}

loa_store::on_both_backends!(
    source_decisions_enter_the_audit_log_and_outlive_the_source,
    retagging_a_story_reaches_every_edition_and_the_log,
    a_password_change_ends_every_other_session,
    members_are_unique_whatever_the_case_and_never_expose_their_hash,
    sessions_end_when_they_expire_or_the_member_changes,
    readers_comments_wait_for_a_moderator,
    decisions_enter_the_history_with_who_made_them,
    api_keys_act_for_their_member_until_revoked
);
