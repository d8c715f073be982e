//! Quotes: direct speech in quotation marks and reported speech after a verb of saying
//! ("Toqaev betont, dass …"), each with its speaker where the sentence names one.

use crate::clauses::Clause;
use crate::mentions::{Mention, MentionKind};
use annals_core::Span;
use annals_text::{Grammar, Prepared};

/// A quote found in a sentence: its token range, whether direct, and the speaker mention.
pub struct QuoteHit {
    pub span: Span,
    pub direct: bool,
    pub speaker: Option<usize>,
}

fn is_open(s: &str) -> bool {
    matches!(s, "\"" | "„" | "“" | "«")
}

fn is_close(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "»")
}

fn speaker_in(mentions: &[Mention], ids: &[usize], range: std::ops::Range<usize>) -> Option<usize> {
    ids.iter().copied().find(|&m| {
        range.contains(&mentions[m].tokens.start)
            && matches!(
                mentions[m].kind,
                MentionKind::Person
                    | MentionKind::Pronoun
                    | MentionKind::Org
                    | MentionKind::Country
                    | MentionKind::Role
            )
    })
}

/// Finds the quotes of a sentence with its clauses and mentions.
pub fn find(
    p: &Prepared,
    grammar: &Grammar,
    sentence: std::ops::Range<usize>,
    clauses: &[Clause],
    mentions: &[Mention],
    ids: &[usize],
) -> Vec<QuoteHit> {
    let mut out = Vec::new();
    // Direct speech.
    let mut k = sentence.start;
    while k < sentence.end {
        if is_open(p.token_text(k)) {
            if let Some(close) = (k + 1..sentence.end).find(|&j| is_close(p.token_text(j))) {
                if close > k + 3 {
                    let span = Span::new(p.tokens[k + 1].span.start, p.tokens[close - 1].span.end);
                    let speaker = speaker_in(mentions, ids, close..sentence.end)
                        .or_else(|| speaker_in(mentions, ids, sentence.start..k));
                    out.push(QuoteHit {
                        span,
                        direct: true,
                        speaker,
                    });
                }
                k = close + 1;
                continue;
            }
        }
        k += 1;
    }
    // Reported speech: a speech clause followed by a clause opened by "dass/that/что".
    for w in clauses.windows(2) {
        let (speech, content) = (&w[0], &w[1]);
        if !speech.speech || content.tokens.len() < 3 {
            continue;
        }
        let first = content.tokens.start;
        if grammar.clause_break.longest(&p.tokens, first).is_none()
            && !p.token_text(first.saturating_sub(1)).eq(",")
        {
            continue;
        }
        if out.iter().any(|q: &QuoteHit| {
            q.span.start <= p.tokens[first].span.start && p.tokens[first].span.start < q.span.end
        }) {
            continue;
        }
        let span = Span::new(
            p.tokens[first].span.start,
            p.tokens[content.tokens.end - 1].span.end,
        );
        out.push(QuoteHit {
            span,
            direct: false,
            speaker: speaker_in(mentions, ids, speech.tokens.clone()),
        });
    }
    out
}
