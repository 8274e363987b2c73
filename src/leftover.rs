//! Picture leftovers: `Enlarge this image`, `toggle caption`, `1 of 12`,
//! `IMG_2034.jpg` — text image widgets leave behind in scraped pages.
//! The vocabulary is `data/leftovers.tsv`.
//!
//! ```
//! use capsift::leftover::is_leftover;
//! assert!(is_leftover("Enlarge this image"));
//! assert!(is_leftover("3 of 12"));
//! assert!(!is_leftover("The photo was taken in 2019."));
//! ```

use regex::{RegexSet, RegexSetBuilder};
use std::collections::HashSet;
use std::sync::OnceLock;

const BUILTIN_TSV: &str = include_str!("../data/leftovers.tsv");

struct Leftovers {
    phrases: HashSet<String>,
    shapes: RegexSet,
    buttons: HashSet<String>,
}

fn leftovers() -> &'static Leftovers {
    static L: OnceLock<Leftovers> = OnceLock::new();
    L.get_or_init(|| {
        let mut phrases = HashSet::new();
        let mut shapes = Vec::new();
        let mut buttons = HashSet::new();
        for line in BUILTIN_TSV.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            match line.splitn(3, '\t').collect::<Vec<_>>()[..] {
                ["phrase", _, p] => {
                    phrases.insert(key(p));
                }
                ["regex", _, r] => shapes.push(r.to_string()),
                ["button", _, b] => {
                    buttons.insert(key(b));
                }
                _ => panic!("bad line in leftovers.tsv: {line:?}"),
            }
        }
        let shapes = RegexSetBuilder::new(&shapes)
            .case_insensitive(true)
            .build()
            .expect("leftover shapes compile");
        Leftovers {
            phrases,
            shapes,
            buttons,
        }
    })
}

/// Lowercased, without surrounding space and final punctuation.
fn key(s: &str) -> String {
    s.trim().trim_end_matches(['.', ':', '…']).trim().to_lowercase()
}

/// A line that is nothing but a picture leftover.
pub fn is_leftover(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    let l = leftovers();
    l.phrases.contains(&key(t)) || l.shapes.is_match(t)
}

/// A line that is a widget's button label (`Close`, `Transcript`): a
/// picture leftover when it stands between two others.
pub fn is_widget_button(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 40 && leftovers().buttons.contains(&key(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_in_many_languages() {
        for s in [
            "toggle caption",
            "Photo",
            "Foto",
            "Фото",
            "写真",
            "1 of 12",
            "+2",
            "IMG_2034.jpg",
            "Bild 3 von 8",
            "Bilde 1 av 12",
            "Kuva 3/10",
            "Zdjęcie 1 z 8",
            "Снимка 4 от 9",
            "Förstora bilden",
            "Powiększ zdjęcie",
            "사진 크게 보기",
            "Fotogaleria",
            "Media playback is unsupported on your device",
            // The picture only illustrates the story.
            "Symbolbild",
            "Photo d'illustration",
            "Imagen de referencia",
            "Representational image",
            "Image used for representational purposes only",
            "(Image for representation purpose only)",
            "※写真はイメージです",
            "（写真はイメージ）",
            "图片仅供参考",
            "（图文无关）",
            "사진은 기사 내용과 무관함",
            // Slide-show and full-screen buttons.
            "View slideshow",
            "Diashow starten",
            "Plein écran",
            "Фотогалерея",
            "14 Bilder",
            "-0:00",
            "View Images",
            "Download figure",
            "Überspringe die Bildergalerie",
            "Bilderstrecke starten(16 Bilder)",
        ] {
            assert!(is_leftover(s), "{s}");
        }
    }

    #[test]
    fn real_text_is_not_a_leftover() {
        for s in [
            "Photo: Gene J. Puskar",
            "Video shows the attack",
            "2019",
            "Images of the flood",
            "+2 points",
            "14 Bilder wurden gezeigt",
            "Kuva 3 on otettu aamulla",
            "Powiększ zdjęcie, aby zobaczyć szczegóły mapy.",
            "12:30",
            "Close",
            "Stock photo agencies have seen revenue fall",
            "The slideshow was shown at the festival",
            "Loading…",
            "The figures are for representational purposes only and may change.",
            "写真は東京都内で2024年1月に撮影",
            "图片来源：视觉中国",
        ] {
            assert!(!is_leftover(s), "{s}");
        }
    }

    #[test]
    fn buttons_are_known_apart_from_leftovers() {
        assert!(is_widget_button("Close"));
        assert!(is_widget_button("transcript"));
        assert!(is_widget_button("Schließen"));
        assert!(!is_widget_button("Close to the border"));
        assert!(!is_widget_button("Photo"));
    }
}
