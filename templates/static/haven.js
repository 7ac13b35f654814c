// Progressive enhancement only: every page works without this file.

// A check-in that could not happen needs no contact details: set them aside while the
// "could not happen" box is ticked, so the form asks only what applies.
for (const box of document.querySelectorAll("input[data-sets-aside]")) {
  const aside = document.getElementById(box.dataset.setsAside);
  const sync = () => { aside.disabled = box.checked; };
  box.addEventListener("change", sync);
  sync();
}

// A page that prints (a case chronology) offers a button for it.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.addEventListener("click", () => window.print());
}
