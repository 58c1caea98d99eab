/* "Select all": a checkbox with data-select-all="<name>" ticks or clears every checkbox of that
   name in its form, and shows whether all, some or none are ticked. Without this script the
   same checkbox is sent with the form and the server selects every row shown. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var masters = document.querySelectorAll("input[type=checkbox][data-select-all]");
    Array.prototype.forEach.call(masters, function (master) {
      var name = master.getAttribute("data-select-all");
      var rows = master.form.querySelectorAll("input[type=checkbox][name='" + name + "']");
      function update() {
        var ticked = Array.prototype.filter.call(rows, function (row) { return row.checked; });
        master.checked = rows.length > 0 && ticked.length === rows.length;
        master.indeterminate = ticked.length > 0 && ticked.length < rows.length;
      }
      master.addEventListener("change", function () {
        Array.prototype.forEach.call(rows, function (row) { row.checked = master.checked; });
        master.indeterminate = false;
      });
      Array.prototype.forEach.call(rows, function (row) { row.addEventListener("change", update); });
      update();
    });
  });
})();
