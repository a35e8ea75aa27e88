//! Shortest routes through the installed directions, pivoting where no
//! direct pair exists (English to Portuguese goes through Spanish).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use loa_domain::Lang;

/// The directed graph of installed directions.
#[derive(Debug, Clone, Default)]
pub struct RouteGraph {
    edges: BTreeMap<Lang, BTreeSet<Lang>>,
}

impl RouteGraph {
    pub fn new(directions: impl IntoIterator<Item = (Lang, Lang)>) -> RouteGraph {
        let mut edges: BTreeMap<Lang, BTreeSet<Lang>> = BTreeMap::new();
        for (from, to) in directions {
            edges.entry(from).or_default().insert(to);
        }
        RouteGraph { edges }
    }

    /// Breadth-first search from `from`: for every reachable language, the
    /// language it was first reached from. Neighbours are visited in `Lang`
    /// order, so equal-length routes are chosen the same way every time.
    fn parents(&self, from: Lang) -> BTreeMap<Lang, Lang> {
        let mut parent = BTreeMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(at) = queue.pop_front() {
            for &next in self.edges.get(&at).into_iter().flatten() {
                if next != from && !parent.contains_key(&next) {
                    parent.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        parent
    }

    /// The languages of the shortest route, both ends included
    /// (`[en, es, pt]`), or `None` when `to` cannot be reached or equals `from`.
    pub fn route(&self, from: Lang, to: Lang) -> Option<Vec<Lang>> {
        if from == to {
            return None;
        }
        let parent = self.parents(from);
        let mut path = vec![to];
        let mut at = to;
        while at != from {
            at = *parent.get(&at)?;
            path.push(at);
        }
        path.reverse();
        Some(path)
    }

    /// Every language reachable from `from` (excluding `from`), in `Lang` order.
    pub fn reachable_from(&self, from: Lang) -> Vec<Lang> {
        self.parents(from).into_keys().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lang::*;

    /// The directions Debian's pair packages install (see the Apertium notes).
    fn debian_like() -> RouteGraph {
        RouteGraph::new([
            (En, Es),
            (Es, En),
            (En, Ca),
            (Ca, En),
            (Es, Ca),
            (Ca, Es),
            (Es, Pt),
            (Pt, Es),
            (Es, Fr),
            (Fr, Es),
            (Es, It),
            (It, Es),
            (Ru, Uk),
            (Uk, Ru),
            (Ru, Be),
            (Be, Ru),
        ])
    }

    #[test]
    fn direct_pair_is_one_hop() {
        assert_eq!(debian_like().route(En, Es), Some(vec![En, Es]));
        assert_eq!(debian_like().route(Ru, Uk), Some(vec![Ru, Uk]));
    }

    #[test]
    fn pivots_through_spanish() {
        let g = debian_like();
        assert_eq!(g.route(En, Pt), Some(vec![En, Es, Pt]));
        assert_eq!(g.route(En, Fr), Some(vec![En, Es, Fr]));
        assert_eq!(g.route(En, It), Some(vec![En, Es, It]));
        assert_eq!(g.route(Pt, It), Some(vec![Pt, Es, It]));
        assert_eq!(g.route(Uk, Be), Some(vec![Uk, Ru, Be]));
    }

    #[test]
    fn unreachable_and_same_language_have_no_route() {
        let g = debian_like();
        assert_eq!(g.route(En, Ru), None);
        assert_eq!(g.route(Vi, En), None);
        assert_eq!(g.route(En, En), None);
    }

    #[test]
    fn one_way_edges_are_respected() {
        // Only en→es and es→pt: Portuguese cannot get back to English.
        let g = RouteGraph::new([(En, Es), (Es, Pt)]);
        assert_eq!(g.route(En, Pt), Some(vec![En, Es, Pt]));
        assert_eq!(g.route(Pt, En), None);
        assert_eq!(g.reachable_from(Pt), Vec::<Lang>::new());
    }

    #[test]
    fn shortest_route_wins_over_longer_chain() {
        // en→ca→es→pt exists, but so does en→es: the two-hop route is chosen.
        let g = RouteGraph::new([(En, Ca), (Ca, Es), (Es, Pt), (En, Es)]);
        assert_eq!(g.route(En, Pt), Some(vec![En, Es, Pt]));
    }

    #[test]
    fn reachable_sets() {
        let g = debian_like();
        // In `Lang` order, without English itself.
        assert_eq!(g.reachable_from(En), vec![Es, Fr, Ca, Pt, It]);
        assert_eq!(g.reachable_from(Ru), vec![Uk, Be]);
        assert!(g.reachable_from(Vi).is_empty());
    }
}
