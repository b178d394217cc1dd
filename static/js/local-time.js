// Adds the visitor's own local time after each <time data-local-time> (the Geneva time stays as written).
// Without JavaScript, or when the visitor is in Geneva's time zone, nothing changes.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "Europe/Zurich") {
    return;
  }
  var language = document.documentElement.lang || undefined;
  // (dateStyle/timeStyle cannot be combined with timeZoneName: spell the parts out.)
  var format = new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
  document.querySelectorAll("time[data-local-time]").forEach(function (element) {
    var moment = new Date(element.getAttribute("datetime"));
    if (isNaN(moment.getTime())) {
      return;
    }
    var note = document.createElement("span");
    note.className = "local-time";
    note.textContent = " (" + element.getAttribute("data-local-time") + " " + format.format(moment) + ")";
    element.insertAdjacentElement("afterend", note);
  });
})();
