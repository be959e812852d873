import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './repo';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
}

export const OVERLAYS = ['staging', 'production'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/**
 * A copy of k8s/ in a temporary folder, each overlay's secrets.env made from its committed
 * template (the real one is git-ignored). `mutate` may edit the copy before rendering.
 */
export function copyManifests(mutate?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediq-k8s-'));
  fs.cpSync(path.join(ROOT, 'k8s'), dir, { recursive: true });
  for (const overlay of OVERLAYS) {
    const folder = path.join(dir, 'overlays', overlay);
    fs.copyFileSync(path.join(folder, 'secrets.env.example'), path.join(folder, 'secrets.env'));
  }
  mutate?.(dir);
  return dir;
}

/** `kubectl kustomize` of an overlay, parsed; from a fresh copy of k8s/ unless given one. */
export function render(overlay: Overlay, manifestsDir?: string): K8sObject[] {
  const dir = manifestsDir ?? copyManifests();
  let output: string;
  try {
    output = execFileSync('kubectl', ['kustomize', path.join(dir, 'overlays', overlay)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    if (!manifestsDir) fs.rmSync(dir, { recursive: true, force: true });
  }
  return parseAllDocuments(output).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS() as K8sObject;
  });
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}
