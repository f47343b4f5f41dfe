"""Seed §07 as a tool: pick the modalities you have and a goal, see the recommended patterns and
models with the rationale and the checked evidence — the rule of the saved question `recommend`
(which `mfkg recommend` runs), applied in the page to data precomputed from the graph.

The rule, as in queries/recommend.rq: a row qualifies when every modality of at least one of its
data requirements is among those you have, and the goal is empty or contained (ignoring case) in
the row's goal or in the id or a label of one of its goal tasks. Unticking "paired" leaves out the
requirements that need paired data — whether one does is decided once, by
`mfkg.query.recommend.needs_pairing`, and carried in the page's data (`needs_pairing` of each
requirement), so the switch and `mfkg recommend --unpaired` give the same rows. With nothing
ticked the page shows the whole matrix (filtered by the goal), as the seed's table did.
"""

from __future__ import annotations

import html
from typing import Any

from mfkg.query.recommend import needs_pairing
from mfkg.viz.render import json_for_html
from mfkg.viz.seed_data import SeedGraph


def matrix_data(sg: SeedGraph) -> dict[str, Any]:
    rows, modalities, goals = [], {}, {}
    for rec in sorted(sg.nodes("Recommendation"), key=lambda r: sg.attrs(r).get("seed_row", 0)):
        a = sg.attrs(rec)
        reqs = []
        for req in sg.out(rec, "HAS_DATA_REQUIREMENT"):
            mods = sg.out(req, "REQUIRES_MODALITY")
            reqs.append([m.split("/", 1)[1] for m in mods])
            for m in mods:
                modalities[m.split("/", 1)[1]] = sg.name(m)
        tasks = []
        for t in sg.out(rec, "FOR_GOAL_TASK"):
            ta = sg.attrs(t)
            tasks.append({"id": t.split("/", 1)[1], "name": sg.name(t), "name_ko": ta.get("name_ko", "")})
            goals[sg.name(t)] = t
        patterns = [{"id": p.split("/", 1)[1], "name": sg.name(p), "name_ko": sg.attrs(p).get("name_ko", ""),
                     "seed_number": sg.attrs(p).get("seed_number")} for p in sg.out(rec, "RECOMMENDS_PATTERN")]
        models = [{"id": m, "name": sg.name(m)} for m in sg.by_name(sg.out(rec, "RECOMMENDS_MODEL"))]
        about = set(sg.out(rec, "RECOMMENDS_MODEL")) | set(sg.out(rec, "RECOMMENDS_PATTERN"))
        claims = [{"id": c, "statement": str(sg.attrs(c).get("statement", "")), "seed_text": str(sg.attrs(c).get("seed_text_ko", "")),
                   "verdict": str(sg.attrs(c).get("verdict", "unverified"))} for c in sg.claims_for(7, about)]
        rows.append({"id": rec, "row": a.get("seed_row"), "goal": a.get("goal", a.get("name", "")), "goal_ko": a.get("name_ko", ""),
                     "tasks": tasks, "requirements": [{"modalities": r, "needs_pairing": needs_pairing(r)} for r in sorted(reqs)],
                     "patterns": patterns, "models": models,
                     "rationale": a.get("rationale", ""), "rationale_ko": a.get("rationale_ko", ""), "claims": claims})
    return {"rows": rows, "modalities": sorted(({"id": k, "name": v} for k, v in modalities.items()), key=lambda m: m["name"].lower()),
            "goals": sorted(goals)}


MATRIX_CSS = """
.matrixform { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 24px; padding: 10px; background: #f8fafc; border-radius: 10px; }
.matrixform fieldset { border: 1px solid #e2e8f0; border-radius: 8px; } .matrixform label { display: inline-block; margin: 2px 10px 2px 0; }
.recrow { border: 1px solid #e2e8f0; border-radius: 10px; padding: 8px 14px; margin: 10px 0; }
.recrow h3 { margin: 4px 0; font-size: 15px; } .cli { font: 12px ui-monospace, monospace; color: #334155; }
.verdict { color: #fff; border-radius: 8px; padding: 0 6px; font-size: 11px; }
"""

MATRIX_JS = r"""
(function () {
  "use strict";
  var holder = document.getElementById("matrix-data");
  if (!holder) return;
  var data = JSON.parse(holder.textContent);
  var VERDICT = { "agrees": "#15803d", "partially agrees": "#a16207", "differs": "#b91c1c", "unverified": "#64748b" };
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function bi(tag, en, ko) {
    if (!ko || ko === en) return el(tag, en);
    var e = el(tag, null, { "class": "l10n" });
    e.appendChild(el("span", en, { lang: "en" })); e.appendChild(el("span", ko, { lang: "ko" }));
    return e;
  }
  var mods = document.getElementById("matrix-modalities"), goalSel = document.getElementById("matrix-goal"),
      goalText = document.getElementById("matrix-goal-text"), paired = document.getElementById("matrix-paired"),
      out = document.getElementById("matrix-results"), cli = document.getElementById("matrix-cli");
  data.modalities.forEach(function (m) {
    var l = el("label"); var b = el("input", null, { type: "checkbox", value: m.id, "data-modality": m.id });
    l.appendChild(b); l.appendChild(document.createTextNode(" " + m.name)); mods.appendChild(l);
  });
  data.goals.forEach(function (g) { goalSel.appendChild(el("option", g, { value: g })); });
  function have() {
    return Array.prototype.map.call(mods.querySelectorAll("input:checked"), function (b) { return b.value; });
  }
  function goal() { return (goalText.value.trim() || goalSel.value || "*"); }
  function contains(hay, needle) { return String(hay || "").toLowerCase().indexOf(needle.toLowerCase()) >= 0; }
  function matches(row, h, g) {
    if (!h.length) return g === "*" || goalOk(row, g);   // nothing ticked yet: the whole matrix, by goal
    var dataOk = row.requirements.some(function (req) {
      if (!paired.checked && req.needs_pairing) return false;   // decided in Python: needs_pairing
      return req.modalities.every(function (m) { return h.indexOf(m) >= 0; });
    });
    if (!dataOk) return false;
    return g === "*" || goalOk(row, g);
  }
  function goalOk(row, g) {
    return contains(row.goal, g) || row.tasks.some(function (t) { return contains(t.id, g) || contains(t.name, g) || contains(t.name_ko, g); });
  }
  function render() {
    var h = have(), g = goal(), shown = 0;
    out.textContent = "";
    cli.textContent = h.length ? "mfkg recommend " + h.map(function (m) { return "--have " + m; }).join(" ") + (paired.checked ? "" : " --unpaired") + (g === "*" ? "" : " --goal '" + g + "'") : "mfkg query run recommendation-matrix (tick the data you have to narrow it)";
    data.rows.forEach(function (row) {
      if (!matches(row, h, g)) return;
      shown++;
      var card = el("article", null, { "class": "recrow", "data-recommendation": row.id });
      var head = el("h3"); head.appendChild(el("span", "row " + row.row + " · ")); head.appendChild(bi("span", row.goal, row.goal_ko));
      card.appendChild(head);
      var pats = el("p"); pats.appendChild(el("strong", "Patterns: "));
      row.patterns.forEach(function (p, i) {
        if (i) pats.appendChild(document.createTextNode(", "));
        var a = el("a", null, { href: "architectures.html#pattern-" + p.id, "data-pattern": p.id });
        a.appendChild(bi("span", (p.seed_number ? "Pattern " + ("0" + p.seed_number).slice(-2) + " · " : "") + p.name, p.name_ko));
        pats.appendChild(a);
      });
      card.appendChild(pats);
      var ms = el("p", null, { "class": "models" }); ms.appendChild(el("strong", "Models: "));
      row.models.forEach(function (m, i) {
        if (i) ms.appendChild(document.createTextNode(", "));
        ms.appendChild(el("a", m.name, { href: "graph.html#focus=" + m.id, "data-entity": m.id }));
      });
      card.appendChild(ms);
      var why = el("p"); why.appendChild(el("strong", "Why: ")); why.appendChild(bi("span", row.rationale, row.rationale_ko));
      card.appendChild(why);
      var tasks = el("p", "Goal tasks: " + row.tasks.map(function (t) { return t.name; }).join(", ") +
                     " · data: " + row.requirements.map(function (r) { return r.modalities.join(" + ") + (r.needs_pairing ? " (paired)" : ""); }).join(" or "), { "class": "cli" });
      card.appendChild(tasks);
      if (row.claims.length) {
        var ul = el("ul"); card.appendChild(el("strong", "Evidence (the seed's figures, checked):"));
        row.claims.forEach(function (c) {
          var li = el("li");
          if (c.seed_text) { li.appendChild(el("q", c.seed_text, { lang: "ko" })); li.appendChild(document.createTextNode(" ")); }
          var v = el("span", c.verdict, { "class": "verdict" }); v.style.background = VERDICT[c.verdict] || "#64748b";
          li.appendChild(v); li.appendChild(document.createTextNode(" "));
          li.appendChild(el("a", c.statement, { href: "graph.html#focus=" + c.id }));
          ul.appendChild(li);
        });
        card.appendChild(ul);
      }
      out.appendChild(card);
    });
    if (!shown) out.appendChild(el("p", "No recommendation matches those modalities and goal; tick more modalities or use fewer words.", { id: "matrix-none" }));
    out.setAttribute("data-count", String(shown));
  }
  [goalSel, goalText, paired].forEach(function (x) { x.addEventListener("input", render); x.addEventListener("change", render); });
  mods.addEventListener("change", render);
  render();
})();
"""


def matrix_section(sg: SeedGraph) -> str:
    data = matrix_data(sg)
    return ('<form class="matrixform" id="matrix-form" onsubmit="return false">'
            '<fieldset><legend>The data you have</legend><div id="matrix-modalities"></div>'
            '<label><input type="checkbox" id="matrix-paired" checked> paired (measured in the same cells)</label></fieldset>'
            '<fieldset><legend>Your goal</legend><label>task <select id="matrix-goal"><option value="">any goal</option></select></label>'
            '<label>or words <input type="search" id="matrix-goal-text" placeholder="e.g. translation"></label></fieldset></form>'
            '<p>The same answer as <code id="matrix-cli" class="cli"></code> (saved question <code>recommend</code>).</p>'
            '<div id="matrix-results" aria-live="polite"></div>'
            f'<script type="application/json" id="matrix-data">{json_for_html(data)}</script>'
            f"<noscript>{html.escape('The matrix needs JavaScript; the full table is in the index (§07).')}</noscript>")
