// CodeMirror 6 with SPARQL highlighting (the legacy SPARQL mode), completion and search,
// as one script defining window.PeelEditor.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { StreamLanguage } from "@codemirror/language";
import { autocompletion } from "@codemirror/autocomplete";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

window.PeelEditor = {
  EditorView,
  EditorState,
  basicSetup,
  keymap,
  autocompletion,
  sparql: () => StreamLanguage.define(sparql),
};
