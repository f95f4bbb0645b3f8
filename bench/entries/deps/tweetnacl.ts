// Reference: tweetnacl alone through its main entry (nacl-fast, box and sign), as most dapps import it.
import nacl from 'tweetnacl'

const pair = nacl.box.keyPair()
console.log(nacl.box.before(pair.publicKey, pair.secretKey), nacl.sign.detached.verify)
