// Drives a running service through Twilio's Node SDK and the Flex Plugins CLI's API client,
// unchanged but for the base URL. Usage: FLEX_BASE_URL=http://127.0.0.1:8080 FLEX_ACCOUNT_SID=AC...
// FLEX_AUTH_TOKEN=... node check.js   (run by .ci/smoke against a fresh embedded service)
const assert = require('node:assert/strict');
const twilio = require('twilio');
const api = require('@twilio/flex-plugins-api-client');

const sid = process.env.FLEX_ACCOUNT_SID;
const token = process.env.FLEX_AUTH_TOKEN;
const base = process.env.FLEX_BASE_URL;
const suffix = Date.now().toString(36);

async function nodeSdk() {
  const client = twilio(sid, token);
  client.flexApi.baseUrl = base;
  const name = `node-sdk-${suffix}`;
  const p = await client.flexApi.v1.plugins.create({ uniqueName: name, friendlyName: 'Node SDK plugin', description: 'spaces & symbols' });
  assert.match(p.sid, /^FP[0-9a-f]{32}$/);
  assert.equal(p.description, 'spaces & symbols');
  assert.ok(p.dateCreated instanceof Date && !isNaN(p.dateCreated), 'date_created parses');
  const v = await client.flexApi.v1.plugins(name).pluginVersions.create({ versionParam: '1.0.0', pluginUrl: 'https://a.example/n.js', changelog: 'a b+c', private: true });
  assert.equal(v.version, '1.0.0');
  assert.equal(v.changelog, 'a b+c');
  assert.equal(v._private, true);
  for (let i = 0; i < 5; i++) {
    await client.flexApi.v1.plugins(name).pluginVersions.create({ versionParam: `1.1.${i}`, pluginUrl: 'https://a.example/n.js' });
  }
  const all = await client.flexApi.v1.plugins(name).pluginVersions.list({ pageSize: 2 });
  assert.deepEqual(all.map((x) => x.version), ['1.1.4', '1.1.3', '1.1.2', '1.1.1', '1.1.0', '1.0.0']);
  await assert.rejects(client.flexApi.v1.plugins(`missing-${suffix}`).fetch(), (e) => e.status === 404 && e.code === 20404);
  console.log('node-check: Twilio Node SDK: create, versions, auto-paged list, 404 all as expected');
}

async function flexPluginsCli() {
  const http = new api.PluginServiceHTTPClient(sid, token);
  http.client.defaults.baseURL = `${base}/v1/PluginService`;
  const plugins = new api.PluginsClient(http);
  const versions = new api.PluginVersionsClient(http);
  const name = `cli-plugin-${suffix}`;
  const created = await plugins.upsert({ UniqueName: name, FriendlyName: 'CLI plugin', Description: 'deployed by the CLI' });
  const updated = await plugins.upsert({ UniqueName: name, FriendlyName: 'CLI plugin renamed' });
  assert.equal(updated.sid, created.sid, 'upsert found the plugin (404 on fetch, then create; then update)');
  assert.equal(updated.friendly_name, 'CLI plugin renamed');
  const v = await versions.create(name, { Version: '2.0.0', PluginUrl: 'https://assets.example.com/cli/2.0.0/bundle.js', Private: true, Changelog: 'From the CLI: 100% {"json":true}', CliVersion: '6.3.2', ValidateStatus: 'success' });
  assert.equal(v.changelog, 'From the CLI: 100% {"json":true}');
  assert.equal(v.validated, true);
  assert.equal((await versions.get(name, '2.0.0')).sid, v.sid, 'fetch by version string');
  await versions.create(name, { Version: '2.1.0', PluginUrl: 'https://assets.example.com/cli/2.1.0/bundle.js' });
  assert.equal((await versions.latest(name)).version, '2.1.0', 'latest = list[0]');
  const first = await plugins.list({ pageSize: 1 });
  assert.ok(first.meta.next_token, 'PageToken pulled out of next_page_url');
  const second = await plugins.list({ pageSize: 1, pageToken: first.meta.next_token, page: 1 });
  assert.notEqual(second.plugins[0].sid, first.plugins[0].sid);
  await assert.rejects(plugins.get(`missing-${suffix}`), (e) => e.status === 404 && e.code === 20404);
  console.log('node-check: Flex Plugins API client: upsert, versions, latest, paging, 404 all as expected');
}

(async () => {
  await nodeSdk();
  await flexPluginsCli();
})().catch((e) => {
  console.error('node-check FAILED', e);
  process.exit(1);
});
