//! The hash maps and sets of the analyses and rules: foldhash, about as fast as FxHash on the
//! short words they hold, and seeded afresh in each process, so that no article can be written
//! to make its words collide (a table of colliding keys would make a rule quadratic).

/// A hash map keyed by article text or by what is derived from it.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set of article text or of what is derived from it.
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
