/* Shows each Geneva time of the public programme also in the visitor's own time zone (the browser's).
   Without JavaScript the page offers a form to choose a time zone instead. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "Europe/Zurich") { return; }
  var format = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  document.querySelectorAll(".local-time[data-start]").forEach(function (node) {
    var start = new Date(node.getAttribute("data-start"));
    var end = new Date(node.getAttribute("data-end"));
    node.textContent = "(" + format.format(start) + "–" + format.format(end) + " " + node.getAttribute("data-label") + ", " + zone + ")";
    node.hidden = false;
  });
})();
