import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { K8sObject } from './render';
import { ROOT } from './repo';

/**
 * Fields the Kubernetes API does not know (a misspelt `livenesProbe` would be dropped silently by
 * the API server). The JSON-schema validation of kubernetes-models allows extra properties, so each
 * object is type-checked against the same package's TypeScript interfaces instead, whose excess
 * property checks reject any unknown field at any depth.
 */
export function unknownFieldProblems(objects: K8sObject[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-k8s-types-'));
  const file = path.join(dir, 'objects.ts');
  const lines: string[] = [];
  const owners: string[] = [];
  objects.forEach((object, index) => {
    const group = object.apiVersion.includes('/') ? object.apiVersion : 'v1';
    lines.push(`import type { I${object.kind} as T${index} } from 'kubernetes-models/${group}/${object.kind}';`);
  });
  objects.forEach((object, index) => {
    const json = JSON.stringify(object, null, 1).split('\n');
    json[0] = `export const o${index}: T${index} = ${json[0]}`;
    for (const line of json) {
      lines.push(line);
      owners[lines.length - 1] = `${object.kind}/${object.metadata.name}`;
    }
  });
  fs.writeFileSync(file, lines.join('\n'));
  try {
    const program = ts.createProgram([file], {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: ROOT,
      paths: { '*': [path.join(ROOT, 'node_modules/*')] },
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${owners[line] ?? 'objects.ts'}: ${message}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
