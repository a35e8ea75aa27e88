//! The portal's sections. Their localised names live in the Fluent files
//! (`category-<slug>`), not here: this crate holds no interface text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Category {
    /// Stable identifier, used in URLs and as the Fluent message suffix.
    pub slug: &'static str,
}

/// Every section, in navigation order (the reference page's set).
pub const CATEGORIES: [Category; 9] = [
    Category { slug: "news" },
    Category { slug: "political-system" },
    Category { slug: "local" },
    Category { slug: "heritage" },
    Category { slug: "figures" },
    Category { slug: "business" },
    Category { slug: "product" },
    Category { slug: "travel" },
    Category { slug: "video" },
];

impl Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug)
    }
}

impl<'de> Deserialize<'de> for Category {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let slug = String::deserialize(d)?;
        Category::from_slug(&slug).ok_or_else(|| serde::de::Error::custom(format!("unknown category {slug:?}")))
    }
}

impl Category {
    /// The video section.
    pub const VIDEO: Category = Category { slug: "video" };

    /// Whether this section gathers every story that carries a video,
    /// whatever section the story is filed under, besides its own: a
    /// reader who opens the videos expects all of them.
    pub fn gathers_videos(self) -> bool {
        self == Category::VIDEO
    }

    pub fn from_slug(slug: &str) -> Option<Category> {
        CATEGORIES.iter().copied().find(|c| c.slug == slug)
    }

    /// Maps a label an outlet uses (in any of several languages) to a
    /// section; unknown labels fall back to News.
    pub fn from_label(label: &str) -> Category {
        let l = label.trim().to_lowercase();
        let slug = match l.as_str() {
            s if s.contains("politic") || s.contains("chính trị") || s.contains("полит") => "political-system",
            s if s.contains("local") || s.contains("địa phương") || s.contains("регион") || s.contains("мест") => {
                "local"
            }
            s if s.contains("heritage")
                || s.contains("di sản")
                || s.contains("наслед")
                || s.contains("culture")
                || s.contains("văn hóa")
                || s.contains("культур") =>
            {
                "heritage"
            }
            s if s.contains("figure")
                || s.contains("people")
                || s.contains("nhân vật")
                || s.contains("люди")
                || s.contains("персон") =>
            {
                "figures"
            }
            s if s.contains("business")
                || s.contains("econom")
                || s.contains("kinh")
                || s.contains("эконом")
                || s.contains("бизнес") =>
            {
                "business"
            }
            s if s.contains("product") || s.contains("sản phẩm") || s.contains("продук") => "product",
            s if s.contains("travel")
                || s.contains("tourism")
                || s.contains("du lịch")
                || s.contains("туризм")
                || s.contains("путешеств") =>
            {
                "travel"
            }
            s if s.contains("video") || s.contains("видео") => "video",
            _ => "news",
        };
        Category::from_slug(slug).expect("slug is in CATEGORIES")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_labels_in_several_languages() {
        assert_eq!(Category::from_label("Du lịch").slug, "travel");
        assert_eq!(Category::from_label("Экономика").slug, "business");
        assert_eq!(Category::from_label("Heritage").slug, "heritage");
        assert_eq!(Category::from_label("anything else").slug, "news");
    }

    #[test]
    fn slugs_are_unique() {
        for (i, a) in CATEGORIES.iter().enumerate() {
            for b in &CATEGORIES[i + 1..] {
                assert_ne!(a.slug, b.slug);
            }
        }
    }
}
