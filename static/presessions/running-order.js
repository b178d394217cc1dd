/* Drag and drop for the running order (staff panel page). Without JavaScript, the Up and Down buttons do
   the same. On drop, the new order goes into the hidden reorder form, which htmx posts; the server answers
   with the running order again (it replaces #running-order-section). */
(function () {
  "use strict";
  var dragged = null;

  function list() { return document.getElementById("running-order"); }

  function submitOrder() {
    var ol = list();
    var form = document.getElementById(ol.getAttribute("data-reorder-form"));
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    Array.prototype.forEach.call(form.querySelectorAll("input[name=ref]"), function (input) { input.remove(); });
    Array.prototype.forEach.call(ol.querySelectorAll("li[data-ref]"), function (item) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "ref";
      input.value = item.getAttribute("data-ref");
      form.appendChild(input);
    });
    if (window.htmx) { window.htmx.trigger(form, "submit"); } else if (csrf) { form.submit(); }
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("li[data-ref]");
    if (!item) { return; }
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-ref"));
  });

  document.addEventListener("dragover", function (event) {
    var target = event.target.closest && event.target.closest("li[data-ref]");
    if (!dragged || !target || target === dragged) { return; }
    event.preventDefault();
    var box = target.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
  });

  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    dragged = null;
    submitOrder();
  });
})();
