// Footnotes: the note's text (from the list of notes, which each marker's aria-describedby
// names) shown by its marker on hover and keyboard focus, in one tooltip; Escape closes it.
// Without this script the markers are plain links to the notes, which link back.
const pop = document.createElement("div");
pop.className = "fn-pop";
pop.setAttribute("role", "tooltip");
pop.setAttribute("aria-hidden", "true");  // screen readers read the note itself, as the marker's description
document.body.append(pop);
let hiding = 0;

// A copy of an element without ids and links: the original is still in its list.
function copyOf(element) {
  const copy = element.cloneNode(true);
  copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  copy.querySelectorAll("a").forEach((a) => {
    const span = document.createElement("span");
    span.className = a.className;
    span.append(...a.childNodes);
    a.replaceWith(span);
  });
  return copy;
}

function show(marker) {
  const text = document.getElementById(marker.getAttribute("aria-describedby"));
  if (!text) return;
  clearTimeout(hiding);
  pop.replaceChildren(...copyOf(text).childNodes);
  pop.classList.add("fn-open");
  const box = marker.getBoundingClientRect();
  const right = document.documentElement.clientWidth - pop.offsetWidth - 8;
  pop.style.left = `${Math.max(8, Math.min(box.left - 16, right)) + window.scrollX}px`;
  pop.style.top = `${box.bottom + 4 + window.scrollY}px`;
}

function hide() {
  pop.classList.remove("fn-open");
}

// Critical apparatus: the lemma of an entry apart from the text, from its start (.app-from) to
// the anchor where it ends (data-end), marked as a lemma in the text is (.app-lem).
for (const from of document.querySelectorAll(".app-from[data-end]")) {
  const end = document.getElementById(from.dataset.end);
  if (!end || end.parentNode !== from.parentNode) continue;
  const lemma = document.createElement("span");
  lemma.className = "app-lem";
  lemma.dataset.app = from.dataset.app;
  lemma.dataset.wit = from.dataset.wit;
  while (from.nextSibling && from.nextSibling !== end) lemma.append(from.nextSibling);
  if (lemma.textContent.trim()) {
    lemma.tabIndex = 0;
    lemma.setAttribute("aria-describedby", `${from.dataset.app}-text`);
  }
  from.replaceWith(lemma);
}

// The markers of footnotes and apparatus entries, and the lemmata of the apparatus (shown on a
// tap too: they are not links).
for (const marker of document.querySelectorAll(".fn-ref[aria-describedby], .app-lem[aria-describedby]")) {
  if (marker.classList.contains("app-lem")) marker.addEventListener("click", () => show(marker));
  marker.addEventListener("mouseenter", () => show(marker));
  marker.addEventListener("mouseleave", () => {  // time to move the pointer onto the tooltip
    if (document.activeElement !== marker) hiding = setTimeout(hide, 300);
  });
  marker.addEventListener("focus", () => show(marker));
  marker.addEventListener("blur", hide);
}
pop.addEventListener("mouseenter", () => clearTimeout(hiding));
pop.addEventListener("mouseleave", hide);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hide();
});

// Critical apparatus, the reading view: the text as the witness chosen reads it, each lemma
// replaced by the reading of that witness in its entry (the edited text where the entry cites
// none: the witness agrees with the lemma).
const view = document.getElementById("witness-view");
if (view) {
  view.closest(".witness-view").hidden = false;
  const lemmata = new Map([...document.querySelectorAll(".app-lem[data-app]")].map((lem) => [lem, [...lem.childNodes]]));
  view.addEventListener("change", () => {
    for (const [lem, edited] of lemmata) {
      const entry = document.getElementById(`${lem.dataset.app}-text`);
      const reading = view.value && entry && [...entry.querySelectorAll(".app-rdg[data-wit]")]
        .find((rdg) => rdg.dataset.wit.split(" ").includes(view.value));
      lem.replaceChildren(...(reading ? copyOf(reading).childNodes : edited));
      lem.classList.toggle("app-witness", Boolean(reading));
    }
  });
}
