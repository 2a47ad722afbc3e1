"""Converts a QTI 2.1 package to QTI 3.0 with citolab-qti-convert (PyPI)
and prints, per converted item, what the QTI 3 item holds: its interaction,
choices, response declaration, correct response and mapping, as JSON.
Usage: python qti_readback.py PACKAGE.zip OUT_DIR"""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from lxml import etree

package, out = Path(sys.argv[1]), Path(sys.argv[2])
converted = out / "qti3.zip"
subprocess.run(
    [str(Path(sys.executable).parent / "qti-convert"), "upgrade", str(package), str(converted)],
    check=True,
)


def local(tag):
    return etree.QName(tag).localname


def text_of(element):
    return " ".join("".join(element.itertext()).split())


items, tests, manifest = {}, {}, None
with zipfile.ZipFile(converted) as archive:
    for name in archive.namelist():
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(archive.read(name))
        kind = local(root.tag)
        if kind == "manifest":
            manifest = [
                {"identifier": r.get("identifier"), "type": r.get("type"), "href": r.get("href")}
                for r in root.iter()
                if local(r.tag) == "resource"
            ]
        elif kind == "qti-assessment-test":
            tests[root.get("identifier")] = {
                "refs": [r.get("identifier") for r in root.iter() if local(r.tag) == "qti-assessment-item-ref"],
                "selection": [r.get("select") for r in root.iter() if local(r.tag) == "qti-selection"],
                "time_limit": [r.get("max-time") for r in root.iter() if local(r.tag) == "qti-time-limits"],
            }
        elif kind == "qti-assessment-item":
            declaration = next(e for e in root.iter() if local(e.tag) == "qti-response-declaration")
            interactions = [e for e in root.iter() if local(e.tag).endswith("-interaction")]
            items[root.get("identifier")] = {
                "interaction": [local(e.tag) for e in interactions],
                "cardinality": declaration.get("cardinality"),
                "base_type": declaration.get("base-type"),
                "correct": [text_of(v) for v in declaration.iter() if local(v.tag) == "qti-value"],
                "mapping": {
                    e.get("map-key"): float(e.get("mapped-value"))
                    for e in declaration.iter()
                    if local(e.tag) == "qti-map-entry"
                },
                "choices": [
                    {"identifier": e.get("identifier"), "text": text_of(e)}
                    for e in root.iter()
                    if local(e.tag) in ("qti-simple-choice", "qti-simple-associable-choice")
                ],
                "feedback": {
                    e.get("identifier"): text_of(e)
                    for e in root.iter()
                    if local(e.tag) == "qti-modal-feedback"
                },
            }
print(json.dumps({"manifest": manifest, "tests": tests, "items": items}))
