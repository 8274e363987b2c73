//! The seed article's requirements, asserted one by one (the golden test
//! compares the whole output; this one says what matters in it).

use capsift::{Options, clean};

fn seed() -> capsift::Document {
    let input = std::fs::read_to_string("fixtures/seed-kim-shoigu/input.txt").unwrap();
    clean(&input, &Options::default())
}

fn agency_ids(p: &capsift::Photo) -> Vec<&str> {
    p.agencies.iter().filter_map(|a| a.id.as_deref()).collect()
}

#[test]
fn three_photos_with_their_credits() {
    let doc = seed();
    assert_eq!(doc.photos.len(), 3);
    let [parade, vladivostok, toast] = &doc.photos[..] else {
        unreachable!()
    };
    assert_eq!(agency_ids(parade), ["kcna", "ap", "kns"]);
    assert_eq!(
        vladivostok.captions.len(),
        2,
        "the FILE caption and the short one belong together"
    );
    assert_eq!(vladivostok.creators, ["Yuri Kadobnov"]);
    assert!(vladivostok.pool && vladivostok.file_photo);
    assert_eq!(vladivostok.via.as_ref().and_then(|v| v.id.as_deref()), Some("ap"));
    assert_eq!(toast.captions, ["Shoigu toasts with Kim"]);
    assert!(toast.creators.is_empty(), "Uncredited is not a creator");
    let roles: Vec<_> = toast.spans.iter().map(|s| s.role).collect();
    assert!(
        roles.contains(&capsift::document::SpanRole::Duplicate),
        "the repeat is recorded"
    );
}

#[test]
fn body_keeps_only_body_paragraphs() {
    let doc = seed();
    for gone in [
        "KCNA",
        "Kadobnov",
        "Shoigu toasts",
        "With information from AP",
        "朝鮮通信社",
    ] {
        assert!(!doc.body.contains(gone), "{gone} left in the body");
    }
    assert_eq!(doc.body.split("\n\n").count(), 21);
    assert!(doc.body.starts_with("After a year and a half of fighting in Ukraine"));
    assert!(doc.body.ends_with("components produced within the country."));
}

#[test]
fn source_note_and_languages() {
    let doc = seed();
    assert_eq!(doc.sources.len(), 1);
    assert_eq!(doc.sources[0].raw, "(With information from AP)");
    assert_eq!(doc.lang.code, "en");
    assert!(
        doc.photos
            .iter()
            .all(|p| p.lang.as_ref().is_some_and(|l| l.code == "en"))
    );
    assert!(
        doc.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Putin sent his Defense Minister"))
    );
}

#[test]
fn max_caption_words_is_a_user_limit() {
    let text = "Headline of the story\n\nFirst paragraph of the article.\n\n\
                A long caption of nine words about the parade (AP Photo/Jane Roe)\n\nLast paragraph.\n";
    let default = clean(text, &Options::default());
    assert_eq!(default.photos.len(), 1);
    let strict = clean(
        text,
        &Options {
            max_caption_words: 5,
            ..Options::default()
        },
    );
    assert!(strict.photos.is_empty());
    assert!(strict.body.contains("(AP Photo/Jane Roe)"), "kept in the body");
    assert!(strict.warnings.iter().any(|w| w.contains("ends like a photo credit")));
}
