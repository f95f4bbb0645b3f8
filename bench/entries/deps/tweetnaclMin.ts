// Reference: tweetnacl's nacl.min.js alone (box and sign), the build @dapplink/core imports.
import nacl from 'tweetnacl/nacl.min.js'

const pair = nacl.box.keyPair()
console.log(nacl.box.before(pair.publicKey, pair.secretKey), nacl.sign.detached.verify)
