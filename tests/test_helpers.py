"""The leaf helpers: Markdown rendering, CSV export and attachment validation."""

import codecs
import csv
import datetime
import io
import zipfile
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import timezone
from django.utils.safestring import SafeString
from PIL import Image

from hub.csv import csv_response
from hub.markdown import ALLOWED_TAGS, render_markdown
from services.validators import ALLOWED_EXTENSIONS, MAX_ATTACHMENT_SIZE, validate_attachment

# Markdown


class _Elements(HTMLParser):
    """Every element in a piece of HTML, as (tag, attributes): what a browser would build."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html):
    for tag, attributes in _Elements(html).found:
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") for name in attributes)
        href = attributes.get("href", "https:")
        assert href.startswith(("https:", "http:", "mailto:")), href


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[klick](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "Text <script>alert(1)</script> mitt i en mening",
        "[klick](JaVaScRiPt:alert(1))",
        "<iframe src=https://example.com></iframe>",
    ],
)
def test_hostile_markdown_comes_out_inert(text):
    html = render_markdown(text)

    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert_inert(html)


def test_raw_html_is_shown_as_the_text_the_user_typed():
    html = render_markdown("<img src=x onerror=alert(1)> och <b>fet</b>")

    assert html == "<p>&lt;img src=x onerror=alert(1)&gt; och &lt;b&gt;fet&lt;/b&gt;</p>"


def test_markdown_link_to_javascript_keeps_its_text_but_loses_its_href():
    html = render_markdown("[klick](javascript:alert(1))")

    assert "javascript:" not in html
    assert "klick" in html


def test_bold_lists_and_links_render():
    html = render_markdown("**Viktigt**\n\n- ett\n- två\n\n[Helsingborg](https://helsingborg.se)")

    assert "<strong>Viktigt</strong>" in html
    assert "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>" in html
    assert '<a href="https://helsingborg.se" rel="noopener noreferrer nofollow">' in html


def test_mail_links_and_tables_render():
    table = "| Kommun | Status |\n|:--|--:|\n| Bjuv | Pilot |"

    html = render_markdown(f"<kontakt@helsingborg.se>\n\n{table}")

    links = [attributes["href"] for tag, attributes in _Elements(html).found if tag == "a"]
    assert links == ["mailto:kontakt@helsingborg.se"]
    assert '<th align="left" scope="col">Kommun</th>' in html
    assert '<td align="right">Pilot</td>' in html


def test_top_level_heading_becomes_h2():
    assert render_markdown("# Rubrik") == "<h2>Rubrik</h2>"


def test_headings_shift_one_level_and_stop_at_h4():
    html = render_markdown("## Två\n\n### Tre\n\n#### Fyra\n\n###### Sex\n\nUnderstruken\n===")

    assert html == (
        "<h3>Två</h3>\n<h4>Tre</h4>\n<h4>Fyra</h4>\n<h4>Sex</h4>\n<h2>Understruken</h2>"
    )


def test_code_blocks_keep_their_html_as_text():
    html = render_markdown('```html\n<script src="x"></script>\n```')

    assert html == '<pre><code>&lt;script src="x"&gt;&lt;/script&gt;\n</code></pre>'


@pytest.mark.parametrize("text", ["", None])
def test_empty_or_missing_text_renders_as_empty_safe_html(text):
    html = render_markdown(text)

    assert html == ""
    assert isinstance(html, SafeString)


def test_markdown_filter_renders_once_without_escaping_its_own_html():
    template = Template("{% load hub %}{{ text|markdown }}")

    html = template.render(Context({"text": "**fet** <i>"}))

    assert html == "<p><strong>fet</strong> &lt;i&gt;</p>"


# CSV


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_starts_with_a_byte_order_mark_and_uses_semicolons_and_crlf():
    response = csv_response("tjanster.csv", ["Namn", "Kommun"], [["Chatbot", "Bjuv"]])

    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content.decode("utf-8") == "\ufeffNamn;Kommun\r\nChatbot;Bjuv\r\n"


def test_csv_is_sent_as_a_utf8_attachment_with_its_filename():
    response = csv_response("tjänster.csv", ["Namn"], [])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''tj%C3%A4nster.csv"


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("https://example.com";"Klicka")', "+1", "-2", "@SUM(A1:A9)", "\t=1", "\r=1"],
)
def test_text_cells_that_excel_could_run_as_formulas_are_prefixed_with_a_quote(cell):
    response = csv_response("x.csv", ["Värde"], [[cell]])

    assert read_csv(response)[1] == ["'" + cell]


def test_harmless_text_is_left_alone():
    response = csv_response("x.csv", ["Värde"], [["Helsingborg = bäst", "a-b", "e@post.se"]])

    assert read_csv(response)[1] == ["Helsingborg = bäst", "a-b", "e@post.se"]


def test_swedish_characters_survive_the_round_trip():
    response = csv_response("x.csv", ["Område"], [["Ängelholm; Höganäs och Åstorp"]])

    assert read_csv(response) == [["Område"], ["Ängelholm; Höganäs och Åstorp"]]


def test_dates_are_iso_none_is_empty_and_numbers_use_decimal_commas():
    stockholm_morning = timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 30))
    row = [datetime.date(2025, 1, 31), stockholm_morning, None, -2, Decimal("1.5"), 0.25, True]

    response = csv_response("x.csv", ["a", "b", "c", "d", "e", "f", "g"], [row])

    assert read_csv(response)[1] == [
        "2025-01-31",
        "2025-03-01 09:30",
        "",
        "-2",
        "1,5",
        "0,25",
        "True",
    ]


def test_aware_datetimes_are_written_in_local_time():
    utc_noon = datetime.datetime(2025, 7, 1, 12, 0, tzinfo=datetime.UTC)

    response = csv_response("x.csv", ["Tid"], [[utc_noon]])

    assert read_csv(response)[1] == ["2025-07-01 14:00"]


# Attachments

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def image_bytes(format):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format=format)
    return buffer.getvalue()


def ooxml_bytes(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def odf_bytes(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def refusal(name, content):
    with pytest.raises(ValidationError) as excinfo:
        validate_attachment(SimpleUploadedFile(name, content))
    return excinfo.value


@pytest.mark.parametrize(
    ("name", "content", "mime_type"),
    [
        ("rapport.pdf", PDF, "application/pdf"),
        ("bild.png", image_bytes("PNG"), "image/png"),
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("foto.jpeg", image_bytes("JPEG"), "image/jpeg"),
        ("anim.gif", image_bytes("GIF"), "image/gif"),
        ("bild.webp", image_bytes("WEBP"), "image/webp"),
        (
            "avtal.docx",
            ooxml_bytes("word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            ooxml_bytes("xl"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "bilder.pptx",
            ooxml_bytes("ppt"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("avtal.odt", odf_bytes("text"), "application/vnd.oasis.opendocument.text"),
        ("budget.ods", odf_bytes("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "bilder.odp",
            odf_bytes("presentation"),
            "application/vnd.oasis.opendocument.presentation",
        ),
        ("gammal.doc", OLE2, "application/msword"),
        ("gammal.xls", OLE2, "application/vnd.ms-excel"),
        ("gammal.ppt", OLE2, "application/vnd.ms-powerpoint"),
        ("VERSALER.PDF", PDF, "application/pdf"),
    ],
)
def test_each_allowed_kind_of_file_passes_with_its_mime_type(name, content, mime_type):
    assert validate_attachment(SimpleUploadedFile(name, content)) == mime_type


def test_the_file_can_be_read_from_the_start_after_validation():
    uploaded = SimpleUploadedFile("avtal.docx", ooxml_bytes("word"))

    validate_attachment(uploaded)

    assert uploaded.tell() == 0


def test_a_png_renamed_to_pdf_is_refused():
    error = refusal("rapport.pdf", image_bytes("PNG"))

    assert error.code == "mismatch"
    assert "rapport.pdf" in error.messages[0]
    assert "PDF" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", "Det här är bara text, inte en PDF.\n".encode()),
        ("bild.jpg", image_bytes("PNG")),
        ("budget.xlsx", ooxml_bytes("word")),
        ("budget.ods", odf_bytes("text")),
        ("avtal.docx", odf_bytes("text")),
        ("avtal.odt", ooxml_bytes("word")),
        ("gammal.doc", PDF),
        ("avtal.docx", b"PK\x03\x04 men inget riktigt zip-arkiv"),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(name, content):
    assert refusal(name, content).code == "mismatch"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.exe", b"MZ\x90\x00" + bytes(60)),
        ("sida.html", b"<!doctype html><script>alert(1)</script>"),
        ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("rapport.pdf.exe", PDF),
        ("utan-filandelse", PDF),
    ],
)
def test_file_types_that_are_not_allowed_are_refused(name, content):
    assert refusal(name, content).code == "file_type"


def test_a_file_over_10_mb_is_refused():
    content = PDF + bytes(MAX_ATTACHMENT_SIZE + 1 - len(PDF))

    error = refusal("stor.pdf", content)

    assert error.code == "too_large"
    assert "10 MB" in error.messages[0]


def test_a_file_of_exactly_10_mb_passes():
    content = PDF + bytes(MAX_ATTACHMENT_SIZE - len(PDF))

    assert validate_attachment(SimpleUploadedFile("stor.pdf", content)) == "application/pdf"


def test_an_empty_file_is_refused():
    assert refusal("tom.pdf", b"").code == "empty"


@pytest.mark.parametrize("format", ["PNG", "GIF"])
def test_a_truncated_image_is_refused(format):
    content = image_bytes(format)

    assert refusal(f"trasig.{format.lower()}", content[: len(content) // 2]).code == "broken_image"


def test_a_png_with_a_corrupted_chunk_is_refused():
    content = bytearray(image_bytes("PNG"))
    content[-20] ^= 0xFF  # inside the image data, so its checksum no longer matches

    assert refusal("trasig.png", bytes(content)).code == "broken_image"


def test_allowed_extensions_can_fill_a_file_inputs_accept_attribute():
    accept = ",".join(ALLOWED_EXTENSIONS)

    assert ".pdf" in ALLOWED_EXTENSIONS
    assert ".jpeg" in ALLOWED_EXTENSIONS
    assert ".svg" not in accept
    assert all(extension == extension.lower() for extension in ALLOWED_EXTENSIONS)


@pytest.mark.parametrize("viewname", ["services:detail", "pilots:detail"])
@pytest.mark.parametrize("slug", ["tolktjanst", "ai-i-skolan-2", "a_b"])
def test_links_built_from_one_reverse_are_the_addresses_reverse_gives(viewname, slug):
    from django.urls import reverse

    from hub.links import slug_urls

    assert slug_urls(viewname)(slug) == reverse(viewname, kwargs={"slug": slug})
