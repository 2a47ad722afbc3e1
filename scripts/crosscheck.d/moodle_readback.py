"""Reads a Moodle XML file with moodle-xml-parser (PyPI) and prints every
question but categories as JSON, in file order.

moodle-xml-parser 0.3.1 dispatches two question types in `parse_file`:
multichoice and cloze; it skips every other type. But Moodle writes the
parts it reads in the same shape for every type: name, question text,
default grade, penalty, general feedback and the `<answer fraction=…>`
elements with their text and feedback. So multichoice questions come from
`parse_file`, and every other question is read by the very function
`parse_file` applies to multichoice (`_parse_multichoice`, private in
0.3.1) on its element.

What that reader never looks at is read with Python's ElementTree (the XML
parser the package itself uses) and reported apart, under "elementtree":
the type attribute, the `<subquestion>` pairs of matching questions, the
`<tolerance>` of numerical answers and the tags.
"""
import json
import sys
import xml.etree.ElementTree as ElementTree

from moodle_xml_parser import parser as moodle

path = sys.argv[1]
multichoice = iter(moodle.parse_file(path)["multichoice"])
read = []
for element in ElementTree.parse(path).getroot().findall(".//question"):
    kind = element.attrib.get("type")
    if kind == "category":
        continue
    if kind == "multichoice":
        question, reader = next(multichoice), "parse_file"
    else:
        question, reader = moodle._parse_multichoice(element), "_parse_multichoice"
    read.append({
        "reader": reader,
        "name": question.name,
        "text": question.text_pre_parse,
        "single": question.single,
        "shuffle": question.shuffle_answers,
        "default_grade": question.default_grade,
        "penalty": question.penalty,
        "general_feedback": question.general_feedback,
        "options": [
            {"text": option.answer, "fraction": option.score_fraction, "feedback": option.feedback}
            for option in question.options
        ],
        "elementtree": {
            "type": kind,
            "tolerances": [answer.findtext("tolerance") for answer in element.findall("answer")],
            "subquestions": [
                [sub.findtext("text", ""), sub.findtext("answer/text", "")]
                for sub in element.findall("subquestion")
            ],
            "tags": [tag.findtext("text", "") for tag in element.findall("tags/tag")],
        },
    })
print(json.dumps(read))
