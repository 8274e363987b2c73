//! Properties of the whole pipeline, on arbitrary Unicode and on generated
//! article-shaped text: it never panics, its output is valid JSON, nothing
//! is lost, and cleaning the clean text again changes nothing. Plus inputs
//! shaped to trip quadratic loops, which must simply finish.

mod common;

use capsift::{Document, Options, clean};
use proptest::prelude::*;

fn check_invariants(input: &str) -> Document {
    let doc = clean(input, &Options::default());
    let json = serde_json::to_string(&doc).expect("the document serialises");
    let back: serde_json::Value = serde_json::from_str(&json).expect("the output is valid JSON");
    assert_eq!(back["schema_version"], 1);
    for p in &doc.photos {
        for s in &p.spans {
            assert!(s.start <= s.end && s.end <= input.len(), "span {s:?} outside the input");
            assert!(
                input.is_char_boundary(s.start) && input.is_char_boundary(s.end),
                "span {s:?} splits a character"
            );
        }
    }
    if let Some(line) = common::lost_line(input, &doc) {
        panic!("input line lost: {line:?}");
    }
    doc
}

/// The text `capsift clean` prints: title, blank line, body.
fn clean_text(doc: &Document) -> String {
    match &doc.title {
        Some(t) if doc.body.is_empty() => t.clone(),
        Some(t) => format!("{t}\n\n{}", doc.body),
        None => doc.body.clone(),
    }
}

fn check_idempotent(input: &str) {
    let once = clean_text(&clean(input, &Options::default()));
    let twice = clean_text(&clean(&once, &Options::default()));
    assert_eq!(once, twice, "cleaning the clean text changed it");
}

/// Pieces scraped articles are made of: body sentences, captions with
/// credits in many conventions, credit-only lines, leftovers, source notes.
fn piece() -> impl Strategy<Value = String> {
    let body = prop::sample::select(vec![
        "The ministry did not respond to a request for comment on Tuesday, officials said.",
        "WASHINGTON (AP) — The Senate passed the bill late Monday after a long debate.",
        "Russian state news agency TASS reported that talks would resume next week.",
        "Die Regierung hat am Dienstag ein neues Paket wirtschaftlicher Maßnahmen vorgestellt.",
        "El gobierno anunció el martes un nuevo paquete de medidas económicas, según EFE.",
        "政府は火曜日、新たな経済対策を発表した。関係者によると、来年から実施される。",
        "정부는 화요일 새로운 경제 대책을 발표했다고 연합뉴스가 전했다.",
        "“We will not stop,” said the mayor (D-Ohio), adding that the city had no choice.",
        "Prices rose 1.2% (seasonally adjusted) in March, the statistics office said.",
    ]);
    let caption = prop::sample::select(vec![
        "Shoigu toasts with Kim (KCNA/AP) (Uncredited/)",
        "FILE - Workers repair a transformer in Kharkiv, Ukraine. (AP Photo/Jane Roe, File)",
        "Smoke rises over the city. REUTERS/John Doe/File Photo",
        "Ein Landwirt bei der Arbeit. Foto: picture alliance/dpa/Jan Woitas",
        "서울 도심의 모습 [사진=연합뉴스]",
        "3月20日，农民在麦田里劳作。新华社记者 李鑫 摄",
        "Станция метро. Фото: Андрей Лукин / ТАСС",
        "Photographer: Ann Lee/Bloomberg via Getty Images",
        "© Wiebke Jann",
        "(With information from AP)",
        "Enlarge this image",
        "1 of 12",
        "toggle caption",
        "Kim and Putin (via AP) (Yuri Kadobnov/)",
    ]);
    prop_oneof![3 => body.prop_map(String::from), 2 => caption.prop_map(String::from)]
}

/// An article: pieces joined by blank lines or single newlines, with noise.
fn article() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                piece(),
                prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"]),
            ),
            0..14,
        ),
        prop::sample::select(vec!["", "\u{feff}", "Headline about the talks\n\n", "\u{200b}"]),
    )
        .prop_map(|(pieces, head)| {
            let mut s = head.to_string();
            for (p, sep) in pieces {
                s.push_str(&p);
                s.push_str(sep);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_breaks_the_pipeline(s in "\\PC*") {
        check_invariants(&s);
    }

    #[test]
    fn arbitrary_text_with_newlines_and_brackets(s in "([a-zA-Zé漢한 ()\\[\\]/©:.,\n-]|AP|AFP|Foto:|\\(Reuters\\)){0,200}") {
        check_invariants(&s);
    }

    #[test]
    fn generated_articles_keep_every_piece(s in article()) {
        check_invariants(&s);
    }

    #[test]
    fn cleaning_twice_changes_nothing(s in article()) {
        check_idempotent(&s);
    }
}

/// Pieces of saved pages: article and picture markup, credits, scripts,
/// JSON-LD, entities, comments, stray and unclosed tags.
fn html_piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "<article>",
        "</article>",
        "<p>",
        "</p>",
        "<div class=\"caption\">",
        "<div class=\"bildunterschrift\">",
        "</div>",
        "<figure>",
        "</figure>",
        "<figcaption>",
        "</figcaption>",
        "<span class=\"credit\">",
        "</span>",
        "<img src=\"a.jpg\" alt=\"Kim at the parade\">",
        "<picture><source srcset=\"b.webp 1x\"><img data-src=\"b.jpg\"></picture>",
        "<h1>Kim visits a factory</h1>",
        "<br/>",
        "</b>",
        "<!-- comment -->",
        "<script>if (a<b) x='</div>'</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"Kim inspected a factory.\\n\\nThe visit came days before talks.\",\"image\":{\"@type\":\"ImageObject\",\"caption\":\"Kim (KCNA/AP)\",\"creditText\":\"AP\"}}</script>",
        "<svg><style>p{}</style><title>icon</title></svg>",
        "<meta property=\"og:image\" content=\"c.jpg\">",
        "<nav><ul><li>Home</li><li>World</li></ul></nav>",
        "Kim Jong Un inspected a munitions factory on Friday, state media said. ",
        "Kim and Shoigu at a parade in Pyongyang (KCNA/AP) (朝鮮通信社/)",
        "AP Photo/Evan Vucci",
        "Foto: picture alliance/dpa/Name",
        "ⓒ연합뉴스 新华社记者 李鑫 摄 Фото: ТАСС",
        "&amp; &#151; &nbsp; &bogus; &#x1F600;",
        "<a href=\"",
        "<p class=",
        "\u{200b}\u{0085}é\r\n",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any soup of page markup: no panic, valid JSON, spans inside the page
    /// and on character boundaries.
    #[test]
    fn html_soup_never_breaks_the_pipeline(pieces in prop::collection::vec(html_piece(), 0..60)) {
        let html = pieces.concat();
        let doc = capsift::html::clean_html(&html, &Options::default());
        let json = serde_json::to_string(&doc).expect("the document serialises");
        serde_json::from_str::<serde_json::Value>(&json).expect("the output is valid JSON");
        let spans = doc.photos.iter().flat_map(|p| p.spans.iter().map(|s| (s.start, s.end)));
        let others = doc.removed.iter().map(|r| (r.start, r.end)).chain(doc.sources.iter().map(|s| (s.start, s.end)));
        for (start, end) in spans.chain(others) {
            prop_assert!(start <= end && end <= html.len(), "span {start}..{end} outside the page");
            prop_assert!(html.is_char_boundary(start) && html.is_char_boundary(end), "span {start}..{end} splits a character");
        }
    }
}

/// Inputs that would expose a quadratic loop; they must finish (CI's time
/// limit is the judge, no timing here).
#[test]
fn pathological_inputs_finish() {
    let long_paragraph = "The minister said the plan would cost more than expected. ".repeat(20_000);
    check_invariants(&long_paragraph);
    let blank_lines = "\n".repeat(100_000) + "Body text here.\n";
    check_invariants(&blank_lines);
    let brackets = "(".repeat(200_000);
    check_invariants(&brackets);
    let closers = "Kim (AP) ".repeat(20_000) + &")".repeat(50_000);
    check_invariants(&closers);
    let captions = "Shoigu toasts with Kim (KCNA/AP)\n\n".repeat(5_000);
    check_invariants(&captions);
    let distinct: String = (0..5_000)
        .map(|i| format!("Picture number {i} of the parade (AP Photo/Jane Roe)\n\nBody {i}.\n\n"))
        .collect();
    check_invariants(&distinct);
}
