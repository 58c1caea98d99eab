"""The drafting page takes the same queries however much the draft holds: 1 or all 23 GCM
objectives on every answer and every area of cooperation, 1 or 3 attachments.

The public pages and the open data are counted in test_queries.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions import services
from submissions.models import CooperationNeed
from tests.submissions.conftest import PDF_BYTES, writer_of

SIZES = [(1, 1), (23, 3)]  # (objectives on each answer and area, attachments)


@pytest.mark.parametrize("objectives, attachments", SIZES)
def test_drafting_page_queries_do_not_grow_with_the_draft(
    client_of, make_input, django_assert_num_queries, objectives, attachments
):
    numbers = list(range(1, objectives + 1))
    draft = make_input(
        "ARM",
        status="draft",
        answer_objectives=dict.fromkeys("abcde", numbers),
        cooperation=dict.fromkeys(CooperationNeed.Area.values, numbers),
        attachment="plan-0.pdf",
    )
    writer = writer_of("ARM")
    for i in range(1, attachments):
        upload = SimpleUploadedFile(f"plan-{i}.pdf", PDF_BYTES, content_type="application/pdf")
        services.attachment_add(submission=draft, by=writer, upload=upload)
    client = client_of(writer)
    client.get("/my/submission/")

    # session, user, focal point, its state, meeting, the draft (looked up, then read),
    # answers with their questions, their objectives, cooperation areas, their objectives,
    # attachments, the deadline, extensions granted and asked for, the staff group for the
    # layout, the 23 objectives (once for the eleven lists of them)
    with django_assert_num_queries(17):
        response = client.get("/my/submission/")

    assert response.status_code == 200
    assert draft.attachments.count() == attachments
    body = response.content.decode()
    assert body.count("plan-") >= attachments
    areas = len(CooperationNeed.Area.values)
    assert body.count(" checked") >= (5 + areas) * objectives
