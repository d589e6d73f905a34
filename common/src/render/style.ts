// Styles of the memory map. Colours come from VS Code theme variables with light fallbacks, so one
// stylesheet serves the webview (all themes), the standalone page and the exported SVG.
// High-contrast themes get solid borders in the contrast colour and no dashes.

export { REGION_TYPES } from '../engine/types';

/** Legend wording for each region type. */
export const REGION_TYPE_NAMES: Record<string, string> = {
  'ram': 'RAM',
  'ram-driver': 'driver-managed RAM',
  'crashkernel': 'crash kernel',
  'kernel': 'kernel',
  'reserved': 'reserved',
  'acpi': 'ACPI tables',
  'acpi-nvs': 'ACPI NVS',
  'pmem': 'persistent memory',
  'soft-reserved': 'soft reserved',
  'unusable': 'unusable',
  'rom': 'ROM',
  'mmio': 'MMIO',
};

const C = {
  fg: 'var(--vscode-editor-foreground, #1f1f1f)',
  bg: 'var(--vscode-editor-background, #ffffff)',
  green: 'var(--vscode-charts-green, #388a34)',
  blue: 'var(--vscode-charts-blue, #1a85ff)',
  red: 'var(--vscode-charts-red, #e51400)',
  yellow: 'var(--vscode-charts-yellow, #bf8803)',
  orange: 'var(--vscode-charts-orange, #d18616)',
  purple: 'var(--vscode-charts-purple, #652d90)',
  grey: 'var(--vscode-charts-foreground, #616161)',
  error: 'var(--vscode-editorError-foreground, #e51400)',
  warning: 'var(--vscode-editorWarning-foreground, #bf8803)',
  info: 'var(--vscode-editorInfo-foreground, #1a85ff)',
  focus: 'var(--vscode-focusBorder, #005fb8)',
  highlight: 'var(--vscode-editor-findMatchBorder, var(--vscode-focusBorder, #005fb8))',
  border: 'var(--vscode-contrastBorder, #6f6f6f)',
};

/** [type, colour, fill opacity, stroke dash] */
const TYPE_LOOK: Array<[string, string, number, string]> = [
  ['ram', C.green, 0.26, 'none'],
  ['ram-driver', C.blue, 0.26, '6 3'],
  ['crashkernel', C.orange, 0.38, 'none'],
  ['kernel', C.purple, 0.42, 'none'],
  ['reserved', C.grey, 0.22, 'none'],
  ['acpi', C.yellow, 0.3, 'none'],
  ['acpi-nvs', C.yellow, 0.5, '2 2'],
  ['pmem', C.purple, 0.18, '6 3'],
  ['soft-reserved', C.blue, 0.12, '2 2'],
  ['unusable', C.red, 0.3, 'none'],
  ['rom', C.grey, 0.42, 'none'],
  ['mmio', C.grey, 0.08, '4 2'],
];

/** Labels and ticks with less room than this, zoomed, are hidden. */
export const MIN_LABEL_PX = 14;
/** When a typical item is thinner than this, zoomed, outlines and tick marks are dropped. */
export const MIN_OUTLINE_PX = 3;

function typeRules(): string {
  return TYPE_LOOK.map(([type, colour, opacity, dash]) =>
    `[data-type="${type}"]>.band{fill:${colour};fill-opacity:${opacity};stroke:${colour};stroke-dasharray:${dash}}`,
  ).join('\n');
}

export const MAP_CSS = `
.kexec-map,.kexec-legend{font-family:var(--vscode-font-family, system-ui, sans-serif);font-size:11px;color:${C.fg}}
.kexec-map text,.kexec-legend text{fill:${C.fg};dominant-baseline:central}
.kexec-map .hex,.kexec-legend .hex{font-family:var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace);font-size:10.5px}
.kexec-map .dim{fill-opacity:.72}
.kexec-map .title{font-size:13px;font-weight:600}
.band,.seg,.unaccepted,.accepted,.overlay-edge,.axis,.ticks,.gap-break polyline{vector-effect:non-scaling-stroke}
.band{stroke-width:1}
${typeRules()}
.region,.segment,.unaccepted-range,.accepted-range{cursor:pointer;outline:none}
.region .label{font-weight:500}
/* Document text never reorders what is around it (right-to-left labels stay in their box). */
.label tspan,.segment text,.table-host td,.table-host button{unicode-bidi:isolate}
.region .type{font-weight:600;font-size:10px;letter-spacing:.02em}
.unaccepted{fill:url(#kx-hatch-unaccepted);stroke:none;pointer-events:none}
.unaccepted.lane{pointer-events:all;stroke:${C.fg};stroke-opacity:.5;stroke-width:1}
.accepted{fill:${C.blue};fill-opacity:.55;stroke:${C.blue};stroke-width:1}
.accepted.guard{fill:url(#kx-hatch-guard);fill-opacity:1;stroke:${C.orange};stroke-width:1.5;stroke-dasharray:4 2}
.accepted-shade{fill:${C.blue};fill-opacity:.14;stroke:none;pointer-events:none}
.accepted-shade.guard{fill:${C.orange};fill-opacity:.16}
#kx-hatch-unaccepted line{stroke:${C.fg};stroke-opacity:.42;stroke-width:1.2}
#kx-hatch-guard line{stroke:${C.orange};stroke-width:1.5}
.seg{fill:${C.grey};fill-opacity:.16;stroke:${C.fg};stroke-width:1.5}
/* A halo in the background colour keeps these labels legible where a line or hatch crosses them. */
.tick,.gap-break text{paint-order:stroke;stroke:${C.bg};stroke-width:3px;stroke-linejoin:round;stroke-opacity:.85}
.segment .name{font-weight:600}
.segment .auto{font-style:italic}
.overlay{fill:${C.fg};fill-opacity:.06;stroke:none;pointer-events:none}
.overlay-edge{fill:${C.fg};fill-opacity:.75;stroke:none;pointer-events:none}
.band-bg{fill:${C.bg};stroke:none}
:is(.segment,.seg-agg)[data-severity="error"]>.seg{fill:${C.error};fill-opacity:.22;stroke:${C.error};stroke-width:2}
:is(.segment,.seg-agg)[data-severity="warning"]>.seg{fill:${C.warning};fill-opacity:.22;stroke:${C.warning};stroke-width:2}
:is(.segment,.seg-agg):is([data-severity="information"],[data-severity="hint"])>.seg{fill:${C.info};fill-opacity:.2;stroke:${C.info};stroke-width:2}
.overlay[data-severity="error"]{fill:${C.error};fill-opacity:.1}
.overlay[data-severity="warning"]{fill:${C.warning};fill-opacity:.1}
.overlay[data-severity="information"],.overlay[data-severity="hint"]{fill:${C.info};fill-opacity:.1}
.overlay-edge[data-severity="error"]{fill:${C.error};fill-opacity:1}
.overlay-edge[data-severity="warning"]{fill:${C.warning};fill-opacity:1}
.overlay-edge[data-severity="information"],.overlay-edge[data-severity="hint"]{fill:${C.info};fill-opacity:1}
.segment .sev{font-weight:700}
.segment[data-severity="error"] .sev{fill:${C.error}}
.segment[data-severity="warning"] .sev{fill:${C.warning}}
.segment[data-severity="information"] .sev,.segment[data-severity="hint"] .sev{fill:${C.info}}
.unplaced .seg{stroke-dasharray:4 2}
.gap-break .gap-bg{fill:${C.bg};stroke:none}
.gap-break polyline{fill:none;stroke:${C.fg};stroke-opacity:.6;stroke-width:1}
.gap-break text{font-style:italic;fill-opacity:.8}
.axis{stroke:${C.fg};stroke-opacity:.6;stroke-width:1}
.ticks{fill:none;stroke:${C.fg};stroke-opacity:.55;stroke-width:1}
.tick{text-anchor:end}
.lane-head{font-size:10px;fill-opacity:.7}
.header-bg{fill:${C.bg};stroke:none}
:is(.region,.segment,.unaccepted-range,.accepted-range):focus-visible>:is(.band,.seg,.lane,.accepted){stroke:${C.focus};stroke-width:3;stroke-dasharray:none}
:is(.region,.segment,.unaccepted-range,.accepted-range).highlighted>:is(.band,.seg,.lane,.accepted){stroke:${C.highlight};stroke-width:3;stroke-dasharray:none}
:is(.region,.segment):hover>:is(.band,.seg){stroke-width:2}
body.vscode-high-contrast .band,body.vscode-high-contrast-light .band,
body.vscode-high-contrast :is(.segment,.seg-agg):not([data-severity])>.seg,body.vscode-high-contrast-light :is(.segment,.seg-agg):not([data-severity])>.seg,
body.vscode-high-contrast .accepted,body.vscode-high-contrast-light .accepted{stroke:${C.border};stroke-width:1.5;stroke-dasharray:none}
body.vscode-high-contrast .seg,body.vscode-high-contrast-light .seg{stroke-dasharray:none}
body.vscode-high-contrast .overlay,body.vscode-high-contrast-light .overlay{fill-opacity:0}
body.vscode-high-contrast .overlay-edge,body.vscode-high-contrast-light .overlay-edge{stroke:${C.border};stroke-width:1}
body.vscode-high-contrast .band,body.vscode-high-contrast-light .band{fill-opacity:.3}
body.vscode-high-contrast .dim,body.vscode-high-contrast-light .dim{fill-opacity:1}
/* Merged thin items (webview): no outline, which would trace the merge rather than the items, and no
   non-scaling stroke, which costs a pass over every point of the path on each zoom frame. */
.agg>:is(.band,.lane,.accepted,.accepted-shade,.overlay,.overlay-edge){stroke:none;vector-effect:none}
.kexec-map.culled [data-room]:not(.lod-shown)>.lod,.kexec-map.culled .lod[data-room]:not(.lod-shown){display:none}
.kexec-map.thin :is(.band,.unaccepted.lane){stroke:none}
.kexec-map.thin :is(.ticks,.gap-break>polyline){display:none}
`;

/** Page chrome (toolbar, legend, table) of the webview and the standalone page. */
export const PAGE_CSS = `
html,body{height:100%;margin:0;padding:0}
body{background:var(--vscode-editor-background, #ffffff);color:var(--vscode-editor-foreground, #1f1f1f);font-family:var(--vscode-font-family, system-ui, sans-serif);font-size:var(--vscode-font-size, 13px);display:flex;flex-direction:column;overflow:hidden}
.toolbar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:6px 8px;border-bottom:1px solid var(--vscode-panel-border, #e5e5e5)}
.toolbar button{background:var(--vscode-button-secondaryBackground, #e5e5e5);color:var(--vscode-button-secondaryForeground, #1f1f1f);border:1px solid var(--vscode-button-border, transparent);border-radius:2px;padding:2px 8px;font:inherit;cursor:pointer}
.toolbar button:disabled{opacity:.5;cursor:default}
.toolbar button:hover:not(:disabled){background:var(--vscode-button-secondaryHoverBackground, #cccccc)}
.toolbar button[aria-pressed="true"]{background:var(--vscode-button-background, #005fb8);color:var(--vscode-button-foreground, #ffffff)}
.toolbar button[aria-pressed="true"]:hover:not(:disabled){background:var(--vscode-button-hoverBackground, #0258a8)}
.toolbar button:focus-visible,.map-host:focus-visible,.table-host button:focus-visible{outline:1px solid var(--vscode-focusBorder, #005fb8);outline-offset:1px}
.summary{flex:1 1 100%;min-width:0;white-space:normal;overflow-wrap:anywhere}
.summary .verdict{white-space:nowrap}
.summary .outcome-fails{color:var(--vscode-editorError-foreground, #e51400);font-weight:600}
.summary .outcome-unknown{color:var(--vscode-editorWarning-foreground, #bf8803);font-weight:600}
.summary .outcome-ok{color:var(--vscode-charts-green, #388a34);font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;padding:4px 8px;font-size:11px;border-bottom:1px solid var(--vscode-panel-border, #e5e5e5)}
.legend-item{display:inline-flex;align-items:center;gap:4px}
.map-host{flex:1 1 auto;position:relative;overflow:hidden;min-height:0;touch-action:none;cursor:grab}
.map-host.dragging{cursor:grabbing}
.map-host>svg{position:absolute;inset:0;width:100%;height:100%;display:block}
.table-host{flex:1 1 auto;overflow:auto;min-height:0}
.table-host[hidden],.map-host[hidden],.legend[hidden]{display:none}
.table-host table{border-collapse:collapse;width:100%;font-size:12px}
.table-host th,.table-host td{text-align:left;padding:2px 8px;border-bottom:1px solid var(--vscode-panel-border, #e5e5e5);vertical-align:top}
.table-host th{position:sticky;top:0;background:var(--vscode-editor-background, #ffffff)}
.table-host td.hex,.table-host td.size{white-space:nowrap}
.table-host td.hex{font-family:var(--vscode-editor-font-family, ui-monospace, Menlo, Consolas, monospace)}
.table-host tr.highlighted{background:var(--vscode-editor-findMatchHighlightBackground, rgba(234,92,0,.33))}
.table-host button{text-align:left;background:none;border:none;color:var(--vscode-textLink-foreground, #005fb8);cursor:pointer;font:inherit;padding:0;text-decoration:underline}
.table-host .pager{display:flex;flex-wrap:wrap;gap:6px;align-items:center;padding:4px 8px}
.table-host .pager button{background:var(--vscode-button-secondaryBackground, #e5e5e5);color:var(--vscode-button-secondaryForeground, #1f1f1f);border:1px solid var(--vscode-button-border, transparent);border-radius:2px;padding:2px 8px;text-decoration:none}
.table-host .pager button:disabled{opacity:.5;cursor:default}
.table-host td.sev-error{color:var(--vscode-editorError-foreground, #e51400)}
.table-host td.sev-warning{color:var(--vscode-editorWarning-foreground, #bf8803)}
.table-host td.sev-information,.table-host td.sev-hint{color:var(--vscode-editorInfo-foreground, #1a85ff)}
body.vscode-high-contrast .toolbar button,body.vscode-high-contrast-light .toolbar button{border:1px solid var(--vscode-contrastBorder, #6fc3df)}
body.vscode-high-contrast .table-host th,body.vscode-high-contrast .table-host td,body.vscode-high-contrast-light .table-host th,body.vscode-high-contrast-light .table-host td{border-bottom:1px solid var(--vscode-contrastBorder, #6fc3df)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** Light Modern defaults for the theme variables, for the standalone page outside VS Code (Dark Modern under prefers-color-scheme: dark). */
export const LIGHT_DEFAULTS_CSS = `
:root{--vscode-font-family:system-ui,-apple-system,"Segoe UI",Ubuntu,sans-serif;--vscode-font-size:13px;
--vscode-editor-font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;
--vscode-editor-background:#ffffff;--vscode-editor-foreground:#1f1f1f;--vscode-focusBorder:#005fb8;
--vscode-charts-foreground:#616161;--vscode-charts-red:#e51400;--vscode-charts-blue:#1a85ff;--vscode-charts-yellow:#bf8803;
--vscode-charts-orange:#d18616;--vscode-charts-green:#388a34;--vscode-charts-purple:#652d90;
--vscode-editorError-foreground:#e51400;--vscode-editorWarning-foreground:#bf8803;--vscode-editorInfo-foreground:#1a85ff;
--vscode-button-background:#005fb8;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#e5e5e5;
--vscode-button-secondaryForeground:#3b3b3b;--vscode-button-secondaryHoverBackground:#cccccc;--vscode-panel-border:#e5e5e5;
--vscode-textLink-foreground:#005fb8}
@media (prefers-color-scheme: dark){:root{
--vscode-editor-background:#1f1f1f;--vscode-editor-foreground:#cccccc;--vscode-focusBorder:#0078d4;
--vscode-charts-foreground:#cccccc;--vscode-charts-red:#f14c4c;--vscode-charts-blue:#3794ff;--vscode-charts-yellow:#cca700;
--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-purple:#b180d7;
--vscode-editorError-foreground:#f14c4c;--vscode-editorWarning-foreground:#cca700;--vscode-editorInfo-foreground:#3794ff;
--vscode-button-background:#0078d4;--vscode-button-foreground:#ffffff;--vscode-button-secondaryBackground:#313131;
--vscode-button-secondaryForeground:#cccccc;--vscode-button-secondaryHoverBackground:#3c3c3c;--vscode-panel-border:#2b2b2b;
--vscode-textLink-foreground:#4daafc}}
`;
