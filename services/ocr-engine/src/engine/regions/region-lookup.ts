import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FORMER_REGION_NAMES } from './former-region-names';

/** A named region: `code` is the NIK form without dots (`32`, `3205`, `320505`). */
export interface NamedRegion {
  code: string;
  name: string;
}

/** Default location of the `idn-area-data` CSV files (Kemendagri codes and names). */
export function defaultRegionDataDir(): string {
  return path.join(path.dirname(require.resolve('idn-area-data')), '..', 'data');
}

/** Rows of a `code,parent,name` or `code,name` CSV; names may contain commas, so they take the rest of the line. */
function readCsv(file: string, columnsBeforeName: number): { code: string; name: string; parent: string }[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).slice(1);
  const rows: { code: string; name: string; parent: string }[] = [];
  for (const line of lines) {
    if (!line) continue;
    const parts = line.split(',');
    rows.push({
      code: parts[0].replace(/\./g, ''),
      parent: columnsBeforeName > 1 ? parts[1].replace(/\./g, '') : '',
      name: parts.slice(columnsBeforeName).join(',').replace(/^"|"$/g, '').toUpperCase(),
    });
  }
  return rows;
}

function addChild(index: Map<string, NamedRegion[]>, parent: string, child: NamedRegion): void {
  const list = index.get(parent);
  if (list) list.push(child);
  else index.set(parent, [child]);
}

/**
 * The gazetteer: official region names and codes from `idn-area-data` (provinces, regencies/cities,
 * districts, villages), by the region part of a NIK (`PP`, `PPKK`, `PPKKCC`) and by parent.
 * Loaded once; codes from before a regional split resolve only as far as they still exist. Regions renamed
 * in 2025 also keep their former name (`former-region-names.ts`): cards printed before show it.
 */
export class RegionLookup {
  private constructor(
    private readonly names: ReadonlyMap<string, string>,
    private readonly children: ReadonlyMap<string, NamedRegion[]>,
    private readonly villagesByDistrict: ReadonlyMap<string, string[]>,
  ) {}

  static load(dataDir: string = defaultRegionDataDir()): RegionLookup {
    const names = new Map<string, string>();
    const children = new Map<string, NamedRegion[]>();
    for (const row of readCsv(path.join(dataDir, 'provinces.csv'), 1)) {
      names.set(row.code, row.name);
      addChild(children, '', { code: row.code, name: row.name });
    }
    for (const file of ['regencies.csv', 'districts.csv']) {
      for (const row of readCsv(path.join(dataDir, file), 2)) {
        names.set(row.code, row.name);
        addChild(children, row.parent, { code: row.code, name: row.name });
      }
    }
    const villages = new Map<string, string[]>();
    for (const row of readCsv(path.join(dataDir, 'villages.csv'), 2)) {
      const list = villages.get(row.parent);
      if (list) list.push(row.name);
      else villages.set(row.parent, [row.name]);
    }
    for (const [code, former] of Object.entries(FORMER_REGION_NAMES)) {
      const list = code.length === 10 ? villages.get(code.slice(0, 6)) : undefined;
      if (list && !list.includes(former)) list.push(former);
    }
    return new RegionLookup(names, children, villages);
  }

  /** Official name of a province (2 digits), regency/city (4) or district (6) code. */
  nameOf(code: string): string | null {
    return this.names.get(code) ?? null;
  }

  /** The name a province, regency/city or district code had before the 2025 renaming, if it changed. */
  formerNameOf(code: string): string | null {
    return FORMER_REGION_NAMES[code] ?? null;
  }

  provinces(): readonly NamedRegion[] {
    return this.children.get('') ?? [];
  }

  /** Regencies and cities of a province, or districts of a regency. */
  childrenOf(code: string): readonly NamedRegion[] {
    return this.children.get(code) ?? [];
  }

  /** Every regency and city of the country. */
  regencies(): NamedRegion[] {
    return this.provinces().flatMap((p) => this.childrenOf(p.code));
  }

  /** Village names of a district: the official ones, then the former names of villages renamed in 2025. */
  villagesOf(districtCode: string): readonly string[] {
    return this.villagesByDistrict.get(districtCode) ?? [];
  }
}
