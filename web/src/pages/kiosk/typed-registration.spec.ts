import { typedProfile } from './typed-registration';

describe('typedProfile', () => {
  it('maps the card fields to a patient registration', () => {
    expect(
      typedProfile({
        nik: ' 3171014508900001 ',
        nama: 'SITI AMINAH ',
        tempatLahir: 'JAKARTA',
        tanggalLahir: '1990-08-05',
        jenisKelamin: 'PEREMPUAN',
        golonganDarah: 'ab',
        alamat: 'JL. MAWAR 1',
        rtRw: '001/002',
        kelurahanDesa: 'MENTENG',
        berlakuHingga: 'SEUMUR HIDUP',
      }),
    ).toMatchObject({
      nik: '3171014508900001',
      name: 'SITI AMINAH',
      birthPlace: 'JAKARTA',
      birthDate: '1990-08-05',
      gender: 'FEMALE',
      bloodType: 'AB',
      address: 'JL. MAWAR 1',
      rtRw: '001/002',
      kelurahan: 'MENTENG',
      validUntil: 'SEUMUR HIDUP',
    });
  });

  it('leaves out values the API would refuse instead of failing the visit', () => {
    const profile = typedProfile({ nik: '3171014508900001', nama: 'BUDI', tanggalLahir: '05-08-1990', jenisKelamin: '?', golonganDarah: 'X', rtRw: '1-2', alamat: '  ' });
    expect(profile.birthDate).toBeUndefined();
    expect(profile.gender).toBeUndefined();
    expect(profile.bloodType).toBeUndefined();
    expect(profile.rtRw).toBeUndefined();
    expect(profile.address).toBeUndefined();
    expect(typedProfile({ nik: '3171014508900001', nama: 'BUDI', jenisKelamin: 'LAKI-LAKI' }).gender).toBe('MALE');
  });
});
