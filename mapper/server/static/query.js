// The query page: run the query on this endpoint (SPARQL JSON results), show a table with links.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const example = document.getElementById("example");
  const results = document.getElementById("results");
  const status = document.getElementById("status");
  const format = document.getElementById("format");
  const download = document.getElementById("download");
  // settings in a JSON data block (the Content-Security-Policy allows no inline script)
  const settings = JSON.parse(document.getElementById("settings").textContent);
  const base = settings.base;
  const prefixes = settings.prefixes;

  function local(iri) {
    // IRIs under the base are served here: browse them on this server; only http(s) IRIs are links
    // (an IRI in a result may be anything, javascript:alert(1) included).
    if (iri.startsWith(base)) return "/" + iri.slice(base.length);
    return /^https?:/i.test(iri) ? iri : null;
  }

  function short(iri) {
    if (iri.startsWith(base)) return iri.slice(base.length);
    for (const [p, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return p + ":" + iri.slice(ns.length);
    }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = local(term.value);
      const a = document.createElement(href === null ? "span" : "a");
      if (href !== null) a.href = href;
      a.textContent = short(term.value);
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else if (term.type === "triple") {
      td.textContent = "<< " + [term.value.subject, term.value.predicate, term.value.object].map(t => t.value).join(" ") + " >>";
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.dataset.lang = term["xml:lang"];
      if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function table(data) {
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = "?" + v;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const b of data.results.bindings) {
      const row = body.insertRow();
      for (const v of data.head.vars) row.appendChild(cell(b[v]));
    }
    return t;
  }

  function updateDownload() {
    const params = new URLSearchParams({query: editor.value, format: format.value});
    download.href = "/sparql?" + params.toString();
  }

  async function run(event) {
    if (event) event.preventDefault();
    const query = editor.value;
    const url = new URL(window.location);
    url.searchParams.set("query", query);
    history.replaceState(null, "", url);
    updateDownload();
    status.textContent = "running…";
    results.replaceChildren();
    const started = performance.now();
    const isGraph = /^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*(CONSTRUCT|DESCRIBE)\b/i.test(query);
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {"Content-Type": "application/sparql-query",
                  "Accept": isGraph ? "text/turtle" : "application/sparql-results+json"},
        body: query,
      });
    } catch (e) {
      status.textContent = "The endpoint could not be reached.";
      return;
    }
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      const text = await response.text();
      status.textContent = "Error " + response.status;
      const pre = document.createElement("pre");
      pre.className = "error";
      pre.textContent = text;
      results.appendChild(pre);
      return;
    }
    const truncated = response.headers.get("X-SPARQL-MaxRows");
    if (isGraph) {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = await response.text();
      results.appendChild(pre);
      status.textContent = "done in " + ms + " ms" + (truncated ? ", cut at " + truncated + " triples" : "");
      return;
    }
    const data = await response.json();
    if ("boolean" in data) {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = data.boolean ? "true" : "false";
      results.appendChild(p);
      status.textContent = "done in " + ms + " ms";
      return;
    }
    results.appendChild(table(data));
    const n = data.results.bindings.length;
    status.textContent = n + (n === 1 ? " row" : " rows") + " in " + ms + " ms" +
      (truncated ? " (cut at the limit of " + truncated + " rows)" : "");
  }

  example.addEventListener("change", () => {
    const option = example.selectedOptions[0];
    if (option && option.dataset.query) {
      editor.value = option.dataset.query;
      updateDownload();
    }
  });
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(e);
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      const s = editor.selectionStart;
      editor.setRangeText("  ", s, editor.selectionEnd, "end");
    }
  });
  editor.addEventListener("input", updateDownload);
  format.addEventListener("change", updateDownload);
  form.addEventListener("submit", run);
  updateDownload();
  if (editor.value.trim() && new URL(window.location).searchParams.has("query")) run();
})();
