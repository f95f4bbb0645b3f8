// tweetnacl ships types for its main entry only; nacl.min.js (what @dapplink/core imports) has the same API.
declare module 'tweetnacl/nacl.min.js' {
  import nacl from 'tweetnacl'
  export default nacl
}
