// Where the project publishes what its output points at: the repository, the diagnostics page
// (SARIF help URIs) and the JSON Schema of `check --format json` (its `$schema` field).

export const REPOSITORY_URL = 'https://github.com/kexec-layout/kexec-layout';
export const DIAGNOSTICS_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/diagnostics.md`;
export const CHECK_OUTPUT_SCHEMA_URL = 'https://raw.githubusercontent.com/kexec-layout/kexec-layout/main/schemas/check-output.schema.json';
