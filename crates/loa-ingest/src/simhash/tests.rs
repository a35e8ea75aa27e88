use super::*;

/// A wire story as the agency sent it (about 200 words).
const WIRE: &str = "HANOI, Oct 12 - Floods triggered by three days of torrential rain have killed at least 17 people \
in central Vietnam and left thousands of homes under water, the country's disaster management agency said on Saturday. \
The worst-hit provinces were Quang Binh, Ha Tinh and Quang Tri, where rivers rose above their highest recorded levels \
since 2010, the agency said in a statement. Eleven people remain missing, most of them swept away while crossing flooded \
roads or checking fishing nets. Soldiers and police have evacuated more than 40,000 residents to schools and government \
buildings on higher ground, and rescue teams were using boats to deliver food and drinking water to villages cut off by \
landslides. Power was cut to about 120,000 households, and several sections of the north-south railway were closed after \
embankments were washed away. The national weather centre warned that another tropical depression forming in the South \
China Sea could bring up to 300 millimetres of additional rain to the region early next week. Vietnam is prone to storms \
and flooding between July and November. Natural disasters killed 245 people in the country last year and caused damage \
estimated at 1.7 billion dollars, according to government figures.";

/// The same story under a paper's own first sentence.
fn with_new_intro() -> String {
    let rest = WIRE.split_once("on Saturday. ").unwrap().1;
    format!(
        "At least 17 people have died in central Vietnam after three days of heavy rain flooded thousands of homes, \
         officials said on Saturday, as rescuers struggled to reach isolated villages. {rest}"
    )
}

/// The same story wrapped in another site's page furniture.
fn with_boilerplate() -> String {
    format!(
        "Share this article on Facebook, Twitter or by email. {WIRE} Reporting by Minh Nguyen; editing by Alex \
         Richardson. Our standards: the trust principles. Sign up for our morning briefing."
    )
}

/// The same story after an update: new figures and a fixed phrase.
fn with_small_edits() -> String {
    WIRE.replace("at least 17 people", "at least 19 people")
        .replace("Eleven people remain missing", "Nine people are still missing")
        .replace("more than 40,000", "nearly 42,000")
        .replace("early next week", "from Monday")
}

/// Another story on the same topic, written independently.
const SAME_TOPIC: &str = "Rice farmers in central Vietnam are counting their losses after a week of flooding destroyed \
crops just days before the autumn harvest. In Quang Binh province alone, more than 8,000 hectares of paddy fields were \
submerged, local officials said, and many farmers had borrowed money for seed and fertiliser at the start of the season. \
\"We lost everything, the water came up to the roof in one night,\" said Tran Van Hai, 54, who grows rice on two hectares \
near the Gianh river. Agricultural authorities estimate that damage to crops, livestock and irrigation works across Quang \
Binh, Ha Tinh and Quang Tri could exceed 60 million dollars. The provincial government has promised seed rice and cash \
support to affected households, but farmers say the aid will not cover their debts. Economists warn that repeated floods \
are pushing young people in the region to leave for factory jobs in the south. Scientists say rising sea levels and \
deforestation upstream are making floods in the narrow coastal strip more frequent and more severe, and have urged the \
government to invest in reservoirs and early warning systems rather than relief alone.";

/// A second independent story: same disaster, rescue angle.
const SAME_EVENT_OTHER_WRITER: &str = "Rescue workers in Ha Tinh spent Saturday ferrying elderly villagers across \
flooded fields in fishing boats, as the death toll from the central Vietnam floods rose to 17. Nguyen Thi Lan, a teacher, \
said her school had become a shelter for 300 people who arrived with little more than blankets and rice cookers. Local \
volunteers cooked meals in the schoolyard while soldiers stacked sandbags along the river dyke. Officials said the water \
was beginning to recede in some districts but warned residents not to return home until engineers had checked damaged \
houses. Mobile phone networks were partly restored on Saturday afternoon, allowing families separated by the floods to \
contact one another. The Red Cross said it was sending water purification tablets and hygiene kits to the three worst-hit \
provinces and appealed for donations. Forecasters expect more rain next week, and authorities have asked fishermen to \
keep their boats in harbour.";

fn distance(a: &str, b: &str) -> u32 {
    hamming(simhash(a), simhash(b))
}

#[test]
fn fixture_sizes_are_realistic() {
    for text in [WIRE, SAME_TOPIC, SAME_EVENT_OTHER_WRITER] {
        let words = text.split_whitespace().count();
        assert!((150..=260).contains(&words), "{words} words");
    }
}

#[test]
fn republished_versions_are_near_duplicates() {
    for (what, variant) in
        [("new intro", with_new_intro()), ("boilerplate", with_boilerplate()), ("small edits", with_small_edits())]
    {
        assert_ne!(variant, WIRE, "{what}: the fixture must differ");
        let d = distance(WIRE, &variant);
        assert!(d <= NEAR_DUPLICATE_BITS, "{what}: {d} bits");
        assert!(is_near_duplicate(simhash(WIRE), simhash(&variant)));
    }
    // Two outlets' rewrites of the same wire copy are close to each other too.
    let d = distance(&with_new_intro(), &with_boilerplate());
    assert!(d <= NEAR_DUPLICATE_BITS, "intro vs boilerplate: {d} bits");
}

#[test]
fn different_stories_on_the_same_topic_are_not() {
    for (a, b) in [(WIRE, SAME_TOPIC), (WIRE, SAME_EVENT_OTHER_WRITER), (SAME_TOPIC, SAME_EVENT_OTHER_WRITER)] {
        let d = distance(a, b);
        assert!(d > NEAR_DUPLICATE_BITS + 6, "{d} bits between different stories");
    }
}

/// Replacing one sentence: a short one (up to an eighth of the words)
/// keeps the story within the threshold; even the longest stays far
/// closer than a different story, as the module's table says.
#[test]
fn one_sentence_replaced() {
    let sentences: Vec<&str> = WIRE.split_inclusive(". ").collect();
    assert_eq!(sentences.len(), 8);
    let total_words = WIRE.split_whitespace().count();
    let replacement = "A spokesman for the provincial people's committee declined to comment on the figures. ";
    let original = simhash(WIRE);
    let unrelated = hamming(original, simhash(SAME_TOPIC));
    let mut short_ones = 0;
    for i in 0..sentences.len() {
        let mut edited = sentences.clone();
        edited[i] = replacement;
        let d = hamming(original, simhash(&edited.concat()));
        assert!(d > 0, "sentence {i}: a replaced sentence must move the fingerprint");
        if sentences[i].split_whitespace().count() * 8 <= total_words {
            short_ones += 1;
            assert!(d <= NEAR_DUPLICATE_BITS, "short sentence {i} replaced: {d} bits");
        }
        assert!(d <= 16 && d * 2 < unrelated, "sentence {i} replaced: {d} bits vs {unrelated} for another story");
    }
    assert!(short_ones >= 3, "the fixture must have short sentences to replace");
}

#[test]
fn case_and_punctuation_do_not_matter() {
    let shouted = WIRE.to_uppercase().replace(',', " ").replace('.', " ;");
    assert_eq!(simhash(&shouted), simhash(WIRE));
}

#[test]
fn fingerprints_are_stable_across_builds() {
    // Stored fingerprints must keep meaning the same thing: pin the
    // hash of one shingle and of a short text.
    assert_eq!(shingle_hash(&["a".into(), "b".into(), "c".into()]), fmix64(fnv_reference(b"a\xffb\xffc")));
    assert_eq!(fnv_reference(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv_reference(b"a"), 0xaf63_dc4c_8601_ec8c, "published FNV-1a 64 test vector");
    assert_eq!(fnv_reference(b"foobar"), 0x8594_4171_f739_67e8, "published FNV-1a 64 test vector");
    assert_eq!(simhash("The quick brown fox jumps over the lazy dog"), 0xab5e_ab10_dac1_1a2a);
    assert_eq!(simhash(""), 0);
    assert_eq!(simhash("  ...  "), 0);
    assert_ne!(simhash("flood"), 0);
}

fn fnv_reference(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

#[test]
fn hamming_counts_bits() {
    assert_eq!(hamming(0, 0), 0);
    assert_eq!(hamming(0b1011, 0b0001), 2);
    assert_eq!(hamming(u64::MAX, 0), 64);
}
