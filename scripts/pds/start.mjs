// Starts a PLC directory (in memory) and a Bluesky PDS (the reference
// implementation, @atproto/pds) on 127.0.0.1 only, with random ports and
// secrets and a throw-away data directory, for the Bluesky connector's
// integration test. It prints one JSON line:
//
//   {"pds":"http://127.0.0.1:PORT","plc":"http://127.0.0.1:PORT","hostname":"localhost","admin_password":"..."}
//
// and stays up until stdin closes or it gets SIGINT/SIGTERM, then stops
// both servers and removes the data directory.
//
// Run it with the Node 22 that install.sh caches, from the directory that
// holds node_modules (install.sh passes NODE_PATH; ESM needs the cwd).
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import process from 'node:process'
import { createRequire } from 'node:module'

// node_modules live in the cache, not beside this script: resolve from there.
const modules = process.env.STORMWATCH_PDS_MODULES || path.join(process.cwd(), 'node_modules')
const require = createRequire(path.join(modules, 'noop.js'))
const { PlcServer, Database } = require('@did-plc/server')
const { PDS, envToCfg, envToSecrets, readEnv } = await import(
  'file://' + require.resolve('@atproto/pds')
)

const HOST = '127.0.0.1'

// Both servers' start() call app.listen(port) on every interface; bind
// them to the loopback address only.
const loopbackOnly = (app) => {
  const listen = app.listen.bind(app)
  app.listen = (port) => listen(port, HOST)
}

// A free loopback port: the PDS must know its own port before it starts,
// because its public URL (and the service endpoint it registers in each
// account's DID document) contains it.
const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, HOST, () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })

const hex = (n) => crypto.randomBytes(n).toString('hex')

const main = async () => {
  const plc = PlcServer.create({ db: Database.mock(), port: 0 })
  loopbackOnly(plc.app)
  const plcListener = await plc.start()
  const plcUrl = `http://${HOST}:${plcListener.address().port}`

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormwatch-pds-'))
  const port = await freePort()
  const adminPassword = hex(16)
  Object.assign(process.env, {
    PDS_HOSTNAME: 'localhost',
    PDS_PORT: String(port),
    PDS_DEV_MODE: 'true',
    PDS_DATA_DIRECTORY: dir,
    PDS_BLOBSTORE_DISK_LOCATION: path.join(dir, 'blobs'),
    PDS_DID_PLC_URL: plcUrl,
    PDS_INVITE_REQUIRED: 'false',
    PDS_CRAWLERS: '',
    PDS_JWT_SECRET: hex(32),
    PDS_ADMIN_PASSWORD: adminPassword,
    PDS_DPOP_SECRET: hex(32),
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: hex(32),
    PDS_REPO_SIGNING_KEY_K256_PRIVATE_KEY_HEX: hex(32),
    LOG_ENABLED: process.env.LOG_ENABLED || 'false',
  })
  const env = readEnv()
  const pds = await PDS.create(envToCfg(env), envToSecrets(env))
  loopbackOnly(pds.app)
  await pds.start()

  let stopping = false
  const stop = async (code) => {
    if (stopping) return
    stopping = true
    try {
      await pds.destroy()
    } catch {}
    try {
      await plc.destroy()
    } catch {}
    fs.rmSync(dir, { recursive: true, force: true })
    process.exit(code)
  }
  process.on('SIGINT', () => stop(0))
  process.on('SIGTERM', () => stop(0))
  process.stdin.on('end', () => stop(0))
  process.stdin.on('close', () => stop(0))
  process.stdin.resume()

  process.stdout.write(
    JSON.stringify({
      pds: `http://${HOST}:${port}`,
      plc: plcUrl,
      hostname: 'localhost',
      admin_password: adminPassword,
    }) + '\n',
  )
}

main().catch((err) => {
  console.error('stormwatch pds harness:', err)
  process.exit(1)
})
