// Drag to reorder a ranked list; the up/down buttons do the same without JavaScript.
// On drop the new order is posted through the hidden #reorder-form (a normal form post).
(function () {
  "use strict";
  var list = document.querySelector("ol[data-reorder-url]");
  var form = document.getElementById("reorder-form");
  if (!list || !form) {
    return;
  }
  var dragged = null;
  list.classList.add("draggable-list");

  function submitOrder() {
    var ids = [];
    list.querySelectorAll("li[data-id]").forEach(function (item) {
      ids.push(item.getAttribute("data-id"));
    });
    form.querySelector("input[name=order]").value = ids.join(",");
    form.submit();
  }

  list.addEventListener("dragstart", function (event) {
    dragged = event.target.closest("li[data-id]");
    if (!dragged) {
      return;
    }
    dragged.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
  });

  list.addEventListener("dragover", function (event) {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    var over = event.target.closest("li[data-id]");
    if (!over || over === dragged) {
      return;
    }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  list.addEventListener("drop", function (event) {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    dragged.classList.remove("dragging");
    dragged = null;
    submitOrder();
  });

  list.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("dragging");
      dragged = null;
    }
  });
})();
