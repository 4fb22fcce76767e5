// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to a form's error summary so keyboard and screen reader users hear it first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Facets start closed on narrow screens, so the results come first (UI.md).
  if (window.matchMedia("(max-width: 48rem)").matches) {
    document.querySelectorAll("details.facets").forEach((details) => details.removeAttribute("open"));
  }
});
