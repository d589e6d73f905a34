// The `kexec-layout` task type: runs the bundled CLI's `check` on layouts in a terminal, and the
// `$kexec-layout` problem matcher (package.json) puts each `path:line:col: severity: message
// [code]` line into the Problems panel. The check itself is the CLI's, never re-done here.

import * as vscode from 'vscode';

export const TASK_TYPE = 'kexec-layout';

/** What a tasks.json entry of type `kexec-layout` may say (package.json taskDefinitions). */
interface CheckTaskDefinition extends vscode.TaskDefinition {
  /** Layout files, relative to the folder (variables such as ${file} allowed). */
  files: string[];
  /** Kernel version to check against (`check --kernel`). */
  kernel?: string;
}

function checkTask(context: vscode.ExtensionContext, def: CheckTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope, name: string): vscode.Task {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server', 'cli.js').fsPath;
  const args = [cli, 'check', ...(def.kernel ? ['--kernel', def.kernel] : []), '--', ...def.files];
  // The editor's own runtime runs the CLI: no separate Node install is needed.
  const exec = new vscode.ProcessExecution(process.execPath, args, {
    env: { ELECTRON_RUN_AS_NODE: '1' },
    ...(typeof scope === 'object' ? { cwd: scope.uri.fsPath } : {}),
  });
  return new vscode.Task(def, scope, name, 'kexec-layout', exec, ['$kexec-layout']);
}

export function registerCheckTasks(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    // One task per folder: check every layout in it.
    async provideTasks() {
      const tasks: vscode.Task[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.kexec'), '**/node_modules/**');
        if (found.length === 0) continue;
        const files = found.map((u) => vscode.workspace.asRelativePath(u, false)).sort();
        tasks.push(checkTask(context, { type: TASK_TYPE, files }, folder, 'check layouts'));
      }
      return tasks;
    },
    // A tasks.json entry: its files and kernel, with this extension's CLI.
    resolveTask(task) {
      const def = task.definition as CheckTaskDefinition;
      if (!Array.isArray(def.files) || def.files.length === 0) return undefined;
      return checkTask(context, def, task.scope ?? vscode.TaskScope.Workspace, task.name);
    },
  });
}
