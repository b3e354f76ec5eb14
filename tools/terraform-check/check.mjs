// The offline stand-in for `terraform validate`: parses every *.tf file under a directory with HashiCorp's
// HCL parser and checks block types, resource/data source types, argument and nested block names (and
// required ones) against the google provider schema from @cdktf/provider-google.
//   node check.mjs [--json] <dir>
// Prints "file:line: message" per problem (or, with --json, { provider, files, problems: [{ file, line,
// message }] }). Exit 0: clean; 1: problems (syntax errors included); 2: the tool itself failed.
import { pathToFileURL } from "node:url";
import { parseDirectory } from "./parse.mjs";
import { checkFiles } from "./rules.mjs";
import { loadSchema } from "./schema.mjs";

export async function check(dir) {
  const { files, sources, errors } = await parseDirectory(dir);
  const schema = loadSchema();
  const problems = [
    ...errors.map((e) => ({ ...e, message: `syntax error: ${e.message}` })),
    ...checkFiles(files, sources, schema),
  ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const { package: pkg, google } = schema.provider_version;
  return { provider: `${pkg} (google provider ${google})`, files: Object.keys(sources), problems };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const dirs = args.filter((a) => a !== "--json");
  if (dirs.length !== 1) {
    console.error("usage: node check.mjs [--json] <dir>");
    process.exit(2);
  }
  try {
    const report = await check(dirs[0]);
    if (json) console.log(JSON.stringify(report, null, 2));
    else {
      for (const p of report.problems) console.log(`${p.file}:${p.line}: ${p.message}`);
      console.error(`checked ${report.files.length} .tf file(s) against ${report.provider}: ${report.problems.length} problem(s)`);
    }
    process.exit(report.problems.length === 0 ? 0 : 1);
  } catch (e) {
    console.error(`check.mjs: ${e.message ?? e}`);
    process.exit(2);
  }
}
