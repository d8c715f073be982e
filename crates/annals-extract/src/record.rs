//! The document record: events, entities, quotes and claims of one coded report, with every
//! span turned into character offsets of the original text.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    p: &annals_text::Prepared,
    input: &Input,
    lang: Lang,
    confidence: Option<f32>,
    kb: &Kb,
    finder: MentionFinder,
    events: Vec<Ev>,
    claims: Vec<ClaimRecord>,
    quotes: Vec<(quotes::QuoteHit, usize)>,
) -> DocRecord {
    let mentions = &finder.mentions;
    let entities: Vec<EntityRecord> = finder
        .entities
        .iter()
        .map(|e| EntityRecord {
            name: e.name.clone(),
            kind: e.kind.to_string(),
            country: e.country.clone(),
            sector: e.sector.clone(),
            office: e.office.clone(),
            wikidata: e.wikidata.clone(),
            known: e.kb.is_some(),
            mentions: e
                .spans
                .iter()
                .map(|s| TextSpan {
                    text: p.orig_text(*s),
                    span: p.orig_span(*s),
                })
                .collect(),
        })
        .collect();
    let refs = |ids: &[usize]| -> Vec<Ref> {
        let mut out: Vec<Ref> = Vec::new();
        for &m in ids {
            let mm = &mentions[m];
            let span = Span::new(
                p.tokens[mm.tokens.start].span.start,
                p.tokens[mm.tokens.end - 1].span.end,
            );
            let text = p.orig_text(span);
            if mm.entities.is_empty() {
                let name = match (&mm.country, &mm.sector) {
                    (Some(c), Some(s)) => format!("{c} {s}"),
                    (Some(c), None) => c.clone(),
                    (None, Some(s)) => s.clone(),
                    _ => text.clone(),
                };
                out.push(Ref {
                    entity: None,
                    name,
                    country: mm.country.clone(),
                    sector: mm.sector.clone(),
                    text: text.clone(),
                    span: p.orig_span(span),
                });
            }
            for &e in &mm.entities {
                if out.iter().any(|r| r.entity == Some(e)) {
                    continue;
                }
                let ent = &finder.entities[e];
                let sector = if mm.kind == MentionKind::Country {
                    Some("GOV".to_string())
                } else {
                    ent.sector.clone()
                };
                out.push(Ref {
                    entity: Some(e),
                    name: ent.name.clone(),
                    country: ent.country.clone(),
                    sector,
                    text: text.clone(),
                    span: p.orig_span(span),
                });
            }
        }
        out
    };
    let records = events
        .into_iter()
        .map(|ev| {
            // A state the sentence does not name but the report implies: no text, no span.
            let inferred = |code: &String| Ref {
                entity: finder.entities.iter().position(|e| {
                    e.kb.is_some_and(|k| kb.entities[k].country == *code && e.kind == "country")
                }),
                name: kb
                    .by_code
                    .get(code)
                    .map(|&i| kb.entities[i].name.clone())
                    .unwrap_or(code.clone()),
                country: Some(code.clone()),
                sector: None,
                text: String::new(),
                span: [0, 0],
            };
            let mut recipient = refs(&ev.recipients);
            recipient.extend(ev.inferred_recipient.iter().map(inferred));
            let mut actor = refs(&ev.actors);
            if ev.actors.is_empty() {
                actor.extend(ev.actor_codes.iter().map(inferred));
            } else if let [code] = ev.actor_codes.as_slice() {
                // A crowd of no named state given the report's only state.
                for r in actor.iter_mut().filter(|r| r.country.is_none()) {
                    r.country = Some(code.clone());
                }
            }
            let location = ev.place.map(|m| {
                let mm = &mentions[m];
                let span = Span::new(
                    p.tokens[mm.tokens.start].span.start,
                    p.tokens[mm.tokens.end - 1].span.end,
                );
                let (name, lat, lon) = match (mm.capital, mm.locality) {
                    (Some(c), _) => (
                        kb.capitals[c].name.clone(),
                        kb.capitals[c].lat,
                        kb.capitals[c].lon,
                    ),
                    (None, Some(l)) => (
                        kb.places[l].name.clone(),
                        kb.places[l].lat,
                        kb.places[l].lon,
                    ),
                    (None, None) => {
                        let e = &finder.entities[mm.entities[0]];
                        let k = e.kb.map(|k| &kb.entities[k]);
                        (e.name.clone(), k.and_then(|k| k.lat), k.and_then(|k| k.lon))
                    }
                };
                LocationRecord {
                    name,
                    country: mm.country.clone(),
                    lat,
                    lon,
                    text: p.orig_text(span),
                    span: p.orig_span(span),
                }
            });
            let mut contexts = ev.contexts.clone();
            for r in refs(&ev.actors) {
                let c = match r.sector.as_deref() {
                    Some("MIL") => Some("military"),
                    Some("LEG") => Some("legislative"),
                    Some("JUD") => Some("legal"),
                    _ => None,
                };
                if let Some(c) = c {
                    if !contexts.iter().any(|x| x == c) {
                        contexts.push(c.to_string());
                    }
                }
            }
            let date = match &ev.date {
                Some(d) => Some(dates::record(p, d)),
                None if ev.aux.historical => published_before(input.published),
                None => None,
            };
            EventRecord {
                event: ev.ty.name().to_string(),
                mode: ev.mode.clone(),
                cameo: ev.ty.cameo(ev.mode.as_deref()).to_string(),
                contexts,
                actor,
                recipient,
                date,
                location,
                aux: ev.aux.clone(),
                trigger: TextSpan {
                    text: p.orig_text(ev.trigger),
                    span: p.orig_span(ev.trigger),
                },
                mentions: ev
                    .mentions
                    .iter()
                    .map(|(s, sp)| MentionRef {
                        sentence: *s,
                        span: p.orig_span(*sp),
                    })
                    .collect(),
                score: ev.ty.score(ev.mode.as_deref()),
                notes: ev.notes.clone(),
            }
        })
        .collect();
    let quotes = quotes
        .into_iter()
        .map(|(q, _)| QuoteRecord {
            speaker: q
                .speaker
                .and_then(|m| mentions[m].entities.first().copied()),
            text: p.orig_text(q.span),
            span: p.orig_span(q.span),
            direct: q.direct,
        })
        .collect();
    DocRecord {
        id: input.id.to_string(),
        lang: lang.code().to_string(),
        lang_confidence: confidence,
        published: input.published.map(str::to_string),
        url: input.url.map(str::to_string),
        title: input.title.map(str::to_string),
        events: records,
        entities,
        quotes,
        claims,
        warnings: finder.warnings.clone(),
        sentences: p.sentences.iter().map(|s| p.orig_span(s.span)).collect(),
    }
}

pub(crate) fn published_before(published: Option<&str>) -> Option<DateRecord> {
    published.map(|d| DateRecord {
        value: format!("before:{}", &d[..10]),
        precision: "before".into(),
        text: String::new(),
        span: [0, 0],
    })
}
