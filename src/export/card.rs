//! The pocket card: what will be said, for a corridor conversation, from the same page model as the full page.
//! The opening line, the ask, the top objections with their answers and the fallback; on an index-card PDF (A6)
//! or as 40 columns of text for a phone's notes.

use super::layout::{Block, Item, Page, Part, Section, SectionKind, more_note};

/// How many objections a card holds: the first ones in the plan, which people list most likely first.
pub(crate) const CARD_OBJECTIONS: usize = 3;
/// What a card says for a plan with nothing to say on it yet.
pub(crate) const NOTHING_TO_SAY: &str =
    "Nothing to say yet: the plan has no opening line, ask, objections or fallback.";

/// The card's text width, which a phone shows without wrapping.
pub(crate) const CARD_COLUMNS: usize = 40;

impl Page {
    /// The card made from this page: the stakeholder as its title, and only what is said in the room.
    pub(crate) fn card(&self) -> Page {
        let mut who = None;
        let mut items: Vec<Item> = Vec::new();
        for section in &self.sections {
            for item in &section.items {
                match (item.part, &item.block) {
                    (Part::Who, Block::Lead { text, .. }) if !text.is_empty() => {
                        who = Some(text.clone())
                    }
                    (Part::Opening | Part::Ask | Part::Fallback, _) => items.push(item.clone()),
                    (
                        Part::Objections,
                        Block::Exchanges {
                            label, items: all, ..
                        },
                    ) => {
                        let kept: Vec<_> = all.iter().take(CARD_OBJECTIONS).cloned().collect();
                        let more = more_note(Part::Objections, item.total, kept.len());
                        items.push(Item {
                            part: item.part,
                            total: item.total,
                            block: Block::Exchanges {
                                label,
                                items: kept,
                                more,
                            },
                        });
                    }
                    _ => {}
                }
            }
        }
        // Said in order: the opening first, the ask, then what may come back, and the fallback last.
        let rank = |p: Part| match p {
            Part::Opening => 0,
            Part::Ask => 1,
            Part::Objections => 2,
            _ => 3,
        };
        items.sort_by_key(|i| rank(i.part));
        if items.is_empty() {
            items.push(Item {
                part: Part::Ask,
                total: 0,
                block: Block::Field {
                    label: "",
                    text: NOTHING_TO_SAY.to_string(),
                },
            });
        }
        let sections = vec![Section {
            kind: SectionKind::Room,
            heading: "To say",
            items,
        }];
        Page {
            title: who.unwrap_or_else(|| self.title.clone()),
            date: self.date.clone(),
            sections,
            footer: self.footer.iter().take(1).cloned().collect(),
            shortened: false,
        }
    }
}

/// The card as text: 40 columns, nothing cut (a phone's notes scroll), ending with a newline.
pub(crate) fn to_text(page: &Page) -> String {
    let mut out = super::text::render(&page.card(), CARD_COLUMNS).join("\n");
    out.push('\n');
    out
}
