// Dark-mode toggle: applies a saved choice before first paint; without JS the system preference rules.
(function () {
  var root = document.documentElement, key = "sitegen-theme";
  try { var saved = localStorage.getItem(key); if (saved === "dark" || saved === "light") root.dataset.theme = saved; } catch (e) {}
  function isDark() { return (root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light")) === "dark"; }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", isDark());
    button.addEventListener("click", function () {
      root.dataset.theme = isDark() ? "light" : "dark";
      try { localStorage.setItem(key, root.dataset.theme); } catch (e) {}
      button.setAttribute("aria-pressed", isDark());
    });
  });
})();
