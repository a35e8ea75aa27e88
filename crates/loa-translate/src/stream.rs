//! The text stream format spoken with a null-flush Apertium pipeline.
//!
//! A request carries many segments at once. Each segment is escaped, closed
//! with `.[]` (a sentence end that keeps transfer rules from reordering words
//! across segments; the same trick Apertium's own deformatters use) and
//! followed by a superblank `[loa:seg]` that every stage passes through
//! untouched. The reply is split on those superblanks, so a reply with the
//! wrong number of them is detected as broken rather than misaligned.
//!
//! Literal `*`, `#` and `~` cannot be escaped (the analyser drops the
//! backslash, and then they look like Apertium's own marks), so they travel
//! inside superblanks too. Unescaped `*`, `#` and `@` in a reply are therefore
//! always Apertium's marks: unknown word, generation error, transfer error.

/// Superblank content that closes a segment.
const SEGMENT_END: &str = "loa:seg";

/// Characters that Apertium's stream format reserves; escaped with `\`.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\\' | '[' | ']' | '^' | '$' | '/' | '@' | '<' | '>' | '{' | '}'
    )
}

/// Characters that cannot be escaped and travel as one-character superblanks.
fn needs_superblank(c: char) -> bool {
    matches!(c, '*' | '#' | '~')
}

/// Builds one request from segments that are already trimmed and non-empty.
pub fn encode_request<S: AsRef<str>>(segments: &[S]) -> String {
    let mut out = String::with_capacity(
        segments
            .iter()
            .map(|s| s.as_ref().len() + 16)
            .sum::<usize>()
            + 2,
    );
    for segment in segments {
        for c in segment.as_ref().chars() {
            if needs_escape(c) {
                out.push('\\');
                out.push(c);
            } else if needs_superblank(c) {
                out.push('[');
                out.push(c);
                out.push(']');
            } else if c == '\0' {
                // NUL ends a request; it has no business inside article text.
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        out.push_str(".[][");
        out.push_str(SEGMENT_END);
        out.push(']');
    }
    out.push_str("\n\0");
    out
}

/// One decoded segment of a reply, marks removed and counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodedSegment {
    pub text: String,
    pub unknown_words: usize,
    pub generation_errors: usize,
    pub transfer_errors: usize,
}

/// Why a reply could not be split back into the segments sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    SegmentCount { expected: usize, got: usize },
    UnclosedSuperblank,
    TrailingText(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::SegmentCount { expected, got } => {
                write!(f, "reply has {got} segment(s) where {expected} were sent")
            }
            DecodeError::UnclosedSuperblank => f.write_str("reply ends inside a superblank"),
            DecodeError::TrailingText(t) => {
                let shown: String = t.chars().take(60).collect();
                write!(f, "reply has text after its last segment: {shown:?}")
            }
        }
    }
}

/// Splits a reply (without its final NUL) into `expected` segments.
pub fn decode_reply(reply: &str, expected: usize) -> Result<Vec<DecodedSegment>, DecodeError> {
    let mut segments = Vec::with_capacity(expected);
    let mut current = DecodedSegment::default();
    let mut chars = reply.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(escaped) = chars.next() {
                    current.text.push(escaped);
                }
            }
            '[' => {
                let mut content = String::new();
                let mut closed = false;
                while let Some(b) = chars.next() {
                    match b {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                content.push(escaped);
                            }
                        }
                        ']' => {
                            closed = true;
                            break;
                        }
                        _ => content.push(b),
                    }
                }
                if !closed {
                    return Err(DecodeError::UnclosedSuperblank);
                }
                if content.is_empty() {
                    // `.[]`: drop the sentence end added when encoding.
                    let kept = current.text.trim_end().len();
                    current.text.truncate(kept);
                    if current.text.ends_with('.') {
                        current.text.pop();
                    }
                } else if content == SEGMENT_END {
                    current.text = current.text.trim().to_string();
                    segments.push(std::mem::take(&mut current));
                } else if content.starts_with('[') {
                    // A word-bound blank `[[...]]`: formatting we never send.
                    if chars.clone().next() == Some(']') {
                        chars.next();
                    }
                } else {
                    current.text.push_str(&content);
                }
            }
            // A capitalised unknown word is almost always a name, which an
            // engine is right to pass through; only common words count.
            '*' => {
                if !chars.clone().next().is_some_and(char::is_uppercase) {
                    current.unknown_words += 1;
                }
            }
            '#' => current.generation_errors += 1,
            '@' => current.transfer_errors += 1,
            _ => current.text.push(c),
        }
    }
    if !current.text.trim().is_empty() {
        return Err(DecodeError::TrailingText(current.text));
    }
    if segments.len() != expected {
        return Err(DecodeError::SegmentCount {
            expected,
            got: segments.len(),
        });
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_escapes_and_frames() {
        let req = encode_request(&["a [b] ^c$ d/e @f <g> {h} \\i", "*x #y ~z"]);
        assert_eq!(
            req,
            "a \\[b\\] \\^c\\$ d\\/e \\@f \\<g\\> \\{h\\} \\\\i.[][loa:seg]\
             [*]x [#]y [~]z.[][loa:seg]\n\0"
        );
    }

    #[test]
    fn an_echoed_request_decodes_to_its_segments() {
        let sent = [
            "a [b] ^c$ d/e @f <g> {h} \\i",
            "*x #y ~z",
            "Ends with a dot.",
        ];
        let req = encode_request(&sent);
        let decoded = decode_reply(req.trim_end_matches('\0'), sent.len()).unwrap();
        let texts: Vec<&str> = decoded.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, sent);
        assert!(decoded
            .iter()
            .all(|d| d.unknown_words + d.generation_errors + d.transfer_errors == 0));
    }

    #[test]
    fn marks_are_stripped_and_counted() {
        let reply = "El *zorblax *Quynh #dijo @x.[][loa:seg]Sin marcas..[][loa:seg]\n";
        let decoded = decode_reply(reply, 2).unwrap();
        assert_eq!(decoded[0].text, "El zorblax Quynh dijo x");
        assert_eq!(decoded[0].unknown_words, 1);
        assert_eq!(decoded[0].generation_errors, 1);
        assert_eq!(decoded[0].transfer_errors, 1);
        assert_eq!(decoded[1].text, "Sin marcas.");
        assert_eq!(decoded[1].unknown_words, 0);
    }

    #[test]
    fn wrong_segment_count_is_an_error() {
        assert_eq!(
            decode_reply("uno.[][loa:seg]\n", 2),
            Err(DecodeError::SegmentCount {
                expected: 2,
                got: 1
            })
        );
        assert_eq!(
            decode_reply("", 1),
            Err(DecodeError::SegmentCount {
                expected: 1,
                got: 0
            })
        );
        assert!(matches!(
            decode_reply("uno.[][loa:seg]resto", 1),
            Err(DecodeError::TrailingText(_))
        ));
        assert_eq!(
            decode_reply("uno [abc", 1),
            Err(DecodeError::UnclosedSuperblank)
        );
    }
}
