/* The moderator's live view: a countdown for the current item of the running order. Start begins the
   first item, Next moves on; the time left turns red (and negative) when a speaker runs over. */
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-live-item]"));
  var clock = document.querySelector("[data-live-countdown]");
  var controls = document.querySelector("[data-live-controls]");
  if (!items.length || !clock || !controls) { return; }
  controls.hidden = false;
  clock.hidden = false;
  var current = -1;
  var endsAt = null;
  var timer = null;

  function show(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var left = Math.abs(Math.round(seconds));
    var text = sign + String(Math.floor(left / 60)).padStart(2, "0") + ":" + String(left % 60).padStart(2, "0");
    clock.textContent = text;
    clock.classList.toggle("over", seconds < 0);
  }

  function tick() { if (endsAt) { show((endsAt - Date.now()) / 1000); } }

  function select(index) {
    items.forEach(function (item, i) { item.classList.toggle("current", i === index); });
    current = index;
    if (index < 0 || index >= items.length) { endsAt = null; show(0); return; }
    endsAt = Date.now() + Number(items[index].getAttribute("data-minutes")) * 60000;
    items[index].scrollIntoView({ block: "nearest" });
    tick();
  }

  controls.querySelector("[data-live-start]").addEventListener("click", function () {
    select(0);
    if (!timer) { timer = window.setInterval(tick, 500); }
  });
  controls.querySelector("[data-live-next]").addEventListener("click", function () {
    if (current < items.length - 1) { select(current + 1); }
  });
  controls.querySelector("[data-live-reset]").addEventListener("click", function () {
    window.clearInterval(timer);
    timer = null;
    select(-1);
  });
})();
