// Reference: tweetnacl alone (box and sign), as the deeplink client uses it.
import nacl from 'tweetnacl'

const pair = nacl.box.keyPair()
console.log(nacl.box.before(pair.publicKey, pair.secretKey), nacl.sign.detached.verify)
