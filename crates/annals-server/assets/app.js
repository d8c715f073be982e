// Annals web UI: plain JavaScript, no build step, no network beyond this server.
// Pages are hash routes (#/events, #/dyad/KAZ/RUS, #/event/12, #/actor/Name, #/map,
// #/document/3); every page reads the JSON API and draws with DOM nodes (text is never parsed
// as HTML) and SVG.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const SVGNS = "http://www.w3.org/2000/svg";

// h("td", {class: "num"}, "text", child...): an element with attributes and children.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

async function api(path) {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: `answer ${r.status} is not JSON` }));
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}

const app = document.getElementById("app");
function show(...nodes) { app.replaceChildren(...nodes); }
function fail(e) { show(h("div", { class: "error", role: "alert" }, e.message || String(e))); }

function typeBadge(ev) {
  const cls = ev.score > 0 ? "type coop" : ev.score < 0 ? "type conf" : "type";
  return h("span", { class: cls, title: `score ${ev.score}` }, ev.event + (ev.mode ? ` · ${ev.mode}` : ""));
}
function parties(list) {
  if (!list.length) return h("span", { class: "muted" }, "—");
  return list.map((p, i) => [i ? ", " : "", h("a", { href: `#/actor/${encodeURIComponent(p.name)}` }, p.name), p.country ? h("span", { class: "muted" }, ` ${p.country}`) : ""]);
}
function place(ev) { return ev.location ? [ev.location.name || "", ev.location.country ? ` (${ev.location.country})` : ""].join("") : ""; }

function eventTable(events) {
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["Date", "Event", "Actor", "Recipient", "Trigger", "Place", "Report"].map((t) => h("th", {}, t)))),
    h("tbody", {}, events.map((ev) => h("tr", { "data-id": ev.id },
      h("td", {}, h("a", { href: `#/event/${ev.id}` }, ev.date || ev.day_lo || "undated")),
      h("td", {}, typeBadge(ev)),
      h("td", {}, parties(ev.actors)),
      h("td", {}, parties(ev.recipients)),
      h("td", {}, h("a", { href: `#/event/${ev.id}` }, ev.trigger)),
      h("td", {}, place(ev)),
      h("td", {}, h("a", { href: `#/document/${ev.document.id}` }, ev.document.title || ev.document.doc_id), h("span", { class: "muted" }, ` ${ev.document.lang}`))))));
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  return q.toString();
}

// Events: filters, the table and a "more" button that follows the cursor.
const FILTERS = ["actor", "recipient", "dyad", "type", "mode", "context", "from", "to", "lang", "q"];
async function eventsPage(params) {
  const form = h("form", { class: "filters", id: "filters" },
    FILTERS.map((k) => h("label", {}, k === "q" ? "text" : k,
      k === "type"
        ? h("select", { name: k }, h("option", { value: "" }, "any"), TYPES.map((t) => h("option", { value: t, selected: params[k] === t }, t)))
        : k === "lang"
          ? h("select", { name: k }, ["", "de", "en", "ru", "kk"].map((l) => h("option", { value: l, selected: params[k] === l }, l || "any")))
          : h("input", { name: k, value: params[k] || "", placeholder: { dyad: "KAZ,RUS", from: "2024-01", to: "2024-12", actor: "RUS or Tokayev" }[k] || "" }))),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Filter"), h("a", { href: "#/events" }, "clear")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = {};
    for (const [k, v] of new FormData(form)) if (v) p[k] = v;
    location.hash = "#/events?" + query(p);
  });
  const filter = {};
  for (const k of FILTERS) if (params[k]) filter[k] = params[k];
  const exportLinks = h("p", { class: "muted" }, "Export these events: ",
    ["plover", "csv", "tsv", "parquet"].map((f, i) => [i ? " · " : "", h("a", { href: `/api/export?${query({ ...filter, format: f })}` }, f)]));
  const table = h("div", {}, "Loading…");
  show(h("h1", {}, "Events"), form, exportLinks, table);
  try {
    const page = await api(`/api/events?${query({ ...filter, limit: 50 })}`);
    const rows = eventTable(page.events);
    const more = h("div", { class: "more" });
    let cursor = page.next_cursor;
    const addMore = () => {
      more.replaceChildren();
      if (!cursor) return;
      more.append(h("button", { class: "plain", onclick: async () => {
        const next = await api(`/api/events?${query({ ...filter, limit: 50, cursor })}`);
        rows.querySelector("tbody").append(...eventTable(next.events).querySelector("tbody").children);
        cursor = next.next_cursor;
        addMore();
      } }, "More events"));
    };
    addMore();
    table.replaceChildren(page.events.length ? rows : h("p", { class: "muted" }, "No events match these filters."), more);
  } catch (e) { table.replaceChildren(h("div", { class: "error" }, e.message)); }
}

// Periods without events become empty buckets, so the time axis is even.
function fillGaps(buckets, interval) {
  if (buckets.length < 2 || buckets.length > 5000) return buckets;
  const have = new Map(buckets.map((b) => [b.period, b]));
  const out = [];
  const next = (p) => {
    if (interval === "month") { const [y, m] = p.split("-").map(Number); return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`; }
    const d = new Date(`${p}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + (interval === "week" ? 7 : 1)); return d.toISOString().slice(0, 10);
  };
  const last = buckets[buckets.length - 1].period;
  for (let p = buckets[0].period; p <= last && out.length < 5000; p = next(p)) out.push(have.get(p) || { period: p, events: 0, cooperation: 0, conflict: 0, mean_score: null, by_type: {} });
  return out;
}

// The cooperation-conflict timeline: cooperative events above the axis, conflictual below,
// and the mean PLOVER score as a line on its own scale (-10 … +10).
function timeline(series) {
  const W = 1000, H = 320, L = 48, R = 48, T = 16, B = 40;
  const bs = fillGaps(series.buckets, series.interval);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `cooperation and conflict between ${series.dyad.join(" and ")}` });
  if (!bs.length) { svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#667085" }, "No dated events for this dyad.")); return svg; }
  const max = Math.max(1, ...bs.map((b) => Math.max(b.cooperation, b.conflict)));
  const mid = T + (H - T - B) / 2, half = (H - T - B) / 2;
  const step = (W - L - R) / bs.length, bw = Math.max(1, step * 0.7);
  const y = (n) => (n / max) * half;
  svg.append(s("line", { x1: L, x2: W - R, y1: mid, y2: mid, stroke: "#98a2b3" }));
  for (const f of [1, 0.5]) {
    const n = Math.round(max * f);
    svg.append(s("text", { x: L - 6, y: mid - y(n) + 4, "text-anchor": "end", "font-size": 11, fill: "#667085" }, n));
    svg.append(s("text", { x: L - 6, y: mid + y(n) + 4, "text-anchor": "end", "font-size": 11, fill: "#667085" }, n));
    svg.append(s("line", { x1: L, x2: W - R, y1: mid - y(n), y2: mid - y(n), stroke: "#eef1f6" }));
    svg.append(s("line", { x1: L, x2: W - R, y1: mid + y(n), y2: mid + y(n), stroke: "#eef1f6" }));
  }
  for (const v of [10, 0, -10]) svg.append(s("text", { x: W - R + 6, y: mid - (v / 10) * half + 4, "font-size": 11, fill: "#222" }, v > 0 ? `+${v}` : v));
  const labelEvery = Math.ceil(bs.length / 12);
  const pts = [];
  bs.forEach((b, i) => {
    const x = L + i * step + (step - bw) / 2;
    const types = Object.entries(b.by_type).map(([t, n]) => `${t} ${n}`).join(", ");
    const g = s("g", { class: "bucket", "data-period": b.period },
      s("title", {}, `${b.period}: ${b.events} events, mean score ${b.mean_score} (${types})`),
      s("rect", { x, y: mid - y(b.cooperation), width: bw, height: y(b.cooperation), fill: "#2f8f5b" }),
      s("rect", { x, y: mid, width: bw, height: y(b.conflict), fill: "#c2413a" }));
    g.addEventListener("click", () => { location.hash = `#/events?${query({ dyad: series.dyad.join(","), from: b.period.length === 7 ? b.period : b.period, to: b.period })}`; });
    svg.append(g);
    if (b.mean_score !== null) pts.push(`${x + bw / 2},${mid - (b.mean_score / 10) * half}`);
    if (i % labelEvery === 0) svg.append(s("text", { x: x + bw / 2, y: H - B + 16, "text-anchor": "middle", "font-size": 11, fill: "#667085" }, b.period));
  });
  svg.append(s("polyline", { points: pts.join(" "), fill: "none", stroke: "#222", "stroke-width": 1.5 }));
  return svg;
}

async function dyadPage(a, b, params) {
  const interval = params.interval || "month";
  const form = h("form", { class: "filters" },
    h("label", {}, "country", h("input", { name: "a", value: a, size: 4 })),
    h("label", {}, "country", h("input", { name: "b", value: b, size: 4 })),
    h("label", {}, "per", h("select", { name: "interval" }, ["day", "week", "month"].map((i) => h("option", { value: i, selected: i === interval }, i)))),
    h("label", {}, "from", h("input", { name: "from", value: params.from || "", placeholder: "2024-01" })),
    h("label", {}, "to", h("input", { name: "to", value: params.to || "", placeholder: "2024-12" })),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Show")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(form));
    location.hash = `#/dyad/${encodeURIComponent(f.a.toUpperCase())}/${encodeURIComponent(f.b.toUpperCase())}?${query({ interval: f.interval, from: f.from, to: f.to })}`;
  });
  const chart = h("div", { class: "chart", id: "timeline" }, "Loading…");
  const list = h("div", {}, "");
  show(h("h1", {}, `${a} – ${b}: cooperation and conflict`), form, chart, h("h2", {}, "Events"), list);
  try {
    const range = { from: params.from, to: params.to };
    const [series, page] = await Promise.all([
      api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series?${query({ interval, ...range })}`),
      api(`/api/events?${query({ dyad: `${a},${b}`, limit: 100, ...range })}`),
    ]);
    const total = series.buckets.reduce((n, x) => n + x.events, 0);
    chart.replaceChildren(
      h("div", { class: "legend" }, h("span", {}, h("i", { class: "c" }), "cooperative events"), h("span", {}, h("i", { class: "x" }), "conflictual events"), h("span", {}, h("i", { class: "m" }), "mean PLOVER score (right axis)"), h("span", {}, `${total} dated events`)),
      timeline(series));
    list.replaceChildren(page.events.length ? eventTable(page.events) : h("p", { class: "muted" }, "No events."),
      page.next_cursor ? h("p", {}, h("a", { href: `#/events?${query({ dyad: `${a},${b}`, ...range })}` }, "All events of this dyad →")) : "");
  } catch (e) { chart.replaceChildren(h("div", { class: "error" }, e.message)); }
}

// Marks the spans [start, end, class, title] in a sentence that starts at `offset`.
function highlighted(text, offset, spans) {
  const chars = Array.from(text);
  const marks = spans
    .map(([a, b, cls, title]) => [a - offset, b - offset, cls, title])
    .filter(([a, b]) => a >= 0 && b <= chars.length && a < b)
    .sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out = [];
  let at = 0;
  for (const [a, b, cls, title] of marks) {
    if (a < at) continue; // overlapping: keep the first
    out.push(chars.slice(at, a).join(""));
    out.push(h("mark", { class: cls, title }, chars.slice(a, b).join("")));
    at = b;
  }
  out.push(chars.slice(at).join(""));
  return out;
}

function findAll(text, needle, offset) {
  const spans = [];
  if (!needle) return spans;
  const chars = Array.from(text), n = Array.from(needle);
  for (let i = 0; i + n.length <= chars.length; i++) {
    if (chars.slice(i, i + n.length).join("").toLowerCase() === needle.toLowerCase()) spans.push([offset + i, offset + i + n.length]);
  }
  return spans;
}

async function eventPage(id) {
  try {
    const ev = await api(`/api/events/${encodeURIComponent(id)}`);
    const doc = await api(`/api/documents/${ev.document.id}`);
    const placeEntity = ev.location && doc.entities.find((e) => e.name === ev.location.name);
    const spans = [
      ...ev.actors.map((p) => [p.span[0], p.span[1], "actor", `actor: ${p.name}`]),
      ...ev.recipients.map((p) => [p.span[0], p.span[1], "recipient", `recipient: ${p.name}`]),
      [ev.trigger_span[0], ev.trigger_span[1], "trigger", `trigger: ${ev.event}`],
      ...(placeEntity ? (placeEntity.mentions || []).map((m) => [m.span[0], m.span[1], "place", `place: ${placeEntity.name}`]) : []),
    ];
    const sentences = ev.sentences.map((st) => {
      if (!st.text) return h("div", { class: "sentence muted" }, `Sentence ${st.index + 1}: the store keeps no text for this report (trigger “${ev.trigger}”).`);
      const dates = ev.date_text ? findAll(st.text, ev.date_text, st.span[0]).map(([a, b]) => [a, b, "date", `date: ${ev.date}`]) : [];
      return h("div", { class: "sentence", "data-sentence": st.index }, highlighted(st.text, st.span[0], [...spans, ...dates]));
    });
    show(
      h("h1", {}, typeBadge(ev), " ", ev.actors.map((p) => p.name).join(", ") || "?", " → ", ev.recipients.map((p) => p.name).join(", ") || "?"),
      h("div", { class: "keys" }, h("mark", { class: "actor" }, "actor"), h("mark", { class: "recipient" }, "recipient"), h("mark", { class: "trigger" }, "trigger"), h("mark", { class: "date" }, "date"), h("mark", { class: "place" }, "place")),
      ...sentences,
      h("dl", { class: "facts" },
        h("dt", {}, "Event"), h("dd", {}, `${ev.event}${ev.mode ? ` (${ev.mode})` : ""}; CAMEO ${ev.cameo}; score ${ev.score}`),
        h("dt", {}, "Contexts"), h("dd", {}, ev.contexts.join(", ") || "—"),
        h("dt", {}, "Date"), h("dd", {}, ev.date ? `${ev.date} (${ev.date_precision}${ev.date_text ? `, “${ev.date_text}”` : ""})` : `undated; published ${ev.document.published || "?"}`),
        h("dt", {}, "Place"), h("dd", {}, place(ev) || "—"),
        h("dt", {}, "Flags"), h("dd", {}, ["negated", "future", "hypothetical", "historical"].filter((f) => ev[f]).join(", ") || "none"),
        h("dt", {}, "Report"), h("dd", {}, h("a", { href: `#/document/${ev.document.id}` }, ev.document.title || ev.document.doc_id), ` · ${ev.document.lang} · ${ev.document.published || ""} `, ev.document.url ? h("a", { href: ev.document.url, rel: "noopener noreferrer" }, "source") : ""),
        ev.notes.length ? [h("dt", {}, "Notes"), h("dd", {}, ev.notes.join("; "))] : ""),
      h("h2", {}, `Every report of this event (${ev.reports.length})`),
      ev.reports.length
        ? h("table", { class: "reports" }, h("thead", {}, h("tr", {}, ["Report", "Language", "Published", "Trigger", "Merged because"].map((t) => h("th", {}, t)))),
          h("tbody", {}, ev.reports.map((r) => h("tr", {},
            h("td", {}, h("a", { href: `#/event/${r.event}` }, r.document.title || r.document.doc_id), r.document.url ? [" ", h("a", { href: r.document.url, rel: "noopener noreferrer", class: "muted" }, "↗")] : ""),
            h("td", {}, r.document.lang), h("td", {}, r.document.published || ""), h("td", {}, r.trigger), h("td", { class: "muted" }, r.reason)))))
        : h("p", { class: "muted" }, "Not merged into a story."));
  } catch (e) { fail(e); }
}

async function documentPage(id) {
  try {
    const d = await api(`/api/documents/${encodeURIComponent(id)}`);
    const spans = d.events.flatMap((ev) => [
      [ev.trigger_span[0], ev.trigger_span[1], "trigger", `${ev.event}: ${ev.trigger}`],
      ...ev.actors.map((p) => [p.span[0], p.span[1], "actor", `actor: ${p.name}`]),
      ...ev.recipients.map((p) => [p.span[0], p.span[1], "recipient", `recipient: ${p.name}`]),
    ]);
    show(h("h1", {}, d.title || d.doc_id),
      h("p", { class: "muted" }, `${d.lang} · published ${d.published || "?"} · ${d.chars} characters · from ${d.source} `, d.url ? h("a", { href: d.url, rel: "noopener noreferrer" }, d.url) : ""),
      ...d.sentences.map((st) => st.text ? h("div", { class: "sentence" }, highlighted(st.text, st.span[0], spans)) : ""),
      d.text ? "" : h("p", { class: "muted" }, "The store keeps no text for this report; its coded spans are listed below."),
      h("h2", {}, `Coded events (${d.events.length})`), eventTable(d.events),
      h("h2", {}, "Entities"), h("p", {}, d.entities.map((e, i) => [i ? ", " : "", h("a", { href: `#/actor/${encodeURIComponent(e.name)}` }, e.name), h("span", { class: "muted" }, ` ${e.kind}`)])));
  } catch (e) { fail(e); }
}

async function actorPage(name) {
  try {
    const p = await api(`/api/actors/${encodeURIComponent(name)}`);
    const max = Math.max(1, ...p.by_type.map((t) => t.events));
    const tally = (rows, link) => h("table", {}, h("tbody", {}, rows.map((t) => h("tr", {},
      h("td", {}, link ? link(t.key) : t.key), h("td", { class: "num" }, t.events),
      h("td", {}, h("span", { class: "bar", "data-w": t.events, title: `${t.events}` }, "")), h("td", { class: "num muted" }, t.mean_score ?? "")))));
    const byType = tally(p.by_type, null);
    byType.querySelectorAll(".bar").forEach((b) => { b.style.width = `${(Number(b.dataset.w) / max) * 160}px`; });
    const partners = tally(p.partners, (k) => /^[A-Z]{3}$/.test(k) && p.countries[0] ? h("a", { href: `#/dyad/${p.countries[0]}/${k}` }, k) : h("a", { href: `#/actor/${encodeURIComponent(k)}` }, k));
    partners.querySelectorAll(".bar").forEach((b) => { b.style.width = `${(Number(b.dataset.w) / Math.max(1, ...p.partners.map((t) => t.events))) * 160}px`; });
    show(h("h1", {}, p.name),
      h("div", { class: "cards" },
        h("div", { class: "card" }, h("b", {}, p.as_actor), "events as actor"),
        h("div", { class: "card" }, h("b", {}, p.as_recipient), "events as recipient"),
        h("div", { class: "card" }, h("b", {}, p.countries.join(", ") || "—"), "country"),
        h("div", { class: "card" }, h("b", {}, p.sectors.join(", ") || "—"), "sector"),
        h("div", { class: "card" }, h("b", {}, `${p.first || "?"} – ${p.last || "?"}`), "first – last event")),
      h("div", { class: "grid2" }, h("div", {}, h("h2", {}, "Events by type (count, mean score)"), byType), h("div", {}, h("h2", {}, "Partners"), partners)),
      h("h2", {}, "Newest events"), eventTable(p.recent),
      h("p", {}, h("a", { href: `#/events?${query({ actor: p.name })}` }, "All events with this actor →")));
  } catch (e) { fail(e); }
}

// Located events on an equirectangular plot (no tiles): x = longitude, y = latitude.
async function mapPage(params) {
  const filter = {};
  for (const k of FILTERS) if (params[k]) filter[k] = params[k];
  show(h("h1", {}, "Located events"), h("div", { class: "map", id: "map" }, "Loading…"));
  try {
    const pts = await api(`/api/map?${query({ ...filter, limit: 5000 })}`);
    const W = 1000, H = 500, x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${pts.length} located events` });
    for (let lon = -180; lon <= 180; lon += 30) svg.append(s("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, stroke: "#cfdcef" }));
    for (let lat = -60; lat <= 60; lat += 30) svg.append(s("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), stroke: lat === 0 ? "#9fb6d8" : "#cfdcef" }));
    // Group events at one place into one circle sized by the count.
    const places = new Map();
    for (const p of pts) {
      const key = `${p.lat.toFixed(2)},${p.lon.toFixed(2)}`;
      const g = places.get(key) || { lat: p.lat, lon: p.lon, name: p.location, n: 0, score: 0, first: p.id };
      g.n += 1; g.score += p.score; places.set(key, g);
    }
    for (const g of places.values()) {
      const mean = g.score / g.n;
      const c = s("circle", { cx: x(g.lon), cy: y(g.lat), r: 3 + Math.sqrt(g.n) * 2, fill: mean > 0 ? "#2f8f5b" : mean < 0 ? "#c2413a" : "#2456a6", "fill-opacity": 0.6, stroke: "#fff", class: "point" },
        s("title", {}, `${g.name || "?"}: ${g.n} events, mean score ${mean.toFixed(1)}`));
      c.addEventListener("click", () => { location.hash = g.n === 1 ? `#/event/${g.first}` : `#/events?${query({ ...filter, q: g.name })}`; });
      svg.append(c);
      if (g.n > 1 || places.size < 40) svg.append(s("text", { x: x(g.lon) + 6, y: y(g.lat) - 6, "font-size": 11, fill: "#1d2430" }, g.name || ""));
    }
    document.getElementById("map").replaceChildren(svg, h("p", { class: "muted" }, `${pts.length} events at ${places.size} places (newest ${pts.length === 5000 ? "5,000" : "all"}). Green: cooperative on average, red: conflictual. Click a place for its events.`));
  } catch (e) { fail(e); }
}

async function homePage() {
  try {
    const [o, page] = await Promise.all([api("/api/overview"), api("/api/events?limit=15")]);
    show(h("h1", {}, "Annals"),
      h("div", { class: "cards" },
        h("div", { class: "card" }, h("b", {}, o.events.toLocaleString("en")), "events"),
        h("div", { class: "card" }, h("b", {}, o.documents.toLocaleString("en")), "reports"),
        h("div", { class: "card" }, h("b", {}, o.stories.toLocaleString("en")), "story events"),
        h("div", { class: "card" }, h("b", {}, `${o.first || "?"} – ${o.last || "?"}`), "dates")),
      h("h2", {}, "Busiest dyads lately"),
      h("p", {}, o.top_dyads.map((d, i) => { const [a, b] = d.key.split(","); return [i ? " · " : "", h("a", { href: `#/dyad/${a}/${b}` }, `${a}–${b}`), h("span", { class: "muted" }, ` ${d.events}`)]; })),
      h("h2", {}, "Newest events"), eventTable(page.events),
      h("p", {}, h("a", { href: "#/events" }, "All events →")));
  } catch (e) { fail(e); }
}

function route() {
  const [path, qs] = (location.hash.slice(1) || "/").split("?");
  const params = Object.fromEntries(new URLSearchParams(qs || ""));
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", !!parts[0] && a.getAttribute("href").startsWith(`#/${parts[0]}`)));
  switch (parts[0]) {
    case "events": return eventsPage(params);
    case "dyad": return dyadPage((parts[1] || "KAZ").toUpperCase(), (parts[2] || "RUS").toUpperCase(), params);
    case "event": return eventPage(parts[1]);
    case "document": return documentPage(parts[1]);
    case "actor": return actorPage(parts.slice(1).join("/"));
    case "map": return mapPage(params);
    default: return homePage();
  }
}

// The actor search box: suggestions as you type.
const q = document.getElementById("actor-q"), hits = document.getElementById("actor-hits");
let pending = 0;
q.addEventListener("input", async () => {
  const text = q.value.trim(), mine = ++pending;
  if (text.length < 2) { hits.hidden = true; return; }
  try {
    const found = await api(`/api/actors?${query({ q: text, limit: 10 })}`);
    if (mine !== pending) return;
    hits.replaceChildren(...found.map((a) => h("li", {}, h("a", { href: `#/actor/${encodeURIComponent(a.name)}` }, a.name, h("span", { class: "muted" }, ` ${a.country || ""} · ${a.events}`)))));
    hits.hidden = !found.length;
  } catch (e) { hits.hidden = true; }
});
document.getElementById("actor-search").addEventListener("submit", (e) => { e.preventDefault(); const a = hits.querySelector("a"); if (a) location.hash = a.getAttribute("href"); });
hits.addEventListener("click", () => { hits.hidden = true; q.value = ""; });

window.addEventListener("hashchange", route);
route();
