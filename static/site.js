// Small enhancements; every page works without them. Copy a citation; filter a member's publications in place.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }

  function setupCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent;
      var done = function () { if (status) status.textContent = button.getAttribute("data-copied"); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text) && done(); });
      } else if (fallback(text)) { done(); }
    });
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    var ok = false; try { ok = document.execCommand("copy"); } catch (e) {}
    document.body.removeChild(area); return ok;
  }

  function setupFilters(box) {
    var list = box.parentNode.querySelector(".pubs-all");
    if (!list) return;
    var entries = list.querySelectorAll(".pub"), status = box.querySelector(".filter-status");
    var chosen = { year: "", kind: "", topic: "" }, params = new URLSearchParams(location.search);
    Object.keys(chosen).forEach(function (k) { chosen[k] = params.get(k) || ""; });
    function apply() {
      var shown = 0;
      entries.forEach(function (li) {
        var ok = (!chosen.year || li.dataset.year === chosen.year) && (!chosen.kind || li.dataset.kind === chosen.kind) &&
          (!chosen.topic || (" " + li.dataset.topics + " ").indexOf(" " + chosen.topic + " ") >= 0);
        li.hidden = !ok; if (ok) shown++;
      });
      list.querySelectorAll(".year-group").forEach(function (g) { g.hidden = !g.querySelector(".pub:not([hidden])"); });
      box.querySelectorAll("[data-filter]").forEach(function (a) {
        if (a.dataset.value === chosen[a.dataset.filter]) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
      var any = chosen.year || chosen.kind || chosen.topic;
      status.textContent = any ? box.dataset.showing.replace("{shown}", shown).replace("{total}", entries.length) : "";
      var query = new URLSearchParams();
      Object.keys(chosen).forEach(function (k) { if (chosen[k]) query.set(k, chosen[k]); });
      history.replaceState(null, "", location.pathname + (any ? "?" + query : "") + location.hash);
    }
    box.addEventListener("click", function (event) {
      var link = event.target.closest("[data-filter]");
      if (!link) return;
      event.preventDefault();
      var key = link.dataset.filter;
      chosen[key] = chosen[key] === link.dataset.value ? "" : link.dataset.value;
      apply();
    });
    box.classList.add("enhanced");
    apply();
  }

  ready(function () {
    document.querySelectorAll("[data-copy]").forEach(setupCopy);
    document.querySelectorAll("[data-filters]").forEach(setupFilters);
  });
})();
