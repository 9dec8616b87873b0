//! The register in the real workbook (issue 15): allies for the coalition rung chosen on the tactic step, asked
//! for on the Prepare step, saved in the plan, shown in the plan view, and `A` there starting a plan for one of
//! them. Through a pseudo-terminal, as a person would type it.
#![cfg(unix)]

use crate::pty;

use pty::{CTRL_N, CTRL_S, ESC, TAB, Tui, plan_files, seed_plan};

#[test]
fn allies_are_suggested_saved_shown_and_become_a_plan() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    seed_plan(data.path(), "Dr Okafor", "Earlier ask", "reason", 5);
    seed_plan(data.path(), "Sister Mensah", "Handover board", "inspire", 6);
    std::fs::create_dir_all(data.path().join("people")).unwrap();
    std::fs::write(
        data.path().join("people/dr-okafor.toml"),
        "name = \"Dr Okafor\"\nstance = \"sceptic\"\n\n[[listens_to]]\nname = \"Sister Mensah\"\nnote = \"trusts her on rotas\"\n\n[[listens_to]]\nname = \"Prof Blok\"\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("people/prof-blok.toml"),
        "name = \"Prof Blok\"\nstance = \"blocker\"\n",
    )
    .unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 30, 100);
    t.wait_for("your plans (2)");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Okafor");
    t.send(CTRL_N);
    t.wait_for("What do you want them to do?");
    t.type_text("Start the list at eight");
    t.send(CTRL_N);
    t.wait_for("What have you already tried with Dr Okafor?");
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Dr Okafor");
    t.send("7");
    let screen = t.wait_for("[ ] Sister Mensah");
    assert!(screen.contains("trusts her on rotas"), "{screen}");
    assert!(
        !screen.contains("Prof Blok"),
        "a blocker is never suggested:\n{screen}"
    );
    t.send(TAB);
    t.send(" ");
    t.wait_for("[x] Sister Mensah");
    t.send(CTRL_N);
    t.wait_for("what will you ask each to say");
    for _ in 0..7 {
        t.send(TAB);
    }
    t.type_text("That Tuesdays have room");
    t.send(CTRL_S);
    t.wait_for("Saved");
    t.send(ESC);
    t.wait_for("your plans (3)");
    let files = plan_files(data.path());
    let saved = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .find(|text| text.contains("[[allies]]"))
        .expect("a plan with allies");
    let plan: overture::domain::Plan = toml::from_str(&saved).unwrap();
    assert_eq!(plan.allies.len(), 1);
    assert_eq!(plan.allies[0].name, "Sister Mensah");
    assert_eq!(plan.allies[0].ask, "That Tuesdays have room");

    // The saved plan is selected on the list: open it, and A starts a plan for the ally.
    t.send("\r");
    let view = t.wait_for("That Tuesdays have room");
    assert!(view.contains("Sister Mensah"), "{view}");
    t.send("A");
    t.wait_for("Put in a word with Dr Okafor about Start the list at eight");
    t.send(CTRL_S);
    t.wait_for("Saved");
    // Back on the plan view, whose thread now holds the ally's plan; then the list.
    t.send(ESC);
    t.wait_for("(this plan)");
    t.send(ESC);
    t.wait_for("your plans (4)");
    t.send("q");
    t.assert_restored();
    let follow = plan_files(data.path())
        .iter()
        .map(|f| {
            toml::from_str::<overture::domain::Plan>(&std::fs::read_to_string(f).unwrap()).unwrap()
        })
        .find(|p| p.stakeholder.name == "Sister Mensah" && p.goal.want.starts_with("Put in a word"))
        .expect("the ally's plan");
    assert_eq!(follow.follows, plan.id);
}
