//! Readable ids made from titles, unique across the docket.

/// An id from a title: lowercase words joined by `-`, at most about 40 characters, made unique
/// by a `-2`, `-3`, ... suffix.
///
/// ```
/// use docket::edit::ids::from_title;
/// let taken = ["answer-due".to_string()];
/// assert_eq!(from_title("Answer due!", |id| taken.contains(&id.to_string())), "answer-due-2");
/// assert_eq!(from_title("Réponse à l'ordre", |_| false), "reponse-a-l-ordre");
/// ```
pub fn from_title(title: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 40 {
        let cut = slug[..40].rfind('-').unwrap_or(40);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "record".into();
    }
    if !taken(&slug) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

/// A few common accented letters to their base letter, so ids stay ASCII and readable.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    };
    std::iter::once(base)
}
