//! The UID of a record's VEVENT: the same record gets the same UID in every export, so a
//! calendar updates it instead of adding a second one, and two records never share one, so a
//! calendar never drops one of them.

use super::content_line::ContentLines;

/// The UID of the record with id `record` in the timeline with id `timeline`:
/// `record.timeline@docket`, each id written with every character other than an ASCII letter,
/// a digit, `-` and `_` as `%` and two hex digits per byte of its UTF-8 (`.` is `%2E`, `%` is
/// `%25`). The ids docket makes from titles, like those of the bundled timelines, go as they
/// are. No host name goes in, and nothing that varies between exports.
///
/// Two different pairs of ids always give two different UIDs: each id is written so that it can
/// be read back, and neither holds the `.` between them.
///
/// ```
/// use docket::render::ics::uid;
/// assert_eq!(uid("denver-ice-subpoenas", "subpoena-1-response"), "subpoena-1-response.denver-ice-subpoenas@docket");
/// // Once the same UID for two records; now two.
/// assert_eq!(uid("a.b", "c"), "c.a%2Eb@docket");
/// assert_eq!(uid("b", "c.a"), "c%2Ea.b@docket");
/// assert_eq!(uid("t", "x\u{200b}"), "x%E2%80%8B.t@docket");
/// ```
pub fn uid(timeline: &str, record: &str) -> String {
    let mut out = String::with_capacity(record.len() + timeline.len() + 8);
    write_uid(timeline, record, |piece| out.push_str(piece));
    out
}

/// [`uid`], written into a content line.
pub(super) fn push_uid(w: &mut ContentLines, timeline: &str, record: &str) {
    write_uid(timeline, record, |piece| w.push(piece));
}

/// [`uid`], handed to `emit` in pieces.
fn write_uid(timeline: &str, record: &str, mut emit: impl FnMut(&str)) {
    encode(record, &mut emit);
    emit(".");
    encode(timeline, &mut emit);
    emit("@docket");
}

/// Whether a byte of an id goes into a UID as it is.
fn kept(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')
}

/// An id as it goes into a UID: runs of kept bytes as they are, every other byte as `%XX`.
fn encode(id: &str, emit: &mut impl FnMut(&str)) {
    let bytes = id.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if kept(b) {
            continue;
        }
        if start < i {
            emit(&id[start..i]);
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let escape = [b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
        emit(std::str::from_utf8(&escape).expect("ASCII"));
        start = i + 1;
    }
    if start < bytes.len() {
        emit(&id[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a UID back into its timeline and record ids: the inverse that makes [`uid`]
    /// one-to-one.
    fn read_back(uid: &str) -> Option<(String, String)> {
        let ids = uid.strip_suffix("@docket")?;
        let (record, timeline) = ids.split_once('.')?;
        let decode = |id: &str| -> Option<String> {
            let mut bytes = Vec::new();
            let mut rest = id.as_bytes();
            while let Some((&b, tail)) = rest.split_first() {
                if b == b'%' {
                    let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
                    bytes.push(u8::from_str_radix(hex, 16).ok()?);
                    rest = &tail[2..];
                } else {
                    assert!(kept(b), "{b:#x} written as it is");
                    bytes.push(b);
                    rest = tail;
                }
            }
            String::from_utf8(bytes).ok()
        };
        Some((decode(timeline)?, decode(record)?))
    }

    /// Ids from a few characters that collided before (`.`, a zero-width space, `%` and what
    /// an escape is made of), and any text at all.
    fn id() -> impl Strategy<Value = String> {
        prop_oneof!["[ab.%2E\u{200b}@ _-]{0,5}", any::<String>(),]
    }

    proptest! {
        #[test]
        fn a_uid_reads_back_as_its_two_ids(timeline in id(), record in id()) {
            let u = uid(&timeline, &record);
            prop_assert!(u.is_ascii());
            prop_assert_eq!(read_back(&u), Some((timeline, record)));
        }

        #[test]
        fn two_different_pairs_of_ids_never_share_a_uid(
            a in (id(), id()),
            b in (id(), id()),
        ) {
            prop_assert_eq!(uid(&a.0, &a.1) == uid(&b.0, &b.1), a == b);
        }

        #[test]
        fn a_uid_written_into_a_line_is_the_uid(timeline in id(), record in id()) {
            let mut w = ContentLines::default();
            w.push("UID:");
            push_uid(&mut w, &timeline, &record);
            w.end();
            let line = String::from_utf8(w.out).unwrap().replace("\r\n ", "");
            prop_assert_eq!(line, format!("UID:{}\r\n", uid(&timeline, &record)));
        }
    }

    /// The ids docket makes from titles go as they are.
    #[test]
    fn ids_made_from_titles_keep_their_uids() {
        let id = crate::edit::ids::from_title("Réponse à l'ordre, 2nd", |_| false);
        assert_eq!(uid("m_1", &id), format!("{id}.m_1@docket"));
    }
}
