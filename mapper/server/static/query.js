// The query page: YASGUI (static/yasgui/, served by this server) on this server's endpoint.
// Its settings come from a JSON data block (the Content-Security-Policy allows no inline script).
// Nothing here reaches another host: the endpoint is this origin's /sparql, completion uses
// lists the server sends with the page, and the policy's connect-src 'self' holds the rest.
// Without scripts (or if YASGUI fails to load) the page's plain form queries /sparql itself.
(function () {
  "use strict";
  const root = document.getElementById("yasgui");
  const form = document.getElementById("query-form");
  if (typeof window.Yasgui !== "function" || !root) return;
  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;
  const settings = JSON.parse(document.getElementById("settings").textContent);
  const endpoint = new URL(settings.endpoint, window.location.href).href;
  const base = settings.base;
  const prefixes = settings.prefixes;
  const examples = settings.examples;

  // A new tab opens with the project's prefixes declared.
  const declarations = Object.entries(prefixes).map(([p, ns]) => "PREFIX " + p + ": <" + ns + ">").join("\n");
  const blank = declarations + "\n\nSELECT * WHERE {\n  ?s ?p ?o\n}\nLIMIT 10\n";

  // Completion from what the page carries, never from a remote service: YASQE's own prefix
  // list and prefix.cc are replaced by the project's prefixes, and the class and property
  // completers (Linked Open Vocabularies by default) by the dataset's classes and properties
  // (its VoID partitions). Same names, so YASQE's default list of completers stays as it is.
  Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters.prefixes, {
    get: Object.entries(prefixes).map(([p, ns]) => p + ": <" + ns + ">").sort(),
    persistenceId: null,
  }));
  for (const [name, terms] of [["class", settings.classes], ["property", settings.properties]]) {
    Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters[name], {get: terms, bulk: true, persistenceId: null}));
  }

  Yasqe.defaults.editorHeight = "420px";  // room for the prefixes and a query (a tab's own height, once resized, is kept)

  // Results: an IRI of this dataset links to its page on this server, not to the IRI's host.
  const Table = Yasr.plugins.table;
  class LocalTable extends Table {
    getUriLinkFromBinding(binding, known) {
      const html = super.getUriLinkFromBinding(binding, known);  // sanitized by YASR (DOMPurify)
      if (!binding.value.startsWith(base)) return html;
      const template = document.createElement("template");  // parsed inert: no script runs, nothing loads
      template.innerHTML = html;
      const link = template.content.querySelector("a");
      if (link) link.setAttribute("href", "/" + binding.value.slice(base.length));
      return template.innerHTML;
    }
  }
  Yasr.registerPlugin("table", LocalTable);

  // A query asked for in the address (?query=..., or YASGUI's own share links, #query=...) is read
  // here, and the address cleaned, so YASGUI does not read it itself: its reading takes an
  // endpoint and request settings from the address too, and writes them into every later tab.
  const asked = new URLSearchParams(window.location.search).get("query") ||
    new URLSearchParams(window.location.hash.slice(1)).get("query");
  if (window.location.search || window.location.hash) history.replaceState(null, "", window.location.pathname);

  const yasgui = new Yasgui(root, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: () => [{endpoint: endpoint}], keys: []},
    populateFromUrl: false,
    autoAddOnInit: false,
    persistenceId: "ungakg",
    tabName: "Query",
    yasqe: {value: blank, prefixCcApi: null, createShortLink: undefined},
    yasr: {prefixes: prefixes},
  });

  // Tabs kept in this browser from an earlier visit (perhaps of this site at another address) query this endpoint.
  for (const id of yasgui.persistentConfig.getTabs()) {
    const tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
  }

  function open(query, name) {
    // the tab holding this query if there is one, else a new tab with it; either way the tab shown
    const same = yasgui.persistentConfig.getTabs().find((id) => {
      const kept = yasgui.persistentConfig.getTab(id);
      return kept && kept.yasqe && kept.yasqe.value === query;
    });
    if (same === undefined) return yasgui.addTab(true, {name: name, yasqe: {value: query}});
    yasgui.selectTabId(same);
    return yasgui.getTab(same);
  }

  if (asked) {
    open(asked, "Linked query").query().catch(() => {});
  } else if (!yasgui.persistentConfig.getTabs().length && examples.length) {
    open(examples[0].query, examples[0].name.replace(/\.rq$/, ""));  // a first visit: a question worth running
  } else if (!yasgui.persistentConfig.getTabs().length) {
    open(blank, "Query");
  }

  for (const link of document.querySelectorAll("a.example")) {
    link.addEventListener("click", (event) => {
      const example = examples.find((e) => e.name === link.dataset.name);
      if (!example || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // a new window: the link as it is
      event.preventDefault();
      open(example.query, example.name.replace(/\.rq$/, ""));
      root.scrollIntoView({block: "start"});
    });
  }

  if (form) form.hidden = true;  // the editor replaces the plain form
  document.body.classList.add("has-yasgui");
})();
