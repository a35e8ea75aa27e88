//! The translation memory kept in the store: the translate crate's
//! `Memory` interface over `Store::memory_lookup` / `memory_store`.

use loa_domain::Lang;
use loa_store::Store;
use loa_translate::memory::{normalise, Lookup, Memory, MemoryError, MemoryFuture};

pub struct StoreMemory(pub Store);

impl Memory for StoreMemory {
    fn lookup<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, sources: &'a [String]) -> Lookup<'a> {
        Box::pin(async move {
            let keys: Vec<String> = sources.iter().map(|s| normalise(s)).collect();
            let found = self.0.memory_lookup(engine, from, to, &keys).await.map_err(MemoryError::store)?;
            Ok(keys.iter().zip(found).map(|(k, f)| if k.is_empty() { None } else { f }).collect())
        })
    }

    fn lookup_keys<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, keys: &'a [String]) -> Lookup<'a> {
        Box::pin(async move {
            let found = self.0.memory_lookup(engine, from, to, keys).await.map_err(MemoryError::store)?;
            Ok(keys.iter().zip(found).map(|(k, f)| if k.is_empty() { None } else { f }).collect())
        })
    }

    fn store<'a>(&'a self, engine: &'a str, from: Lang, to: Lang, pairs: &'a [(String, String)]) -> MemoryFuture<'a, ()> {
        Box::pin(async move {
            let kept: Vec<(String, String)> = pairs
                .iter()
                .filter(|(s, t)| !s.trim().is_empty() && !t.trim().is_empty())
                .map(|(s, t)| (normalise(s), t.clone()))
                .collect();
            self.0.memory_store(engine, from, to, &kept).await.map_err(MemoryError::store)
        })
    }
}
