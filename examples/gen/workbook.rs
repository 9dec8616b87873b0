//! Realistic workbooks for benchmarks and scale tests: varied stakeholders (hospital and office, some names in
//! non-Latin scripts), goals, preparation, zero to four attempts and outcomes for about half the plans, each file
//! 1.5 to 2 KB like a real one. Deterministic for a seed. Files are rendered by overture's own
//! `format::render_new` and named by `plan_file::base_name`, so they are byte for byte what the program writes.
//!
//! Shared by `examples/gen` (the command), `benches/` and tests through `#[path]`, which keeps this data out of
//! the library and the shipped binary without a cargo feature (`cargo bench` would skip a bench that needs one).
#![allow(dead_code)]

use std::fs;
use std::io::{self, Write};

use jiff::{SignedDuration, Timestamp, civil::Date};
use overture::domain::{
    Attempt, Direction, Objection, Outcome, OutcomeResult, Plan, RungKey, RungRef, Status, dates,
};
use overture::store::{DataDir, format, plan_file};

#[path = "people.rs"]
mod register;
#[allow(unused_imports)] // the benches and the gen command use it, the tests do not
pub use register::generate_people;

/// A small, fast, seedable generator (splitmix64): the same seed gives the same workbook everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// Up to `n` different entries of `xs`, each with its placeholders filled.
    pub fn distinct(&mut self, xs: &[&str], n: usize) -> Vec<String> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        for i in (1..idx.len()).rev() {
            idx.swap(i, self.below(i + 1));
        }
        idx.into_iter().take(n).map(|i| fill(xs[i], self)).collect()
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = (self.next() % u64::from(total.max(1))) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Amara", "James", "Priya", "Tomasz", "Fatima", "Oliver", "Chen", "Grace", "Mohammed", "Ingrid", "Kwame", "Sofia",
    "Rajesh", "Aoife", "Daniel", "Yuki", "Lerato", "Marek", "Hannah", "Ahmed", "Elena", "Samuel", "Niamh", "Carlos",
    "Mei", "Olusegun", "Zoë", "Søren", "José", "Łucja", "Siobhán", "Björn", "Chloé", "Ravi", "Anika", "Peter",
    "Leila", "Hugo", "Agnieszka", "Tariq",
];
#[rustfmt::skip]
const LAST: &[&str] = &[
    "Okafor", "Patel", "Nowak", "Hughes", "Khan", "Lindqvist", "Mensah", "García", "O'Brien", "Tanaka", "Dlamini",
    "Kowalski", "Schmidt", "Haddad", "Petrova", "Mwangi", "Ødegård", "Núñez", "Wójcik", "Ní Bhriain", "Fischer",
    "Adeyemi", "Rossi", "Van der Berg", "Singh", "Murphy", "Ahmed", "Kim", "Moreau", "Berg",
];
/// Whole names in other scripts, used as written.
#[rustfmt::skip]
const NON_LATIN: &[&str] = &[
    "张伟", "李娜", "王芳", "佐藤 花子", "鈴木 一郎", "김민준", "이서연", "Анна Смирнова", "Дмитрий Иванов", "Παναγιώτης Νικολάου",
    "محمد العلي", "فاطمة الزهراء", "אבי כהן", "राहुल शर्मा", "ประเสริฐ ใจดี",
];
const TITLES: &[&str] = &["Dr", "Prof", "Sister", "Mr", "Ms", "Dr", "", "", "", ""];

/// Roles with the direction the influence usually runs.
const ROLES: &[(&str, Direction)] = &[
    ("Consultant cardiologist", Direction::Up),
    ("Clinical director", Direction::Up),
    ("Medical director", Direction::Up),
    ("Chief operating officer", Direction::Up),
    ("Head of finance", Direction::Up),
    ("Matron", Direction::Up),
    ("Ward manager", Direction::Peer),
    ("Charge nurse", Direction::Peer),
    ("Consultant anaesthetist", Direction::Peer),
    ("Pharmacist", Direction::Peer),
    ("Physiotherapy lead", Direction::Peer),
    ("Team lead, platform", Direction::Peer),
    ("Registrar", Direction::Down),
    ("Staff nurse", Direction::Down),
    ("Junior doctor", Direction::Down),
    ("Healthcare assistant", Direction::Down),
    ("Trainee engineer", Direction::Down),
    ("Estates manager", Direction::Outside),
    ("Procurement lead", Direction::Outside),
    ("IT service owner", Direction::Outside),
    ("Union representative", Direction::Outside),
    ("GP practice manager", Direction::Outside),
];

#[rustfmt::skip]
const INITIATIVES: &[&str] = &[
    "sepsis pathway", "electronic handover", "early warning score audit", "discharge lounge", "rota swap app",
    "falls prevention bundle", "weekend ward round", "new triage protocol", "hand hygiene campaign",
    "shared on-call rota", "incident review process", "onboarding checklist", "code review rota",
    "budget reforecast", "bed management huddle", "medicines reconciliation checklist", "flexible rostering pilot",
];
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Ward 7", "the acute medical unit", "ICU", "outpatients", "the emergency department", "the day surgery unit",
    "the platform team", "the night shift", "the stroke unit", "theatres", "the children's ward",
];
#[rustfmt::skip]
const MEETINGS: &[&str] = &[
    "the divisional board", "the quality committee", "Thursday's ops meeting", "the quarterly review",
    "the governance meeting", "the team away day", "the budget round",
];
#[rustfmt::skip]
const WANTS: &[&str] = &[
    "Agree to pilot the {i} on {p} for six weeks", "Release two hours a week of senior time for the {i}",
    "Sign off the {i} before {m}", "Back the business case for the {i} at {m}", "Stop bypassing the {i} on {p}",
    "Cover two night shifts on {p} next month", "Present the {i} results at {m} together with me",
    "Lend one of their staff to {p} for the {i}",
];
#[rustfmt::skip]
const WHYS: &[&str] = &[
    "Patients on {p} wait too long and the audit shows we miss the four-hour window in one case in five.",
    "Without it the team keeps redoing the same work, and two people have said they are close to leaving.",
    "The trust board asked for a plan by the end of the quarter and ours is the only one not started.",
    "Last winter we closed beds twice because of it; a small change now avoids a large one later.",
    "It takes pressure off the night team, who carry most of the risk when handover goes wrong.",
];
#[rustfmt::skip]
const MINIMUMS: &[&str] = &[
    "A trial on one bay for two weeks.", "Their name on the proposal, even without time.",
    "A meeting with their deputy to work out the details.", "Not blocking it at {m}.",
];
#[rustfmt::skip]
const RATIONALES: &[&str] = &[
    "They respect data and have changed their mind before when the numbers were clear.",
    "They care about the team's morale more than about the process itself.",
    "They owe us for the cover we gave in the spring, and they keep their word.",
    "Two of their peers already support it; they do not like to be the odd one out.",
    "Nothing gentler has moved them and the deadline is fixed by the regulator.",
];
#[rustfmt::skip]
const REASONS: &[&str] = &[
    "The regulator's deadline is three weeks away and patient safety is at stake.",
    "Two incidents this month; I cannot wait for another round of conversations.",
    "They have ignored every email since March.",
];
#[rustfmt::skip]
const CARES: &[&str] = &[
    "patient safety", "their budget", "the team's workload", "being consulted early", "evidence",
    "their reputation with the board", "training their juniors", "a quiet night shift", "fairness in the rota",
];
#[rustfmt::skip]
const OPENINGS: &[&str] = &[
    "I wanted ten minutes with you because you know {p} better than anyone, and I need your view on the {i}.",
    "Thanks for making time. I have something I think helps your team, and I would like your honest reaction.",
    "Can I run something past you before {m}? I would rather hear the objections from you first.",
];
#[rustfmt::skip]
const POINTS: &[&str] = &[
    "The audit found 14 delayed cases in the last quarter, all on days without a senior review.",
    "Ward 4 ran the same change for a month and cut handover time by a third.",
    "It needs no new money: the time comes from the meeting we already hold on Tuesdays.",
    "I will do the paperwork and the training; they only need to agree and tell their team.",
    "We can stop after two weeks if it does not help, with no questions asked.",
    "Their own registrar raised the problem at the last governance meeting.",
    "The board has named this as a priority, so support now will be noticed.",
    "Patients and families have complained about the same gap three times this year.",
    "The {i} on {p} showed fewer missed observations within a fortnight.",
    "The finance team confirmed the {i} costs less than one agency shift a month.",
    "Staff on {p} voted for it at the last team meeting, twelve to two.",
    "I have a volunteer to lead the {i} day to day, so it will not land on them.",
    "If we wait for {m}, we lose another quarter and the winter pressures start.",
    "Their counterpart on {p} has already agreed, and would talk to them about it.",
];
const OBJECTIONS: &[(&str, &str)] = &[
    (
        "We do not have the staff.",
        "The pilot uses existing shifts; I have the rota worked out to show you.",
    ),
    (
        "We tried this in 2019 and it failed.",
        "It failed without a named lead; this time I am the lead and report weekly.",
    ),
    (
        "It is not my decision.",
        "Then who should I speak to, and would you come with me?",
    ),
    (
        "The evidence is weak.",
        "Here are the two trials and our own audit; happy to go through them together.",
    ),
    (
        "Now is a bad time.",
        "When would be better? The deadline is fixed, so let us plan backwards from it.",
    ),
];
#[rustfmt::skip]
const ASKS: &[&str] = &[
    "Will you agree to start the pilot on Monday the first?", "Can I put your name on the proposal for {m}?",
    "Will you release one nurse for two hours on Thursdays?",
];
#[rustfmt::skip]
const FALLBACKS: &[&str] = &[
    "Take it to {m} with the data and ask for a decision there.",
    "Run it on my own team first and come back with results.", "Ask the clinical director to sponsor it instead.",
];
#[rustfmt::skip]
const NOTES: &[&str] = &[
    "Listened carefully, asked for the audit figures, wants to think about it.",
    "Said yes in the meeting but nothing happened afterwards.",
    "Pushed back hard on the staffing; we agreed to look at the rota together.",
    "Very positive once they heard their registrar raised it.",
    "Cancelled twice; finally spoke in the corridor for five minutes.", "Agreed to a two-week trial on one bay.",
];
/// Weights for the primary tactic, gentlest first, roughly how people choose.
const PRIMARY_WEIGHTS: &[u32] = &[25, 10, 8, 6, 12, 6, 12, 13, 8];
const ATTEMPT_WEIGHTS: &[u32] = &[30, 14, 10, 10, 12, 8, 10, 4, 2];
#[rustfmt::skip]
/// A rung by its key, as the generated file holds it (the loader resolves it against the ladder in use).
fn rung(key: &str) -> Option<RungRef> {
    RungKey::new(key).map(RungRef::Unknown)
}

const KEYS: &[&str] = &[
    "reason",
    "inspire",
    "coach",
    "feel-good",
    "deal",
    "favour",
    "silent-allies",
    "authority",
    "force",
];

fn fill(template: &str, rng: &mut Rng) -> String {
    template
        .replace("{i}", rng.pick(INITIATIVES))
        .replace("{p}", rng.pick(PLACES))
        .replace("{m}", rng.pick(MEETINGS))
}

/// A stakeholder: name, role and direction.
#[derive(Clone)]
pub struct Person {
    pub name: String,
    pub role: &'static str,
    pub direction: Direction,
}

/// About one person per six plans, so that people recur across plans as they do for a real user.
pub fn people(rng: &mut Rng, plans: usize) -> Vec<Person> {
    (0..(plans / 6).max(12))
        .map(|_| {
            let name = if rng.chance(10) {
                rng.pick(NON_LATIN).to_string()
            } else {
                let title = rng.pick(TITLES);
                let full = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
                if title.is_empty() {
                    full
                } else {
                    format!("{title} {full}")
                }
            };
            let (role, direction) = ROLES[rng.below(ROLES.len())];
            Person {
                name,
                role,
                direction,
            }
        })
        .collect()
}

/// The last moment plans are created at, fixed so that a seed always gives the same files.
pub fn end() -> Timestamp {
    "2026-06-30T17:00:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

const FIVE_YEARS_S: i64 = 5 * 365 * 86_400;

fn date_of(ts: Timestamp) -> Date {
    dates::local_date(ts)
}

/// One plan with content sized like a real one (1.5 to 2 KB once written).
pub fn plan(rng: &mut Rng, people: &[Person]) -> Plan {
    let created = end() - SignedDuration::from_secs(rng.below(FIVE_YEARS_S as usize) as i64);
    let mut p = Plan::new(created);
    let ms = u64::try_from(created.as_millisecond()).unwrap_or(0);
    p.id = ulid::Ulid::from_parts(
        ms,
        u128::from(rng.next()) << 16 | rng.below(1 << 16) as u128,
    )
    .to_string();
    let person = &people[rng.below(people.len())];
    p.stakeholder.name = person.name.clone();
    p.stakeholder.role = person.role.to_string();
    p.stakeholder.direction = Some(person.direction).filter(|_| rng.chance(85));
    let n = 1 + rng.below(3);
    p.stakeholder.cares_about = rng.distinct(CARES, n);
    p.goal.want = fill(rng.pick(WANTS), rng);
    p.goal.why = fill(rng.pick(WHYS), rng);
    if rng.chance(60) {
        p.goal.minimum = fill(rng.pick(MINIMUMS), rng);
    }
    if rng.chance(50) {
        p.goal.by = Some(date_of(created) + jiff::Span::new().days(7 + rng.below(60) as i64));
    }
    // Some people title their plans, the way one names a file: who, and what it is about.
    if rng.chance(45)
        && let Some(about) = INITIATIVES.iter().find(|i| p.goal.want.contains(*i))
    {
        p.title = format!("{} and the {about}", person.name);
    }
    let primary = rng.weighted(PRIMARY_WEIGHTS);
    p.tactic.primary = rung(KEYS[primary]);
    if rng.chance(60) {
        let backup = rng.weighted(PRIMARY_WEIGHTS);
        if backup != primary {
            p.tactic.backup = rung(KEYS[backup]);
        }
    }
    p.tactic.rationale = rng.pick(RATIONALES).to_string();
    if primary >= 7 && rng.chance(50) {
        p.tactic.escalation_reason = rng.pick(REASONS).to_string();
    }
    p.prep.opening = fill(rng.pick(OPENINGS), rng);
    let n = 2 + rng.below(2);
    p.prep.points = rng.distinct(POINTS, n);
    p.prep.tactic_notes = fill(rng.pick(POINTS), rng);
    let first = rng.below(OBJECTIONS.len());
    let count = 1 + rng.below(2);
    p.prep.objections = (0..count)
        .map(|k| {
            let (o, r) = OBJECTIONS[(first + k) % OBJECTIONS.len()];
            Objection {
                objection: o.to_string(),
                response: r.to_string(),
            }
        })
        .collect();
    p.prep.ask = fill(rng.pick(ASKS), rng);
    p.prep.fallback = fill(rng.pick(FALLBACKS), rng);
    let created_day = date_of(created);
    p.attempts = (0..rng.weighted(&[35, 30, 18, 10, 7]))
        .map(|_| Attempt {
            tactic: rung(KEYS[rng.weighted(ATTEMPT_WEIGHTS)]),
            on: Some(created_day - jiff::Span::new().days(1 + rng.below(120) as i64)),
            result: [
                None,
                Some(OutcomeResult::Commitment),
                Some(OutcomeResult::Compliance),
                Some(OutcomeResult::Resistance),
                Some(OutcomeResult::Undecided),
            ][rng.weighted(&[20, 20, 25, 30, 5])],
            notes: if rng.chance(60) {
                rng.pick(NOTES).to_string()
            } else {
                String::new()
            },
            from: String::new(),
        })
        .collect();
    let mut updated = created;
    if rng.chance(50) {
        let on = created_day + jiff::Span::new().days(rng.below(30) as i64);
        let result = [
            OutcomeResult::Commitment,
            OutcomeResult::Compliance,
            OutcomeResult::Resistance,
            OutcomeResult::Undecided,
        ][rng.weighted(&[35, 30, 25, 10])];
        p.outcome = Some(Outcome {
            on: Some(on),
            result: Some(result),
            notes: rng.pick(NOTES).to_string(),
            follow_up: (rng.chance(30)).then(|| on + jiff::Span::new().days(14)),
        });
        p.status = if result == OutcomeResult::Undecided {
            Status::Ready
        } else {
            Status::Done
        };
        updated = created + SignedDuration::from_hours(24 * (1 + rng.below(30) as i64));
    } else {
        p.status = [Status::Draft, Status::Ready, Status::Dropped][rng.weighted(&[40, 45, 15])];
        if rng.chance(50) {
            updated = created + SignedDuration::from_secs(60 * (1 + rng.below(5000) as i64));
        }
    }
    p.updated = updated.min(end());
    fit_size(rng, &mut p);
    p
}

/// Grows or trims the free text until the file lands between 1.5 and 2 KB, at a size drawn for this plan.
fn fit_size(rng: &mut Rng, p: &mut Plan) {
    let target = 1500 + rng.below(480);
    let size = |p: &Plan| format::render_new(p).map_or(0, |t| t.len());
    let extra = rng.distinct(POINTS, POINTS.len());
    for point in extra {
        if size(p) >= target {
            break;
        }
        if !p.prep.points.contains(&point) {
            p.prep.points.push(point);
        }
    }
    while size(p) > 2000 {
        if p.prep.points.len() > 1 {
            p.prep.points.pop();
        } else if p.prep.objections.len() > 1 {
            p.prep.objections.pop();
        } else if p.attempts.iter().any(|a| !a.notes.is_empty()) {
            if let Some(a) = p.attempts.iter_mut().rev().find(|a| !a.notes.is_empty()) {
                a.notes.clear();
            }
        } else if !p.goal.minimum.is_empty() {
            p.goal.minimum.clear();
        } else if p.attempts.pop().is_none() {
            break;
        }
    }
}

/// What a run wrote.
pub struct Written {
    pub plans: usize,
    pub bytes: u64,
}

/// Writes `count` plans into `data`'s plans folder, each file's text from overture's own `format::render_new`
/// and its name from `plan_file::base_name` (with the same `-2`, `-3` suffixes `save_new` uses), and sets each
/// file's modification time to the plan's `updated`, as if it had been saved then. With `durable`, files go
/// through `plan_file::save_new` itself (flushed to disk one by one: about 6 ms a plan here, so 10,000 take a
/// minute); without it they are written plainly, which is what benchmarks want.
pub fn generate(data: &DataDir, count: usize, seed: u64, durable: bool) -> io::Result<Written> {
    let dir = data.ensure_plans()?;
    let mut rng = Rng::new(seed);
    let people = people(&mut rng, count);
    let mut written = Written { plans: 0, bytes: 0 };
    for _ in 0..count {
        let p = plan(&mut rng, &people);
        let (path, len) = if durable {
            let pf = plan_file::save_new(&dir, &p).map_err(io::Error::other)?;
            (pf.path, pf.text.len())
        } else {
            write_plain(&dir, &p)?
        };
        // Never in the future (a clock set back would make every file look just modified).
        let modified = (std::time::UNIX_EPOCH
            + std::time::Duration::from_secs(u64::try_from(p.updated.as_second()).unwrap_or(0)))
        .min(std::time::SystemTime::now() - std::time::Duration::from_secs(60));
        fs::File::options()
            .write(true)
            .open(&path)?
            .set_modified(modified)?;
        written.plans += 1;
        written.bytes += len as u64;
    }
    Ok(written)
}

fn write_plain(dir: &std::path::Path, p: &Plan) -> io::Result<(std::path::PathBuf, usize)> {
    let text = format::render_new(p).map_err(io::Error::other)?;
    let base = plan_file::base_name(p);
    for n in 1..10_000 {
        let path = if n == 1 {
            dir.join(format!("{base}.toml"))
        } else {
            dir.join(format!("{base}-{n}.toml"))
        };
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                return Ok((path, text.len()));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free file name"))
}

const SHORT_NOTES: &[&str] = &[
    "No reply.",
    "Agreed in the corridor.",
    "Wants the figures first.",
    "Said not this quarter.",
];

/// The text of one plan with `attempts` tries, years of them, kept the way a hand-kept file might be (no blank
/// lines): 62,000 come to just under the loader's 4 MiB limit, the longest plan it accepts. For measuring how a
/// save scales with a plan's length. Deterministic for a seed.
pub fn plan_with_attempts(attempts: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let people = people(&mut rng, 1);
    let mut p = plan(&mut rng, &people);
    p.attempts.clear();
    let mut text = format::render_new(&p).unwrap_or_default();
    text.reserve(attempts * 68);
    let mut day = jiff::civil::date(2005, 1, 3);
    for _ in 0..attempts {
        let tactic = KEYS[rng.weighted(ATTEMPT_WEIGHTS)];
        text.push_str(&format!(
            "[[attempts]]\ntactic = \"{tactic}\"\non = {day}\n"
        ));
        if rng.chance(80) {
            let result = ["commitment", "compliance", "resistance", "undecided"]
                [rng.weighted(&[25, 30, 38, 7])];
            text.push_str(&format!("result = \"{result}\"\n"));
        }
        if rng.chance(3) {
            text.push_str(&format!("notes = \"{}\"\n", rng.pick(SHORT_NOTES)));
        }
        if rng.chance(12) {
            day = day.tomorrow().unwrap_or(day);
        }
    }
    text
}
