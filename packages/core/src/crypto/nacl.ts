// The one place that picks the tweetnacl build: the pre-minified pure-JS one. nacl-fast (the package's
// main) is 60% larger, and nacl.min.js is nacl.js minified (a smaller bundle than re-minifying nacl.js).
import nacl from 'tweetnacl/nacl.min.js'

export { nacl }
