"""The catalogue: visibility through every entry point, facets, CSV, reuse, reports, files."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from services.models import Adoption, AIService, Attachment, ErrorReport
from tests import factories

Status = AIService.Status


@pytest.fixture
def landskrona_draft(db, landskrona):
    return factories.ServiceFactory(
        title="Hemligt utkast", owner=landskrona, status=Status.DRAFT, published_at=None,
        technique="speech",
    )  # fmt: skip


@pytest.fixture
def published(db, angelholm):
    return factories.ServiceFactory(title="Tal till text", technique="speech")


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "editor", "muni_admin", "lead"])
def test_another_municipalitys_draft_never_leaks(client_for, role, landskrona_draft, published):
    client = client_for(role)

    listing = client.get("/tjanster/")
    detail = client.get(f"/tjanster/{landskrona_draft.slug}/")
    export = client.get("/tjanster/export/")
    filtered = client.get("/tjanster/?technique=speech")
    home = client.get("/")

    assert landskrona_draft.title not in listing.content.decode()
    assert detail.status_code == 404
    assert landskrona_draft.title not in export.content.decode("utf-8")
    assert listing.context["page"].paginator.count == 1
    speech = next(f for f in filtered.context["facets"] if f["name"] == "technique")
    assert speech["options"] == [
        {"value": "speech", "label": "taligenkänning och talsyntes", "count": 1, "selected": True}
    ] or [o["count"] for o in speech["options"]] == [1]
    owners = next(f for f in listing.context["facets"] if f["name"] == "owner")
    assert "landskrona" not in [o["value"] for o in owners["options"]]
    assert landskrona_draft.title not in home.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other_editor", "moderator"])
def test_the_owners_editors_and_moderators_see_the_draft_marked_as_such(
    client_for, role, landskrona_draft
):
    page = client_for(role).get(f"/tjanster/{landskrona_draft.slug}/").content.decode()

    assert landskrona_draft.title in page
    assert "utkast" in page.lower()


@pytest.mark.django_db
def test_an_archived_service_is_hidden_from_members_and_marked_for_its_editors(
    client_for, angelholm
):
    service = factories.ServiceFactory(status=Status.ARCHIVED)

    assert client_for("member").get(f"/tjanster/{service.slug}/").status_code == 404
    assert client_for("other_editor").get(f"/tjanster/{service.slug}/").status_code == 404
    page = client_for("editor").get(f"/tjanster/{service.slug}/").content.decode()
    assert "arkiverades" in page


@pytest.mark.django_db
def test_an_unknown_slug_is_404(client_for):
    assert client_for("member").get("/tjanster/finns-inte/").status_code == 404


@pytest.mark.django_db
def test_facets_count_what_the_filtered_list_holds(client_for, angelholm, landskrona):
    factories.ServiceFactory(owner=angelholm, technique="speech")
    factories.ServiceFactory(owner=angelholm, technique="image")
    factories.ServiceFactory(owner=landskrona, technique="speech")

    response = client_for("member").get("/tjanster/?technique=speech")

    assert response.context["page"].paginator.count == 2
    owners = next(f for f in response.context["facets"] if f["name"] == "owner")
    assert {o["value"]: o["count"] for o in owners["options"]} == {
        "angelholm": 1,
        "landskrona": 1,
    }
    assert "Ta bort filter" in response.content.decode() or response.context["chips"]


@pytest.mark.django_db
def test_a_service_in_two_chosen_areas_with_two_tags_counts_once_under_each(
    client_for, angelholm, landskrona
):
    """Facet counts skip DISTINCT where each row meets a value at most once: a service
    listed twice by a filter on two areas must still count once per value."""
    from municipalities.models import Area

    health, school = Area.objects.filter(active=True)[:2]
    both = factories.ServiceFactory(owner=angelholm, technique="speech")
    both.areas.set([health, school])
    both.tags.add("tolkning", "tal")
    factories.ServiceFactory(owner=landskrona, technique="speech").areas.set([health])

    response = client_for("member").get(
        "/tjanster/", {"area": [health.slug, school.slug], "technique": "speech"}
    )

    def counts(name):
        facet = next(f for f in response.context["facets"] if f["name"] == name)
        return {o["value"]: o["count"] for o in facet["options"]}

    assert response.context["page"].paginator.count == 2
    assert counts("area") == {health.slug: 2, school.slug: 1}
    assert counts("tag") == {"tolkning": 1, "tal": 1}
    assert counts("owner") == {"angelholm": 1, "landskrona": 1}
    assert counts("technique") == {"speech": 2}


@pytest.mark.parametrize("path", ["/tjanster/", "/piloter/", "/personer/"])
def test_no_chosen_filter_makes_the_list_sort_whole_rows_for_distinct(client_for, path):
    """Filters on areas, tags, participants and competences are semi-joins (hub/filters.py):
    a row linked to two chosen values is listed once without DISTINCT over long texts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = {
        "/tjanster/": "area=vard-och-omsorg&area=forskola-och-skola&tag=tal&risk_class=minimal"
        "&owner=angelholm&lifecycle=production&technique=speech&personal_data=none",
        "/piloter/": "area=vard-och-omsorg&participant=landskrona&tag=tal&phase=ongoing"
        "&municipality=angelholm&technique=speech",
        "/personer/": "competence=sprakmodeller&competence=bildanalys&area=vard-och-omsorg"
        "&municipality=angelholm",
    }[path]
    with CaptureQueriesContext(connection) as queries:
        assert client_for("member").get(f"{path}?{query}").status_code == 200

    table = {"/tjanster/": "services_aiservice", "/piloter/": "pilots_pilot"}.get(
        path, "municipalities_user"
    )
    listed = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]
    assert listed and not [sql for sql in listed if f'SELECT DISTINCT "{table}"' in sql]


def test_a_facet_counts_distinct_rows_only_across_two_many_valued_relations():
    from hub.facets import _many_valued_hops
    from municipalities.models import User
    from services.models import AIService

    assert _many_valued_hops(AIService, "lifecycle") == 0
    assert _many_valued_hops(AIService, "owner__slug") == 0
    assert _many_valued_hops(AIService, "areas__slug") == 1
    assert _many_valued_hops(User, "profile__competences__slug") == 1
    assert _many_valued_hops(User, "memberships__municipality__slug") == 1
    assert _many_valued_hops(AIService, "areas__profiles__display_name") == 2


@pytest.mark.django_db
def test_the_list_sorts_by_reuse(client_for, angelholm, landskrona):
    factories.ServiceFactory(title="Ingen använder")
    popular = factories.ServiceFactory(title="Populär")
    Adoption.objects.create(service=popular, municipality=landskrona, status="using")

    response = client_for("member").get("/tjanster/?sort=reuse")

    assert [s.title for s in response.context["page"]] == ["Populär", "Ingen använder"]
    assert response.context["page"][0].reuse_count == 1


@pytest.mark.django_db
def test_the_list_runs_the_same_number_of_queries_for_3_and_300_services(
    client_for, angelholm, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("member")
    factories.ServiceFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/tjanster/")
    factories.ServiceFactory.create_batch(297)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/tjanster/")

    assert response.context["page"].paginator.count == 300
    assert len(many) == len(few)
    assert len(many) <= 20


@pytest.mark.django_db
def test_csv_export_holds_exactly_the_filtered_rows_and_opens_in_swedish_excel(
    client_for, angelholm
):
    factories.ServiceFactory(title='=HYPERLINK("http://x")', technique="speech")
    factories.ServiceFactory(title="Bildanalys av vägskador", technique="image")

    response = client_for("member").get("/tjanster/export/?technique=speech")

    rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


@pytest.mark.django_db
def test_a_description_with_script_renders_inert(client_for, angelholm):
    service = factories.ServiceFactory(
        description=(
            "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            '[klicka](javascript:alert(1)) och <a href="javascript:alert(2)">här</a>'
        )
    )

    page = client_for("member").get(f"/tjanster/{service.slug}/").content.decode()

    assert "<script>alert" not in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert not re.search(r"<a [^>]*href=\"javascript:", page)
    assert "&lt;script&gt;" in page, "what was typed shows as text"


@pytest.mark.django_db
def test_a_member_of_another_municipality_marks_interest_and_an_editor_marks_use(
    client_for, published, landskrona
):
    landskrona_member = factories.member_of("landskrona", email="medlem@landskrona.se")
    from django.test import Client

    member_client = Client()
    member_client.force_login(landskrona_member)
    url = f"/tjanster/{published.slug}/ateranvandning/"
    as_landskrona = {"municipality": landskrona.pk}

    assert member_client.post(url, {**as_landskrona, "status": "using"}).status_code == 403
    assert not Adoption.objects.exists()
    assert member_client.post(url, {**as_landskrona, "status": "interested"}).status_code == 302
    assert Adoption.objects.get().status == "interested"

    client_for("other_editor").post(url, {**as_landskrona, "status": "using"})

    adoption = Adoption.objects.get()
    assert adoption.status == "using"
    assert adoption.municipality == landskrona
    assert AIService.objects.with_reuse_count().get(pk=published.pk).reuse_count == 1

    assert member_client.post(url, {**as_landskrona, "withdraw": "1"}).status_code == 403
    client_for("other_editor").post(url, {**as_landskrona, "withdraw": "1"})
    assert not Adoption.objects.exists()


@pytest.mark.django_db
def test_a_mark_is_saved_only_for_a_municipality_where_the_person_may_give_it(
    client_for, published, landskrona, angelholm
):
    from django.test import Client

    from municipalities.models import Membership

    helsingborg = factories.municipality("helsingborg")
    person = factories.member_of("helsingborg", email="dubbel@helsingborg.se")
    Membership.objects.create(user=person, municipality=landskrona, role="editor")
    Membership.objects.create(user=person, municipality=angelholm, role="member")
    client = Client()
    client.force_login(person)
    url = f"/tjanster/{published.slug}/ateranvandning/"

    refused = client.post(url, {"municipality": helsingborg.pk, "status": "using"})
    as_owner = client.post(url, {"municipality": angelholm.pk, "status": "interested"})
    allowed = client.post(url, {"municipality": landskrona.pk, "status": "using"})

    assert refused.status_code == 403
    assert as_owner.status_code == 302, "refused with a message, not a 500"
    assert allowed.status_code == 302
    assert list(Adoption.objects.values_list("municipality__slug", "status")) == [
        ("landskrona", "using")
    ]


@pytest.mark.django_db
def test_the_owner_cannot_mark_its_own_service(client_for, published, angelholm):
    response = client_for("editor").post(
        f"/tjanster/{published.slug}/ateranvandning/",
        {"municipality": angelholm.pk, "status": "using"},
    )

    assert response.status_code == 403
    assert not Adoption.objects.exists()


@pytest.mark.django_db
def test_an_error_report_reaches_contacts_and_moderators_and_waits_in_the_queue(
    client_for, published, editor, moderator, django_capture_on_commit_callbacks
):
    published.contacts.add(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("other_editor").post(
            f"/tjanster/{published.slug}/rapportera/", {"message": "Länken är trasig."}
        )

    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert set(mail.outbox[-1].to) == {editor.email, moderator.email}
    assert "Länken är trasig." in mail.outbox[-1].body
    queue = client_for("moderator").get("/moderering/").content.decode()
    assert "Länken är trasig." in queue

    client_for("moderator").post(f"/moderering/rapporter/{report.pk}/hanterad/")
    report.refresh_from_db()
    assert report.handled_by == moderator
    assert "Länken är trasig." not in client_for("moderator").get("/moderering/").content.decode()


@pytest.mark.django_db
def test_an_empty_error_report_is_refused_beside_the_field(client_for, published):
    response = client_for("member").post(f"/tjanster/{published.slug}/rapportera/", {"message": ""})

    assert response.status_code == 200
    assert not ErrorReport.objects.exists()


def _pdf(name="plan.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")


def _form_data(**extra):
    from municipalities.models import Area

    data = {
        "title": "Protokollhjälpen",
        "summary": "Skriver utkast till protokoll.",
        "description": "",
        "areas": [Area.objects.first().pk],
        "target_group": "staff",
        "lifecycle": "pilot",
        "technique": "language_model",
        "hosting": "eu",
        "supplier_jurisdiction": "usa",
        "personal_data": "none",
        "pub_agreement": "not_needed",
        "dpia": "not_needed",
        "risk_class": "minimal",
        "owner": factories.municipality("angelholm").pk,
        "tags": "protokoll, möten",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_an_editor_creates_a_draft_with_an_attachment_that_only_the_right_people_download(
    client_for, angelholm, landskrona
):
    client = client_for("editor")

    response = client.post("/tjanster/ny/", _form_data(files=[_pdf()]))

    service = AIService.objects.get()
    assert response.status_code == 302
    assert service.status == Status.DRAFT
    attachment = Attachment.objects.get()
    url = f"/tjanster/{service.slug}/bilagor/{attachment.pk}/"
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for("other_editor").get(url).status_code == 404
    assert client_for("member").get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("skript.pdf", b"<script>alert(1)</script>"),
        SimpleUploadedFile("program.exe", b"MZ\x90\x00"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_saved(
    client_for, angelholm, upload
):
    response = client_for("editor").post("/tjanster/ny/", _form_data(files=[upload]))

    assert response.status_code == 200
    assert "files" in response.context["form"].errors
    assert not AIService.objects.exists()
    assert not Attachment.objects.exists()
    assert 'value="Protokollhjälpen"' in response.content.decode()


@pytest.mark.django_db
def test_bad_input_is_answered_beside_the_field_and_the_typed_values_stay(client_for, angelholm):
    response = client_for("editor").post(
        "/tjanster/ny/", _form_data(title="", risk_class="high", summary="x" * 301)
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert {"title", "summary", "fundamental_rights_assessment"} <= set(form.errors)
    assert not AIService.objects.exists()
    assert "protokoll, möten" in response.content.decode()


@pytest.mark.django_db
def test_the_preview_renders_markdown_without_saving(client_for, angelholm):
    response = client_for("editor").post(
        "/tjanster/ny/", _form_data(description="**Fetstil**", preview="1")
    )

    assert response.status_code == 200
    assert "<strong>Fetstil</strong>" in response.content.decode()
    assert not AIService.objects.exists()


@pytest.mark.django_db
def test_a_new_supplier_is_created_from_the_form_once(client_for, angelholm):
    client = client_for("editor")

    client.post("/tjanster/ny/", _form_data(new_supplier_name="KB-Lab"))
    client.post("/tjanster/ny/", _form_data(title="Annan", new_supplier_name="kb-lab"))

    from services.models import Supplier

    assert Supplier.objects.count() == 1
    assert AIService.objects.filter(supplier__name="KB-Lab").count() == 2


@pytest.mark.django_db
def test_slugs_never_take_a_fixed_paths_name(client_for, angelholm):
    client_for("editor").post("/tjanster/ny/", _form_data(title="Ny"))
    client_for("editor").post("/tjanster/ny/", _form_data(title="Export"))

    assert set(AIService.objects.values_list("slug", flat=True)) == {"ny-2", "export-2"}


@pytest.mark.django_db
def test_filters_by_municipality_area_and_tag_live_in_the_address(
    client_for, angelholm, landskrona
):
    from municipalities.models import Area

    school, care = Area.objects.order_by("position")[:2]
    wanted = factories.ServiceFactory(owner=landskrona, areas=[school])
    wanted.tags.set(["tal"])
    factories.ServiceFactory(owner=landskrona, areas=[care]).tags.set(["tal"])
    factories.ServiceFactory(owner=angelholm, areas=[school]).tags.set(["tal"])

    response = client_for("member").get(
        f"/tjanster/?owner=landskrona&area={school.slug}&tag=tal&owner=bjuv"
    )

    assert [s.pk for s in response.context["page"]] == [wanted.pk]
    assert len(response.context["chips"]) == 4


@pytest.mark.django_db
def test_the_detail_page_runs_the_same_queries_however_many_marks_contacts_and_files(
    client_for, angelholm, editor, other_editor
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from municipalities.models import Area

    service = factories.ServiceFactory()
    client = client_for("member")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/tjanster/{service.slug}/")
    for slug in ["bjuv", "bastad", "klippan", "perstorp"]:
        muni = factories.MunicipalityFactory(slug=slug, name=slug.title())
        Adoption.objects.create(service=service, municipality=muni, status="using")
    service.contacts.set([editor, other_editor])
    service.areas.set(Area.objects.all())
    service.tags.set(["tal", "text", "socialtjänst"])
    for n in range(3):
        Attachment.objects.create(
            service=service, file=_pdf(f"bilaga-{n}.pdf"), name=f"bilaga-{n}.pdf",
            content_type="application/pdf", size=40,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        page = client.get(f"/tjanster/{service.slug}/").content.decode()

    assert "Används av 4 andra kommuner" in page
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_tag_used_only_on_another_municipalitys_draft_is_not_confirmed(
    client_for, landskrona_draft, published
):
    landskrona_draft.tags.set(["hemligt projekt x"])

    page = client_for("member").get("/tjanster/?tag=hemligt-projekt-x").content.decode()

    assert "hemligt projekt x" not in page


@pytest.mark.django_db
def test_editing_a_published_service_into_a_prohibited_practice_takes_it_down(
    client_for, published
):
    client = client_for("editor")
    form = client.get(f"/tjanster/{published.slug}/redigera/").context["form"]
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("areas", "contacts", "tags")
    }
    data.update({"areas": [a.pk for a in published.areas.all()], "risk_class": "prohibited"})

    client.post(f"/tjanster/{published.slug}/redigera/", data)

    published.refresh_from_db()
    assert published.status == Status.DRAFT
    assert client_for("member").get(f"/tjanster/{published.slug}/").status_code == 404
