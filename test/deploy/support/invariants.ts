import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { baseEnvSchema, z } from '@mediq/common';
import { ConfigVariable, configVariables, dependsOn, variablesToProvide } from './app-config';
import { find, K8sObject, ofKind, Overlay } from './render';
import { APPS, AppEntry, ROOT } from './repo';
import { unknownFieldProblems } from './unknown-fields';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const STAGES = ['infrastructure', 'migration', 'apps'] as const;
const INFRASTRUCTURE = { mysql: 3306, redis: 6379, rabbitmq: 5672 } as const;
type Infrastructure = keyof typeof INFRASTRUCTURE;

/** The Kubernetes model class (OpenAPI schema validator) for an apiVersion/kind. */
function modelFor(object: K8sObject): (new (data: unknown) => { validate(): void }) | undefined {
  const group = object.apiVersion.includes('/') ? object.apiVersion : `v1`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${group}/${object.kind}`)[object.kind];
  } catch {
    return undefined;
  }
}

export function schemaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const Model = modelFor(object);
    const id = `${object.kind}/${object.metadata?.name}`;
    if (!Model) {
      problems.push(`${id}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    // kustomize folds long base64 values over several lines; the API server's decoder skips the newlines.
    const normalised =
      object.kind === 'Secret' && object.data
        ? { ...object, data: Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, v.replace(/\s+/g, '')])) }
        : object;
    try {
      new Model(normalised).validate();
    } catch (error) {
      problems.push(`${id}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The app's schema gives a variable of the shared base schema a default of its own (the OCR engine's prefetch). */
function ownDefault(variable: ConfigVariable): boolean {
  const base = (baseEnvSchema.shape as Record<string, z.ZodType>)[variable.name];
  if (!base) return false;
  const mine = variable.schema.safeParse(undefined);
  const theirs = base.safeParse(undefined);
  return mine.success && theirs.success && mine.data !== theirs.data;
}

/** Does the app talk to Redis? Its config declares REDIS_URL, or it depends on a Redis client. */
export function usesRedis(app: AppEntry): boolean {
  return configVariables(app).some((v) => v.name === 'REDIS_URL') || dependsOn(app, 'ioredis');
}

/** Infrastructure the app connects to, from its config and scripts/lib/apps.js. */
export function neededInfrastructure(app: AppEntry): Set<Infrastructure> {
  const needs = new Set<Infrastructure>(['rabbitmq']);
  if (app.databaseEnv) needs.add('mysql');
  if (usesRedis(app)) needs.add('redis');
  return needs;
}

function selects(selector: any, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = (selector.matchExpressions ?? []) as Array<{ key: string; operator: string; values?: string[] }>;
  if (matchLabels.length === 0 && expressions.length === 0) return true;
  return (
    matchLabels.every(([k, v]) => labels[k] === v) &&
    expressions.every((e) => {
      if (e.operator === 'In') return e.values!.includes(labels[e.key]);
      if (e.operator === 'NotIn') return !e.values!.includes(labels[e.key]);
      if (e.operator === 'Exists') return e.key in labels;
      return !(e.key in labels);
    })
  );
}

/** Policies that select the pod, and whether they allow `direction` traffic to/from `peer` on `port`. */
function policyAllows(policies: K8sObject[], pod: Record<string, string>, direction: 'ingress' | 'egress', peer: Record<string, string>, port: number): boolean {
  return policies
    .filter((p) => selects(p.spec.podSelector, pod) && (p.spec.policyTypes ?? []).includes(direction === 'ingress' ? 'Ingress' : 'Egress'))
    .some((p) =>
      (p.spec[direction] ?? []).some((rule: any) => {
        const peers = rule[direction === 'ingress' ? 'from' : 'to'];
        const portOk = !rule.ports || rule.ports.some((r: any) => r.port === port);
        // A peer without namespaceSelector means this namespace.
        const peerOk = !peers || peers.some((x: any) => !x.namespaceSelector && !x.ipBlock && selects(x.podSelector, peer));
        return portOk && peerOk;
      }),
    );
}

function podLabels(objects: K8sObject[], name: string): Record<string, string> {
  const workload = objects.find((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind) && o.spec.template.metadata.labels['app.kubernetes.io/name'] === name);
  return workload?.spec.template.metadata.labels ?? { 'app.kubernetes.io/name': name };
}

function containers(workload: K8sObject): any[] {
  const spec = workload.spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers];
}

function deploymentProblems(deployment: K8sObject): string[] {
  const problems: string[] = [];
  const id = `Deployment/${deployment.metadata.name}`;
  const pod = deployment.spec.template.spec;
  const podSecurity = pod.securityContext ?? {};
  if (podSecurity.runAsNonRoot !== true) problems.push(`${id}: pod securityContext.runAsNonRoot must be true`);
  if (!podSecurity.runAsUser || podSecurity.runAsUser === 0) problems.push(`${id}: pod must run as a non-zero runAsUser`);
  if (podSecurity.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${id}: pod seccompProfile must be RuntimeDefault`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${id}: must not mount a service account token`);
  for (const c of pod.containers) {
    const cid = `${id} container ${c.name}`;
    for (const probe of ['livenessProbe', 'readinessProbe']) if (!c[probe]) problems.push(`${cid}: no ${probe}`);
    for (const kind of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) if (!c.resources?.[kind]?.[resource]) problems.push(`${cid}: no ${kind}.${resource}`);
    }
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${cid}: allowPrivilegeEscalation must be false`);
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${cid}: readOnlyRootFilesystem must be true`);
    if (sc.privileged === true) problems.push(`${cid}: must not be privileged`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`${cid}: must drop ALL capabilities`);
    if (sc.runAsUser === 0) problems.push(`${cid}: must not run as root`);
  }
  return problems;
}

/** Names each container gets, and from where; checks that every reference resolves. */
function providedEnv(objects: K8sObject[], container: any, problems: string[], id: string): Map<string, 'secret' | 'configmap' | 'literal'> {
  const provided = new Map<string, 'secret' | 'configmap' | 'literal'>();
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const target = find(objects, kind, ref.name);
    if (!target) {
      problems.push(`${id}: envFrom ${kind} ${ref.name} does not exist`);
      continue;
    }
    for (const key of Object.keys(target.data ?? {})) provided.set(key, kind === 'Secret' ? 'secret' : 'configmap');
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    if (!ref) {
      provided.set(variable.name, 'literal');
      continue;
    }
    const kind = variable.valueFrom.secretKeyRef ? 'Secret' : 'ConfigMap';
    const target = find(objects, kind, ref.name);
    if (!target || !(ref.key in (target.data ?? {}))) {
      problems.push(`${id}: ${variable.name} refers to ${kind} ${ref.name} key ${ref.key}, which does not exist`);
      continue;
    }
    provided.set(variable.name, kind === 'Secret' ? 'secret' : 'configmap');
  }
  return provided;
}

/** The value a container gets for `name` from a literal or a ConfigMap (env wins over envFrom, a later envFrom over an earlier one). */
function configuredValue(objects: K8sObject[], container: any, name: string): string | undefined {
  const literal = (container.env ?? []).find((e: any) => e.name === name);
  if (literal) return literal.value ?? find(objects, 'ConfigMap', literal.valueFrom?.configMapKeyRef?.name)?.data?.[literal.valueFrom.configMapKeyRef.key];
  const maps = (container.envFrom ?? []).filter((f: any) => f.configMapRef).map((f: any) => find(objects, 'ConfigMap', f.configMapRef.name)?.data ?? {});
  return maps.reverse().find((data: Record<string, string>) => name in data)?.[name];
}

/** The container port named `metrics` (where the app serves METRICS_PORT). */
function metricsPort(deployment: K8sObject | undefined): number | undefined {
  return deployment?.spec.template.spec.containers[0].ports?.find((p: any) => p.name === 'metrics')?.containerPort;
}

/** A policy rule that lets pods of another namespace in on the metrics port only: Prometheus's scrapes. */
function isScrapeRule(rule: any, port: number | undefined): boolean {
  const ports = rule.ports ?? [];
  return ports.length > 0 && ports.every((p: any) => p.port === 'metrics' || p.port === port) && (rule.from ?? []).length > 0 && rule.from.every((peer: any) => peer.namespaceSelector);
}

/** Each replica serves its metrics on METRICS_PORT: the container port named `metrics`, with Prometheus's scrape annotations on it. */
function metricsProblems(objects: K8sObject[], app: AppEntry, deployment: K8sObject, container: any): string[] {
  const port = configuredValue(objects, container, 'METRICS_PORT');
  if (port === undefined) return [`${app.name}: METRICS_PORT is not set, so it serves no metrics`];
  const problems: string[] = [];
  if (metricsPort(deployment) !== Number(port)) problems.push(`${app.name}: the container's port named metrics is ${metricsPort(deployment)}, not METRICS_PORT ${port}`);
  const expected = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': port, 'prometheus.io/path': '/metrics' };
  const annotations = deployment.spec.template.metadata.annotations ?? {};
  for (const [key, value] of Object.entries(expected)) {
    if (annotations[key] !== value) problems.push(`${app.name}: pod annotation ${key} is ${annotations[key]}, expected ${value}`);
  }
  return problems;
}

function appProblems(objects: K8sObject[], app: AppEntry): string[] {
  const problems: string[] = [];
  const deployment = find(objects, 'Deployment', app.name);
  if (!deployment) return [`${app.name}: no Deployment`];
  const labels = deployment.spec.template.metadata.labels;
  if (!selects(deployment.spec.selector, labels)) problems.push(`${app.name}: the Deployment's selector does not match its pods`);

  const hpa = find(objects, 'HorizontalPodAutoscaler', app.name);
  if (!hpa) problems.push(`${app.name}: no HorizontalPodAutoscaler`);
  else {
    const target = hpa.spec.scaleTargetRef;
    if (target.kind !== 'Deployment' || target.name !== app.name) problems.push(`${app.name}: the HPA scales ${target.kind}/${target.name}`);
    if (hpa.spec.minReplicas !== 2 || hpa.spec.maxReplicas !== 10) problems.push(`${app.name}: the HPA must scale 2-10 replicas`);
    if (!(hpa.spec.metrics ?? []).some((m: any) => m.type === 'Resource' && m.resource.name === 'cpu')) problems.push(`${app.name}: the HPA must scale on CPU`);
  }
  if (deployment.spec.replicas !== undefined) problems.push(`${app.name}: the Deployment sets replicas, which fights the HPA on every apply`);

  const pdb = find(objects, 'PodDisruptionBudget', app.name);
  if (!pdb || !selects(pdb.spec.selector, labels)) problems.push(`${app.name}: no PodDisruptionBudget selecting its pods`);

  const account = deployment.spec.template.spec.serviceAccountName;
  if (!account || !find(objects, 'ServiceAccount', account)) problems.push(`${app.name}: no ServiceAccount of its own`);

  // Network: a policy selects the pods, allows exactly the infrastructure the app needs.
  const policies = ofKind(objects, 'NetworkPolicy');
  if (!policies.some((p) => p.metadata.name === app.name && selects(p.spec.podSelector, labels))) {
    problems.push(`${app.name}: no NetworkPolicy of its own`);
  }
  const needs = neededInfrastructure(app);
  for (const [server, port] of Object.entries(INFRASTRUCTURE) as Array<[Infrastructure, number]>) {
    const peer = podLabels(objects, server);
    const egress = policyAllows(policies, labels, 'egress', peer, port);
    const ingress = policyAllows(policies, peer, 'ingress', labels, port);
    if (needs.has(server) && !(egress && ingress)) problems.push(`${app.name}: needs ${server}:${port} but the policies do not allow it (egress ${egress}, ingress ${ingress})`);
    if (!needs.has(server) && (egress || ingress)) problems.push(`${app.name}: does not use ${server} but a policy allows it`);
  }

  // Environment: every variable the config needs comes from a ConfigMap or a Secret.
  const container = deployment.spec.template.spec.containers.find((c: any) => c.name === app.name);
  if (!container) return [...problems, `${app.name}: no container named ${app.name}`];
  problems.push(...metricsProblems(objects, app, deployment, container));
  const provided = providedEnv(objects, container, problems, app.name);
  const mustProvide = new Map(variablesToProvide(app).map((v) => [v.name, v.secret]));
  if (app.databaseEnv) mustProvide.set(app.databaseEnv, true);
  for (const [name, secret] of mustProvide) {
    const source = provided.get(name);
    if (!source || source === 'literal') problems.push(`${app.name}: ${name} is not provided by a ConfigMap or Secret`);
    else if (secret && source !== 'secret') problems.push(`${app.name}: ${name} is secret-like but comes from a ConfigMap`);
  }
  const schema = Object.fromEntries(configVariables(app).map((v) => [v.name, v]));
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) continue;
    const shared = ofKind(objects, 'Deployment').filter((d) =>
      d.spec.template.spec.containers.some((c: any) => (c.envFrom ?? []).some((f: any) => f.configMapRef?.name === source.configMapRef.name)),
    ).length > 1;
    for (const [key, value] of Object.entries(find(objects, 'ConfigMap', source.configMapRef.name)?.data ?? {})) {
      const variable = schema[key];
      if (shared && variable && ownDefault(variable)) {
        problems.push(`${app.name}: shared ConfigMap ${source.configMapRef.name} overrides ${key}, for which the app chose its own default`);
      }
      if (variable?.secret) problems.push(`${app.name}: ConfigMap ${source.configMapRef.name} holds secret-like ${key}`);
      const parsed = variable?.schema.safeParse(value);
      if (parsed && !parsed.success) problems.push(`${app.name}: ConfigMap value ${key}=${value} is invalid: ${parsed.error.issues[0].message}`);
    }
  }
  return problems;
}

function imageProblems(objects: K8sObject[], overlay: Overlay, manifestsDir: string): string[] {
  const problems: string[] = [];
  const kustomization = parse(fs.readFileSync(path.join(manifestsDir, 'overlays', overlay, 'kustomization.yaml'), 'utf8'));
  const pinnedByOverlay = new Set<string>((kustomization.images ?? []).filter((i: any) => i.newTag || i.digest).map((i: any) => i.name));
  for (const workload of objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))) {
    for (const c of containers(workload)) {
      const image: string = c.image;
      const tag = image.includes('@') ? 'digest' : image.split('/').pop()!.split(':')[1];
      if (!tag || tag === 'latest') problems.push(`${workload.kind}/${workload.metadata.name}: image ${image} is not pinned to a tag or digest`);
    }
  }
  for (const app of [...APPS.map((a) => a.name), 'migrate']) {
    if (!pinnedByOverlay.has(`mediq/${app}`)) problems.push(`the overlay does not pin the image mediq/${app}`);
  }
  return problems;
}

function platformProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const namespace = ofKind(objects, 'Namespace')[0]?.metadata.name;
  if (!namespace) problems.push('no Namespace');
  for (const o of objects) {
    if (o.kind !== 'Namespace' && o.metadata.namespace !== namespace) problems.push(`${o.kind}/${o.metadata.name}: outside namespace ${namespace}`);
    const stage = o.metadata.labels?.['mediq.dev/stage'];
    if (!STAGES.includes(stage as (typeof STAGES)[number])) problems.push(`${o.kind}/${o.metadata.name}: no mediq.dev/stage label (${STAGES.join('|')})`);
  }

  const policies = ofKind(objects, 'NetworkPolicy');
  const denyAll = policies.find(
    (p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && ['Ingress', 'Egress'].every((t) => p.spec.policyTypes?.includes(t)) && !p.spec.ingress && !p.spec.egress,
  );
  if (!denyAll) problems.push('no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');

  // Prometheus (another namespace) reaches every app's metrics port; besides, only the ingress controller reaches the gateway, and nothing the other apps.
  for (const app of APPS) {
    const labels = podLabels(objects, app.name);
    const port = metricsPort(find(objects, 'Deployment', app.name));
    const rules = policies.filter((p) => selects(p.spec.podSelector, labels)).flatMap((p) => p.spec.ingress ?? []);
    const others = rules.filter((r: any) => !isScrapeRule(r, port));
    if (others.length === rules.length) problems.push(`${app.name}: no policy lets Prometheus reach its metrics port`);
    if (app.name === 'gateway') {
      const outsiders = others.flatMap((r: any) => r.from ?? [{}]).filter((peer: any) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] !== 'ingress-nginx');
      if (others.length === 0 || outsiders.length > 0) problems.push('gateway: only the ingress controller may reach it, and Prometheus its metrics port');
    } else if (others.length > 0) problems.push(`${app.name}: accepts connections besides Prometheus's scrapes, but a service only consumes from RabbitMQ`);
  }

  const gatewayService = find(objects, 'Service', 'gateway');
  const gateway = find(objects, 'Deployment', 'gateway');
  const gatewayContainer = gateway?.spec.template.spec.containers[0];
  const gatewayPorts = gatewayContainer?.ports ?? [];
  /** The container port a Service port sends to. */
  const targetOf = (servicePort: any) => gatewayPorts.find((c: any) => c.name === servicePort.targetPort || c.containerPort === servicePort.targetPort);
  if (!gatewayService || !gatewayService.spec.ports.every((p: any) => targetOf(p))) {
    problems.push('gateway: its Service must target a port the container declares');
  }
  // The gateway's HTTP port is public; its metrics port never is.
  const httpServicePort = gatewayService?.spec.ports.find((p: any) => String(targetOf(p)?.containerPort) === configuredValue(objects, gatewayContainer, 'GATEWAY_PORT'));
  if (!httpServicePort) problems.push('gateway: its Service must expose the HTTP port (GATEWAY_PORT)');
  if (gatewayService?.spec.ports.some((p: any) => targetOf(p)?.name === 'metrics')) problems.push('gateway: its Service exposes the metrics port');
  // Behind the Ingress, clients are told apart (rate limits per IP) by the X-Forwarded-For the controller sets.
  if (!(Number(configuredValue(objects, gatewayContainer, 'TRUST_PROXY_HOPS')) >= 1)) problems.push('gateway: TRUST_PROXY_HOPS must trust the ingress controller, or every client shares its address');
  const ingress = find(objects, 'Ingress', 'gateway');
  if (!ingress) problems.push('no Ingress for the gateway');
  else {
    const backends = ingress.spec.rules.flatMap((r: any) => r.http.paths);
    const toHttp = (b: any) => b.service.name === 'gateway' && httpServicePort && (b.service.port.name === httpServicePort.name || b.service.port.number === httpServicePort.port);
    if (!backends.every((p: any) => toHttp(p.backend))) problems.push("Ingress: every path must go to the gateway's HTTP port");
    // Every path: the web clients at `/` (kiosk, display board...), the API under /api, socket.io.
    const paths = backends.map((p: any) => `${p.path} (${p.pathType})`).sort();
    if (JSON.stringify(paths) !== JSON.stringify(['/ (Prefix)'])) problems.push(`Ingress: routes ${paths.join(', ')} instead of / (Prefix)`);
    // HTTPS on every host: browsers give the kiosk's page the camera in a secure context only.
    const tlsHosts = (ingress.spec.tls ?? []).flatMap((t: any) => t.hosts ?? []);
    if (ingress.spec.rules.some((r: any) => !tlsHosts.includes(r.host))) problems.push('Ingress: every host needs TLS');
    if (Number(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout'] ?? 0) < 3600) {
      problems.push('Ingress: WebSockets need proxy-read-timeout of at least an hour');
    }
    if (ingress.spec.rules.some((r: any) => !r.host)) problems.push('Ingress: every rule needs a host');
  }

  for (const name of Object.keys(INFRASTRUCTURE)) {
    const set = find(objects, 'StatefulSet', name);
    if (!set || !(set.spec.volumeClaimTemplates ?? []).length) problems.push(`no StatefulSet with a volume for ${name}`);
    else if (!set.spec.template.spec.containers.every((c: any) => c.livenessProbe && c.readinessProbe && c.resources?.limits)) problems.push(`StatefulSet/${name}: needs probes and limits`);
    else if (set.spec.template.spec.securityContext?.runAsNonRoot !== true) problems.push(`StatefulSet/${name}: must run as non-root`);
  }
  const init = ofKind(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('mysql-init'));
  for (const app of APPS.filter((a) => a.database)) {
    if (!Object.values(init?.data ?? {}).some((script) => script.includes(`${app.database}:`))) problems.push(`the MySQL init script does not create ${app.database}`);
  }

  const job = ofKind(objects, 'Job').find((j) => j.metadata.labels?.['mediq.dev/stage'] === 'migration');
  if (!job) problems.push('no migration Job');
  else {
    const command = job.spec.template.spec.containers[0].command?.join(' ') ?? '';
    if (!command.includes('scripts/migrate.js')) problems.push('the migration Job must run scripts/migrate.js');
    const jobProblems: string[] = [];
    const env = providedEnv(objects, job.spec.template.spec.containers[0], jobProblems, 'migrate');
    if (env.get('MYSQL_URL') !== 'secret') problems.push('the migration Job needs MYSQL_URL from a Secret');
    problems.push(...jobProblems);
    const labels = job.spec.template.metadata.labels;
    if (!policyAllows(policies, labels, 'egress', podLabels(objects, 'mysql'), 3306) || !policyAllows(policies, podLabels(objects, 'mysql'), 'ingress', labels, 3306)) {
      problems.push('the migration Job cannot reach MySQL');
    }
    // Applied before the apps (kubectl apply -l mediq.dev/stage=...): what the Job needs must not wait for the apps stage.
    const needed = [find(objects, 'ServiceAccount', job.spec.template.spec.serviceAccountName), ...ofKind(objects, 'Secret'), find(objects, 'StatefulSet', 'mysql')];
    for (const o of needed) if (!o || o.metadata.labels?.['mediq.dev/stage'] === 'apps') problems.push(`the migration Job needs ${o?.kind}/${o?.metadata.name} before the apps stage`);
  }
  return problems;
}

/** Everything wrong with a rendered overlay; empty when it may be applied. */
export function manifestProblems(objects: K8sObject[], overlay: Overlay, manifestsDir = path.join(ROOT, 'k8s')): string[] {
  return [
    ...schemaProblems(objects),
    ...unknownFieldProblems(objects),
    ...platformProblems(objects),
    ...imageProblems(objects, overlay, manifestsDir),
    ...ofKind(objects, 'Deployment').flatMap(deploymentProblems),
    ...APPS.flatMap((app) => appProblems(objects, app)),
  ];
}
