// The brief's evidence tables made searchable, sortable and filterable with DataTables, from the
// bundle itables ships, read from the page itself: nothing is fetched. The tables are plain HTML
// first; without scripts they read as they are.
(() => {
  "use strict";
  const source = document.getElementById("datatables-bundle");
  const tables = Array.from(document.querySelectorAll("div.searchable-table table"));
  if (!source || tables.length === 0) {
    document.documentElement.dataset.tables = "ready";
    return;
  }

  // A column of few, short distinct values (a check, a status, a verdict, an outlet) gets a
  // list of those values to tick; any other column a text search.
  const FEW = 12;
  const SHORT = 40;
  const PAGE = 25;

  function isCategory(table, column, rows) {
    const values = new Set();
    for (const row of table.tBodies[0] ? table.tBodies[0].rows : []) {
      const cell = row.cells[column];
      const text = cell ? cell.textContent.trim() : "";
      if (text.length > SHORT) return false;
      values.add(text);
    }
    return values.size > 1 && values.size <= FEW && values.size < rows;
  }

  function columnFilters(table) {
    const rows = table.tBodies[0] ? table.tBodies[0].rows.length : 0;
    const header = table.tHead ? table.tHead.rows[0].cells.length : 0;
    const defs = [];
    for (let column = 0; column < header; column += 1) {
      const list = isCategory(table, column, rows);
      defs.push({
        targets: column,
        columnControl: [
          "order",
          { extend: "dropdown", text: "Filter", content: [list ? "searchList" : "search"] },
        ],
      });
    }
    return defs;
  }

  function options(table) {
    const rows = table.tBodies[0] ? table.tBodies[0].rows.length : 0;
    return {
      order: [], // the brief's own order (most consequential first) until a reader sorts
      autoWidth: false,
      paging: rows > PAGE,
      pageLength: PAGE,
      lengthMenu: [10, PAGE, 50, { label: "All", value: -1 }],
      columnDefs: columnFilters(table),
      ordering: { indicators: false, handler: false },
      language: { search: "Search this table:" },
    };
  }

  // Printing opens every folded section and prints every row a table's search leaves, not only
  // the page of rows on screen; afterwards the page is as it was.
  function forPrint(instances) {
    let lengths = [];
    window.addEventListener("beforeprint", () => {
      document.querySelectorAll("details:not([open])").forEach((d) => {
        d.setAttribute("open", "");
        d.dataset.openedForPrint = "yes";
      });
      lengths = instances.map((dt) => dt.page.len());
      instances.forEach((dt) => dt.page.len(-1).draw(false));
    });
    window.addEventListener("afterprint", () => {
      document.querySelectorAll("details[data-opened-for-print]").forEach((d) => {
        d.removeAttribute("open");
        delete d.dataset.openedForPrint;
      });
      instances.forEach((dt, n) => dt.page.len(lengths[n] ?? PAGE).draw(false));
    });
  }

  async function enhance() {
    const url = URL.createObjectURL(new Blob([source.textContent], { type: "text/javascript" }));
    try {
      const { default: DataTable } = await import(url);
      DataTable.ext.errMode = "throw"; // an error goes to the console, not to an alert box
      const instances = tables.map((table) => new DataTable(table, options(table)));
      document.documentElement.dataset.tables = "ready";
      forPrint(instances);
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  enhance();
})();
