//! Rate limits in the store: counted per bucket and key, shared by every
//! connection (node), exact under concurrent requests, sliding with time.

use std::time::Duration;

use loa_store::testing::TestStore;
use loa_store::Store;

const MINUTE: Duration = Duration::from_secs(60);

/// Within a window a key gets its limit and no more; other keys and other
/// buckets count apart; a forgiven event no longer counts.
async fn each_key_gets_its_limit(t: TestStore) {
    let store = t.store.clone();
    for _ in 0..3 {
        assert!(store.throttle_take("comments", "203.0.113.7", 3, MINUTE).await.unwrap());
    }
    assert!(!store.throttle_take("comments", "203.0.113.7", 3, MINUTE).await.unwrap());
    assert!(
        !store.throttle_take("comments", "203.0.113.7", 3, MINUTE).await.unwrap(),
        "refusals count nothing, and stay refused"
    );
    assert!(store.throttle_take("comments", "203.0.113.8", 3, MINUTE).await.unwrap(), "another address");
    assert!(store.throttle_take("search", "203.0.113.7", 3, MINUTE).await.unwrap(), "another bucket");
    store.throttle_forgive("comments", "203.0.113.7").await.unwrap();
    assert!(store.throttle_take("comments", "203.0.113.7", 3, MINUTE).await.unwrap(), "one forgiven");
    assert!(!store.throttle_take("comments", "203.0.113.7", 3, MINUTE).await.unwrap());
}

/// Two nodes on one store and 40 requests at once: exactly the limit pass,
/// however they are spread.
async fn nodes_share_one_count(t: TestStore) {
    let nodes = [t.store.clone(), Store::connect(t.url()).await.unwrap()];
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let node = nodes[i % 2].clone();
        tasks.spawn(async move { node.throttle_take("api", "198.51.100.1", 10, MINUTE).await.unwrap() });
    }
    let mut passed = 0;
    while let Some(ok) = tasks.join_next().await {
        passed += usize::from(ok.unwrap());
    }
    assert_eq!(passed, 10, "the limit holds across nodes and concurrent requests");
    assert!(!nodes[1].throttle_take("api", "198.51.100.1", 10, MINUTE).await.unwrap());
}

/// Events age out: after two windows a full key is free again, and pruning
/// forgets rows no longer counting while keeping live ones.
async fn old_events_age_out_and_are_pruned(t: TestStore) {
    let store = t.store.clone();
    let window = Duration::from_millis(400);
    for _ in 0..2 {
        assert!(store.throttle_take("sign-in", "editor", 2, window).await.unwrap());
    }
    assert!(!store.throttle_take("sign-in", "editor", 2, window).await.unwrap());
    tokio::time::sleep(window * 2 + Duration::from_millis(50)).await;
    assert!(store.throttle_take("sign-in", "fresh", 2, window).await.unwrap());
    assert_eq!(store.throttle_prune("sign-in", window).await.unwrap(), 1, "only the stale key goes");
    assert!(store.throttle_take("sign-in", "editor", 2, window).await.unwrap(), "a pruned key starts again");
    assert!(store.throttle_take("sign-in", "editor", 2, window).await.unwrap());
}

loa_store::on_both_backends!(each_key_gets_its_limit, nodes_share_one_count, old_events_age_out_and_are_pruned);
