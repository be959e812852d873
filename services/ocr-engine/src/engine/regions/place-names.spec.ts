import { birthplaceNames, printedRegionVariants, snapPlaceName } from './place-names';
import { RegionLookup } from './region-lookup';

describe('place names', () => {
  const regions = RegionLookup.load();

  it('prints Jakarta and Yogyakarta the way cards do', () => {
    expect(printedRegionVariants('KOTA ADMINISTRASI JAKARTA SELATAN')).toContain('JAKARTA SELATAN');
    expect(printedRegionVariants('DAERAH ISTIMEWA YOGYAKARTA')).toContain('DI YOGYAKARTA');
  });

  it('snaps truncated endings, split words and lost spaces to the official name', () => {
    const births = birthplaceNames(regions);
    expect(snapPlaceName('JOMBAN', births)?.name).toBe('JOMBANG');
    expect(snapPlaceName('BOYOLALL', births)?.name).toBe('BOYOLALI');
    expect(snapPlaceName('KOTABANDUNG', births)?.name).toBe('KOTA BANDUNG');
    const districts = regions.childrenOf('3327').map((d) => d.name);
    expect(snapPlaceName('PET ARUKAN', districts)?.name).toBe('PETARUKAN');
  });

  it('keeps readings that are no official name, or as close to two', () => {
    const births = birthplaceNames(regions);
    expect(snapPlaceName('BERLIN', births)).toBeNull();
    expect(snapPlaceName('JAKARTA', births)).toBeNull();
    expect(snapPlaceName('BAT', ['BATU', 'BAU'])).toBeNull();
  });

  it('of names equal but for spacing, picks the one spaced as read', () => {
    expect(snapPlaceName('ADIAN KOTING', ['ADIANKOTING', 'ADIAN KOTING'])?.name).toBe('ADIAN KOTING');
    expect(snapPlaceName('ADIANKOT ING', ['ADIANKOTING', 'ADIAN KOTING'])?.name).toBe('ADIANKOTING');
    expect(snapPlaceName('ADIANKOTNG', ['ADIAN KOTING', 'ADIANKOTING'])?.name).toBe('ADIANKOTING');
  });
});
