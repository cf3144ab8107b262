//! The built-in content loads, has the six steps in order, and broken packs are
//! refused whole with file:line:column messages.

use attune::content::{self, PromptKind, load_sources};

#[test]
fn the_built_in_pack_has_the_six_steps_in_order() {
    let pack = content::builtin().expect("built-in content");
    let titles: Vec<&str> = pack.numbered().map(|(_, s)| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Recognize and acknowledge",
            "Seek professional help",
            "Practice self-compassion",
            "Challenge negative beliefs",
            "Learn to express emotions",
            "Build trust gradually"
        ]
    );
    for step in &pack.steps {
        assert!(!step.intro.is_empty(), "{} has an introduction", step.id);
        assert!(!step.exercises.is_empty(), "{} has an exercise", step.id);
        for ex in &step.exercises {
            // The quick write is free writing: no method to name.
            assert!(
                !ex.about.is_empty()
                    && (step.place || ex.about.chars().any(|c| c.is_ascii_digit())),
                "{} names its source and year",
                ex.id
            );
            for p in &ex.prompts {
                if matches!(p.kind, PromptKind::Text) {
                    assert!(
                        !p.placeholder.is_empty(),
                        "{}/{} has a placeholder example",
                        ex.id,
                        p.id
                    );
                }
            }
        }
    }
    let kinds: Vec<&str> = pack
        .steps
        .iter()
        .flat_map(|s| &s.exercises)
        .flat_map(|e| &e.prompts)
        .map(|p| p.kind.name())
        .collect();
    for kind in ["text", "line", "scale"] {
        assert!(kinds.contains(&kind), "uses {kind}");
    }
    // Then the quick write: a place of its own, not a seventh step.
    let (place, exercise) = pack.quick_write().expect("a quick write");
    assert_eq!(pack.steps[place].title, "Quick write");
    assert!(pack.steps[place].place);
    assert_eq!(pack.steps[place].exercises[exercise].prompts.len(), 2);
}

fn problems(files: &[(&str, &str)]) -> Vec<String> {
    let sources = files.iter().map(|(n, t)| (n.to_string(), t.to_string()));
    match load_sources(sources) {
        Ok(_) => vec![],
        Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
    }
}

const GOOD: &str = r#"id = "one"
number = 1
title = "One"
summary = "s"
intro = "i"

[[exercises]]
id = "ex"
title = "Ex"
purpose = "p"
minutes = 5
about = "Someone (2000)"

[[exercises.prompts]]
id = "a"
kind = "text"
label = "A?"
"#;

#[test]
fn a_good_small_pack_loads() {
    assert_eq!(problems(&[("one.toml", GOOD)]), Vec::<String>::new());
}

#[test]
fn a_toml_syntax_error_names_file_line_and_column() {
    let broken = GOOD.replace("title = \"Ex\"", "title = \"Ex");
    let found = problems(&[("one.toml", &broken)]);
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("one.toml:9:"), "{found:?}");
}

#[test]
fn an_unknown_prompt_kind_is_located() {
    let broken = GOOD.replace("kind = \"text\"", "kind = \"essay\"");
    assert_eq!(
        problems(&[("one.toml", &broken)]),
        [
            "one.toml:16:8: unknown prompt kind \"essay\" (expected text, line, scale, choice, multi, feelings, ladder, recall, rerate or rung)"
        ]
    );
}

#[test]
fn a_scale_with_min_not_below_max_is_located() {
    let broken = GOOD.replace("kind = \"text\"", "kind = \"scale\"\nmin = 10\nmax = 10");
    assert_eq!(
        problems(&[("one.toml", &broken)]),
        ["one.toml:17:7: scale min (10) must be less than max (10)"]
    );
}

#[test]
fn duplicate_ids_are_located() {
    let twice =
        format!("{GOOD}\n[[exercises.prompts]]\nid = \"a\"\nkind = \"line\"\nlabel = \"again\"\n");
    assert_eq!(
        problems(&[("one.toml", &twice)]),
        ["one.toml:20:6: duplicate prompt id \"a\" in this exercise"]
    );
    let found = problems(&[("one.toml", GOOD), ("two.toml", GOOD)]);
    assert_eq!(
        found,
        [
            "two.toml:1:6: duplicate step id \"one\"",
            "two.toml:2:10: duplicate step number 1"
        ]
    );
}

#[test]
fn a_missing_field_is_reported() {
    let broken = GOOD.replace("label = \"A?\"\n", "");
    let found = problems(&[("one.toml", &broken)]);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("one.toml:") && found[0].contains("label"),
        "{found:?}"
    );
}

#[test]
fn every_problem_in_a_pack_is_reported_not_just_the_first() {
    let a = GOOD.replace("kind = \"text\"", "kind = \"essay\"");
    let b = GOOD
        .replace("id = \"one\"", "id = \"two\"")
        .replace("number = 1", "number = 2")
        .replace("title = \"Ex", "title = \"Ex\nbroken");
    assert_eq!(problems(&[("a.toml", &a), ("b.toml", &b)]).len(), 2);
}

#[test]
fn the_readme_documents_every_key_binding() {
    let readme = include_str!("../README.md");
    for binding in attune::keys::KEYMAP {
        assert!(
            readme.contains(binding.does),
            "README is missing the key that does {:?}",
            binding.does
        );
    }
}

#[test]
fn content_never_names_a_key_the_screen_already_shows() {
    // Keys come from the keymap (status bar, help, the widgets' own lines); a key
    // written into content would go stale the day a binding changes.
    let names = [
        "Enter",
        "Esc",
        "Tab",
        "Backspace",
        "Space",
        "Shift",
        "Ctrl-",
        "↑",
        "↓",
        "←",
        "→",
        "F1",
        "Left and Right",
        "arrow",
        "a digit",
        "press ",
    ];
    for step in &content::builtin().unwrap().steps {
        for e in &step.exercises {
            for p in &e.prompts {
                for (what, text) in [
                    ("hint", &p.hint),
                    ("label", &p.label),
                    ("placeholder", &p.placeholder),
                ] {
                    for name in names {
                        assert!(
                            !text.contains(name),
                            "{}/{}/{} {what} names {name}: {text}",
                            step.id,
                            e.id,
                            p.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_scale_too_wide_to_move_along_is_refused_not_overflowed() {
    let wide = GOOD.replace(
        "kind = \"text\"",
        "kind = \"scale\"\nmin = -9223372036854775808\nmax = 9223372036854775807",
    );
    let found = problems(&[("one.toml", &wide)]);
    assert!(
        found.iter().any(|p| p.contains("between -10000 and 10000")),
        "{found:?}"
    );
}

#[test]
fn one_safety_plan_per_pack_with_prompts_and_prefill_only_on_text() {
    let plan = GOOD.replace(
        "about = \"Someone (2000)\"",
        "about = \"Someone (2000)\"\nin_help = true",
    );
    assert_eq!(problems(&[("one.toml", &plan)]), Vec::<String>::new());
    let loaded = load_sources([("one.toml".to_string(), plan.clone())]).unwrap();
    assert_eq!(loaded.safety_plan().map(|(_, e)| e.id.as_str()), Some("ex"));
    // Two in one pack: the second is pointed at.
    let other = plan
        .replace("id = \"one\"", "id = \"two\"")
        .replace("number = 1", "number = 2");
    let found = problems(&[("one.toml", &plan), ("two.toml", &other)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("two.toml:") && found[0].contains("only one exercise"),
        "{found:?}"
    );
    // A reading can't be one.
    let reading = plan.replace(
        "\n[[exercises.prompts]]\nid = \"a\"\nkind = \"text\"\nlabel = \"A?\"\n",
        "reading = \"words\"\n",
    );
    let found = problems(&[("one.toml", &reading)]);
    assert!(
        found
            .iter()
            .any(|p| p.contains("in_help is for an exercise with prompts")),
        "{found:?}"
    );
    // Prefill: text a new answer starts with, crisis lines filled in.
    let prefilled = GOOD.replace(
        "label = \"A?\"",
        "label = \"A?\"\nprefill = \"Mine\\n{crisis lines}\"",
    );
    let loaded = load_sources([("one.toml".to_string(), prefilled)]).unwrap();
    let prefill = &loaded.steps[0].exercises[0].prompts[0].prefill;
    assert!(
        prefill.starts_with("Mine\n") && prefill.contains("116 123"),
        "{prefill}"
    );
    let on_a_scale = GOOD.replace(
        "kind = \"text\"",
        "kind = \"scale\"\nmin = 0\nmax = 10\nprefill = \"5\"",
    );
    let found = problems(&[("one.toml", &on_a_scale)]);
    assert!(
        found.iter().any(|p| p.contains("prefill does not belong")),
        "{found:?}"
    );
}

#[test]
fn the_built_in_pack_has_a_safety_plan_and_offers_steadying_after_the_heaviest_writing() {
    let pack = content::builtin().unwrap();
    let (step, plan) = pack.safety_plan().expect("a safety plan");
    assert_eq!(
        (step.id.as_str(), plan.id.as_str()),
        ("seek-help", "safety-plan")
    );
    let ids: Vec<&str> = plan.prompts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "warning-signs",
            "on-my-own",
            "distractions",
            "people-to-ask",
            "professionals",
            "safer-surroundings"
        ]
    );
    let steady: Vec<&str> = pack
        .steps
        .iter()
        .flat_map(|s| &s.exercises)
        .filter(|e| e.steady)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        steady,
        [
            "the-impact",
            "letter",
            "core-belief",
            "expressive-writing",
            "unsent-message"
        ]
    );
}

/// A pack with a ladder and an exercise whose first prompt is `rung` (its other
/// fields appended), then a 0–100 scale "before" and a text "note".
fn rung_pack(rung: &str) -> String {
    format!(
        r#"{GOOD}
[[exercises.prompts]]
id = "rungs"
kind = "ladder"
label = "Rungs?"
min = 0
max = 100

[[exercises]]
id = "tried"
title = "Tried"
purpose = "p"
minutes = 5
about = "Someone (2000)"

[[exercises.prompts]]
id = "rung"
kind = "rung"
label = "Which rung?"
{rung}

[[exercises.prompts]]
id = "before"
kind = "scale"
label = "Expected?"
min = 0
max = 100

[[exercises.prompts]]
id = "note"
kind = "text"
label = "Note?"
"#
    )
}

#[test]
fn a_rung_prompt_names_a_ladder_and_scales_and_a_prompt_of_its_own_exercise() {
    let good = rung_pack(
        "from = \"one/ex/rungs\"\nexpected = \"before\"\nactual = \"before\"\nhow = \"note\"",
    );
    assert_eq!(problems(&[("one.toml", &good)]), Vec::<String>::new());
    let cases = [
        (
            "",
            "one.toml:35:8: a rung prompt needs from = \"step/exercise/prompt\" naming a ladder prompt",
        ),
        (
            "from = \"rungs\"",
            "one.toml:37:8: a rung prompt needs from = \"step/exercise/prompt\" naming a ladder prompt",
        ),
        (
            "from = \"one/ex/missing\"",
            "one.toml:37:8: rung points nowhere: no prompt \"missing\" in exercise \"ex\" of step \"one\"",
        ),
        (
            "from = \"one/ex/a\"",
            "one.toml:37:8: a rung prompt picks from a \"ladder\" prompt; \"one/ex/a\" is not one",
        ),
        (
            "from = \"one/ex/rungs\"\nactual = \"note\"",
            "one.toml:38:10: actual must name a \"scale\" prompt; \"note\" is not one",
        ),
        (
            "from = \"one/ex/rungs\"\nhow = \"nothing\"",
            "one.toml:38:7: how points nowhere: no prompt \"nothing\" in this exercise",
        ),
        (
            "from = \"one/ex/rungs\"\nhow = \"rung\"",
            "one.toml:38:7: how must name a prompt that asks something; \"rung\" does not",
        ),
        (
            "from = \"one/ex/rungs\"\noptions = [\"a\"]",
            "one.toml:35:8: options does not belong to a \"rung\" prompt",
        ),
    ];
    let found: Vec<Vec<String>> = cases
        .iter()
        .map(|(fields, _)| problems(&[("one.toml", &rung_pack(fields))]))
        .collect();
    let wanted: Vec<Vec<String>> = cases.iter().map(|(_, w)| vec![w.to_string()]).collect();
    assert_eq!(found, wanted);
}
