// Small progressive enhancements; every page works without them.
"use strict";

// Campaign list: placed, skipped, live calls and calls per second, refreshed every second.
(function liveProgress() {
  const table = document.getElementById("campaigns");
  if (!table) return;
  async function refresh() {
    try {
      const response = await fetch(table.dataset.progressUrl, {headers: {Accept: "application/json"}});
      if (!response.ok) return;
      for (const p of await response.json()) {
        const row = table.querySelector(`tr[data-campaign="${p.campaignId}"]`);
        if (!row) continue;
        row.querySelector('[data-field="status"]').textContent = p.status;
        row.querySelector('[data-field="placed"]').textContent = p.placed;
        const reasons = Object.entries(p.skippedByReason).map(([k, v]) => `${k} ${v}`).join(", ");
        row.querySelector('[data-field="skipped"]').textContent = p.skipped + (reasons ? ` (${reasons})` : "");
        row.querySelector('[data-field="liveCalls"]').textContent = p.liveCalls;
        row.querySelector('[data-field="callsPerSecond"]').textContent = p.callsPerSecond.toFixed(1);
      }
    } catch (e) {
      // A missed refresh is retried on the next tick.
    }
  }
  refresh();
  setInterval(refresh, 1000);
})();

// Import: a progress bar with the rows read while the import runs.
(function importProgress() {
  const form = document.getElementById("run-import");
  if (!form) return;
  form.addEventListener("submit", () => {
    const bar = document.getElementById("import-progress");
    const rows = document.getElementById("import-rows");
    bar.hidden = false;
    setInterval(async () => {
      try {
        const p = await (await fetch("/imports/progress.json")).json();
        if (p.size > 0) { bar.max = p.size; bar.value = p.bytes; }
        rows.textContent = `${p.rows} rows read`;
      } catch (e) {
        // the page is being replaced by the result
      }
    }, 500);
  });
})();
