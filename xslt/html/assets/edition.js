// Footnotes: the note's text (from the list of notes, which each marker's aria-describedby
// names) shown by its marker on hover and keyboard focus, in one tooltip; Escape closes it.
// Without this script the markers are plain links to the notes, which link back.
const pop = document.createElement("div");
pop.className = "fn-pop";
pop.setAttribute("role", "tooltip");
pop.setAttribute("aria-hidden", "true");  // screen readers read the note itself, as the marker's description
document.body.append(pop);
let hiding = 0;

function show(marker) {
  const text = document.getElementById(marker.getAttribute("aria-describedby"));
  if (!text) return;
  clearTimeout(hiding);
  const copy = text.cloneNode(true);  // a copy without ids and links: the note is still in the list
  copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
  copy.querySelectorAll("a").forEach((a) => {
    const span = document.createElement("span");
    span.className = a.className;
    span.append(...a.childNodes);
    a.replaceWith(span);
  });
  pop.replaceChildren(...copy.childNodes);
  pop.classList.add("fn-open");
  const box = marker.getBoundingClientRect();
  const right = document.documentElement.clientWidth - pop.offsetWidth - 8;
  pop.style.left = `${Math.max(8, Math.min(box.left - 16, right)) + window.scrollX}px`;
  pop.style.top = `${box.bottom + 4 + window.scrollY}px`;
}

function hide() {
  pop.classList.remove("fn-open");
}

for (const marker of document.querySelectorAll(".fn-ref[aria-describedby]")) {
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
