// Name fields with suggestions (data-suggest="/api/speakers"): as a person types, the
// matching speakers (any case, accents or not, a surname) fill the field's datalist.
"use strict";

const WAIT_MS = 150;

document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const url = `${input.dataset.suggest}?limit=10&q=${encodeURIComponent(input.value)}`;
      const response = await fetch(url);
      if (!response.ok) return;
      const found = await response.json();
      list.replaceChildren(...found.map((speaker) => {
        const option = document.createElement("option");
        option.value = speaker.name;
        option.label = `${speaker.name} · ${speaker.count} quotations`;
        return option;
      }));
    }, WAIT_MS);
  });
});
