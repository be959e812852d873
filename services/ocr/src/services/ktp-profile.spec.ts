import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { toPatientProfile } from './ktp-profile';

describe('toPatientProfile', () => {
  const card = {
    nik: '3204 1234 5678 0001',
    nama: 'SITI  NURJANAH ',
    tempatLahir: 'GARUT',
    tanggalLahir: '17-08-1990',
    jenisKelamin: 'PEREMPUAN',
    golonganDarah: '-',
    alamat: 'KP. CIOJAR',
    rtRw: '001/002',
    kelurahanDesa: 'SUKAMAJU',
    kecamatan: 'TAROGONG KIDUL',
    agama: 'ISLAM',
    statusPerkawinan: 'BELUM KAWIN',
    pekerjaan: 'PELAJAR/MAHASISWA',
    kewarganegaraan: 'WNI',
    berlakuHingga: 'SEUMUR HIDUP',
  };

  it('maps printed labels to profile fields, normalising spaces, dates and vocabularies', () => {
    expect(toPatientProfile(card)).toEqual({
      nik: '3204123456780001',
      name: 'SITI NURJANAH',
      birthPlace: 'GARUT',
      birthDate: '1990-08-17',
      gender: 'FEMALE',
      bloodType: '-',
      address: 'KP. CIOJAR',
      rtRw: '001/002',
      kelurahan: 'SUKAMAJU',
      kecamatan: 'TAROGONG KIDUL',
      kabupatenKota: null,
      provinsi: null,
      religion: 'ISLAM',
      maritalStatus: 'BELUM KAWIN',
      occupation: 'PELAJAR/MAHASISWA',
      nationality: 'WNI',
      validUntil: 'SEUMUR HIDUP',
    });
  });

  it('accepts English values printed on foreign residents cards', () => {
    expect(toPatientProfile({ ...card, jenisKelamin: 'MALE', tanggalLahir: '1985-02-28' })).toMatchObject({ gender: 'MALE', birthDate: '1985-02-28' });
  });

  it('names every field a person has to fix', () => {
    const error = (() => {
      try {
        return toPatientProfile({ ...card, nik: '32041234', nama: ' ', tanggalLahir: '31-02-1990', jenisKelamin: 'X', golonganDarah: 'Z' });
      } catch (e) {
        return e;
      }
    })() as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(Object.keys((error.details as { fields: object }).fields).sort()).toEqual(['golonganDarah', 'jenisKelamin', 'nama', 'nik', 'tanggalLahir']);
    expect(error.message).toContain('nik must be exactly 16 digits');
  });
});
