"""What may be attached to a service: office documents, PDFs and images, judged by content.

A file's name is only a claim. The first bytes (and for ZIP-based formats, the archive's
table of contents) say what the file is, and the name's extension must agree with that.
"""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Extension: (the kind the content must be, what to call it in messages, MIME type).
# Old .doc, .xls and .ppt share one container, so their content passes for any of the three.
FORMATS = {
    ".pdf": ("pdf", "PDF", "application/pdf"),
    ".doc": ("ole2", "Word", "application/msword"),
    ".docx": (
        "docx",
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xls": ("ole2", "Excel", "application/vnd.ms-excel"),
    ".xlsx": ("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".ppt": ("ole2", "PowerPoint", "application/vnd.ms-powerpoint"),
    ".pptx": (
        "pptx",
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ".odt": ("odt", "OpenDocument", "application/vnd.oasis.opendocument.text"),
    ".ods": ("ods", "OpenDocument", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": ("odp", "OpenDocument", "application/vnd.oasis.opendocument.presentation"),
    ".png": ("png", "PNG", "image/png"),
    ".jpg": ("jpeg", "JPEG", "image/jpeg"),
    ".jpeg": ("jpeg", "JPEG", "image/jpeg"),
    ".gif": ("gif", "GIF", "image/gif"),
    ".webp": ("webp", "WebP", "image/webp"),
}
ALLOWED_EXTENSIONS = tuple(FORMATS)
IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}

OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}


def validate_attachment(uploaded_file) -> str:
    """Return the file's MIME type, or raise ValidationError saying why it is refused."""
    name = PurePath(uploaded_file.name or "").name
    if uploaded_file.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("The file is larger than %(limit)s MB."),
            code="too_large",
            params={"limit": MAX_ATTACHMENT_SIZE // (1024 * 1024)},
        )
    extension = PurePath(name).suffix.lower()
    if extension not in FORMATS:
        raise ValidationError(
            _(
                "Only PDF, Word, Excel, PowerPoint, OpenDocument and image files "
                "(PNG, JPEG, GIF, WebP) can be attached."
            ),
            code="file_type",
        )
    if uploaded_file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    expected_kind, label, mime_type = FORMATS[extension]
    try:
        if detect_kind(uploaded_file) != expected_kind:
            raise _mismatch(name, label)
        if expected_kind in IMAGE_KINDS and not _image_is_intact(uploaded_file):
            raise ValidationError(
                _("The image is damaged or incomplete and cannot be shown."), code="broken_image"
            )
    finally:
        uploaded_file.seek(0)
    return mime_type


def _mismatch(name, label):
    return ValidationError(
        _("The file's content does not match its name: %(name)s is not a real %(kind)s file."),
        code="mismatch",
        params={"name": name, "kind": label},
    )


def detect_kind(uploaded_file) -> str | None:
    """The kind of file the content is (a key of FORMATS' first column), or None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded_file)
    return None


def _zip_kind(uploaded_file):
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            # ODF requires an uncompressed "mimetype" as the very first member.
            if members and members[0].filename == "mimetype":
                with archive.open(members[0]) as mimetype:
                    return ODF_MIMETYPES.get(mimetype.read(100).strip())
            names = [member.filename for member in members]
            if "[Content_Types].xml" in names:
                kinds = [
                    kind
                    for kind, folder in OOXML_FOLDERS.items()
                    if any(name.startswith(folder) for name in names)
                ]
                if len(kinds) == 1:
                    return kinds[0]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        pass
    return None


def _image_is_intact(uploaded_file):
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as image:
            image.verify()
    # Pillow reports a broken file with many exception types (SyntaxError, struct.error, ...).
    except Exception:
        return False
    return True
