"""The public site's Jinja2 environment (directory.templating): values read as Django's templates
read them."""

from django.template import engines


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_a_dictionarys_key_is_read_before_an_attribute_of_the_same_name():
    row = {"name": "NHS Frimley", "items": "its key", "count": 3}
    assert render("{{ row.name }}: {{ row.count }}", row=row) == "NHS Frimley: 3"
    assert render("{{ row.items }}", row=row) == "its key"  # Django's templates read it so


def test_what_a_dictionary_lacks_is_its_attribute_or_else_empty():
    row = {"name": "NHS Frimley"}
    assert render("{% for k, v in row.items() %}{{ k }}={{ v }}{% endfor %}", row=row) == (
        "name=NHS Frimley"
    )
    assert render("[{{ row.missing }}][{{ row.missing.deeper }}]", row=row) == "[][]"


def test_other_values_are_read_by_attribute_first_and_escaped():
    class Body:
        name = "<Frimley & Co>"

    assert render("{{ body.name }}", body=Body()) == "&lt;Frimley &amp; Co&gt;"
    assert render("{{ row.name }}", row={"name": "<b>"}) == "&lt;b&gt;"
