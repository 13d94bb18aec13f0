//! Unicode character names for `\N{...}` escapes.
//!
//! Only the names that follow from a rule are known here: CJK unified and
//! compatibility ideographs (`CJK UNIFIED IDEOGRAPH-4E00`) and Hangul
//! syllables. The full name table (about 35,000 names) is not bundled yet; see
//! docs/python-frontend.md.

/// The code point named `name` (case-insensitive), if known.
pub fn lookup(name: &str) -> Option<u32> {
    let upper = name.to_ascii_uppercase();
    for prefix in ["CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-"] {
        if let Some(hex) = upper.strip_prefix(prefix) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .filter(|cp| *cp <= 0x10ffff);
        }
    }
    if let Some(rest) = upper.strip_prefix("HANGUL SYLLABLE ") {
        return hangul_syllable(rest);
    }
    None
}

const LEADS: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
const VOWELS: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
const TAILS: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];

/// Hangul syllable names are lead + vowel + tail jamo short names.
fn hangul_syllable(rest: &str) -> Option<u32> {
    for (l, lead) in LEADS.iter().enumerate() {
        let Some(after_lead) = rest.strip_prefix(lead) else {
            continue;
        };
        for (v, vowel) in VOWELS.iter().enumerate() {
            let Some(after_vowel) = after_lead.strip_prefix(vowel) else {
                continue;
            };
            if let Some(t) = TAILS.iter().position(|tail| *tail == after_vowel) {
                return Some(0xAC00 + ((l * 21 + v) * 28 + t) as u32);
            }
        }
    }
    None
}
