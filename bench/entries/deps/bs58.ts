// Reference: bs58 alone.
import bs58 from 'bs58'

console.log(bs58.encode(new Uint8Array(32)), bs58.decode)
