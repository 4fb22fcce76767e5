from django import template

from hub.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ service.description|markdown }}`: user Markdown as cleaned HTML."""
    return render_markdown(text)
