// Adds the visitor's own local time after each <time data-local-time> (the Geneva time stays as written).
// Without JavaScript, or when the visitor is in Geneva's time zone, nothing changes.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "Europe/Zurich") {
    return;
  }
  var language = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(language, {
    dateStyle: "long",
    timeStyle: "short",
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
