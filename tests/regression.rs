//! One test per problem found (by fuzzing or by people), named after what broke.

use docket::rules::Trigger;
use docket::timeline::When;

/// fuzz/datetime, crash-6332c2765bcc7984e8dcf006d20dcd4b4551f20f: a 7-byte date text with a
/// multi-byte character was sliced by bytes as if it were `YYYY-MM`, and panicked.
#[test]
fn a_seven_byte_date_with_a_multibyte_character_is_an_error_not_a_panic() {
    let text = std::str::from_utf8(&[0x3a, 0x65, 0x5b, 0xc2, 0x8c, 0x73, 0x5d]).unwrap();
    assert!(When::parse(text, false).is_err());
    assert!(When::parse("20é-1", false).is_err());
    assert!(When::parse("2é17", false).is_err());
    assert!(text.parse::<Trigger>().is_err());
}

/// The one-pass table writers draw exactly what comfy-table draws when there is no terminal.
#[test]
fn plain_table_matches_comfy_table() {
    use comfy_table::{Cell, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
    let header = ["Due", "Left", "Deadline"];
    let cases: Vec<Vec<Vec<String>>> = vec![
        vec![],
        vec![vec![
            "Fri 2020-01-17".into(),
            "3 days".into(),
            "Reply (é, 日本)".into(),
        ]],
        vec![
            vec!["a".into(), "".into(), "tab\there".into()],
            vec!["longer cell here".into(), "x".into(), "\u{1b}[31m".into()],
            vec!["short".into()],
        ],
    ];
    for rows in cases {
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        t.set_header(header.iter().map(Cell::new));
        for row in &rows {
            t.add_row(
                row.iter()
                    .map(|c| Cell::new(docket::render::text::terminal(c))),
            );
        }
        assert_eq!(docket::render::table::plain(&header, &rows), t.to_string());
        // The streaming writer, which makes each row twice instead of keeping it, too.
        let mut streamed = Vec::new();
        docket::render::table::plain_to(&mut streamed, &header, rows.len(), |i, cells| {
            for (cell, text) in cells.iter_mut().zip(&rows[i]) {
                cell.push_str(text);
            }
        })
        .unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), t.to_string() + "\n");
    }
}
