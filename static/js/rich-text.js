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

  // What the server keeps (gcm_review/text.py); the editor shows nothing else, so text sent
  // back with a form error can never run in the author's browser.
  var ALLOWED = ["P", "BR", "UL", "OL", "LI", "STRONG", "B", "EM", "I", "A", "H3", "H4", "BLOCKQUOTE"];

  function cleanCopy(node, into) {
    Array.prototype.forEach.call(node.childNodes, function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(document.createTextNode(child.nodeValue));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (ALLOWED.indexOf(child.tagName) === -1) {
          if (["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT"].indexOf(child.tagName) === -1) {
            cleanCopy(child, into);
          }
          return;
        }
        var copy = document.createElement(child.tagName);
        var href = child.getAttribute("href");
        if (child.tagName === "A" && href && /^(https?:|mailto:)/i.test(href.trim())) {
          copy.setAttribute("href", href.trim());
        }
        cleanCopy(child, copy);
        into.appendChild(copy);
      }
    });
  }

  function showHTML(editor, html) {
    // DOMParser builds an inert document: nothing in it loads or runs.
    var parsed = new DOMParser().parseFromString(html, "text/html");
    cleanCopy(parsed.body, editor);
  }

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
    if (/<[a-z][\s\S]*>/i.test(value)) {
      showHTML(editor, value);
    } else {
      value.split(/\n\s*\n/).filter(Boolean).forEach(function (text) {
        var paragraph = document.createElement("p");
        paragraph.textContent = text;
        editor.appendChild(paragraph);
      });
    }
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
