//! The calendar read back by an independent parser (the `ical` crate) and checked line by line against RFC 5545's
//! rules by a strict checker of our own: CRLF everywhere, no line over 75 octets, continuation lines starting
//! with a space, TEXT values escaped.

use super::*;
use crate::domain::{Outcome, OutcomeResult, Plan};
use jiff::civil::date;

/// Wednesday 9 December 2026.
const TODAY: Date = date(2026, 12, 9);

fn plan(name: &str, goal: &str, by: Option<Date>) -> Plan {
    let mut p = Plan::new("2026-11-02T09:30:00Z".parse().unwrap());
    p.stakeholder.name = name.into();
    p.goal.want = goal.into();
    p.goal.by = by;
    p.prep.opening = "SECRET opening line".into();
    p.prep.tactic_notes = "CANDID: he bristles at numbers".into();
    p
}

fn entries(plans: &[&Plan], today: Date, details: bool) -> Vec<Entry> {
    let ladder = Ladder::embedded();
    agenda::agenda(plans.iter().map(|p| agenda::Source::from(*p)), today, None)
        .into_iter()
        .map(|item| {
            let p = plans.iter().find(|p| p.id == item.plan).unwrap();
            Entry {
                updated: p.updated,
                details: details.then(|| super::details(&ladder, p)),
                item,
            }
        })
        .collect()
}

/// RFC 5545 3.1, strictly: every line ends in CRLF, holds at most 75 octets, and a folded line goes on with one
/// space. Returns the unfolded content lines.
fn strict_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the last line ends in CRLF");
    let body = &text[..text.len() - 2];
    let mut unfolded: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "a bare CR or LF: {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character: {line:?}"
        );
        if let Some(rest) = line.strip_prefix(' ') {
            unfolded
                .last_mut()
                .expect("a continuation first")
                .push_str(rest);
        } else {
            assert!(!line.is_empty(), "an empty line");
            unfolded.push(line.to_string());
        }
    }
    unfolded
}

/// A TEXT value as RFC 5545 3.3.11 reads it, refusing anything that was not escaped.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ',' | ';')) => out.push(c),
                other => panic!("a bad escape \\{other:?} in {value:?}"),
            },
            ',' | ';' => panic!("an unescaped {c:?} in {value:?}"),
            c => out.push(c),
        }
    }
    out
}

/// The events as the `ical` crate reads them: each a map of property name to (parameters, value).
type Props = std::collections::BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

fn parse(text: &str) -> Vec<Props> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none(), "only one calendar");
    let version = calendar.properties.iter().find(|p| p.name == "VERSION");
    assert_eq!(version.and_then(|p| p.value.as_deref()), Some("2.0"));
    assert!(calendar.properties.iter().any(|p| p.name == "PRODID"));
    calendar
        .events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| {
                    (
                        p.name,
                        (p.params.unwrap_or_default(), p.value.unwrap_or_default()),
                    )
                })
                .collect()
        })
        .collect()
}

/// The events as the strict reading of [`strict_lines`] gives them: property name to raw value. The `ical`
/// crate drops whitespace at the end of a folded line (RFC 5545 keeps it: unfolding removes only the line break
/// and one space), so exact values are read here, and compared with the crate's without their spaces.
fn strict_events(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut events = Vec::new();
    let mut current: Option<std::collections::BTreeMap<String, String>> = None;
    for line in strict_lines(text) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(Default::default()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                if let Some(event) = current.as_mut() {
                    let (name, value) = line.split_once(':').expect("NAME:VALUE");
                    let name = name.split(';').next().unwrap_or_default();
                    event.insert(name.to_string(), value.to_string());
                }
            }
        }
    }
    events
}

/// The two readings agree, but for the spaces the `ical` crate drops (see [`strict_events`]).
fn agree(text: &str) {
    let strict = strict_events(text);
    let parsed = parse(text);
    assert_eq!(strict.len(), parsed.len());
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (s, p) in strict.iter().zip(&parsed) {
        assert_eq!(s.keys().collect::<Vec<_>>(), p.keys().collect::<Vec<_>>());
        for (name, value) in s {
            assert_eq!(squeeze(value), squeeze(&p[name].1), "{name}");
        }
    }
}

fn value<'a>(event: &'a Props, name: &str) -> &'a str {
    &event.get(name).unwrap_or_else(|| panic!("no {name}")).1
}

#[test]
fn entries_are_all_day_with_stable_uids_and_a_stamp_from_the_plan() {
    let okafor = plan("Dr Okafor", "Pilot the sepsis pathway", Some(TODAY));
    let mut ann = plan("Ann", "Swap the rota", Some(date(2026, 11, 30)));
    ann.outcome = Some(Outcome {
        on: Some(date(2026, 11, 30)),
        result: Some(OutcomeResult::Compliance),
        notes: "CANDID outcome notes".into(),
        follow_up: Some(date(2026, 12, 18)),
    });
    let text = render(&entries(&[&okafor, &ann], TODAY, false));
    agree(&text);
    let events = parse(&text);
    assert_eq!(events.len(), 2);
    let talk = &events[0];
    assert_eq!(
        unescape(value(talk, "SUMMARY")),
        "Talk to Dr Okafor: Pilot the sepsis pathway"
    );
    assert_eq!(value(talk, "UID"), format!("{}-talk@overture", okafor.id));
    assert_eq!(value(talk, "DTSTART"), "20261209");
    assert_eq!(value(talk, "DTEND"), "20261210");
    assert_eq!(
        talk["DTSTART"].0,
        vec![("VALUE".to_string(), vec!["DATE".to_string()])]
    );
    assert_eq!(value(talk, "DTSTAMP"), "20261102T093000Z");
    assert_eq!(value(talk, "CLASS"), "PRIVATE");
    let follow = &events[1];
    assert_eq!(
        unescape(value(follow, "SUMMARY")),
        "Follow up with Ann: Swap the rota"
    );
    assert_eq!(
        value(follow, "UID"),
        format!("{}-follow-up@overture", ann.id)
    );
    assert_eq!(value(follow, "DTSTART"), "20261218");
    // The same plans, another day: byte for byte the same file.
    assert_eq!(
        render(&entries(&[&okafor, &ann], date(2026, 12, 1), false)),
        text
    );
}

/// The summary is whom and about what: the user's title, else the goal; a plan with neither says whom alone,
/// not the name twice.
#[test]
fn the_summary_is_the_title_else_the_goal_else_whom_alone() {
    let mut titled = plan("Dr Okafor", "Pilot the sepsis pathway", Some(TODAY));
    titled.title = "Sepsis pathway".into();
    let untitled = plan("Sister Mensah", "Trial the handover board", Some(TODAY));
    let bare = plan("Mr Ode", "", Some(TODAY));
    let text = render(&entries(&[&titled, &untitled, &bare], TODAY, false));
    agree(&text);
    let mut summaries: Vec<String> = parse(&text)
        .iter()
        .map(|e| unescape(value(e, "SUMMARY")))
        .collect();
    summaries.sort();
    assert_eq!(
        summaries,
        [
            "Talk to Dr Okafor: Sepsis pathway",
            "Talk to Mr Ode",
            "Talk to Sister Mensah: Trial the handover board",
        ]
    );
}

#[test]
fn a_talk_whose_date_passed_keeps_its_uid_and_says_so() {
    let okafor = plan("Dr Okafor", "Pilot the sepsis pathway", Some(TODAY));
    let before = parse(&render(&entries(&[&okafor], TODAY, false)));
    let after = parse(&render(&entries(&[&okafor], date(2026, 12, 12), false)));
    assert_eq!(value(&before[0], "UID"), value(&after[0], "UID"));
    assert_eq!(
        unescape(value(&after[0], "SUMMARY")),
        "Record how it went with Dr Okafor: Pilot the sepsis pathway"
    );
    // Its stamp moves to the day its wording changed, so a calendar takes the new wording.
    assert_eq!(value(&after[0], "DTSTAMP"), "20261210T000000Z");
    assert_eq!(value(&after[0], "DTSTART"), "20261209");
}

#[test]
fn text_is_escaped_and_folded_at_75_octets_on_character_boundaries() {
    let long = "Adopt the pathway; agree, in writing, the \\ rule for wards 3, 4 and 5 — \
                éèà 中文字符 and more words to push this well past seventy-five octets";
    let mut p = plan("Dr O'Brien, Jr; FRCP", long, Some(TODAY));
    p.title = "First line\nsecond line\r\nthird\u{1b}[31m\u{202e}".into();
    p.goal.why = "because\r\nthe audit, said so; \\o/".into();
    let text = render(&entries(&[&p], TODAY, true));
    let lines = strict_lines(&text);
    assert!(
        text.split("\r\n").any(|l| l.starts_with(' ')),
        "long values are folded"
    );
    let summary = lines.iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
    assert!(summary.contains(r"O'Brien\, Jr\; FRCP"), "{summary}");
    agree(&text);
    let events = strict_events(&text);
    assert_eq!(
        unescape(&events[0]["SUMMARY"]),
        "Talk to Dr O'Brien, Jr; FRCP: First line second line third[31m"
    );
    let description = unescape(&events[0]["DESCRIPTION"]);
    assert!(
        description.contains("Why: because\nthe audit, said so; \\o/"),
        "{description}"
    );
    assert!(
        description.contains(&format!("Goal: {long}")),
        "{description}"
    );
}

#[test]
fn notes_go_in_only_with_details() {
    let mut p = plan("Dr Okafor", "Pilot the pathway", Some(TODAY));
    p.goal.why = "CANDID why".into();
    p.outcome = Some(Outcome {
        on: None,
        result: None,
        notes: "CANDID outcome".into(),
        follow_up: None,
    });
    let candid = ["SECRET", "CANDID", "Reason", "Opening"];
    let without = render(&entries(&[&p], TODAY, false));
    agree(&without);
    let events = parse(&without);
    assert_eq!(events.len(), 1);
    for word in candid {
        assert!(!without.contains(word), "{word} leaked:\n{without}");
    }
    assert_eq!(
        unescape(value(&events[0], "DESCRIPTION")),
        format!("Planned in overture: overture show {}", p.id)
    );
    p.tactic.primary = Ladder::embedded().pick_input("reason");
    let with = render(&entries(&[&p], TODAY, true));
    agree(&with);
    let description = unescape(&strict_events(&with)[0]["DESCRIPTION"]);
    for word in [
        "SECRET opening line",
        "CANDID: he bristles",
        "CANDID why",
        "Reason",
    ] {
        assert!(description.contains(word), "{word} missing:\n{description}");
    }
}

#[test]
fn an_empty_agenda_is_an_empty_calendar() {
    let text = render(&[]);
    strict_lines(&text);
    assert!(parse(&text).is_empty());
}

#[test]
fn refolding_keeps_every_line_within_75_octets_and_the_text_whole() {
    // icalendar 0.17.17 leaves the last piece of a long line at 76 octets: 75 + 74 + 75 octets of value.
    for len in [60, 74, 75, 76, 148, 149, 150, 151, 224, 300] {
        for filler in ["a", "é", "中", "a b", "ab  ", "😀"] {
            let value: String = filler.repeat(len).chars().take(len).collect();
            let line = format!("X-TEST:{value}");
            let folded = refold(&format!("{line}\r\n"));
            for physical in folded[..folded.len() - 2].split("\r\n") {
                assert!(physical.len() <= 75, "{len} {filler:?}: {physical:?}");
            }
            assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }
}
