"""User-written Markdown to HTML that is safe to put on a page.

Raw HTML is switched off in the Markdown parser, so whatever HTML a user types is shown as
the text they typed. nh3 then cleans the result against a short allow-list, which also
removes links to anything but web and mail addresses.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Column alignment from the tables extension, and nothing else, in the align attribute.
ALIGN_VALUES = {"left", "center", "right"}
ALLOWED_ATTRIBUTE_VALUES = {"th": {"align": ALIGN_VALUES}, "td": {"align": ALIGN_VALUES}}
URL_SCHEMES = {"http", "https", "mailto"}

# The page has its own h1, so a user's "#" is an h2; h4 is as deep as the page goes.
HEADING_LEVELS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


class _ShiftHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in HEADING_LEVELS:
                element.tag = HEADING_LEVELS[element.tag]


class _UserMarkdown(Extension):
    def extendMarkdown(self, md):
        # Without these, "<script>" is plain text and is escaped like any other.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


def render_markdown(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    html = markdown.markdown(
        text,
        extensions=["sane_lists", "tables", "fenced_code", _UserMarkdown()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        # Markdown tables have one header row, so every th heads a column.
        set_tag_attribute_values={"th": {"scope": "col"}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # cleaned by nh3 just above
