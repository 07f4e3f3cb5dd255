//! `khabar extract --conll`: one token a line in, `token<TAB>TAG` out, blank lines kept.

use std::io::Write;
use std::process::{Command, Stdio};

fn conll(input: &str) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["extract", "--conll"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn every_token_gets_a_tag_and_blank_lines_stay() {
    let input = "والتقى\nزهرون\nالكشتالي\nبالرئيس\nفي\nمدينة\nتاغزوت\n\n\nقال\nمصدر\n";
    let (ok, output) = conll(input);
    assert!(ok);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), input.lines().count());
    for (line, token) in lines.iter().zip(input.lines()) {
        if token.is_empty() {
            assert!(line.is_empty());
        } else {
            let (word, tag) = line.split_once('\t').expect("token<TAB>TAG");
            assert_eq!(word, token);
            assert!(
                tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
                "{tag}"
            );
        }
    }
    // The tagger is at work (what it finds is the engine's tests' business, not one tag of
    // the shipped weights).
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("-PERS") || l.ends_with("-LOC"))
    );
}

#[test]
fn empty_input_gives_empty_output() {
    assert_eq!(conll(""), (true, String::new()));
}
