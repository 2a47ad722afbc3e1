"""Reads a Moodle XML file with moodle-xml-parser (PyPI) and prints the
multiple-choice questions it read as JSON: name, single, default grade,
general feedback, and each answer's text, fraction and feedback.
(moodle-xml-parser 0.3.1 reads the multichoice and cloze types only.)"""
import json
import sys

from moodle_xml_parser.parser import parse_file

parsed = parse_file(sys.argv[1])
print(json.dumps([
    {
        "name": question.name,
        "single": question.single,
        "shuffle": question.shuffle_answers,
        "default_grade": question.default_grade,
        "general_feedback": question.general_feedback,
        "options": [
            {"text": option.answer, "fraction": option.score_fraction, "feedback": option.feedback}
            for option in question.options
        ],
    }
    for question in parsed["multichoice"]
]))
