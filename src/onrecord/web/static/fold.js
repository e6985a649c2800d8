// On a phone a list's or chart's filters start folded under a summary naming those set, so
// the list or chart, not a screen of form fields, comes first; a tap unfolds them. Without
// this script they stay open.
"use strict";

if (window.matchMedia("(max-width: 40rem)").matches) {
  document.querySelectorAll("details.fold").forEach((details) => { details.open = false; });
}
