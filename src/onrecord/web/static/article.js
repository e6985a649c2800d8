// Article page: clicking a highlighted piece, or a card, selects that quotation everywhere
// (each span of a multi-span quote and its card); a button shows what cleaning removed.
"use strict";

function selectQuote(id) {
  document.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
  const pieces = document.querySelectorAll(`#text [data-q~="${CSS.escape(id)}"]`);
  pieces.forEach((el) => el.classList.add("selected"));
  const card = document.getElementById(`card-${id}`);
  card.classList.add("selected");
  return { card, first: pieces[0] };
}

document.addEventListener("click", (event) => {
  const inText = event.target.closest("#text [data-q]");
  if (inText) {
    selectQuote(inText.dataset.q.split(" ")[0]).card.scrollIntoView({ block: "nearest" });
    return;
  }
  const card = event.target.closest(".card[data-q]");
  if (card) {
    selectQuote(card.dataset.q).first?.scrollIntoView({ block: "center" });
  }
});

// A link to a quotation's card (a search hit's, /articles/ID#card-q2) opens the article with
// that quotation selected and its words in view, as a click on the card would.
const linked = /^#card-(.+)$/.exec(window.location.hash);
if (linked && document.getElementById(`card-${decodeURIComponent(linked[1])}`)) {
  selectQuote(decodeURIComponent(linked[1])).first?.scrollIntoView({ block: "center" });
}

// The keyboard does what a click does: Enter or Space on a focused quotation or card.
document.addEventListener("keydown", (event) => {
  if ((event.key === "Enter" || event.key === " ") && event.target.matches("#text mark[data-q], .card[data-q]")) {
    event.preventDefault();
    event.target.click();
  }
});

const toggle = document.getElementById("toggle-removed");
toggle?.addEventListener("click", () => {
  const removed = document.getElementById("removed");
  removed.hidden = !removed.hidden;
  toggle.setAttribute("aria-pressed", String(!removed.hidden));
  toggle.textContent = toggle.textContent.replace(/^(Show|Hide)/, removed.hidden ? "Show" : "Hide");
});
