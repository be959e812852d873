import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { manifestProblems, neededInfrastructure, schemaProblems } from './support/invariants';
import { copyManifests, find, K8sObject, OVERLAYS, render } from './support/render';
import { APPS } from './support/repo';

/** A generated ConfigMap by the name it has in the manifests (kustomize appends a hash). */
function configMap(objects: K8sObject[], name: string): K8sObject {
  return objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith(`${name}-`))!;
}

/** Edits one YAML document (kind/name) of a file in a copy of k8s/. */
function editDocument(dir: string, file: string, kind: string, name: string, edit: (doc: K8sObject) => void): void {
  const full = path.join(dir, file);
  const docs = fs
    .readFileSync(full, 'utf8')
    .split(/^---$/m)
    .map((text) => {
      const doc = parse(text) as K8sObject | null;
      if (doc?.kind !== kind || doc.metadata.name !== name) return text;
      edit(doc);
      return `\n${stringify(doc)}`;
    });
  fs.writeFileSync(full, docs.join('---'));
}

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(overlay);
  });

  it('renders objects that all validate against the Kubernetes OpenAPI schemas (no unknown fields) and every invariant', () => {
    expect(objects.length).toBeGreaterThan(40);
    expect(manifestProblems(objects, overlay)).toEqual([]);
  });

  it('runs every app of scripts/lib/apps.js, and the services without an HTTP port probe over RabbitMQ', () => {
    for (const app of APPS) {
      const container = find(objects, 'Deployment', app.name)!.spec.template.spec.containers[0];
      if (app.name === 'gateway') {
        expect(container.livenessProbe.httpGet.path).toBe('/api/health/live');
        expect(container.readinessProbe.httpGet.path).toBe('/api/health/ready');
      } else {
        expect(container.livenessProbe.exec.command).toEqual(['node', '/app/scripts/healthcheck.js', 'live', app.name]);
        expect(container.readinessProbe.exec.command).toEqual(['node', '/app/scripts/healthcheck.js', 'ready', app.name]);
      }
    }
  });

  it("routes every path of its host to the gateway's HTTP port over HTTPS: the web clients at /, the API and socket.io", () => {
    const ingress = find(objects, 'Ingress', 'gateway')!;
    expect(ingress.spec.rules).toHaveLength(1);
    const [{ host, http }] = ingress.spec.rules;
    expect(http.paths).toEqual([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gateway', port: { name: 'http' } } } }]);
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: 'mediq-tls' }]);
    const gateway = find(objects, 'Deployment', 'gateway')!.spec.template.spec.containers[0];
    const service = find(objects, 'Service', 'gateway')!;
    expect(service.spec.ports.map((p: { name: string; targetPort: string }) => [p.name, p.targetPort])).toEqual([['http', 'http']]);
    expect(gateway.ports.find((p: { name: string }) => p.name === 'http').containerPort).toBe(Number(configMap(objects, 'gateway-config').data!.GATEWAY_PORT));
  });

  it("exposes every app's metrics on METRICS_PORT of mediq-config: the pod's port named metrics and Prometheus's scrape annotations", () => {
    const shared = configMap(objects, 'mediq-config');
    const port = shared.data!.METRICS_PORT;
    expect(port).toMatch(/^\d+$/);
    for (const app of APPS) {
      const deployment = find(objects, 'Deployment', app.name)!;
      const container = deployment.spec.template.spec.containers[0];
      expect(container.envFrom).toContainEqual({ configMapRef: { name: shared.metadata.name } });
      expect([app.name, container.ports]).toEqual([app.name, expect.arrayContaining([{ name: 'metrics', containerPort: Number(port), protocol: 'TCP' }])]);
      expect([app.name, deployment.spec.template.metadata.annotations]).toEqual([
        app.name,
        { 'prometheus.io/scrape': 'true', 'prometheus.io/port': port, 'prometheus.io/path': '/metrics' },
      ]);
    }
  });

  it('generates the Secret from secrets.env and keeps its values out of the repository', () => {
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('mediq-secrets'))!;
    const template = fs.readFileSync(path.join(__dirname, '../../k8s/overlays', overlay, 'secrets.env.example'), 'utf8');
    const values = template.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    const credentials = values.filter((line) => /^[A-Z_]*(SECRET|PASSWORD|KEY)=/.test(line));
    expect(credentials.length).toBeGreaterThan(5);
    for (const line of credentials) expect(line).toMatch(/^[A-Z_]+=$/);
    for (const line of values.filter((l) => l.includes('://'))) expect(line).toMatch(/:<[A-Z_]+>@/);
    expect(Object.keys(secret.data!)).toEqual(expect.arrayContaining(['RABBITMQ_URL', 'JWT_ACCESS_SECRET', ...APPS.flatMap((a) => (a.databaseEnv ? [a.databaseEnv] : []))]));
  });
});

describe('the invariants catch broken manifests', () => {
  const problemsAfter = (file: string, kind: string, name: string, edit: (doc: K8sObject) => void) => {
    const dir = copyManifests((copy) => editDocument(copy, file, kind, name, edit));
    try {
      return manifestProblems(render('staging', dir), 'staging', dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('fails when a Deployment loses its readiness probe', () => {
    expect(problemsAfter('base/apps/user.yaml', 'Deployment', 'user', (d) => delete d.spec.template.spec.containers[0].readinessProbe)).toContain(
      'Deployment/user container user: no readinessProbe',
    );
  });

  it('fails when a Deployment loses its memory limit', () => {
    expect(problemsAfter('base/apps/gateway.yaml', 'Deployment', 'gateway', (d) => delete d.spec.template.spec.containers[0].resources.limits.memory)).toContain(
      'Deployment/gateway container gateway: no limits.memory',
    );
  });

  it('fails when a container may escalate privileges or write its root filesystem', () => {
    const problems = problemsAfter('base/apps/ocr-engine.yaml', 'Deployment', 'ocr-engine', (d) => {
      const sc = d.spec.template.spec.containers[0].securityContext;
      sc.allowPrivilegeEscalation = true;
      sc.readOnlyRootFilesystem = false;
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Deployment/ocr-engine container ocr-engine: allowPrivilegeEscalation must be false',
        'Deployment/ocr-engine container ocr-engine: readOnlyRootFilesystem must be true',
      ]),
    );
  });

  it('fails when a secret the config needs is no longer provided', () => {
    const app = APPS.find((a) => a.databaseEnv)!;
    const problems = problemsAfter(`base/apps/${app.name}.yaml`, 'Deployment', app.name, (d) => {
      const c = d.spec.template.spec.containers[0];
      c.env = c.env.filter((e: { name: string }) => e.name !== app.databaseEnv);
    });
    expect(problems).toContain(`${app.name}: ${app.databaseEnv} is not provided by a ConfigMap or Secret`);
  });

  it('fails when an app may reach infrastructure it does not use', () => {
    const app = APPS.find((a) => !neededInfrastructure(a).has('mysql'))!;
    const problems = problemsAfter(`base/apps/${app.name}.yaml`, 'NetworkPolicy', app.name, (p) => {
      p.spec.egress.push({ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'mysql' } } }], ports: [{ port: 3306, protocol: 'TCP' }] });
    });
    expect(problems).toContain(`${app.name}: does not use mysql but a policy allows it`);
  });

  it('fails when an HPA or a PDB is missing', () => {
    const withoutHpa = problemsAfter('base/apps/institution.yaml', 'HorizontalPodAutoscaler', 'institution', (h) => {
      h.metadata.name = 'renamed';
    });
    expect(withoutHpa).toContain('institution: no HorizontalPodAutoscaler');
    const withoutPdb = problemsAfter('base/apps/patient-queue.yaml', 'PodDisruptionBudget', 'patient-queue', (p) => {
      p.spec.selector.matchLabels['app.kubernetes.io/name'] = 'nothing';
    });
    expect(withoutPdb).toContain('patient-queue: no PodDisruptionBudget selecting its pods');
  });

  it('fails when the Ingress routes only the API and socket.io (the kiosk and the display board would not load)', () => {
    const problems = problemsAfter('base/ingress.yaml', 'Ingress', 'gateway', (i) => {
      const [root] = i.spec.rules[0].http.paths;
      i.spec.rules[0].http.paths = ['/api', '/socket.io'].map((path) => ({ ...root, path }));
    });
    expect(problems).toContain('Ingress: routes /api (Prefix), /socket.io (Prefix) instead of / (Prefix)');
  });

  it("fails when the gateway's Service exposes the metrics port, or the Ingress sends a path elsewhere than the HTTP port", () => {
    const exposed = problemsAfter('base/apps/gateway.yaml', 'Service', 'gateway', (s) => {
      s.spec.ports.push({ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' });
    });
    expect(exposed).toContain('gateway: its Service exposes the metrics port');
    const routed = problemsAfter('base/ingress.yaml', 'Ingress', 'gateway', (i) => {
      i.spec.rules[0].http.paths[0].backend.service.port = { name: 'metrics' };
    });
    expect(routed).toContain("Ingress: every path must go to the gateway's HTTP port");
  });

  it('fails when the gateway does not trust the ingress controller for the client address', () => {
    const dir = copyManifests((d) => {
      const file = path.join(d, 'base/kustomization.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n\s+- TRUST_PROXY_HOPS=\d+/, ''));
    });
    try {
      expect(manifestProblems(render('staging', dir), 'staging', dir)).toContain('gateway: TRUST_PROXY_HOPS must trust the ingress controller, or every client shares its address');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not render a Deployment without its metrics port (the replacements of METRICS_PORT find no target)', () => {
    const dir = copyManifests((copy) => editDocument(copy, 'base/apps/user.yaml', 'Deployment', 'user', (d) => delete d.spec.template.spec.containers[0].ports));
    try {
      expect(() => render('staging', dir)).toThrow(expect.objectContaining({ stderr: expect.stringMatching(/unable to find field .+ports\.\[name=metrics\]\.containerPort/) }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails when an overlay moves a pod's metrics port away from METRICS_PORT or drops a scrape annotation", () => {
    const dir = copyManifests((d) => {
      const file = path.join(d, 'overlays/staging/kustomization.yaml');
      const kustomization = parse(fs.readFileSync(file, 'utf8'));
      kustomization.patches.push(
        { target: { kind: 'Deployment', name: 'user' }, patch: '- op: replace\n  path: /spec/template/spec/containers/0/ports/0/containerPort\n  value: 9100' },
        { target: { kind: 'Deployment', name: 'ocr' }, patch: '- op: remove\n  path: /spec/template/metadata/annotations/prometheus.io~1scrape' },
      );
      fs.writeFileSync(file, stringify(kustomization));
    });
    try {
      expect(manifestProblems(render('staging', dir), 'staging', dir)).toEqual(
        expect.arrayContaining(["user: the container's port named metrics is 9100, not METRICS_PORT 9464", 'ocr: pod annotation prometheus.io/scrape is undefined, expected true']),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when Prometheus may not reach the services', () => {
    const problems = problemsAfter('base/network-policies.yaml', 'NetworkPolicy', 'allow-metrics-scrape', (p) => {
      p.spec.podSelector.matchExpressions[0].values = ['api'];
    });
    expect(problems).toEqual(expect.arrayContaining(APPS.filter((a) => a.name !== 'gateway').map((a) => `${a.name}: no policy lets Prometheus reach its metrics port`)));
    expect(problems).not.toContain('gateway: no policy lets Prometheus reach its metrics port');
  });

  it('fails when Prometheus may reach a service on another port than its metrics port', () => {
    const problems = problemsAfter('base/network-policies.yaml', 'NetworkPolicy', 'allow-metrics-scrape', (p) => {
      p.spec.ingress[0].ports.push({ port: 8080, protocol: 'TCP' });
    });
    expect(problems).toContain("institution: accepts connections besides Prometheus's scrapes, but a service only consumes from RabbitMQ");
  });

  it("moves every pod's metrics port and scrape annotation with METRICS_PORT in mediq-config, its one place", () => {
    const dir = copyManifests((d) => {
      const file = path.join(d, 'base/kustomization.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/- METRICS_PORT=\d+/, '- METRICS_PORT=9300'));
    });
    try {
      const objects = render('staging', dir);
      expect(manifestProblems(objects, 'staging', dir)).toEqual([]);
      for (const app of APPS) {
        const deployment = find(objects, 'Deployment', app.name)!;
        const metrics = deployment.spec.template.spec.containers[0].ports.find((p: { name: string }) => p.name === 'metrics');
        expect([app.name, metrics.containerPort, deployment.spec.template.metadata.annotations['prometheus.io/port']]).toEqual([app.name, 9300, '9300']);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when an overlay stops pinning an image', () => {
    const dir = copyManifests((d) => {
      const file = path.join(d, 'overlays/staging/kustomization.yaml');
      const kustomization = parse(fs.readFileSync(file, 'utf8'));
      kustomization.images = kustomization.images.filter((i: { name: string }) => i.name !== 'mediq/ocr');
      fs.writeFileSync(file, stringify(kustomization));
    });
    const problems = manifestProblems(render('staging', dir), 'staging', dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual(
      expect.arrayContaining(['Deployment/ocr: image mediq/ocr is not pinned to a tag or digest', 'the overlay does not pin the image mediq/ocr']),
    );
  });

  it('fails on a field the Kubernetes API does not know', () => {
    const problems = problemsAfter('base/apps/ocr.yaml', 'Deployment', 'ocr', (d) => {
      d.spec.template.spec.topologySpreadConstraint = d.spec.template.spec.topologySpreadConstraints;
      delete d.spec.template.spec.topologySpreadConstraints;
    });
    expect(problems.join('\n')).toMatch(/Deployment\/ocr: .*'"topologySpreadConstraint"' does not exist in type/);
  });

  it('reports objects the Kubernetes schema rejects', () => {
    const objects = render('staging');
    const deployment = structuredClone(find(objects, 'Deployment', 'user')!);
    deployment.spec.template.spec.containers[0].resources.limits.cpu = { cores: 1 };
    delete deployment.spec.selector;
    expect(schemaProblems([deployment]).join('\n')).toMatch(/selector/);
  });
});
