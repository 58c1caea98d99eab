"""Form fuzzing of the staff news form (news13), as tests/hostile/test_fuzz_forms.py does for
the portal's other main forms: validated without an exception, posted without a 500."""

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from registration.newsdesk.forms import NewsItemForm
from tests.hostile.test_fuzz_forms import (
    FUZZ,
    answered,
    post_data,
    rolled_back,
    spoiled,
    validates_without_error,
)


@FUZZ
@given(data=st.data())
def test_news_item_form_never_fails(client_of, world, data):
    valid = {
        "title": ...,
        "title_fr": ...,
        "title_ru": ...,
        "body": ...,
        "body_fr": ...,
        "body_ru": ...,
        "status": ...,
        "published_at": ...,
    }
    form = data.draw(from_form(NewsItemForm, **spoiled(data, valid)))
    assert validates_without_error(form)
    with rolled_back():
        answered(client_of(world.people["staff"]).post("/staff/news/new/", post_data(form)))
