//! Language detection for the document and for each caption.
//!
//! Scripts decide first where they can: kana means Japanese, Hangul Korean,
//! Han without kana Chinese — unless the document is Japanese, where a
//! kanji-only caption (`石川県輪島市`) is Japanese too. Everything else goes
//! to [`whatlang`]. Captions are short, so a caption gets its own language
//! only when the evidence is reliable; otherwise it inherits the document's.
//!
//! ```
//! use capsift::lang::detect;
//! let (lang, _) = detect("The ministry did not respond to a request for comment on Tuesday.").unwrap();
//! assert_eq!(lang.code, "en");
//! let (lang, _) = detect("朝鮮中央通信が伝えた写真によると").unwrap();
//! assert_eq!(lang.code, "ja");
//! ```

use serde::Serialize;
use whatlang::{Lang, Script};

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 code, else ISO 639-3; `und` when unknown.
    pub code: String,
    /// English name.
    pub name: String,
    /// ISO 15924 script code.
    pub script: String,
    /// 0 to 1.
    pub confidence: f64,
}

impl Language {
    /// The undetermined language.
    pub fn undetermined() -> Language {
        Language {
            code: "und".into(),
            name: "Undetermined".into(),
            script: "Zyyy".into(),
            confidence: 0.0,
        }
    }

    fn new(code: &str, name: &str, script: &str, confidence: f64) -> Language {
        Language {
            code: code.into(),
            name: name.into(),
            script: script.into(),
            confidence: (confidence * 100.0).round() / 100.0,
        }
    }
}

/// Letters counted per script family.
#[derive(Debug, Default)]
struct ScriptCounts {
    han: usize,
    kana: usize,
    /// Hiragana but `の`: the particles and endings of Japanese sentences,
    /// which Chinese never writes (`の` itself appears in Chinese marketing
    /// for 的, and katakana for Japanese names).
    particles: usize,
    hangul: usize,
    other: usize,
}

impl ScriptCounts {
    fn of(text: &str) -> ScriptCounts {
        let mut n = ScriptCounts::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            match c as u32 {
                0x3041..=0x309F if c != 'の' => {
                    n.kana += 1;
                    n.particles += 1;
                }
                0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => n.kana += 1,
                0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => n.han += 1,
                0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => n.hangul += 1,
                _ => n.other += 1,
            }
        }
        n
    }

    fn total(&self) -> usize {
        self.han + self.kana + self.hangul + self.other
    }
}

/// Detects the language of `text`; the flag says whether the evidence is
/// reliable. `None` when there are no letters at all.
pub fn detect(text: &str) -> Option<(Language, bool)> {
    let n = ScriptCounts::of(text);
    let total = n.total();
    if total == 0 {
        return None;
    }
    let share = |k: usize| k as f64 / total as f64;
    // Kana is only ever Japanese; a few kana among kanji settle it, and
    // fewer still when they are particles (`首相官邸で…`).
    let japanese =
        (n.kana > 0 && n.kana * 10 >= n.han + n.kana) || (n.particles > 0 && n.particles * 20 >= n.han + n.kana);
    if japanese && share(n.han + n.kana) >= 0.5 {
        return Some((Language::new("ja", "Japanese", "Jpan", share(n.han + n.kana)), true));
    }
    if share(n.hangul) >= 0.5 {
        return Some((Language::new("ko", "Korean", "Kore", share(n.hangul)), true));
    }
    if share(n.han) >= 0.5 {
        // Han alone says Chinese to every detector, but it may as well be
        // Japanese kanji: reliable only with enough text.
        return Some((Language::new("zh", "Chinese", "Hani", share(n.han)), n.han >= 12));
    }
    let info = whatlang::detect(text)?;
    Some((
        from_whatlang(info.lang(), info.script(), info.confidence()),
        info.is_reliable(),
    ))
}

/// The language of a caption, given the document's: its own when the
/// evidence is reliable or its script says so, else the document's.
/// The flag says whether it was detected (true) or inherited (false).
pub fn detect_caption(text: &str, document: &Language) -> (Language, bool) {
    // A short caption in the document's script inherits its language
    // whatever the trigram model would say (the last rule below), so the
    // model, the costliest step of a photo, is not asked.
    if words(text) < MIN_WORDS_TO_SWITCH && in_script_of(text, document) {
        return (document.clone(), false);
    }
    match detect(text) {
        // Kanji-only captions in a Japanese document are Japanese.
        Some((l, _)) if l.code == "zh" && document.code == "ja" => (document.clone(), false),
        Some((l, true)) if l.code == document.code => (l, true),
        Some((l, _)) if script_decides(&l, document) => (l, true),
        // Another language in the document's own script needs strong
        // evidence: short captions fool trigram models (an English caption
        // read as French), and most captions are in the document's language.
        Some((l, reliable)) if reliable && l.confidence >= 0.9 && words(text) >= MIN_WORDS_TO_SWITCH => (l, true),
        _ => (document.clone(), false),
    }
}

/// A caption in the document's script needs this many words to be given a
/// language other than the document's.
const MIN_WORDS_TO_SWITCH: usize = 8;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether `text` is written in the script whatlang gave `document`. The
/// scripts decided here before whatlang (Japanese, Korean, Han) never are.
fn in_script_of(text: &str, document: &Language) -> bool {
    !matches!(document.script.as_str(), "Jpan" | "Kore" | "Hani")
        && whatlang::detect_script(text).is_some_and(|s| iso15924(s) == document.script)
}

/// A caption in a script of its own (Hangul in an English article) needs no
/// more evidence than its script.
fn script_decides(caption: &Language, document: &Language) -> bool {
    caption.script != document.script
        && matches!(
            caption.script.as_str(),
            "Kore" | "Jpan" | "Hani" | "Thai" | "Grek" | "Hebr" | "Geor" | "Armn" | "Latn" | "Cyrl" | "Arab" | "Deva"
        )
}

fn from_whatlang(lang: Lang, script: Script, confidence: f64) -> Language {
    let code = iso639_1(lang).unwrap_or(lang.code());
    Language::new(code, lang.eng_name(), iso15924(script), confidence)
}

/// ISO 639-1 codes of whatlang's languages that have one.
fn iso639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "no",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
        _ => return None,
    })
}

/// ISO 15924 codes of whatlang's scripts.
fn iso15924(script: Script) -> &'static str {
    use Script::*;
    match script {
        Arabic => "Arab",
        Armenian => "Armn",
        Bengali => "Beng",
        Cyrillic => "Cyrl",
        Devanagari => "Deva",
        Ethiopic => "Ethi",
        Georgian => "Geor",
        Greek => "Grek",
        Gujarati => "Gujr",
        Gurmukhi => "Guru",
        Hangul => "Kore",
        Hebrew => "Hebr",
        Hiragana | Katakana => "Jpan",
        Kannada => "Knda",
        Khmer => "Khmr",
        Latin => "Latn",
        Malayalam => "Mlym",
        Mandarin => "Hani",
        Myanmar => "Mymr",
        Oriya => "Orya",
        Sinhala => "Sinh",
        Tamil => "Taml",
        Telugu => "Telu",
        Thai => "Thai",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> String {
        detect(s).unwrap().0.code
    }

    #[test]
    fn scripts_decide_cjk() {
        assert_eq!(code("서울에서 열린 회의에서 대통령이 연설하고 있다"), "ko");
        assert_eq!(code("新华社记者李鑫摄影报道北京时间"), "zh");
        assert_eq!(code("背面はガラス素材、側面はチタンカラーで高級感も"), "ja");
        // One particle among many kanji.
        assert_eq!(code("岸田文雄首相＝首相官邸で2024年5月3日（共同）"), "ja");
        // `の` alone, as Chinese marketing writes it for 的, is not Japanese.
        assert_eq!(code("台北の夏天最美味的芒果冰"), "zh");
    }

    #[test]
    fn kanji_only_caption_inherits_japanese() {
        let ja = detect("能登半島地震で被害を受けた石川県の町並み").unwrap().0;
        let (l, detected) = detect_caption("石川県輪島市", &ja);
        assert_eq!(l.code, "ja");
        assert!(!detected);
    }

    #[test]
    fn unreliable_captions_inherit() {
        let en = detect("The ministry did not respond to a request for comment on the figures.")
            .unwrap()
            .0;
        let (l, detected) = detect_caption("Kim and Putin", &en);
        assert_eq!(l.code, "en");
        assert!(!detected);
        // Short and in the document's script: inherited, even where the
        // model would have said Spanish.
        let (l, detected) = detect_caption("El presidente en la ciudad", &en);
        assert_eq!((l.code.as_str(), detected), ("en", false));
        // Short but in another script: its own.
        let (l, detected) = detect_caption("Путин в Москве", &en);
        assert_eq!((l.script.as_str(), detected), ("Cyrl", true));
        // Han alone, too short to be sure it is Chinese, is still not English.
        let (l, detected) = detect_caption("習近平主席在人民大會堂。（新華社）", &en);
        assert_eq!((l.code.as_str(), detected), ("zh", true));
    }

    #[test]
    fn no_letters_no_language() {
        assert!(detect("1 2 3 — 2019").is_none());
    }
}
