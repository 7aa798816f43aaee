// The search page: Pagefind's bundled interface over the index edition build writes into
// pagefind/; "search.html?q=word" (the search box of every page) starts a search at once.
window.addEventListener("DOMContentLoaded", () => {
  if (typeof PagefindUI === "undefined") {
    document.getElementById("search").textContent = "The search index is missing: build the site with edition build.";
    return;
  }
  const ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
