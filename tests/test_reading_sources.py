"""Reading a source never crashes: odd encodings are decoded, unreadable files get a clear message."""
from __future__ import annotations

import codecs

import pytest

from sitegen.sources import SourceError, read_source


def test_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Tomás Ruiz\r\nEducation\r\n".encode())
    source = read_source(path)
    assert source.text == "Tomás Ruiz\nEducation\n" and source.warnings == []


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes("Zoë Tan\nPublications\n".encode("utf-16"))
    assert read_source(path).text == "Zoë Tan\nPublications\n"


def test_windows_1252_is_read_with_a_warning_naming_the_line(tmp_path):
    path = tmp_path / "cv.txt"
    path.write_bytes("Jane Doe\nCaf\xe9 talk \x96 2021\n".encode("latin-1"))
    source = read_source(path)
    assert source.text == "Jane Doe\nCafé talk – 2021\n"
    (warning,) = source.warnings
    assert warning.line == 2 and "Windows-1252" in warning.message


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"  \n\n ", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not a text document"),
    (b"\x00\x01\x02garbage\xff\x00", "binary file"),
])
def test_unreadable_sources_say_why(tmp_path, content, message):
    path = tmp_path / "cv.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert message in caught.value.diagnostic.message
    assert caught.value.diagnostic.path == str(path) and caught.value.diagnostic.hint


def test_a_missing_file(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "nope.txt")
    assert caught.value.diagnostic.message == "file not found"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(tmp_path, encoding):
    path = tmp_path / "cv.txt"
    path.write_bytes("Zoë Tan\nPublications\n".encode(encoding))
    assert read_source(path).text == "Zoë Tan\nPublications\n"


def test_a_source_over_the_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "cv.txt"
    path.write_text("Jane Doe\n")
    monkeypatch.setattr("sitegen.sources.MAX_SOURCE_BYTES", 4)
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: pytest.fail("read a refused file"))
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.diagnostic.message.startswith("too large to be a document about one person")
