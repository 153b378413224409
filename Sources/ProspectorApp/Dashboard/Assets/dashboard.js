// Live progress for the jobs on the page: polls /jobs/live while any of them is still waiting or running, and
// updates each one's state and progress bar. The page works without it (a reload shows the same figures).
(function () {
  "use strict";
  var finalStates = { completed: true, dead: true, cancelled: true };

  function pending() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-job]"), function (element) {
      return !finalStates[element.getAttribute("data-state")];
    });
  }

  function apply(element, job) {
    element.setAttribute("data-state", job.state);
    var state = element.querySelector(".state") || document.getElementById("job-state");
    if (state) { state.textContent = job.state; }
    var bar = element.querySelector("progress") || (element.id ? null : document.querySelector("dd progress"));
    var label = element.querySelector(".label") || document.querySelector("dd .label");
    if (bar && typeof job.percent === "number") {
      bar.hidden = false;
      bar.value = job.percent;
      if (label) { label.textContent = job.label || ""; }
    }
  }

  function poll() {
    var elements = pending();
    if (elements.length === 0) { return; }
    var ids = elements.map(function (element) { return element.getAttribute("data-job"); }).join(",");
    fetch("/jobs/live?ids=" + encodeURIComponent(ids), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (jobs) {
        jobs.forEach(function (job) {
          elements.forEach(function (element) {
            if (element.getAttribute("data-job") === String(job.id)) { apply(element, job); }
          });
        });
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }

  document.addEventListener("DOMContentLoaded", function () { window.setTimeout(poll, 1000); });
})();
