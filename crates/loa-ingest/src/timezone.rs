//! The time zone a source's dates are written in, for the dates that carry
//! no offset (`2024-05-14 08:30`, a bare `2024-05-14`): without one they
//! would be read as UTC, hours away from the truth for most outlets.
//!
//! A source names its zone (`SourceSettings::timezone`, an IANA name);
//! otherwise it is the zone of the outlet's country where the host's
//! country-code domain names a country with a single zone (`.vn` →
//! Asia/Ho_Chi_Minh), and UTC elsewhere (`.com`, `.org`, countries spanning
//! several zones such as `.ru`, `.us`, `.br`).

pub use chrono_tz::Tz;

/// An IANA zone name (`Asia/Ho_Chi_Minh`, `Europe/Kyiv`, `UTC`), exact case;
/// the error says what was expected.
pub fn parse_timezone(name: &str) -> Result<Tz, String> {
    let name = name.trim();
    name.parse::<Tz>().map_err(|_| {
        format!("{name:?} is not an IANA time zone name; write it as Area/City, e.g. Asia/Ho_Chi_Minh, Europe/Kyiv or UTC")
    })
}

/// Country-code domains of countries (and territories) with one time zone,
/// and that zone.
const COUNTRY_ZONES: &[(&str, Tz)] = &[
    ("vn", Tz::Asia__Ho_Chi_Minh),
    ("kh", Tz::Asia__Phnom_Penh),
    ("la", Tz::Asia__Vientiane),
    ("th", Tz::Asia__Bangkok),
    ("mm", Tz::Asia__Yangon),
    ("my", Tz::Asia__Kuala_Lumpur),
    ("sg", Tz::Asia__Singapore),
    ("ph", Tz::Asia__Manila),
    ("cn", Tz::Asia__Shanghai),
    ("hk", Tz::Asia__Hong_Kong),
    ("tw", Tz::Asia__Taipei),
    ("jp", Tz::Asia__Tokyo),
    ("kr", Tz::Asia__Seoul),
    ("in", Tz::Asia__Kolkata),
    ("ua", Tz::Europe__Kyiv),
    ("by", Tz::Europe__Minsk),
    ("pl", Tz::Europe__Warsaw),
    ("cz", Tz::Europe__Prague),
    ("de", Tz::Europe__Berlin),
    ("at", Tz::Europe__Vienna),
    ("ch", Tz::Europe__Zurich),
    ("fr", Tz::Europe__Paris),
    ("be", Tz::Europe__Brussels),
    ("nl", Tz::Europe__Amsterdam),
    ("it", Tz::Europe__Rome),
    ("ad", Tz::Europe__Andorra),
    ("uk", Tz::Europe__London),
    ("ie", Tz::Europe__Dublin),
    ("gr", Tz::Europe__Athens),
    ("ro", Tz::Europe__Bucharest),
    ("ar", Tz::America__Argentina__Buenos_Aires),
    ("co", Tz::America__Bogota),
    ("pe", Tz::America__Lima),
    ("cu", Tz::America__Havana),
];

/// The zone of the country whose domain `host` is under, if it has one.
pub fn timezone_for_host(host: &str) -> Option<Tz> {
    let tld = host.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    COUNTRY_ZONES.iter().find(|(cc, _)| *cc == tld).map(|(_, tz)| *tz)
}

/// The zone for a source's pages: its own setting, else its country's by
/// [`timezone_for_host`] on `url`'s host, else UTC. A setting that is no
/// zone name (stored before it was checked) is ignored with a warning.
pub fn source_timezone(setting: Option<&str>, url: &str) -> Tz {
    if let Some(name) = setting.filter(|n| !n.trim().is_empty()) {
        match parse_timezone(name) {
            Ok(tz) => return tz,
            Err(why) => tracing::warn!(%why, "source time zone ignored"),
        }
    }
    url::Url::parse(url).ok().and_then(|u| u.host_str().and_then(timezone_for_host)).unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(parse_timezone("Asia/Ho_Chi_Minh"), Ok(Tz::Asia__Ho_Chi_Minh));
        assert_eq!(parse_timezone(" UTC "), Ok(Tz::UTC));
        let err = parse_timezone("Asia/Hanoi").unwrap_err();
        assert!(err.contains("\"Asia/Hanoi\" is not an IANA time zone name"), "{err}");
        assert!(parse_timezone("+07:00").is_err());
        assert!(parse_timezone("").is_err());
    }

    #[test]
    fn country_domains_give_their_zone() {
        assert_eq!(timezone_for_host("baohatinh.vn"), Some(Tz::Asia__Ho_Chi_Minh));
        assert_eq!(timezone_for_host("www.BAOHATINH.VN."), Some(Tz::Asia__Ho_Chi_Minh));
        assert_eq!(timezone_for_host("news.example.co.uk"), Some(Tz::Europe__London));
        assert_eq!(timezone_for_host("example.com"), None);
        assert_eq!(timezone_for_host("lenta.ru"), None, "Russia spans eleven zones");
        assert_eq!(timezone_for_host("127.0.0.1"), None);
    }

    #[test]
    fn a_setting_wins_over_the_domain() {
        assert_eq!(source_timezone(None, "https://vnexpress.net/a"), Tz::UTC);
        assert_eq!(source_timezone(None, "https://tuoitre.vn/a"), Tz::Asia__Ho_Chi_Minh);
        assert_eq!(source_timezone(Some("Asia/Bangkok"), "https://tuoitre.vn/a"), Tz::Asia__Bangkok);
        assert_eq!(source_timezone(Some("Nowhere/Else"), "https://tuoitre.vn/a"), Tz::Asia__Ho_Chi_Minh);
    }
}
