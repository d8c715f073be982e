//! The coded document record: the JSON Lines contract that other tools and the evaluation
//! read. Field names are fixed; new fields may be added, none renamed.
//!
//! Spans in a record are half-open *character* (Unicode scalar) offsets into the text exactly
//! as it was given.

use serde::{Deserialize, Serialize};

/// One coded document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang_confidence: Option<f32>,
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub events: Vec<EventRecord>,
    pub entities: Vec<EntityRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub claims: Vec<ClaimRecord>,
    pub warnings: Vec<String>,
    /// Character spans of the sentences, in order; `mentions[].sentence` indexes this list.
    #[serde(default)]
    pub sentences: Vec<[usize; 2]>,
}

/// An error record written in a batch for a document that could not be coded.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub id: String,
    pub error: String,
    /// Where the document came from: a file name, or `file:line` in a batch.
    pub source: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Ref {
    /// Index into the record's `entities`, when the actor is a known or named entity.
    pub entity: Option<usize>,
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub text: String,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Aux {
    pub negated: bool,
    pub future: bool,
    pub hypothetical: bool,
    pub historical: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DateRecord {
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `--MM-DD` (year unknown), or `before:YYYY-MM-DD`.
    pub value: String,
    /// day | week | month | year | day-of-year-unknown | before
    pub precision: String,
    pub text: String,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LocationRecord {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub text: String,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TextSpan {
    pub text: String,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MentionRef {
    pub sentence: usize,
    pub span: [usize; 2],
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventRecord {
    pub event: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub contexts: Vec<String>,
    pub actor: Vec<Ref>,
    pub recipient: Vec<Ref>,
    pub date: Option<DateRecord>,
    pub location: Option<LocationRecord>,
    pub aux: Aux,
    pub trigger: TextSpan,
    pub mentions: Vec<MentionRef>,
    pub score: f32,
    /// Why the record looks as it does: merges and argument choices, for people auditing it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EntityRecord {
    pub name: String,
    /// person | country | organization | group
    pub kind: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Whether the knowledge base knows it (false: named in the text with a title only).
    pub known: bool,
    pub mentions: Vec<TextSpan>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// Index into `entities` of the speaker, when known.
    pub speaker: Option<usize>,
    pub text: String,
    pub span: [usize; 2],
    pub direct: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub text: String,
    pub span: [usize; 2],
    pub quantity: Quantity,
    pub subject: Option<String>,
}
