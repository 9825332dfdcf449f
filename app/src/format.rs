//! French formatting of numbers and dates.

use chrono::NaiveDateTime;

/// "24 novembre 2026".
pub fn date(at: NaiveDateTime) -> String {
    shared::format::french_date(at)
}

/// "45 000" with a narrow no-break space between thousands, as French typography wants.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "38 000 à 52 000 € brut par an".
pub fn salary(range: shared::offer::SalaryRange) -> String {
    format!(
        "{} à {} € brut par an",
        thousands(range.min.into()),
        thousands(range.max.into())
    )
}

/// "1 offre", "12 offres".
pub fn count(n: i64, singular: &str, plural: &str) -> String {
    format!("{} {}", thousands(n), if n > 1 { plural } else { singular })
}

/// "9 h 30", French style.
pub fn time(at: NaiveDateTime) -> String {
    use chrono::Timelike;
    if at.minute() == 0 {
        format!("{} h", at.hour())
    } else {
        format!("{} h {:02}", at.hour(), at.minute())
    }
}

/// "18 mars 2027 à 23 h 59".
pub fn date_time(at: NaiveDateTime) -> String {
    format!("{} à {}", date(at), time(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(45000), "45\u{202f}000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn plural() {
        assert_eq!(count(0, "offre", "offres"), "0 offre");
        assert_eq!(count(2, "offre", "offres"), "2 offres");
    }
}
