/* A small rich-text editor of our own for answers: paragraphs, lists, bold and links.
   Progressive enhancement: without JavaScript the textarea stays and takes plain text or
   simple HTML; the server sanitises whatever arrives. */
(function () {
  "use strict";

  var COMMANDS = [
    { command: "bold", label: "data-label-bold" },
    { command: "insertUnorderedList", label: "data-label-bullets" },
    { command: "insertOrderedList", label: "data-label-numbers" },
    { command: "createLink", label: "data-label-link" },
    { command: "unlink", label: "data-label-unlink" }
  ];

  function restoreSelection(editor) {
    editor.focus();
    if (editor.savedRange) {
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(editor.savedRange);
    }
  }

  function button(editor, spec, labels) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "toolbar-button";
    b.textContent = labels.getAttribute(spec.label);
    // Keep the text selection in the editor when the button is pressed with the mouse.
    b.addEventListener("mousedown", function (event) { event.preventDefault(); });
    b.addEventListener("click", function () {
      restoreSelection(editor);
      if (spec.command === "createLink") {
        var url = window.prompt(labels.getAttribute("data-prompt-link"), "https://");
        if (!url || !/^(https?:|mailto:)/i.test(url)) { return; }
        document.execCommand("createLink", false, url);
      } else {
        document.execCommand(spec.command, false, null);
      }
      editor.dispatchEvent(new Event("input"));
    });
    return b;
  }

  function enhance(textarea, labels) {
    var label = document.querySelector("label[for='" + textarea.id + "']");
    var editor = document.createElement("div");
    editor.className = "rich-text-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.id = textarea.id + "-editor";
    if (label) {
      label.id = label.id || textarea.id + "-label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { editor.focus(); });
    }
    if (textarea.getAttribute("aria-describedby")) {
      editor.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
    }
    var value = textarea.value.trim();
    editor.innerHTML = /<[a-z][\s\S]*>/i.test(value) ? value : value
      .split(/\n\s*\n/).filter(Boolean)
      .map(function (p) { var e = document.createElement("p"); e.textContent = p; return e.outerHTML; })
      .join("");
    var toolbar = document.createElement("div");
    toolbar.className = "rich-text-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-controls", editor.id);
    toolbar.setAttribute("aria-label", labels.getAttribute("data-label-toolbar"));
    COMMANDS.forEach(function (spec) { toolbar.appendChild(button(editor, spec, labels)); });
    editor.addEventListener("input", function () { textarea.value = editor.innerHTML; });
    // Remember the selection when focus moves to the toolbar (keyboard users).
    editor.addEventListener("blur", function () {
      var selection = window.getSelection();
      if (selection.rangeCount && editor.contains(selection.getRangeAt(0).commonAncestorContainer)) {
        editor.savedRange = selection.getRangeAt(0).cloneRange();
      }
    });
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var labels = document.getElementById("rich-text-labels");
    if (!labels || !document.execCommand) { return; }
    document.execCommand("defaultParagraphSeparator", false, "p");
    document.querySelectorAll("textarea.rich-text").forEach(function (t) { enhance(t, labels); });
  });
})();
