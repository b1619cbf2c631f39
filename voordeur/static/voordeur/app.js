/*
 * Voordeur's own script: small progressive enhancements only; every page works without it.
 * Loaded with `defer` under a strict Content Security Policy (no inline scripts, no eval).
 */
(function () {
  "use strict";

  // When an htmx request fails, say so in the page's live region instead of failing silently.
  function showError() {
    var live = document.getElementById("vd-live");
    if (!live) {
      return;
    }
    live.textContent = document.body.getAttribute("data-vd-error") || "Error";
  }

  function clearError() {
    var live = document.getElementById("vd-live");
    if (live) {
      live.textContent = "";
    }
  }

  document.addEventListener("htmx:responseError", showError);
  document.addEventListener("htmx:sendError", showError);
  document.addEventListener("htmx:beforeRequest", clearError);
})();
