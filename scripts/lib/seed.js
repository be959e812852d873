// Seeds the demo institution (three services), its admin, operator and kiosk key through the
// services' own message patterns, as the system actor. Safe to run again: nothing changes.
const path = require('node:path');
const { ROOT } = require('./apps');

/** Development credentials; override them in .env. They only ever name demo accounts. */
const SEED_DEFAULTS = {
  SEED_INSTITUTION_CODE: 'PKM-DEMO',
  SEED_ADMIN_EMAIL: 'admin@pkm-demo.mediq.local',
  SEED_ADMIN_PASSWORD: 'Admin-Demo-2026!',
  SEED_OPERATOR_EMAIL: 'operator@pkm-demo.mediq.local',
  SEED_OPERATOR_PASSWORD: 'Operator-Demo-2026!',
  SEED_KIOSK_API_KEY: 'mediq-demo-kiosk-key-0000000000000000',
};

async function seedDemo({ env = process.env } = {}) {
  const { RpcClient, SYSTEM_ACTOR, baseEnvSchema } = require(path.join(ROOT, 'packages/common/dist'));
  const { InstitutionContracts, UserContracts, demoInstitutionSeed } = require(path.join(ROOT, 'packages/contracts/dist'));
  const value = (name) => env[name] || SEED_DEFAULTS[name];
  const rpc = new RpcClient(baseEnvSchema.parse({ ...env, RPC_TIMEOUT_MS: '15000' }));
  try {
    const { institution, services } = await rpc.call(InstitutionContracts.ensure, demoInstitutionSeed(value('SEED_INSTITUTION_CODE')), {
      actor: SYSTEM_ACTOR,
    });
    const access = await rpc.call(
      UserContracts.seedInstitutionAccess,
      {
        institutionId: institution.id,
        admin: { name: 'Admin Demo', email: value('SEED_ADMIN_EMAIL'), password: value('SEED_ADMIN_PASSWORD') },
        operator: { name: 'Operator Demo', email: value('SEED_OPERATOR_EMAIL'), password: value('SEED_OPERATOR_PASSWORD') },
        kioskKey: { label: 'Demo kiosk', key: value('SEED_KIOSK_API_KEY') },
      },
      { actor: SYSTEM_ACTOR },
    );
    return {
      institution,
      services,
      access,
      summary: [
        `institution ${institution.code} (${institution.id}): ${services.map((s) => `${s.code} ${s.name}`).join(', ')}`,
        `admin     ${access.admin.email} / ${value('SEED_ADMIN_PASSWORD')}   (development credentials)`,
        `operator  ${access.operator.email} / ${value('SEED_OPERATOR_PASSWORD')}`,
        `kiosk key ${value('SEED_KIOSK_API_KEY')}   (x-api-key header)`,
      ],
    };
  } finally {
    await rpc.onApplicationShutdown();
  }
}

module.exports = { seedDemo, SEED_DEFAULTS };
