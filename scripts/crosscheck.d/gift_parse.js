// Parses a GIFT file with gift-pegjs (npm) and prints what it read as JSON.
// With --time, prints only the question count and the parse time in ms.
// Usage: NODE_PATH=.crosscheck/node_modules node gift_parse.js FILE [--time]
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

const text = fs.readFileSync(process.argv[2], "utf8");
const start = process.hrtime.bigint();
const questions = parse(text);
const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
if (process.argv[3] === "--time") {
  console.log(JSON.stringify({ questions: questions.length, ms: elapsed, bytes: Buffer.byteLength(text) }));
} else {
  console.log(JSON.stringify(questions));
}
