// Reference process for the benchmarks: what a JSON editor does with the same data —
// vscode-json-languageservice parses the document and validates it against a JSON Schema.
// `node out/bench/jsonService.js FILE.json` prints the number of problems found.
import { readFileSync } from 'node:fs';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { LAYOUT_SCHEMA } from './layouts';

async function main(): Promise<void> {
  const file = process.argv[2];
  const text = readFileSync(file, 'utf8');
  const schemaUri = 'kexec://layout.schema.json';
  const service = getLanguageService({ schemaRequestService: async () => JSON.stringify(LAYOUT_SCHEMA) });
  service.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*.json'], schema: LAYOUT_SCHEMA as never }] });
  const doc = TextDocument.create('file:///layout.json', 'json', 1, text);
  const parsed = service.parseJSONDocument(doc);
  const problems = await service.doValidation(doc, parsed, { schemaValidation: 'error' }, LAYOUT_SCHEMA as never);
  process.stdout.write(`${problems.length} problems\n`);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
