use serde_json::{json, Value};

use super::json::{export, import};
use super::version::{History, VersionStatus};
use super::*;

fn cases() -> Value {
    serde_json::from_str(include_str!("cases.json")).unwrap()
}

fn template() -> Template {
    serde_json::from_value(cases()["template"].clone()).unwrap()
}

fn answers(v: &Value) -> Answers {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn the_shared_cases_hold() {
    let t = template();
    validate_template(&t).unwrap();
    for c in cases()["cases"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let a = answers(&c["answers"]);
        let expected: Vec<String> = serde_json::from_value(c["path"].clone()).unwrap();
        assert_eq!(path(&t, &a), expected, "{name}: path");
        match (check_response(&t, &a), c["error_at"].as_str()) {
            (Ok(_), None) => {}
            (Err(p), Some(at)) => assert_eq!(p.at, at, "{name}: {p}"),
            (got, want) => panic!("{name}: got {got:?}, wanted error at {want:?}"),
        }
        if let Some(s) = c["score"].as_f64() {
            let sc = score(&t, &a);
            assert_eq!(sc.total, s, "{name}: score");
            assert_eq!(sc.max, c["max"].as_f64().unwrap(), "{name}: max");
            assert_eq!(classify(&t, &a).map(|l| l.as_str()), c["level"].as_str(), "{name}: level");
            let rules: Vec<&str> = triggered_rules(&t, &a).iter().map(|r| r.id.as_str()).collect();
            let want: Vec<&str> = c["rules"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            assert_eq!(rules, want, "{name}: rules");
        }
    }
}

#[test]
fn off_path_answers_are_not_stored_and_do_not_score() {
    let t = template();
    let a = answers(&json!({"q1": 5, "q3": "s", "q4": ["wait"], "q5": ""}));
    let kept = on_path(&t, &a);
    assert!(!kept.contains_key("q4") && !kept.contains_key("q5"));
    assert_eq!(score(&t, &a).total, 9.0);
}

#[test]
fn template_validation_finds_dangling_jumps_loops_and_duplicates() {
    let mut t = template();
    t.sections[0].questions[2].jumps[0].goto = "q99".into();
    t.sections[0].questions[4].next = Some("q1".into());
    t.sections[1].questions[3].id = "q8".into();
    t.rules[0].question = "nope".into();
    t.sections[0].questions[2]
        .jumps
        .push(Jump { when: Condition::Chosen { values: vec!["zz".into()] }, goto: "end".into() });
    let problems = validate_template(&t).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |s: &str| text.iter().any(|t| t.contains(s));
    assert!(has("q3: jumps to \"q99\""), "{text:?}");
    assert!(has("q5: jumps back to \"q1\""), "{text:?}");
    assert!(has("q8: duplicate question id"), "{text:?}");
    assert!(has("names \"nope\""), "{text:?}");
    assert!(has("option \"zz\""), "{text:?}");
}

#[test]
fn a_self_jump_is_a_loop() {
    let mut t = template();
    t.sections[0].questions[0].next = Some("q1".into());
    assert!(validate_template(&t).unwrap_err()[0].message.contains("jumps back"));
}

#[test]
fn end_stops_the_path() {
    let mut t = template();
    t.sections[0].questions[0].jumps = vec![Jump { when: Condition::ScoreAtMost { value: 1.0 }, goto: END.into() }];
    assert_eq!(path(&t, &answers(&json!({"q1": 1}))), vec!["q1"]);
    assert_eq!(path(&t, &answers(&json!({"q1": 2}))).len(), 7);
}

#[test]
fn ratings_map_onto_five_levels_and_the_rate_is_satisfied_over_valid() {
    let q = |kind| Question {
        id: "x".into(),
        text: "x".into(),
        kind,
        required: false,
        options: vec![],
        rows: vec![],
        min: None,
        max: None,
        jumps: vec![],
        next: None,
    };
    assert_eq!(classify_question(&q(QuestionKind::Rating5), &json!(4)), Some(Satisfaction::Satisfied));
    assert_eq!(classify_question(&q(QuestionKind::Rating10), &json!(9)), Some(Satisfaction::VerySatisfied));
    assert_eq!(classify_question(&q(QuestionKind::Nps), &json!(0)), Some(Satisfaction::VeryDissatisfied));
    assert_eq!(classify_question(&q(QuestionKind::Text), &json!("好")), None);
    assert_eq!(nps_category(9), "promoter");
    assert_eq!(nps_category(6), "detractor");
    use Satisfaction::*;
    assert_eq!(satisfaction_rate(&[VerySatisfied, Satisfied, Neutral]), Some(66.7));
    assert_eq!(satisfaction_rate(&[]), None);
}

#[test]
fn a_published_version_never_changes_and_old_answers_still_score() {
    let mut h = History::default();
    let v1 = template();
    assert_eq!(h.edit(v1.clone()), 1);
    assert_eq!(h.publish(), Ok(1));
    let old_answers = answers(&json!({"q1": 2, "q2": 3, "q3": "d", "q4": ["wait", "cost"]}));
    check_response(&h.current().unwrap().content, &old_answers).unwrap();

    // Edit after answers exist: options renamed and rescored, a question
    // dropped, the branching changed.
    let mut v2 = v1.clone();
    v2.sections[0].questions[2].options = vec![
        Choice {
            value: "good".into(),
            label: "好".into(),
            score: Some(10.0),
            level: Some(Satisfaction::VerySatisfied),
        },
        Choice {
            value: "bad".into(),
            label: "差".into(),
            score: Some(0.0),
            level: Some(Satisfaction::VeryDissatisfied),
        },
    ];
    v2.sections[0].questions[2].jumps =
        vec![Jump { when: Condition::Chosen { values: vec!["bad".into()] }, goto: "q4".into() }];
    v2.sections[0].questions.retain(|q| q.id != "q2");
    v2.rules[0].when = Condition::Chosen { values: vec!["bad".into()] };
    validate_template(&v2).unwrap();
    assert_eq!(h.edit(v2.clone()), 2, "editing a published version makes a new draft");
    assert_eq!(h.get(1).unwrap().content, v1, "version 1 is untouched");
    assert_eq!(h.get(1).unwrap().status, VersionStatus::Published);
    assert_eq!(h.current().unwrap().number, 1, "the draft is not live yet");
    assert_eq!(h.edit(v2.clone()), 2, "a second edit updates the draft");
    assert_eq!(h.publish(), Ok(2));
    assert!(h.publish().is_err());

    // The old response still reads and scores on its own version...
    let old = &h.get(1).unwrap().content;
    check_response(old, &old_answers).unwrap();
    assert_eq!(score(old, &old_answers).total, 7.0);
    assert_eq!(classify(old, &old_answers), Some(Satisfaction::Dissatisfied));
    // ...and would not be valid on the new one.
    assert!(check_response(&h.current().unwrap().content, &old_answers).is_err());
}

#[test]
fn json_round_trip_and_located_import_errors() {
    let t = template();
    let doc = export("DISCHARGE", "出院患者满意度调查", api::QuestionnaireCategory::Satisfaction, &t);
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert_eq!(import(&text).unwrap(), doc);
    let err = import("{\n \"format\": \"hcrm-questionnaire\",\n \"format_version\": 1,\n \"code\": 3 }").unwrap_err();
    assert!(err.starts_with("line 4"), "{err}");
    let mut bad = doc.clone();
    bad.template.sections[0].questions[2].jumps[0].goto = "q0".into();
    let err = import(&serde_json::to_string(&bad).unwrap()).unwrap_err();
    assert!(err.contains("q3: jumps to \"q0\""), "{err}");
}

#[test]
fn the_demo_discharge_template_is_valid() {
    let doc = import(include_str!("discharge_survey.json")).unwrap();
    assert!(satisfaction_question(&doc.template).is_some());
}
