// Filter box and count of ticked boxes for long lists of checkboxes in groups (core.widgets.CheckboxGroups).
// Without JavaScript every box is visible and the tools stay hidden. The texts come from data- attributes
// of the server-rendered (translated) markup.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  document.querySelectorAll("[data-checkbox-groups]").forEach(function (root) {
    var input = root.querySelector("[data-filter]");
    var status = root.querySelector("[data-filter-status]");
    var count = root.querySelector("[data-selected-count]");
    var choices = Array.prototype.slice.call(root.querySelectorAll(".choice"));
    var groups = Array.prototype.slice.call(root.querySelectorAll(".checkbox-group"));
    var template = root.getAttribute("data-status") || "{shown} / {total}";

    function countTicked() {
      count.textContent = String(root.querySelectorAll('input[type="checkbox"]:checked').length);
    }

    function filter() {
      var query = fold(input.value);
      var shown = 0;
      choices.forEach(function (choice) {
        var match = query === "" || fold(choice.textContent).indexOf(query) !== -1;
        choice.hidden = !match;
        shown += match ? 1 : 0;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector(".choice:not([hidden])");
      });
      status.textContent =
        query === "" ? "" : template.replace("{shown}", String(shown)).replace("{total}", String(choices.length));
    }

    root.querySelector("[data-tools]").hidden = false;
    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter in the filter box must not submit the whole form.
      }
    });
    root.addEventListener("change", countTicked);
    countTicked();
  });
})();
