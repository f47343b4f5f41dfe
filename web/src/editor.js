// The workbench's editor: CodeMirror 6 with the SPARQL stream mode, completion of the graph's
// prefixes, classes, properties and entity names, Ctrl-Enter to run, and syntax errors marked
// at their line and column. Bundled by build.mjs into one script that defines `MfkgEditor`.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

const sparqlLanguage = StreamLanguage.define(sparql);
const TYPES = { prefix: "namespace", class: "class", property: "property", entity: "variable" };

// items: [{t: text to insert, h: kind, x: label or namespace}]
function completionSource(items) {
  return (context) => {
    const word = context.matchBefore(/[\w:.-]*/);
    if (!word || (word.text.length < 2 && !context.explicit)) return null;
    const lw = word.text.toLowerCase();
    const options = items
      .filter((it) => {
        const t = it.t.toLowerCase();
        return t.startsWith(lw) || (it.h !== "prefix" && t.indexOf(":" + lw) > 0) || (it.x && it.x.toLowerCase().startsWith(lw));
      })
      .slice(0, 60)
      .map((it) => ({ label: it.t, detail: it.h + (it.x ? " · " + it.x : ""), type: TYPES[it.h] }));
    return options.length ? { from: word.from, options, filter: false } : null;
  };
}

export const version = "codemirror-6";

export function create(parent, options) {
  const run = options.onRun || (() => {});
  const changed = options.onChange || (() => {});
  let marked = false;
  const view = new EditorView({
    doc: options.doc || "",
    parent,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { run(); return true; } }])),
      basicSetup,
      sparqlLanguage,
      sparqlLanguage.data.of({ autocomplete: completionSource(options.items || []) }),
      EditorView.contentAttributes.of({ "aria-label": "SPARQL query" }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        if (marked) { marked = false; setTimeout(() => view.dispatch(setDiagnostics(view.state, [])), 0); }  // an edit retires the error
        changed();
      }),
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
    ],
  });
  return {
    view,
    get: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    clearError: () => view.dispatch(setDiagnostics(view.state, [])),
    markError: (line, column, message) => {
      const doc = view.state.doc;
      const ln = doc.line(Math.max(1, Math.min(line, doc.lines)));
      // a column past the line's end (an unexpected end of line) marks the line's last character
      const from = Math.max(ln.from, Math.min(ln.from + Math.max(0, column - 1), ln.to - 1));
      const to = Math.min(from + 1, ln.to);
      marked = true;
      view.dispatch(setDiagnostics(view.state, [{ from, to, severity: "error", message }]),
                    { selection: { anchor: from }, scrollIntoView: true });
    },
  };
}
