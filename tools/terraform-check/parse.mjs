// Parses every *.tf file under a directory with HashiCorp's HCL parser (hcl2json, Go compiled to WASM).
//   node parse.mjs <dir>   prints { "<path relative to dir>": <hcl2json output>, ... } (sorted paths);
//                          on syntax errors prints "file:line: message" lines to stderr and exits 1.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import hcl2json from "@cdktf/hcl2json";

/** Every *.tf file under dir (recursive, skipping .terraform/), as sorted paths relative to dir with "/" separators. */
export function listTfFiles(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== ".terraform") walk(path);
      else if (entry.isFile() && entry.name.endsWith(".tf")) found.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Parses each file: { files: { rel: json }, sources: { rel: text }, errors: [{ file, line, message }] }.
 * A file with a syntax error has no entry in files.
 */
export async function parseDirectory(dir) {
  const result = { files: {}, sources: {}, errors: [] };
  for (const file of listTfFiles(dir)) {
    const text = readFileSync(join(dir, file), "utf8");
    result.sources[file] = text;
    try {
      result.files[file] = await hcl2json.parse(file, text);
    } catch (e) {
      result.errors.push(...diagnostics(file, String(e?.message ?? e)));
    }
  }
  return result;
}

// hcl2json reports "parse config: [f.tf:2,9-3,1: Summary; Detail. f.tf:5,1-2: Summary; Detail.]".
function diagnostics(file, message) {
  const body = message.replace(/^parse config: \[/, "").replace(/\]$/, "");
  const at = new RegExp(`(?:^|\\s)${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+),\\d+(?:-\\d+(?:,\\d+)?)?: `, "g");
  const starts = [...body.matchAll(at)];
  if (starts.length === 0) return [{ file, line: 1, message: body }];
  return starts.map((m, i) => ({
    file,
    line: Number(m[1]),
    message: body.slice(m.index + m[0].length, i + 1 < starts.length ? starts[i + 1].index : undefined).trim(),
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node parse.mjs <dir>");
    process.exit(2);
  }
  try {
    const { files, errors } = await parseDirectory(dir);
    for (const e of errors) console.error(`${e.file}:${e.line}: ${e.message}`);
    if (errors.length === 0) console.log(JSON.stringify(files, null, 2));
    process.exit(errors.length === 0 ? 0 : 1);
  } catch (e) {
    console.error(`parse.mjs: ${e.message ?? e}`);
    process.exit(2);
  }
}
