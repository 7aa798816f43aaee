// Footnote popovers: Escape closes the open one; a popover near the right edge opens to the left.
// Without this script the popovers still open on hover and focus, and the markers are plain links.
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    document.querySelectorAll(".fn:hover, .fn:focus-within").forEach((fn) => fn.classList.add("fn-closed"));
  }
});
for (const fn of document.querySelectorAll(".fn")) {
  const reopen = () => {
    fn.classList.remove("fn-closed");
    const pop = fn.querySelector(".fn-pop");
    if (pop) {
      pop.classList.toggle("fn-left", fn.getBoundingClientRect().left + Math.min(448, window.innerWidth * 0.86) > window.innerWidth);
    }
  };
  fn.addEventListener("mouseenter", reopen);
  fn.addEventListener("focusin", reopen);
}
