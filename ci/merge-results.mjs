// Merges the results layouts the nightly's jobs uploaded (one folder per artifact, as
// actions/download-artifact writes them without merge-multiple) into one layout:
//   node ci/merge-results.mjs ARTIFACTS_DIR MERGED_DIR
// Test results, attachments and measurement files are copied side by side (their names are
// unique per job). The run-wide files every job writes are merged, not overwritten, so the
// report's environment shows every rig: environment.properties keeps each key once when the
// rigs agree and "rig: value" per rig when they differ; executor.json keeps the first job's
// build and names every rig in its report name.
import fs from "node:fs";
import path from "node:path";

const [artifacts, merged] = process.argv.slice(2);
if (!artifacts || !merged) {
  console.error("usage: node ci/merge-results.mjs ARTIFACTS_DIR MERGED_DIR");
  process.exit(2);
}

const layouts = fs.readdirSync(artifacts, { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => path.join(artifacts, d.name)).sort();
const RUN_FILES = new Set(["environment.properties", "executor.json"]);
const env = new Map(); // key -> Map(rig -> value)
const executors = [];
const rigs = [];

for (const layout of layouts) {
  const allure = path.join(layout, "allure");
  const props = readProperties(path.join(allure, "environment.properties"));
  const rig = props.get("Rig") ?? path.basename(layout);
  rigs.push(rig);
  for (const [key, value] of props) {
    if (!env.has(key)) env.set(key, new Map());
    env.get(key).set(rig, value);
  }
  const executor = path.join(allure, "executor.json");
  if (fs.existsSync(executor)) executors.push(JSON.parse(fs.readFileSync(executor, "utf8")));
  copyTree(layout, merged, (rel) => !RUN_FILES.has(path.basename(rel)) || path.dirname(rel) !== "allure");
}

fs.mkdirSync(path.join(merged, "allure"), { recursive: true });
const lines = [...env.keys()].sort().map((key) => {
  const values = env.get(key);
  const distinct = new Set(values.values());
  const value = distinct.size === 1 && values.size === rigs.length
    ? [...distinct][0]
    : [...values].map(([rig, v]) => `${rig}: ${v}`).join("; ");
  return `${escape(key, true)}=${escape(value, false)}`;
});
fs.writeFileSync(path.join(merged, "allure", "environment.properties"), lines.join("\n") + (lines.length ? "\n" : ""));
if (executors.length > 0) {
  const executor = { ...executors[0], reportName: `HIL report: ${rigs.join(", ")}` };
  fs.writeFileSync(path.join(merged, "allure", "executor.json"), JSON.stringify(executor, null, 2) + "\n");
}
console.log(`merged ${layouts.length} results layout(s) (${rigs.join(", ")}) into ${merged}`);

function copyTree(from, to, keep, rel = "") {
  for (const entry of fs.readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      copyTree(from, to, keep, child);
    } else if (keep(child)) {
      fs.mkdirSync(path.join(to, rel), { recursive: true });
      fs.copyFileSync(path.join(from, child), path.join(to, child));
    }
  }
}

// Java properties as RunFiles.cs writes them: key=value, separators and breaks backslash-escaped.
function readProperties(file) {
  const props = new Map();
  if (!fs.existsSync(file)) return props;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const at = line.search(/(?<!\\)[=:]/);
    const key = at < 0 ? line : line.slice(0, at);
    props.set(unescape(key), unescape(at < 0 ? "" : line.slice(at + 1)));
  }
  return props;
}

function unescape(text) {
  return text.replace(/\\(.)/g, (_, c) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
}

function escape(text, isKey) {
  const escaped = text.replace(/[\\\n\r\t]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]);
  return isKey ? escaped.replace(/([ =:#!])/g, "\\$1") : escaped;
}
