"""Filling a Django admin form the way a browser submits it, then changing some fields."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    """The fields a browser would submit from the page's form whose id ends with ``_form``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attrs), []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            self.data[name] = chosen
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.data[self.textarea] = ["".join(self.text).removeprefix("\n")]
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def admin_form(client, path: str, **changes) -> dict:
    """The admin form at ``path`` as the browser would send it, with ``changes`` applied
    (a list value for a multiple choice), ready for ``client.post(path, ...)``."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {name: values if len(values) != 1 else values[0] for name, values in reader.data.items()}
    data.update(changes)
    data["_save"] = "Save"
    return data
