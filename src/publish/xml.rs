//! WebDAV XML (RFC 4918, RFC 4791) through `quick-xml`: the request bodies docket sends and the
//! `multistatus` answers it reads. Elements are matched by namespace and local name, whatever
//! prefixes the server chose; text arrives with its entity and character references resolved.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesRef, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// The WebDAV namespace.
const DAV: &str = "DAV:";
/// The CalDAV namespace.
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// `PROPFIND` (depth 0) for what the collection is.
pub(crate) fn propfind_resourcetype() -> Vec<u8> {
    document(|w| {
        w.create_element("D:propfind")
            .with_attribute(("xmlns:D", DAV))
            .write_inner_content(|w| {
                w.create_element("D:prop").write_inner_content(|w| {
                    w.create_element("D:resourcetype").write_empty()?;
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// `REPORT calendar-query` (depth 1) for every event in the collection, with its ETag and its
/// text: one request lists the whole collection.
pub(crate) fn calendar_query() -> Vec<u8> {
    document(|w| {
        w.create_element("C:calendar-query")
            .with_attributes([("xmlns:D", DAV), ("xmlns:C", CALDAV)])
            .write_inner_content(|w| {
                w.create_element("D:prop").write_inner_content(|w| {
                    w.create_element("D:getetag").write_empty()?;
                    w.create_element("C:calendar-data").write_empty()?;
                    Ok(())
                })?;
                w.create_element("C:filter").write_inner_content(|w| {
                    w.create_element("C:comp-filter")
                        .with_attribute(("name", "VCALENDAR"))
                        .write_inner_content(|w| {
                            w.create_element("C:comp-filter")
                                .with_attribute(("name", "VEVENT"))
                                .write_empty()?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

fn document(body: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new());
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|()| body(&mut writer))
        .expect("writing to memory does not fail");
    writer.into_inner()
}

/// One `response` of a multistatus, with what its successful `propstat`s said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DavResponse {
    /// The resource, as the server wrote it.
    pub href: String,
    /// The response's own status (for a resource that is gone, say), if it has one.
    pub status: Option<u16>,
    /// `getetag`.
    pub etag: Option<String>,
    /// `calendar-data`.
    pub calendar_data: Option<String>,
    /// `resourcetype` holds `collection`.
    pub is_collection: bool,
    /// `resourcetype` holds CalDAV's `calendar`.
    pub is_calendar: bool,
}

/// The elements the reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Multistatus,
    Response,
    Href,
    Status,
    Propstat,
    Prop,
    Getetag,
    CalendarData,
    Resourcetype,
    Other,
}

fn tag(ns: &ResolveResult, local: &str) -> Tag {
    match (ns, local) {
        (ResolveResult::Bound(ns), _) if ns.0 == DAV => match local {
            "multistatus" => Tag::Multistatus,
            "response" => Tag::Response,
            "href" => Tag::Href,
            "status" => Tag::Status,
            "propstat" => Tag::Propstat,
            "prop" => Tag::Prop,
            "getetag" => Tag::Getetag,
            "resourcetype" => Tag::Resourcetype,
            _ => Tag::Other,
        },
        (ResolveResult::Bound(ns), "calendar-data") if ns.0 == CALDAV => Tag::CalendarData,
        _ => Tag::Other,
    }
}

/// What one `propstat` said, kept only if its status is a success.
#[derive(Default)]
struct Propstat {
    status: Option<u16>,
    etag: Option<String>,
    calendar_data: Option<String>,
    is_collection: bool,
    is_calendar: bool,
}

/// Reads a `multistatus` answer; the error says what was wrong with it.
pub(crate) fn parse_multistatus(text: &str) -> Result<Vec<DavResponse>, String> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Tag> = Vec::new();
    let mut responses = Vec::new();
    let mut response = DavResponse::default();
    let mut propstat = Propstat::default();
    let mut text_buf = String::new();
    let mut seen_root = false;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("not XML ({e})"))?;
        match event {
            Event::Start(start) => {
                let t = tag(&ns, start.local_name().as_ref());
                if stack.is_empty() {
                    if seen_root || t != Tag::Multistatus {
                        return Err("the answer is XML but not a WebDAV multistatus".into());
                    }
                    seen_root = true;
                }
                match t {
                    Tag::Response => response = DavResponse::default(),
                    Tag::Propstat => propstat = Propstat::default(),
                    _ => {}
                }
                text_buf.clear();
                stack.push(t);
            }
            Event::Empty(empty) => {
                if stack.is_empty() {
                    // `<multistatus/>`: nothing in the collection.
                    if seen_root || tag(&ns, empty.local_name().as_ref()) != Tag::Multistatus {
                        return Err("the answer is XML but not a WebDAV multistatus".into());
                    }
                    seen_root = true;
                    continue;
                }
                if stack.last() == Some(&Tag::Resourcetype) {
                    let local = empty.local_name();
                    match (&ns, local.as_ref()) {
                        (ResolveResult::Bound(n), "collection") if n.0 == DAV => {
                            propstat.is_collection = true;
                        }
                        (ResolveResult::Bound(n), "calendar") if n.0 == CALDAV => {
                            propstat.is_calendar = true;
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(t) => text_buf.push_str(&t.xml10_content()),
            Event::CData(c) => text_buf.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => text_buf.push_str(&reference(&r)?),
            Event::End(_) => {
                let t = stack.pop().ok_or("an element closes that never opened")?;
                let value = std::mem::take(&mut text_buf);
                match (t, stack.last()) {
                    (Tag::Href, Some(Tag::Response)) => response.href = value.trim().to_string(),
                    (Tag::Status, Some(Tag::Response)) => response.status = status_code(&value),
                    (Tag::Status, Some(Tag::Propstat)) => propstat.status = status_code(&value),
                    (Tag::Getetag, Some(Tag::Prop)) => {
                        propstat.etag = Some(value.trim().to_string())
                    }
                    (Tag::CalendarData, Some(Tag::Prop)) => propstat.calendar_data = Some(value),
                    (Tag::Propstat, _) => {
                        let done = std::mem::take(&mut propstat);
                        if done.status.is_some_and(|s| (200..300).contains(&s)) {
                            response.etag = done.etag.or(response.etag.take());
                            response.calendar_data =
                                done.calendar_data.or(response.calendar_data.take());
                            response.is_collection |= done.is_collection;
                            response.is_calendar |= done.is_calendar;
                        }
                    }
                    (Tag::Response, _) => {
                        if response.href.is_empty() {
                            return Err("a response names no resource (no href)".into());
                        }
                        responses.push(std::mem::take(&mut response));
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err("the answer is empty, not a WebDAV multistatus".into());
    }
    if !stack.is_empty() {
        return Err("the answer ends before its elements close".into());
    }
    Ok(responses)
}

/// The text of an entity or character reference.
fn reference(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| format!("unknown entity `&{name};`"))
}

/// The code in a status line (`HTTP/1.1 200 OK`).
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bodies_are_the_documents_meant() {
        let query = String::from_utf8(calendar_query()).unwrap();
        assert!(query.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assert!(query.contains(
            "<C:calendar-query xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
        ));
        assert!(query.contains(
            "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"/></C:comp-filter>"
        ));
        // Our own reader, namespaces and all, reads our bodies as what they claim to be.
        assert!(parse_multistatus(&query).is_err());
        let propfind = String::from_utf8(propfind_resourcetype()).unwrap();
        assert!(propfind.contains(
            "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>"
        ));
    }

    #[test]
    fn reads_any_prefix_references_and_failed_propstats() {
        // Xandikos' style: prefixes ns0/ns1, propstat status first; a 404 propstat is ignored.
        let text = r#"<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns0:response><ns0:href>/c/a%40b.ics</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"e1"</ns0:getetag><ns1:calendar-data>BEGIN:VCALENDAR&#13;
SUMMARY:a &amp; b
END:VCALENDAR&#13;
</ns1:calendar-data></ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns0:getetag>"wrong"</ns0:getetag></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/c/gone.ics</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response></ns0:multistatus>"#;
        let got = parse_multistatus(text).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].href, "/c/a%40b.ics");
        assert_eq!(got[0].etag.as_deref(), Some("\"e1\""));
        assert_eq!(
            got[0].calendar_data.as_deref(),
            Some("BEGIN:VCALENDAR\r\nSUMMARY:a & b\nEND:VCALENDAR\r\n")
        );
        assert_eq!(got[1].status, Some(404));
        assert_eq!(got[1].etag, None);
    }

    #[test]
    fn reads_resource_types_and_cdata() {
        let text = r#"<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/c/</href><propstat><prop><resourcetype><collection/><C:calendar/></resourcetype><C:calendar-data><![CDATA[BEGIN:X<>]]></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let got = parse_multistatus(text).unwrap();
        assert!(got[0].is_collection && got[0].is_calendar);
        assert_eq!(got[0].calendar_data.as_deref(), Some("BEGIN:X<>"));
        let plain = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/f/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
        let got = parse_multistatus(plain).unwrap();
        assert!(got[0].is_collection && !got[0].is_calendar);
    }

    #[test]
    fn an_empty_multistatus_is_no_response() {
        let text = "<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\" />";
        assert_eq!(parse_multistatus(text).unwrap(), []);
        assert!(
            parse_multistatus("<multistatus xmlns=\"DAV:\"/><multistatus xmlns=\"DAV:\"/>")
                .is_err()
        );
        assert!(parse_multistatus("<other xmlns=\"DAV:\"/>").is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for text in [
            "",
            "not xml at all",
            "<html><body>Welcome</body></html>",
            "<multistatus xmlns=\"DAV:\"><response>",
            "<multistatus xmlns=\"DAV:\"><response><propstat/></response></multistatus>",
            "<multistatus xmlns=\"DAV:\">&bogus;</multistatus>",
            "<a></b>",
            "\u{0}\u{1}\u{2}",
        ] {
            assert!(parse_multistatus(text).is_err(), "{text:?}");
        }
    }
}
