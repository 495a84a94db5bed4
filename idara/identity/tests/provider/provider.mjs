// The national identity provider of the tests: oidc-provider (OpenID certified), configured
// as Idara expects its provider to be: discovery, authorisation code with PKCE required, the
// person's CNIE number in the claim `national_id`. Its development login page takes any login
// (the account's id below) and any password. PORT, REDIRECT_URI and PEOPLE come from the test.
import Provider from 'oidc-provider';

// The provider keeps the test process's clock, which `make test TODAY=…` moves: the tokens it
// signs must not look expired, or not yet valid, to the process that checks them.
const offset = Number(process.env.CLOCK_OFFSET_MS || 0);
const realNow = Date.now;
Date.now = () => realNow() + offset;

const port = Number(process.env.PORT);
const people = JSON.parse(process.env.PEOPLE);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'idara',
    client_secret: 'idara-test-secret',
    redirect_uris: [process.env.REDIRECT_URI],
    response_types: ['code'],
    grant_types: ['authorization_code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'phone', 'national_id'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
    national_id: ['national_id'],
  },
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...person }) };
  },
  cookies: { keys: ['idara-tests-only'] },
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));
