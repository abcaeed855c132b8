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
