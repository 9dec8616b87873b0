//! A rung as a plan names it. Plans name rungs by key (`primary = "reason"`), and the ladder is the user's to
//! replace, so a key is resolved against the ladder in use once, when the plan is loaded or made: into a known
//! rung, or an unknown key that is kept as written (a save must not lose it) and reported, never dropped.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text a plan file holds for a rung, exactly as written (`"feel-good"`, `"Feel Good"`, `"4"`), so that a
/// save writes back what was read. Never empty: an empty value in a file is no rung (`None`). Held as a shared
/// `str` (keys never grow), so a key costs no more room than the plain string it replaced, and the catalog can
/// give every summary naming the same rung one copy (`store::catalog::index`'s reader).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RungKey(std::sync::Arc<str>);

impl RungKey {
    /// `None` for the empty text, which in a file means "no rung".
    pub fn new(text: impl Into<String>) -> Option<Self> {
        let text: String = text.into();
        (!text.is_empty()).then(|| RungKey(text.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RungKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A rung's place on the ladder it was resolved against: 0 is the gentlest. Only a [`super::Ladder`] makes one,
/// so it is within that ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RungId(u8);

impl RungId {
    /// Ladders hold at most [`super::ladder::MAX_RUNGS`] rungs, so a position always fits.
    pub(super) fn at(index: usize) -> Self {
        RungId(u8::try_from(index).unwrap_or(u8::MAX))
    }

    /// The 0-based position, for slices that hold one entry per rung.
    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A rung a plan names, resolved against the ladder in use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RungRef {
    /// A rung on the ladder, with the key as the file spells it.
    Known { id: RungId, key: RungKey },
    /// A key the ladder does not know: a rung of another ladder, or a typo. Kept as written so that a save keeps
    /// it; `overture check` reports it and every screen marks it `?`. A plan read by serde alone holds only
    /// these until [`super::Plan::resolve_rungs`] runs (every loader runs it).
    Unknown(RungKey),
}

impl RungRef {
    /// The text the file holds (or will hold) for this rung.
    pub(crate) fn key(&self) -> &RungKey {
        match self {
            RungRef::Known { key, .. } | RungRef::Unknown(key) => key,
        }
    }

    /// Where the rung sits on the ladder, when the ladder knows it.
    pub(crate) fn id(&self) -> Option<RungId> {
        match self {
            RungRef::Known { id, .. } => Some(*id),
            RungRef::Unknown(_) => None,
        }
    }

    /// The 0-based position, when known: what lists indexed by rung need.
    pub(crate) fn index(&self) -> Option<usize> {
        self.id().map(RungId::index)
    }

    /// The text a file holds for an optional rung: its key, or the empty text for none.
    pub fn text(rung: Option<&RungRef>) -> &str {
        rung.map_or("", |r| r.key().as_str())
    }
}

impl Serialize for RungRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key().as_str())
    }
}

/// Reads an optional rung written as text, the empty text being none: the file format has always written
/// `primary = ""` for a plan without a tactic yet. Resolution comes after, with the ladder.
impl<'de> Deserialize<'de> for RungRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        RungKey::new(text)
            .map(RungRef::Unknown)
            .ok_or_else(|| serde::de::Error::custom("a rung key cannot be empty"))
    }
}

/// `serde(with)` for a rung field that may be empty: `""` reads as `None`, and `None` writes `""`. Used where
/// the file format always writes the key (`primary`, an attempt's `tactic`); `backup` leaves the key out instead.
pub mod text_or_empty {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        rung: &Option<RungRef>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(RungRef::text(rung.as_ref()))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<RungRef>, D::Error> {
        Ok(RungKey::new(String::deserialize(d)?).map(RungRef::Unknown))
    }
}

/// For tests: a rung as a file spells it, resolved against the shipped ladder as a loader would.
#[cfg(test)]
pub(crate) fn test_rung(text: &str) -> Option<RungRef> {
    super::Ladder::embedded().resolve_text(text)
}

/// For tests: the text a rung field holds (`""` for none), to compare with a key.
#[cfg(test)]
pub(crate) fn rung_text(rung: &Option<RungRef>) -> &str {
    RungRef::text(rung.as_ref())
}
