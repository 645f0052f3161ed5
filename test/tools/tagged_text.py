#!/usr/bin/python3
"""tagged_text.py - the tagged text of a PDF letter against the words of its .docx.

Usage:  /usr/bin/python3 tagged_text.py LETTER.pdf LETTER.docx [--pretty]

The tagged text is what a screen reader, reflow and copy-out get from the structure tree:
poppler's `pdfinfo -struct-text` (poppler-utils). The letter's words come from the .docx itself
(word/document.xml, read here with the standard library, independently of kp-brev's reader).
Both sides are cut into paragraphs in reading order:

- PDF: every block structure element (P, H1-H6, LBody, ...) with its own text and that of its
  inline kids (Link, Span), a nested block being a paragraph of its own; list labels (Lbl) and
  figures are not text of the letter and are left out.
- .docx: every w:p of the body in document order, table cells row by row, the paragraphs of a
  text box right after the paragraph it is anchored in; tabs and line breaks are word
  boundaries, deleted and hidden (w:vanish) text and field instructions are not text, a soft
  hyphen (w:softHyphen, U+00AD) joins the parts of its word.

Paragraphs without words (empty ones, images) are dropped on both sides; words are compared
case-insensitively (caps and small caps are drawn as capitals) with U+00AD removed, so a word
hyphenated at a soft hyphen counts as one word. Prints a JSON report; exit 0 when every
paragraph has the same words, 1 otherwise, 2 when a file cannot be read.
"""
import json
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
INLINE = {"Link", "Span", "Quote", "Code", "Reference", "BibEntry", "Note", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP"}
SKIP = {"Lbl", "Figure", "Formula", "Artifact"}
ELEM_RE = re.compile(r"^(\s*)([A-Za-z0-9_]+)(?: \((block|inline)\))?:?$")


def words(text):
    return [w.casefold() for w in re.split(r"\s+", text.replace("\u00ad", "")) if w]


# --------------------------------------------------------------------------
# PDF: pdfinfo -struct-text
# --------------------------------------------------------------------------
def pdf_paragraphs(path):
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    # An indented tree: element lines ("P (block)", "TR", "TH:"), attribute lines ("/Scope /Column"),
    # quoted text, "Object N 0" (annotations).
    root = {"type": "Root", "kids": [], "indent": -1}
    stack = [root]
    for line in out.split("\n"):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while len(stack) > 1 and stack[-1]["indent"] >= indent:
            stack.pop()
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            stack[-1]["kids"].append(body[1:-1])
            continue
        m = ELEM_RE.match(line)
        if m and not body.startswith("/") and not body.startswith("Object "):
            node = {"type": m.group(2), "kids": [], "indent": indent}
            stack[-1]["kids"].append(node)
            stack.append(node)
    paras = []

    def own_text(node):
        parts = []
        for k in node["kids"]:
            if isinstance(k, str):
                parts.append(k)
            elif k["type"] in INLINE:
                parts.append(own_text(k))
        return "".join(parts)

    def walk(node):
        if isinstance(node, str) or node["type"] in SKIP:
            return
        if node["type"] not in INLINE and node["type"] != "Root" and any(isinstance(k, str) or k["type"] in INLINE for k in node["kids"]):
            paras.append(own_text(node))
        for k in node["kids"]:
            if not isinstance(k, str) and k["type"] not in INLINE:
                walk(k)

    walk(root)
    return paras


# --------------------------------------------------------------------------
# .docx: word/document.xml
# --------------------------------------------------------------------------
def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        doc = ET.fromstring(z.read("word/document.xml"))
    body = doc.find(f"{W}body")
    paras = []

    def run_text(r, boxes):
        rpr = r.find(f"{W}rPr")
        hidden = rpr is not None and rpr.find(f"{W}vanish") is not None and rpr.find(f"{W}vanish").get(f"{W}val", "true") not in ("0", "false")
        text = ""
        for c in r:
            tag = c.tag
            if tag == f"{W}t" and not hidden:
                text += c.text or ""
            elif tag in (f"{W}tab", f"{W}ptab") and not hidden:
                text += "\t"
            elif tag in (f"{W}br", f"{W}cr") and not hidden:
                text += "\n"
            elif tag == f"{W}softHyphen":
                text += "\u00ad"
            elif tag == f"{W}noBreakHyphen" and not hidden:
                text += "\u2011"
            elif tag == f"{W}sym" and not hidden:
                code = int(c.get(f"{W}char", "20"), 16)
                text += chr(code - 0xF000 if code >= 0xF000 else code)
            else:
                # Drawings and VML hold text boxes: their paragraphs are read after this one.
                for tb in iter_boxes(c):
                    boxes.append(tb)
        return text

    def iter_boxes(el):
        # mc:AlternateContent: the Choice only (the Fallback repeats the same box).
        if el.tag == f"{MC}AlternateContent":
            choice = el.find(f"{MC}Choice")
            if choice is not None:
                yield from iter_boxes(choice)
            return
        if el.tag == f"{W}txbxContent":
            yield el
            return
        for c in el:
            yield from iter_boxes(c)

    def inline_text(el, boxes):
        text = ""
        for c in el:
            if c.tag == f"{W}r":
                text += run_text(c, boxes)
            elif c.tag in (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr"):
                continue
            elif c.tag == f"{MC}AlternateContent":
                for tb in iter_boxes(c):
                    boxes.append(tb)
            else:
                text += inline_text(c, boxes)
        return text

    def block(el):
        for c in el:
            if c.tag == f"{W}p":
                boxes = []
                paras.append(inline_text(c, boxes))
                for tb in boxes:
                    block(tb)
            elif c.tag == f"{W}tbl":
                for tr in c.findall(f"{W}tr"):
                    for tc in tr.findall(f"{W}tc"):
                        block(tc)
            elif c.tag in (f"{W}sdt",):
                content = c.find(f"{W}sdtContent")
                if content is not None:
                    block(content)
            elif c.tag in (f"{W}customXml", f"{W}sdtContent"):
                block(c)

    block(body)
    return paras


def compare(pdf_path, docx_path):
    pdf = [w for w in (words(p) for p in pdf_paragraphs(pdf_path)) if w]
    docx = [w for w in (words(p) for p in docx_paragraphs(docx_path)) if w]
    mismatches = []
    run_together = []
    for i in range(max(len(pdf), len(docx))):
        a = pdf[i] if i < len(pdf) else None
        b = docx[i] if i < len(docx) else None
        if a == b:
            continue
        mismatches.append({"paragraph": i + 1, "pdf": " ".join(a or []), "docx": " ".join(b or [])})
        if a and b:
            # Words the PDF ran together: a PDF word that is two or more consecutive letter words.
            joined = {}
            for s in range(len(b)):
                acc = b[s]
                for e in range(s + 1, len(b)):
                    acc += b[e]
                    joined[acc] = True
            run_together += [w for w in a if w in joined and w not in b]
    return {
        "pdf": pdf_path,
        "docx": docx_path,
        "paragraphs": {"pdf": len(pdf), "docx": len(docx)},
        "ok": not mismatches,
        "mismatches": mismatches,
        "run_together": run_together,
    }


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    try:
        res = compare(argv[1], argv[2])
    except (OSError, zipfile.BadZipFile, ET.ParseError, subprocess.CalledProcessError) as e:
        print(json.dumps({"pdf": argv[1], "docx": argv[2], "error": str(e)}))
        return 2
    print(json.dumps(res, indent=2 if "--pretty" in argv else None, ensure_ascii=False))
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
