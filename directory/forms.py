"""NHS.UK design system classes and accessible error wiring for the directory's forms."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import Jinja2
from django_filters.fields import ChoiceField, ModelChoiceField, ModelChoiceIterator

from icsdir.pagecache import PerVersion

# Field groups kept per form class and data version: enough for every choice of a few selects,
# bounded for values that are valid in endless ways (a sort order of repeated names).
DRAWN_LIMIT = 256


class DrawnOnceField(BoundField):
    """A field whose choices every form shares (SharedChoices) is drawn, when valid, once per
    data version for each value asked: a select builds every option in Python each time it is
    drawn, and a list's selects cost more than its rows."""

    def as_field_group(self):
        drawn = self.form.drawn.get() if isinstance(self.field, SharedChoices) else None
        if drawn is None or not self.form.is_bound or self.errors:
            return super().as_field_group()
        value = self.data
        asked = tuple(value) if isinstance(value, list) else value
        key = (self.form.prefix, self.form.auto_id, self.name, asked)
        html = drawn.get(key)
        if html is None:
            html = super().as_field_group()
            if len(drawn) < DRAWN_LIMIT:
                drawn[key] = html
        return html


class NhsukRenderer(Jinja2):
    """Draws a field with its label, hint and error as an NHS.UK form group
    (`{{ field.as_field_group() }}`, directory/jinja2/directory/field.html)."""

    field_template_name = "directory/field.html"
    bound_field_class = DrawnOnceField


class NhsukFormMixin:
    """Gives each widget its design-system class and ties hints and errors to the input.

    Fields and widgets are drawn with Jinja2 templates: the same HTML as Django's own templates
    give, at a third of the cost (a list's filters cost more than its rows). The admin keeps the
    default renderer, whose widget templates it extends.
    """

    default_renderer = NhsukRenderer()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.drawn = PerVersion(dict)  # the field groups DrawnOnceField keeps

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            select = isinstance(field.widget, forms.Select)
            if select and not field.widget.allow_multiple_selected:
                field.widget.template_name = "directory/select.html"
            field.widget.attrs["class"] = "nhsuk-select" if select else "nhsuk-input"
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


class SharedChoices:
    """A choice field whose copies share its choices, the same for every form: each form copies
    its fields, and copying the choices deeply cost more than the rest of the copy."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)  # the widget copied, the choices shared


class FixedChoiceField(SharedChoices, ChoiceField):
    pass


class KeptChoices(ModelChoiceIterator):
    """The choices of a KeptChoiceField, from its kept records when they can be trusted."""

    def __iter__(self):
        records = self.field.kept.kept()
        if records is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for record in records.values():
            yield self.choice(record)

    def __len__(self):
        records = self.field.kept.kept()
        if records is None:
            return super().__len__()
        extra = [self.field.empty_label, self.field.null_label]
        return len(records) + sum(label is not None for label in extra)

    def __bool__(self):
        return len(self) > 0


class KeptChoiceField(SharedChoices, ModelChoiceField):
    """A choice of records drawn and checked from `kept` (an icsdir.pagecache.KeptRecords keyed
    by `to_field_name`): a list's filter form would read a table twice on every request."""

    iterator = KeptChoices

    def __init__(self, *args, kept, **kwargs):
        self.kept = kept
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo):
        # ModelChoiceField's copy clones its queryset twice. The copies may share it: it is only
        # ever cloned (read by .iterator(), .get(), .count()), never read in place.
        result = super().__deepcopy__(memo)
        result.widget.choices = result.choices  # the copy's own KeptChoices
        return result

    def to_python(self, value):
        records = self.kept.kept()
        asked = isinstance(value, str) and value not in self.empty_values
        if records is None or not asked or (self.null_label and value == self.null_value):
            return super().to_python(value)
        self.validate_no_null_characters(value)
        if value not in records:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return records[value]
