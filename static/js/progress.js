/* Refreshes a compile's progress without reloading the page; the page also works without it. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("job-progress");
    // A finished job's page (done or failed) says so already: nothing to follow, no reload.
    if (!box || !window.fetch || box.getAttribute("data-finished") === "true") { return; }
    var bar = document.getElementById("job-percent");
    function field(name) { return box.querySelector("[data-field='" + name + "']"); }
    function poll() {
      fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          field("status_label").textContent = job.status_label;
          field("stage").textContent = job.stage || "—";
          field("percent").textContent = job.percent;
          bar.value = job.percent;
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });
})();
