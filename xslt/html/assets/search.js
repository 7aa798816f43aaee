// The search page: Pagefind's bundled interface over the indexes edition build writes (their
// folders in data-indexes: the first one's interface, the others merged into it);
// "search.html?q=word" (the search box of every page) starts a search at once.
window.addEventListener("DOMContentLoaded", () => {
  if (typeof PagefindUI === "undefined") {
    const search = document.getElementById("search");
    search.textContent = search.dataset.missing;
    return;
  }
  const [first, ...others] = document.getElementById("search").dataset.indexes.split(" ");
  const bundle = (folder) => new URL(`${folder}/`, document.baseURI).href;
  // results lead to the pages beside this one: the site's own, in this interface language
  // (LANG/ of an edition in several), wherever the site is (a server's root or a folder, a disk)
  const baseUrl = new URL(".", document.baseURI).pathname;
  const ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: false, resetStyles: false,
                              bundlePath: bundle(first), baseUrl,
                              mergeIndex: others.map((folder) => ({ bundlePath: bundle(folder), baseUrl })) });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
