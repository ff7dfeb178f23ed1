"""NHS.UK design system classes and accessible error wiring for the directory's forms."""

from django import forms
from django.forms.renderers import Jinja2

INPUT_CLASS = {forms.Select: "nhsuk-select"}


class NhsukFormMixin:
    """Gives each widget its design-system class and ties hints and errors to the input.

    Widgets are drawn with Django's Jinja2 widget templates: the same HTML as its own templates
    give, at a third of the cost (a list's filters cost more than its rows). The admin keeps the
    default renderer, whose widget templates it extends.
    """

    default_renderer = Jinja2()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = INPUT_CLASS.get(type(field.widget), "nhsuk-input")
            field.widget.attrs["class"] = css
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            widget.attrs["class"] += f" {widget.attrs['class']}--error"
            widget.attrs["aria-invalid"] = "true"
            described = [widget.attrs.get("aria-describedby", ""), f"{self[name].auto_id}_error"]
            widget.attrs["aria-describedby"] = " ".join(filter(None, described))
