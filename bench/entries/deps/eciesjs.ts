// Reference: eciesjs alone (what the relay handshake uses).
import { decrypt, encrypt, PrivateKey } from 'eciesjs'

const key = new PrivateKey()
console.log(decrypt(key.secret, encrypt(key.publicKey.toBytes(true), new Uint8Array(32))))
