// tweetnacl ships types for its main entry only; nacl.min.js has the same API.
declare module 'tweetnacl/nacl.min.js' {
  import nacl from 'tweetnacl'
  export default nacl
}
