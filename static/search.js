// The search page: loads the Pagefind index built with the site (no server needed beyond static files).
(function () {
  "use strict";
  var form = document.querySelector("[data-search-root]");
  if (!form) return;
  var input = form.querySelector("input[name=q]"), status = document.getElementById("search-status");
  var results = document.getElementById("search-results"), root = form.getAttribute("data-search-root");
  var pagefind = null, loading = null, latest = 0;

  // The index is in shards (pagefind/shards.json lists them): the first one's pagefind.js merges the others.
  function load() {
    if (!loading) {
      var base = new URL(root, location.href), bundle = new URL("pagefind/", base);
      loading = fetch(new URL("shards.json", bundle).href).then(function (response) {
        return response.ok ? response.json() : null;
      }, function () { return null; }).then(function (manifest) {
        var shards = manifest && manifest.shards ? manifest.shards : [{ path: "" }];  // an index of one shard
        if (!shards.length) return { search: function () { return Promise.resolve({ results: [] }); } };
        return import(new URL(shards[0].path + "pagefind.js", bundle).href).then(function (module) {
          pagefind = module;
          return pagefind.options({ baseUrl: base.pathname });
        }).then(function () {
          return Promise.all(shards.slice(1).map(function (shard) {
            return pagefind.mergeIndex(new URL(shard.path, bundle).pathname, { baseUrl: base.pathname });
          }));
        }).then(function () { return pagefind; });
      });
    }
    return loading;
  }
  function say(template, query, count) {
    status.textContent = template.replace("{query}", query).replace("{count}", count);
  }
  function search(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) { results.textContent = ""; status.textContent = ""; return; }
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      return Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (items) {
        if (ticket !== latest) return;
        results.textContent = "";
        items.forEach(function (item) {
          var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
          a.href = item.url; a.textContent = (item.meta && item.meta.title) || item.url; a.className = "result-title";
          p.innerHTML = item.excerpt;  // Pagefind's excerpt: the page's own text, escaped, with <mark>
          li.appendChild(a); li.appendChild(p); results.appendChild(li);
        });
        var n = found.results.length;
        say(status.getAttribute(n === 0 ? "data-none" : n === 1 ? "data-one" : "data-many"), query, n);
      });
    }).catch(function () { status.textContent = status.getAttribute("data-unavailable"); });
  }
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  document.querySelectorAll("input[name=q]").forEach(function (box) { box.value = query; });
  if (query) search(query);
  var timer;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(input.value); }, 200); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    search(input.value);
  });
})();
