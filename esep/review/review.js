"use strict";
// esep review page: the index is parsed at load; a document's data (script#d<N>)
// is parsed and rendered only when its section is opened. No fetch, no CDN.
(function () {
  const errors = [];
  window.addEventListener("error", (e) => reportError(e.message + " (" + (e.lineno || "?") + ")"));
  window.addEventListener("unhandledrejection", (e) => reportError(String(e.reason)));
  function reportError(text) {
    errors.push(text);
    const box = document.getElementById("js-errors");
    box.hidden = false;
    box.textContent = "Script error: " + errors.join("\n");
    document.body.dataset.errors = String(errors.length);
  }

  const INDEX = JSON.parse(document.getElementById("index").textContent);
  const SEVS = INDEX.severities;
  const state = { sevs: new Set(SEVS), rule: "", doc: "", only: true };
  const rendered = new Map(); // document index -> its parsed data

  // --- small DOM helpers ----------------------------------------------------
  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("data-")) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) node.append(kid);
    return node;
  }
  function chip(text, cls) { return el("span", { class: "chip " + cls, text: text }); }
  function place(page, locator) {
    const parts = [];
    if (page !== null && page !== undefined) parts.push("page " + page);
    if (locator) parts.push(locator);
    return parts.join(" · ") || "(no locator)";
  }
  function marked(text, spans) {
    // text with the [start, end] spans wrapped in <mark>
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [s, e] of spans || []) {
      if (s < at) continue;
      frag.append(text.slice(at, s), el("mark", { text: text.slice(s, e) }));
      at = e;
    }
    frag.append(text.slice(at));
    return frag;
  }

  // --- header and filters ---------------------------------------------------
  function sum(key) { return INDEX.docs.reduce((n, d) => n + (d.n[key] || 0), 0); }
  function buildHeader() {
    const total = INDEX.docs.reduce((n, d) => n + d.f.length, 0);
    const withF = INDEX.docs.filter((d) => d.f.length).length;
    document.getElementById("totals").textContent =
      INDEX.docs.length + " documents · " + total + " findings in " + withF + " of them";
    const box = document.getElementById("f-sev");
    for (const s of SEVS) {
      const input = el("input", { type: "checkbox", checked: true, value: s });
      input.addEventListener("change", () => { input.checked ? state.sevs.add(s) : state.sevs.delete(s); apply(); });
      box.append(el("label", { class: "chip sev-" + s + (sum(s) ? "" : " zero") }, input, " " + s + " " + sum(s)));
    }
    const select = document.getElementById("f-rule");
    INDEX.rules.forEach((r, i) => {
      const n = INDEX.docs.reduce((k, d) => k + d.f.filter((f) => f[0] === i).length, 0);
      select.append(el("option", { value: r, text: r + " (" + n + ")" }));
    });
    select.addEventListener("change", () => { state.rule = select.value; apply(); });
    const input = document.getElementById("f-doc");
    input.addEventListener("input", () => { state.doc = input.value.trim().toLowerCase(); apply(); });
    const only = document.getElementById("f-only");
    only.addEventListener("change", () => { state.only = only.checked; apply(); });
    document.getElementById("open-all").addEventListener("click", () => setOpen(true));
    document.getElementById("close-all").addEventListener("click", () => setOpen(false));
    document.getElementById("foot").textContent =
      "Written by esep " + INDEX.version + " at " + INDEX.written + ". Click a table row for its evidence.";
  }
  function findingMatches(rule, sev) {
    return state.sevs.has(sev) && (!state.rule || state.rule === rule);
  }
  function docText(d) {
    return [d.source_path, d.doc_kind, d.language, d.region, d.reporting_year, d.status].join(" ").toLowerCase();
  }
  function apply() {
    let docs = 0, findings = 0;
    const filtering = state.rule || state.sevs.size < SEVS.length;
    INDEX.docs.forEach((d, i) => {
      const n = d.f.filter((f) => findingMatches(INDEX.rules[f[0]], SEVS[f[1]])).length;
      const show = (!state.doc || docText(d).includes(state.doc)) &&
        (n > 0 || (!filtering && !(state.only && d.f.length === 0 && d.status === "ok")));
      document.getElementById("doc-" + i).classList.toggle("hidden", !show);
      if (show) { docs += 1; findings += n; }
    });
    filterCards(document);
    document.getElementById("shown").textContent = "showing " + docs + " documents, " + findings + " findings";
    document.getElementById("empty").classList.toggle("hidden", docs > 0);
  }
  function filterCards(root) {
    for (const card of root.querySelectorAll(".finding")) {
      card.classList.toggle("hidden", !findingMatches(card.dataset.rule, card.dataset.sev));
    }
  }
  function setOpen(open) {
    for (const d of document.querySelectorAll(".doc:not(.hidden)")) d.open = open;
  }

  // --- document list --------------------------------------------------------
  function docSummary(d) {
    const meta = [d.doc_kind, d.language, d.region, d.reporting_year,
      d.grant_total_kzt ? d.grant_total_kzt + " KZT" : null,
      d.pages ? d.pages + " pages" : null, d.file_type].filter((v) => v !== null && v !== undefined);
    const badges = el("span", { class: "badges" });
    for (const s of SEVS) if (d.n[s]) badges.append(chip(d.n[s] + " " + s, "sev-" + s));
    badges.append(chip(d.status, "status-" + d.status));
    return el("summary", {}, el("span", { class: "path", text: d.source_path }), badges,
      el("span", { class: "meta", text: meta.join(" · ") + (d.error ? " — " + d.error : "") }));
  }
  function buildList() {
    const main = document.getElementById("docs");
    const frag = document.createDocumentFragment();
    INDEX.docs.forEach((d, i) => {
      const details = el("details", { class: "doc", id: "doc-" + i, "data-i": String(i) }, docSummary(d));
      details.addEventListener("toggle", () => { if (details.open) renderDoc(details, i); });
      frag.append(details);
    });
    frag.append(el("div", { class: "empty hidden", id: "empty", text: "No document matches the filters." }));
    main.append(frag);
  }
  function renderDoc(details, i) {
    if (rendered.has(i)) return;
    const data = JSON.parse(document.getElementById("d" + i).textContent);
    rendered.set(i, data);
    const body = el("div", { class: "body" }, summaryList(data.summary));
    if (data.findings.length) {
      body.append(el("h2", { text: "Findings (" + data.findings.length + ")" }));
      data.findings.forEach((f, k) => body.append(findingCard(f, i, k, data)));
    }
    if (data.tables.length) {
      body.append(el("h2", { text: "Tables" }));
      data.tables.forEach((t, k) => body.append(factTable(t, k, i, data)));
    }
    details.append(body);
    filterCards(body);
  }
  const SUMMARY_LABELS = {
    doc_kind: "kind", language: "language", region: "region", reporting_year: "year",
    grant_total_kzt: "grant total (KZT)", status: "status", error: "error", source_path: "source",
    pages: "pages", file_type: "file type", title: "title", customer: "customer", operator: "operator",
    report_date: "report date", ocr: "OCR", ocr_confidence: "OCR confidence", same_as_doc_id: "same as",
  };
  function summaryList(summary) {
    const dl = el("dl", { class: "summary" });
    for (const [k, label] of Object.entries(SUMMARY_LABELS)) {
      if (summary[k] === undefined) continue;
      dl.append(el("dt", { text: label }), el("dd", { text: String(summary[k]) }));
    }
    return dl;
  }

  // --- findings -------------------------------------------------------------
  function findingCard(f, i, k, data) {
    const card = el("article", { class: "finding sev-" + f.severity, id: "f-" + i + "-" + k,
      "data-rule": f.rule, "data-sev": f.severity });
    card.append(el("header", {}, el("span", { class: "sev", text: f.severity }),
      el("span", { class: "rule", text: f.rule }), el("span", { class: "place", text: place(f.page, f.locator) })));
    const content = el("div", { class: "content" }, el("p", { class: "message", text: f.message }));
    const ea = el("div", { class: "ea" });
    if (f.expected !== undefined) ea.append(el("span", {}, el("b", { text: "expected" }), f.expected));
    if (f.actual !== undefined) ea.append(el("span", {}, el("b", { text: "actual" }), f.actual));
    if (ea.childNodes.length) content.append(ea);
    content.append(...evidenceBlock(f.evidence, f.marks, f.where, f.crop, data.summary.file_type, f.page));
    if (f.ocr_flag) content.append(el("div", { class: "ocr", text: "OCR: " + f.ocr_flag }));
    if (f.note) content.append(el("div", { class: "note", text: f.note }));
    if (f.other_page !== undefined || f.other_locator || f.other_evidence) {
      const other = el("div", { class: "other" },
        el("div", { class: "label", text: "compared with " + place(f.other_page, f.other_locator) }));
      if (f.other_evidence) other.append(...evidenceBlock(f.other_evidence, f.other_marks, f.other_where,
        f.other_crop, data.summary.file_type, f.other_page));
      content.append(other);
    }
    card.append(content);
    return card;
  }
  function evidenceBlock(text, marks, where, crop, fileType, page) {
    // a PDF: the page's crop, the text below it folded; else the text in its context, once
    if (crop) {
      const out = [cropFigure(crop, page)];
      if (text) out.push(el("details", { class: "evtext" }, el("summary", { text: "evidence (verbatim text)" }),
        el("pre", { class: "evidence" }, marked(text, marks))));
      return out;
    }
    if (!text) return [];
    return [el("div", { class: "label", text: contextLabel(where) + " · verbatim" }), context(text, marks, where)];
  }
  function cropFigure(crop, page) {
    const img = el("img", { src: crop.src, width: crop.w, height: crop.h, loading: "lazy",
      alt: "page " + page + " around the evidence" });
    return el("figure", { class: "crop" }, img,
      el("figcaption", { text: "page " + page + (crop.cut ? " · the region is taller: its top part is shown" : "") }));
  }
  function contextLabel(w) {
    if (!w) return "context";
    if (w.para !== undefined) return w.to ? "paragraphs " + w.para + "–" + w.to : "paragraph " + w.para;
    return "table " + w.table + ", row " + w.row + (w.col ? ", column " + w.col : "");
  }
  function context(text, marks, where) {
    // a table row's evidence is its cells joined by " | ": show it as a row, the cell hit outlined
    if (where && where.table !== undefined) {
      const cells = text.includes(" | ") ? text.split(" | ") : [text];
      const row = el("tr");
      const hit = where.col && cells.length > 1 ? where.col - 1 : (cells.length === 1 ? 0 : -1);
      let at = 0;  // each cell's offset in the joined text: the marks are spans of it
      cells.forEach((c, n) => {
        const inside = (marks || []).filter(([s, e]) => s >= at && e <= at + c.length).map(([s, e]) => [s - at, e - at]);
        const cls = [n === hit ? "hit" : "", c.length <= 16 ? "short" : ""].join(" ").trim();
        row.append(el("td", { class: cls }, marked(c, inside)));
        at += c.length + 3;
      });
      return el("div", { class: "scroll" }, el("table", { class: "ctx" }, el("tbody", {}, row)));
    }
    return el("div", { class: "para" }, marked(text, marks));
  }

  // --- fact tables ----------------------------------------------------------
  function factTable(t, k, i, data) {
    const flagged = t.prov.filter((p) => p[4].length).length;
    const head = el("summary", {}, t.name + " ",
      el("span", { class: "n", text: "(" + t.rows.length + " rows" + (flagged ? ", " + flagged + " with findings" : "") + ")" }));
    const details = el("details", { class: "table", open: k === 0 }, head);
    let built = false;
    const build = () => {
      if (built || !details.open) return;
      built = true;
      details.append(el("div", { class: "scroll" }, tableElement(t, k, i, data)));
    };
    details.addEventListener("toggle", build);
    if (k === 0) queueMicrotask(build);
    return details;
  }
  function tableElement(t, k, i, data) {
    const figures = new Set(t.figures);
    const thead = el("thead", {}, el("tr", {}, ...t.columns.map((c) => el("th", { text: c })), el("th", { text: "where" })));
    const tbody = el("tbody");
    t.rows.forEach((row, r) => {
      const prov = t.prov[r];
      const worst = prov[4].map((n) => data.findings[n].severity).sort((a, b) => SEVS.indexOf(a) - SEVS.indexOf(b))[0];
      const tr = el("tr", { class: prov[4].length ? "flag sev-" + worst : "", "data-t": String(k), "data-r": String(r),
        title: place(prov[0], prov[1]) + " — click for the evidence" });
      row.forEach((v, c) => tr.append(el("td", { class: figures.has(c) && v !== null ? "fig" : "", text: v === null ? "" : String(v) })));
      tr.append(el("td", { class: "loc", text: place(prov[0], prov[1]) }));
      tbody.append(tr);
    });
    const table = el("table", { class: "facts" }, thead, tbody);
    table.addEventListener("click", (e) => {
      const tr = e.target.closest("tr[data-r]");
      if (tr) showEvidence(e, data.tables[+tr.dataset.t].prov[+tr.dataset.r], i, data);
    });
    return table;
  }
  function showEvidence(e, prov, i, data) {
    e.stopPropagation();
    const pop = document.getElementById("pop");
    const [page, locator, ref, ocr, findings] = prov;
    pop.replaceChildren(el("div", { class: "where", text: place(page, locator) }),
      el("pre", { class: "evidence", text: ref === null ? "(no evidence)" : data.strings[ref] }));
    if (ocr) pop.append(el("div", { class: "ocr", text: "OCR: " + ocr }));
    for (const n of findings) {
      const f = data.findings[n];
      pop.append(el("a", { href: "#f-" + i + "-" + n, text: "→ " + f.severity + " " + f.rule }));
    }
    pop.hidden = false;
    // below the clicked cell, kept inside the window
    const cell = e.target.closest("td") || e.target;
    const box = cell.getBoundingClientRect();
    const width = Math.min(560, window.innerWidth - 24);
    pop.style.left = (window.scrollX + Math.max(8, Math.min(box.left, window.innerWidth - width - 16))) + "px";
    pop.style.top = (window.scrollY + box.bottom + 4) + "px";
  }
  document.addEventListener("click", (e) => {
    const pop = document.getElementById("pop");
    if (!pop.hidden && !pop.contains(e.target)) pop.hidden = true;
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") document.getElementById("pop").hidden = true; });

  // --- start ----------------------------------------------------------------
  // The address may preset the filters: #sev=error,warning&rule=missing_value&doc=2023
  // (a link to share), #all opens every document, #doc-3 opens the fourth.
  function fromHash(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ""));
    if (params.has("sev")) {
      state.sevs = new Set(params.get("sev").split(",").filter((s) => SEVS.includes(s)));
      for (const box of document.querySelectorAll("#f-sev input")) box.checked = state.sevs.has(box.value);
    }
    if (params.has("rule") && INDEX.rules.includes(params.get("rule"))) {
      state.rule = params.get("rule");
      document.getElementById("f-rule").value = state.rule;
    }
    if (params.has("doc")) {
      state.doc = params.get("doc").toLowerCase();
      document.getElementById("f-doc").value = params.get("doc");
    }
    return params;
  }
  function openFromHash(params, hash) {
    const openAll = INDEX.open || params.has("all");
    for (const d of document.querySelectorAll(".doc:not(.hidden)")) {
      if (openAll) { d.open = true; renderDoc(d, +d.dataset.i); }
    }
    const m = /^#doc-(\d+)$/.exec(hash);
    const d = m && document.getElementById("doc-" + m[1]);
    if (d) { d.open = true; renderDoc(d, +m[1]); d.scrollIntoView(); }
  }
  buildHeader();
  buildList();
  const params = fromHash(location.hash);
  apply();
  openFromHash(params, location.hash);
  document.body.dataset.ready = "1";
  document.body.dataset.readyMs = String(Math.round(performance.now()));  // since navigation start
})();
