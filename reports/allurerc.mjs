// Allure 3 report config for the HIL harness. `hil report` runs the pinned CLI with this file;
// it reads its inputs from the environment so the same file serves every run:
//   HIL_ALLURE_HISTORY      history file (JSONL, one line per generated report)
//   HIL_REPORT_NAME         report title
//   HIL_REPORT_SINGLE_FILE  "1" for one self-contained index.html (opens from file://)
import { readFileSync } from "node:fs";

// One list of categories for both readers: the harness writes the same file into every
// results directory (for the classic/Allure 2 views) and the awesome report takes it here.
const categories = JSON.parse(readFileSync(new URL("./categories.json", import.meta.url), "utf8"))
  .map(({ name, matchedStatuses, messageRegex }) => ({ name, matchedStatuses, messageRegex }));

const name = process.env.HIL_REPORT_NAME || "HIL report";

export default {
  name,
  historyPath: process.env.HIL_ALLURE_HISTORY || "./history/history.jsonl",
  historyLimit: 100,
  appendHistory: true,
  categories,
  plugins: {
    awesome: {
      options: {
        reportName: name,
        singleFile: process.env.HIL_REPORT_SINGLE_FILE === "1",
        reportLanguage: "en",
        groupBy: ["parentSuite", "suite", "subSuite"],
      },
    },
  },
};
