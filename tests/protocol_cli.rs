//! `dtk protocol FILE… [--scale 7,10,14] [--json]`: the same engine as the page. With a scale
//! typed, the JSON holds each protocol's analysis (the marks of the real grade-5 protocol equal
//! the count by hand); without one, a 2021-2022 protocol gets a clear message and exit code 2;
//! a damaged file among good ones is a message on stderr and the rest are analysed.

use std::process::{Command, Output};

use serde_json::Value as Json;

const DTK: &str = env!("CARGO_BIN_EXE_dtk");
const REAL: &str = "tests/data/real/fisoko-protocols-2022";

fn run(args: &[&str]) -> Output {
    Command::new(DTK)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run dtk")
}

#[test]
fn protocols_with_a_typed_scale_give_json() {
    let math5 = format!("{REAL}/vpr2022_grade5_math.xlsx");
    let out = run(&[
        "protocol",
        &math5,
        "tests/fixtures/protocols/damaged.xlsx",
        "--scale",
        "8,11,15",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("«damaged.xlsx»: файл не открывается как книга Excel"),
        "{stderr}"
    );
    let json: Json = serde_json::from_slice(&out.stdout).unwrap();
    let a = &json[0]["analysis"];
    assert_eq!(a["grade"], 5);
    assert_eq!(a["year"], "2021-2022");
    assert_eq!(a["scale"]["cuts"], serde_json::json!([8, 11, 15]));
    let g = &a["schools"][0]["total"];
    // By hand from the rows (tests/protocol.rs, MATH5): totals 7, 10, 11, 7, 12, 7, 11.
    assert_eq!(g["participants"], 7);
    assert_eq!(
        g["marks"],
        serde_json::json!({"n2": 3, "n3": 1, "n4": 3, "n5": 0})
    );
    assert_eq!(g["journal"]["lower"], 4);
    assert_eq!(g["journal"]["same"], 3);
    assert!(json[1]["error"].as_str().unwrap().contains("damaged.xlsx"));

    let text = run(&["protocol", &math5, "--scale", "8,11,15"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("«2» — 3 (42,9\u{a0}%)"), "{text}");
    assert!(text.contains("отметки ВПР ниже отметок в журнале у 57,1\u{a0}% участников (4 из 7)"));
}

#[test]
fn without_a_scale_a_2022_protocol_asks_for_one() {
    let out = run(&["protocol", &format!("{REAL}/vpr2022_grade6_rus.xlsx")]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("нужна шкала перевода баллов в отметки"),
        "{stderr}"
    );
    assert!(stderr.contains("шкала 2020/2021: 25,35,45"), "{stderr}");
    let bad = run(&[
        "protocol",
        &format!("{REAL}/vpr2022_grade6_rus.xlsx"),
        "--scale",
        "25,35",
    ]);
    assert_eq!(bad.status.code(), Some(64));
}
